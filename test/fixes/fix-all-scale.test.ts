/**
 * fix-all stays linear and within the analysis cap (issue 19). The reproducers were a 300 KB file taking
 * 16.6 s under --fix, '[pci]\na = 1\n' × 50k taking 79 s with nothing to fix, and a 50 MB document plus
 * source.fixAll running the server out of memory (fix-all re-parsed without the 16 MB cap). Time is measured
 * in the bench (bench/adversarial.ts); these tests check the work done: re-parses are bounded, every fix of
 * a large batch is applied and checked, bad fixes are still refused, and the cap applies to every parse.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAll, reparseBudget } from '../../server/src/service/fix-all';
import { verifyFixes } from '../../server/src/service/rules/verify-batch';
import { allFindings, fixInput } from '../../server/src/service/rules/fixes';
import { DEFAULT_SETTINGS, Settings, createLanguageService } from '../../server/src/service/index';
import { parseDocument } from '../../server/src/service/document';
import { lint } from '../helpers';

const QUOTED = "device_spec = {'vendor_id': '8086', 'product_id': '154d'}\n";

test('fix-all of 400 quote errors: all fixed with a handful of re-parses (was one full re-parse per fix)', () => {
  const text = '[pci]\n' + QUOTED.repeat(400);
  const r = fixAll(text, DEFAULT_SETTINGS);
  assert.equal(r.fixes.length, 400);
  assert.ok(r.reparses <= 3, `re-parses: ${r.reparses}`);
  assert.equal(r.text, '[pci]\n' + QUOTED.replace(/'/g, '"').repeat(400));
  assert.deepEqual(lint(r.text).filter((d) => d.code === 'json-invalid'), []);
  // Reported positions are those of the original text, in order.
  assert.deepEqual(r.fixes.map((f) => f.line), Array.from({ length: 400 }, (_, i) => i + 1));
  assert.ok(r.fixes.every((f) => f.character === r.fixes[0].character));
});

test('fix-all on many sections with nothing to fix does no re-parse ([pci] a = 1, × 3000)', () => {
  const text = '[pci]\na = 1\n'.repeat(3000);
  const r = fixAll(text, DEFAULT_SETTINGS);
  assert.deepEqual([r.text, r.fixes.length, r.reparses], [text, 0, 0]);
});

test('the re-parse budget shrinks with the document: the work is bounded by a constant times its length', () => {
  assert.equal(reparseBudget(10_000), 200);
  assert.ok(reparseBudget(1_000_000) * 1_000_000 <= 64 * 1024 * 1024 + 1_000_000);
  assert.equal(reparseBudget(16 * 1024 * 1024), 4);
});

test('the batch check still refuses bad fixes among good ones: one that adds an Error, one that leaves its diagnostic', () => {
  const text = '[pci]\n' + QUOTED.repeat(8);
  const doc = parseDocument(text, 'file:///b.conf', 0, DEFAULT_SETTINGS.release, DEFAULT_SETTINGS.maxDocumentSize);
  const inputs = allFindings(doc, DEFAULT_SETTINGS)
    .findings.filter((f) => f.code === 'json-invalid')
    .map((f) => fixInput(doc, f, DEFAULT_SETTINGS));
  assert.equal(inputs.length, 8);
  const value = (i: number) => {
    const start = text.indexOf('{', doc.ini.lineStarts[i + 1]);
    return { start, end: text.indexOf('}', start) + 1 };
  };
  const good = (i: number) => ({ input: inputs[i], fix: { title: `good ${i}`, preferred: true, edits: [{ ...value(i), text: '{"vendor_id": "8086", "product_id": "154d"}' }] } });
  const addsError = (i: number) => ({ input: inputs[i], fix: { title: `adds an error ${i}`, preferred: true, edits: [{ ...value(i), text: '{"vendor_id": "8086", "product_id": "154d"}\nno separator here' }] } });
  const leavesIt = (i: number) => ({ input: inputs[i], fix: { title: `leaves it ${i}`, preferred: true, edits: [{ start: value(i).start, end: value(i).start, text: ' ' }] } });
  const all = [good(0), good(1), addsError(2), good(3), good(4), leavesIt(5), good(6), good(7)];
  const budget = { left: 100 };
  assert.deepEqual(verifyFixes(all, budget), [true, true, false, true, true, false, true, true]);
  assert.ok(100 - budget.left <= 12, `re-checks: ${100 - budget.left}`);
  // All good: one re-check for the whole batch.
  const ok = { left: 100 };
  assert.deepEqual(verifyFixes([0, 1, 2, 3, 4, 5, 6, 7].map(good), ok), new Array(8).fill(true));
  assert.equal(100 - ok.left, 1);
  // No budget left: nothing is verified, so nothing would be applied.
  assert.deepEqual(verifyFixes([good(0), good(1), good(2)], { left: 0 }), [false, false, false]);
});

test('the analysis cap applies to fix-all, to --fix and to the check of every quick fix', () => {
  const small: Settings = { ...DEFAULT_SETTINGS, maxDocumentSize: 200 };
  const over = '[pci]\n' + QUOTED.repeat(4); // 238 characters
  const r = fixAll(over, small);
  assert.deepEqual([r.text, r.fixes.length, r.reparses], [over, 0, 0], 'a document over the cap is not re-parsed or fixed');
  // Under the cap, but the fix would push the text past it: not verified, so not offered (and not applied).
  const alias = '[pci]\nalias = {"name": "a", "vendor_id": "8086", "product_id": "154d"}\n';
  const offered = (maxDocumentSize: number) => {
    const svc = createLanguageService({ settings: { maxDocumentSize } });
    const doc = svc.parse(alias, 'file:///alias.conf', 1);
    const d = svc.diagnostics(doc).find((x) => x.code === 'pci-filter-not-enabled');
    assert.ok(d);
    return svc.codeActions(doc, d.range, { diagnostics: [d] }).filter((a) => a.kind === 'quickfix' && !a.title.startsWith('Disable')).length;
  };
  assert.equal(offered(DEFAULT_SETTINGS.maxDocumentSize), 1);
  assert.equal(offered(alias.length), 0);
  assert.equal(fixAll(alias, { ...DEFAULT_SETTINGS, maxDocumentSize: alias.length }).text, alias);
});
