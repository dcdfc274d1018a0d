/**
 * Result ids of pull diagnostics (server/src/service/workspace/result-ids.ts): the same content gives the same id
 * whatever list object holds it; any change of a diagnostic (range, message, data, related location) gives another.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { resultIdOf, sameDiagnostics } from '../../server/src/service/workspace/result-ids';
import { createLanguageService } from '../../server/src/service/index';
import { workspaceService } from '../helpers';

const d = (line: number, message: string, extra: Partial<Diagnostic> = {}): Diagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 5 } }, message, severity: 2, code: 'x', ...extra });

test('same content, same id; any change, another id', () => {
  const a = [d(1, 'one'), d(2, 'two', { data: { path: [0, 'vendor_id'] } })];
  const b = [d(1, 'one'), d(2, 'two', { data: { path: [0, 'vendor_id'] } })];
  assert.equal(resultIdOf(a), resultIdOf(b));
  assert.ok(sameDiagnostics(a, b));
  const changes = [
    [d(1, 'one'), d(3, 'two', { data: { path: [0, 'vendor_id'] } })],
    [d(1, 'one'), d(2, 'twO', { data: { path: [0, 'vendor_id'] } })],
    [d(1, 'one'), d(2, 'two', { data: { path: [0, 'product_id'] } })],
    [d(1, 'one'), d(2, 'two', { data: { path: [0, 'vendor_id'] }, relatedInformation: [{ location: { uri: 'file:///a', range: d(0, '').range }, message: 'm' }] })],
    [d(1, 'one')],
  ];
  for (const c of changes) {
    assert.notEqual(resultIdOf(c), resultIdOf(a));
    assert.ok(!sameDiagnostics(c, a));
  }
  assert.notEqual(resultIdOf(a, []), resultIdOf([]));
});

test('the service hands out the same list for an unchanged document and deployment, a new one after an edit', () => {
  const root = 'file:///ws/etc/kolla/config/nova/';
  const s = workspaceService(root, {
    'nova-api.conf': '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n',
    'nova-compute.conf': '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "2236"}\n',
    'compute1/nova.conf': '[DEFAULT]\ndebug = true\n',
  });
  const compute = () => s.diagnostics(s.workspace.document(root + 'nova-compute.conf')!);
  const first = compute();
  assert.ok(first.some((x) => x.code === 'alias-mismatch'));
  assert.equal(compute(), first, 'nothing changed: the same list object');
  // An edit in another file of the deployment that changes nothing for compute keeps its list.
  s.workspace.set(root + 'compute1/nova.conf', '[DEFAULT]\ndebug = false\n', undefined, 2);
  assert.equal(compute(), first);
  // The related file now agrees: a new list without the mismatch.
  s.workspace.set(root + 'nova-api.conf', '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "2236"}\n', undefined, 2);
  const next = compute();
  assert.notEqual(next, first);
  assert.notEqual(resultIdOf(next), resultIdOf(first));
  assert.ok(!next.some((x) => x.code === 'alias-mismatch'));
});

test('the same settings again keep the parsed documents and findings; other settings or invalidate() drop them', () => {
  const s = createLanguageService();
  const uri = 'file:///ws/nova.conf';
  const text = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6", "device_type": "type-VFF"}\n';
  const doc = s.parse(text, uri, 1);
  const found = s.diagnostics(doc);
  assert.ok(found.some((d) => d.code === 'alias-bad-device-type'));
  // What the LSP adapter does on every watched-file event (a save): the same settings, as a new object.
  s.configure({ release: s.settings.release, rules: { ...s.settings.rules }, host: undefined });
  assert.equal(s.parse(text, uri, 1), doc, 'the same parse');
  assert.equal(s.diagnostics(doc), found, 'the same findings, not recomputed');
  s.configure({ rules: { 'alias-bad-device-type': 'off' } });
  const off = s.parse(text, uri, 1);
  assert.notEqual(off, doc, 'a rule level changed: parsed again');
  assert.ok(s.diagnostics(off).every((d) => d.code !== 'alias-bad-device-type'));
  s.configure({ rules: { 'alias-bad-device-type': 'off' } });
  assert.equal(s.parse(text, uri, 1), off);
  s.invalidate();
  assert.notEqual(s.parse(text, uri, 1), off, 'invalidate() drops the cache');
});
