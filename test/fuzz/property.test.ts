/**
 * Property tests over generated, corpus and mutated nova.conf documents: no
 * feature of the language service throws, every range lies in the document,
 * results are deterministic, and every quick fix removes its diagnostic without
 * touching text outside its edit. Bounded so it fits in `npm test`; the long
 * campaign is `npm run fuzz -- --runs N` (test/fuzz/campaign.ts).
 *
 * A failure prints fast-check's seed and path; replay with FC_SEED / FC_PATH.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { anyDoc, corpus, mutatedCorpusDoc } from './arbitraries';
import { analyze, checkDeterministic, checkQuickFixes, freshService, refDoc } from './properties';
import { KNOWN_BUGS } from './known';
import { HAVE_SHARED } from '../helpers';

// A fixed seed keeps `npm test` deterministic (CI must not go red by chance); set FC_SEED to explore,
// and run `npm run fuzz` for long randomised campaigns.
const seed = Number(process.env.FC_SEED ?? 20261125);
const path = process.env.FC_PATH;
const params = (numRuns: number): fc.Parameters<[string]> => ({ numRuns, ...(seed !== undefined ? { seed } : {}), ...(path ? { path } : {}) });

/** Documents that hit a reported, not yet fixed bug (test/fuzz/known.ts) are skipped by the random properties. */
const clean = (t: string) => !KNOWN_BUGS.some((k) => k.matches(t));

test('corpus: every shared real-world file, example and Nova case, all positions, fixes, determinism', { skip: HAVE_SHARED ? false : 'shared data not found' }, () => {
  const svc = freshService();
  let n = 0;
  let fixes = 0;
  for (const text of corpus()) {
    // Every position of the short documents, an even sample of 300 in the long ones.
    analyze(svc, text, 300, `file:///corpus/${n}.conf`);
    if (n % 4 === 0) checkDeterministic(text, 20);
    fixes += checkQuickFixes(text).applied;
    n++;
  }
  assert.ok(n > 300, `corpus has ${n} documents`);
  assert.ok(fixes > 0, 'the corpus exercises some quick fixes');
});

test('property: any generated or mutated document — no feature throws, every range is inside the document', () => {
  const svc = freshService();
  let i = 0;
  fc.assert(
    fc.property(anyDoc(), (text) => {
      fc.pre(clean(text));
      analyze(svc, text, 40, `file:///p/${i++}.conf`);
    }),
    params(1000),
  );
});

test('property: two fresh services give identical results for the same text', () => {
  fc.assert(
    fc.property(anyDoc(), (text) => {
      fc.pre(clean(text));
      checkDeterministic(text, 15);
    }),
    params(200),
  );
});

test('property: every offered quick fix removes its diagnostic and changes nothing outside its edit', () => {
  fc.assert(
    fc.property(fc.oneof(anyDoc(), mutatedCorpusDoc(2)), (text) => {
      fc.pre(clean(text));
      checkQuickFixes(text);
    }),
    params(600),
  );
});

test('property: releases — every release parses every document without throwing', () => {
  const releases = ['2022.2', '2023.1', '2024.1', '2025.1', '2025.2', 'master'] as const;
  fc.assert(
    fc.property(anyDoc(), fc.constantFrom(...releases), (text, release) => {
      fc.pre(clean(text));
      const svc = freshService(release);
      const doc = svc.parse(text, 'file:///r.conf', 1);
      svc.diagnostics(doc);
      svc.documentSymbols(doc);
      svc.foldingRanges(doc);
    }),
    { numRuns: 300, ...(seed !== undefined ? { seed } : {}) },
  );
});

// ------------------------------------------------------------ hostile content

test('hostile: a $name loop (host = $my_ip, my_ip = $host, state_path = ${state_path}) is reported, not followed forever', () => {
  const text = '[DEFAULT]\nhost = $my_ip\nmy_ip = $host\nstate_path = ${state_path}\n';
  const svc = freshService();
  const doc = svc.parse(text, 'file:///loop.conf', 1);
  assert.ok(doc.refProblems.some((p) => p.kind === 'loop'), JSON.stringify(doc.refProblems.map((p) => [p.name, p.kind])));
  assert.ok(svc.diagnostics(doc).some((d) => d.severity === 1 && /\$host|\$my_ip/.test(d.message)), 'the loop is an error: oslo.config recurses forever');
  analyze(svc, text, 1000);
});

test('hostile: pathological Python regexes in a device_spec address are checked without being run', { timeout: 60_000 }, () => {
  const patterns = ['(a+)+$', '(a|aa)*b' + '?'.repeat(1), '(' + '(a*)*'.repeat(500) + ')', '(x+x+)+y', '('.repeat(5000) + 'a' + ')'.repeat(5000), '['.repeat(20000), '\\'.repeat(30001)];
  for (const p of patterns) {
    const text = `[pci]\ndevice_spec = {"address": {"bus": ${JSON.stringify(p + 'a'.repeat(40))}, "function": "[1-7]"}, "physical_network": "physnet1"}\n`;
    const svc = freshService();
    const ds = svc.diagnostics(svc.parse(text, 'file:///re.conf', 1));
    assert.ok(Array.isArray(ds));
    analyze(svc, text, 200);
  }
});

test('hostile: one 1 MB line, 20,000 sections, and a 200,000-character run of $ do not throw', { timeout: 120_000 }, () => {
  for (const text of [
    `[pci]\ndevice_spec = {"vendor_id": "${'x'.repeat(1 << 20)}"}\n`,
    `[DEFAULT]\nhost = ${'h'.repeat(1 << 20)}\n`,
    Array.from({ length: 20000 }, (_, i) => `[s${i}]\nk = v`).join('\n'),
    `[DEFAULT]\nx = ${'$'.repeat(200000)}\n`,
    `[DEFAULT]\nx = ${'\uD800'.repeat(100000)}\n`,
  ]) {
    const svc = freshService();
    const doc = svc.parse(text, 'file:///big.conf', 1);
    const ds = svc.diagnostics(doc);
    const td = refDoc(text);
    for (const d of ds) assert.ok(d.range.end.line < td.lineCount);
    svc.documentSymbols(doc);
    svc.foldingRanges(doc);
    svc.hover(doc, { line: 1, character: 5 });
    svc.completion(doc, { line: 1, character: 20 });
  }
});

// ------------------------------------------------------------ regressions found by fuzzing

test('regression (bug 3, fixed): a fix offered for a U+FEFF on a later line removes that diagnostic, not the file\'s BOM', () => {
  for (const text of ['\uFEFF\n\uFEFF\n', '\uFEFF[DEFAULT]\n\uFEFF[DEFAULT]\n', '[DEFAULT]\n\uFEFF[DEFAULT]\n']) {
    // Every fix offered is applied and checked (a stray U+FEFF on a later line gets no "disable" action any more).
    const r = checkQuickFixes(text);
    assert.equal(r.applied, r.offered, JSON.stringify(text));
  }
});

test('regression (bug 1, fixed): a value that is a lone quote on a CRLF line keeps every range inside its line', () => {
  for (const text of ["[s]\r\na = '\r\n", '[s]\r\na = "\r\nb = 1\r\n', "[s]\na = '", "[s]\ra = '\r"]) analyze(freshService(), text, 100);
});

test('regression (bug 2, fixed): 6,000 nested brackets in a device_spec give an error diagnostic, not a stack overflow', () => {
  for (const text of ['[pci]\ndevice_spec = ' + '['.repeat(6000), '[pci]\nalias = ' + '['.repeat(100000) + ']'.repeat(100000) + '\n', '[pci]\ndevice_spec = ' + '{"a":'.repeat(100000) + '1' + '}'.repeat(100000) + '\n']) {
    const svc = freshService();
    const ds = svc.diagnostics(svc.parse(text, 'file:///deep.conf', 1));
    assert.ok(ds.some((d) => d.severity === 1), 'Python json.loads gives up on this nesting: Nova refuses it');
    if (text.length < 10000) analyze(svc, text, 50);
  }
});
