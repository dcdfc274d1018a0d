/**
 * computeDiagnostics (service/features/diagnostics.ts) hands back the previous version's list when the findings
 * would build a deeply equal list, comparing without building it: any difference a client could see (a range, the
 * message, the severity, data, related information, tags, the count) must give a newly built list instead.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { parseDocument } from '../../server/src/service/document';
import { computeDiagnostics } from '../../server/src/service/features/diagnostics';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';

// A duplicate (related information, the `unnecessary` tag), a deprecated name (data, the `deprecated` tag) and more.
const TEXT = ['[DEFAULT]', 'debug = true', 'debug = false', 'vcpu_pin_set = 1-3', 'cpu_allocation_ratio = lots', '[pci]', 'passthrough_whitelist = {"vendor_id": "8086"}', ''].join('\n');

test('the previous list comes back only when the new one would equal it in every field', () => {
  const doc = parseDocument(TEXT, 'file:///reuse.conf', 1, DEFAULT_SETTINGS.release);
  const fresh = computeDiagnostics(doc, DEFAULT_SETTINGS);
  assert.ok(fresh.some((d) => d.relatedInformation?.length) && fresh.some((d) => d.tags?.length) && fresh.some((d) => Object.keys(d.data as object).length > 1), 'the sample has related information, tags and data');
  const copy = structuredClone(fresh);
  assert.equal(computeDiagnostics(doc, DEFAULT_SETTINGS, copy), copy, 'an equal list is handed back');
  const changes: [string, (l: Diagnostic[]) => void][] = [
    ['one fewer', (l) => l.pop()],
    ['a start character', (l) => l[0].range.start.character++],
    ['an end line', (l) => l[l.length - 1].range.end.line++],
    ['a message', (l) => (l[0].message += '.')],
    ['a severity', (l) => (l[0].severity = l[0].severity === 1 ? 2 : 1)],
    ['a code', (l) => (l[0].code = 'other')],
    ['a data field', (l) => ((l.find((d) => Object.keys(d.data as object).length > 1)!.data as Record<string, unknown>).extra = 1)],
    ['a data value', (l) => { const d = l.find((x) => Object.keys(x.data as object).length > 1)!.data as Record<string, unknown>; const k = Object.keys(d).find((x) => x !== 'rule')!; d[k] = `${String(d[k])}!`; }],
    ['data.rule', (l) => ((l[0].data as Record<string, unknown>).rule = 'other')],
    ['related information gone', (l) => delete l.find((d) => d.relatedInformation)!.relatedInformation],
    ['a related range', (l) => l.find((d) => d.relatedInformation)!.relatedInformation![0].location.range.start.line++],
    ['a related message', (l) => (l.find((d) => d.relatedInformation)!.relatedInformation![0].message += '!')],
    ['tags gone', (l) => delete l.find((d) => d.tags)!.tags],
    ['a tag', (l) => { const d = l.find((x) => x.tags)!; d.tags = [d.tags![0] === 1 ? 2 : 1]; }],
    ['tags added', (l) => (l.find((d) => !d.tags)!.tags = [1])],
  ];
  for (const [what, change] of changes) {
    const before = structuredClone(fresh);
    change(before);
    const now = computeDiagnostics(doc, DEFAULT_SETTINGS, before);
    assert.notEqual(now, before, what);
    assert.deepEqual(now, fresh, what);
  }
});
