/**
 * fix-all verifies its fixes in batches (fixes/verify-batch.ts) instead of
 * re-checking the whole document once per fix. The result must be the one the
 * one-fix-at-a-time verification gives: same text, same fixes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAll } from '../../server/src/service/fix-all';
import { parseDocument } from '../../server/src/service/document';
import { allFindings, candidateFixes, fixInput, verifyFix } from '../../server/src/service/rules/fixes';
import { applyEdits, editsConflict } from '../../server/src/service/rules/edits';
import type { OffsetEdit } from '../../server/src/service/rules/fix-types';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';

/** The previous fix-all loop: every fix verified on its own. */
function oneByOne(text: string): string {
  const settings = DEFAULT_SETTINGS;
  let current = text;
  for (let round = 0; round < 20; round++) {
    const doc = parseDocument(current, 'untitled:nova.conf', round, settings.release);
    const taken: OffsetEdit[] = [];
    for (const f of allFindings(doc, settings).findings) {
      const input = fixInput(doc, f, settings);
      const preferred = candidateFixes(input).filter((f) => f.preferred && f.kind !== 'disable');
      if (preferred.length !== 1) continue;
      const fix = preferred[0];
      if (fix.edits.some((e) => taken.some((t) => editsConflict(e, t)))) continue;
      if (!verifyFix(input, fix)) continue;
      taken.push(...fix.edits);
    }
    if (!taken.length) break;
    const next = applyEdits(current, taken);
    if (next === current) break;
    current = next;
  }
  return current;
}

const MISTAKES = [
  (i: number) => `device_spec = {'vendor_id': '8086', 'product_id': '154d', 'address': '0000:${(i % 256).toString(16).padStart(2, '0')}:00.1'}`,
  (i: number) => `device_spec = {"vendor_id": "8086", "product_id": "10ed", "physical_network": "net${i}",}`,
  (i: number) => `device_spec = {"vendor_id": "8086", "product_id": "10ed", "trusted": True, "physical_network": "net${i}"}`,
  (i: number) => `alias = {"name": "a${i}", "vendor_id": "10de", "product_id": "25b6", "numa_policy": "prefered"}`,
  (i: number) => `alias = {"name": "b${i}", "vendor_id": "10de", "product_id": "25b6", "device_type": "type-pci"}`,
  (i: number) => `passthrough_whitelist = {"vendor_id": "15b3", "product_id": "1018", "physical_network": "m${i}"}`,
];

function config(n: number): string {
  const lines = ['[DEFAULT]', 'debug = true', '[filter_scheduler]', 'enabled_filters = ComputeFilter,PciPassthroughFilter', '[pci]'];
  for (let i = 0; i < n; i++) {
    lines.push(i % 3 === 0 ? MISTAKES[(i / 3) % MISTAKES.length](i) : `device_spec = {"vendor_id": "8086", "product_id": "154d", "address": "0000:${(i % 256).toString(16).padStart(2, '0')}:00.*"}`);
    if (i % 40 === 39) lines.push('[neutron]', `physnets = net${i}`, '[pci]');
  }
  return lines.join('\n') + '\n';
}

test('fix-all with many fixes: same text as verifying each fix on its own', () => {
  const text = config(240);
  const got = fixAll(text, DEFAULT_SETTINGS);
  assert.ok(got.fixes.length >= 60, `fixes applied: ${got.fixes.length}`);
  assert.equal(got.text, oneByOne(text));
});

test('fix-all with a handful of fixes: same text as verifying each fix on its own', () => {
  for (const n of [1, 4, 9]) {
    const text = config(n * 3);
    assert.equal(fixAll(text, DEFAULT_SETTINGS).text, oneByOne(text), `n=${n}`);
  }
});
