/**
 * Every quick fix offered on a corpus of files, applied and re-validated: the
 * diagnostic it targets goes away, no new Error appears, and nothing outside
 * the edited lines changes. Corpus: test/fixtures/fixes/*.conf plus the
 * real-world files in shared/data/real-world when that folder exists.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { ROOT, SHARED, service } from '../helpers';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'fixes');
const REAL_WORLD = join(SHARED, 'data', 'real-world');

const corpus: { name: string; path: string }[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.conf'))
  .sort()
  .map((f) => ({ name: `fixtures/${f}`, path: join(FIXTURES, f) }));
if (existsSync(REAL_WORLD)) {
  for (const f of readdirSync(REAL_WORLD).filter((x) => x.endsWith('.conf')).sort()) corpus.push({ name: `real-world/${f}`, path: join(REAL_WORLD, f) });
} else {
  console.log(`# fix-corpus: skipping the real-world corpus: ${REAL_WORLD} does not exist`);
}

const stats = { files: 0, diagnostics: 0, fixes: 0, disables: 0, byCode: new Map<string, number>() };
after(() => {
  const codes = [...stats.byCode].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c}=${n}`).join(' ');
  console.log(`# fix-corpus: ${stats.files} files, ${stats.diagnostics} diagnostics, ${stats.fixes} quick fixes exercised, ${stats.disables} disable comments checked`);
  console.log(`# fix-corpus: fixes by code: ${codes}`);
});

function offsetEdits(doc: TextDocument, edits: TextEdit[]) {
  return edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText, range: e.range })).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Old offset -> new offset; an offset inside a replaced span maps to where the replacement starts. */
function mapOffset(offset: number, edits: { start: number; end: number; text: string }[]): number {
  let delta = 0;
  for (const e of edits) {
    if (e.end <= offset && !(e.start === e.end && e.start === offset)) delta += e.text.length - (e.end - e.start);
    else if (e.start < offset && offset < e.end) return e.start + delta;
  }
  return offset + delta;
}

function errorCounts(ds: Diagnostic[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of ds) if (d.severity === 1) m.set(String(d.code), (m.get(String(d.code)) ?? 0) + 1);
  return m;
}

/** Asserts that every old line outside the edits' line ranges is in the new text, unchanged and in place. */
function assertOnlyEditedLinesChanged(old: TextDocument, next: string, edits: ReturnType<typeof offsetEdits>, what: string): void {
  let delta = 0;
  let from = 0; // old offset where the current protected stretch starts
  for (const e of edits) {
    const to = old.offsetAt({ line: e.range.start.line, character: 0 });
    if (to > from) assert.equal(next.slice(from + delta, to + delta), old.getText().slice(from, to), `${what}: text before line ${e.range.start.line + 1} changed`);
    delta += e.text.length - (e.end - e.start);
    from = Math.max(from, old.offsetAt({ line: e.range.end.line + 1, character: 0 }));
  }
  const rest = old.getText().slice(from);
  assert.equal(next.slice(from + delta), rest, `${what}: text after the last edited line changed`);
}

for (const file of corpus) {
  test(`quick fixes on ${file.name}`, () => {
    const text = readFileSync(file.path, 'utf8');
    const svc = service();
    const uri = `file:///corpus/${file.name}`;
    const doc = svc.parse(text, uri, 1);
    const diags = svc.diagnostics(doc);
    const before = errorCounts(diags);
    const td = TextDocument.create(uri, 'nova-conf', 1, text);
    const crlfOnly = /\r\n/.test(text) && !/(^|[^\r])\n/.test(text);
    stats.files++;
    for (const d of diags) {
      stats.diagnostics++;
      const actions = svc.codeActions(doc, d.range, { diagnostics: [d], only: ['quickfix'] }) as CodeAction[];
      assert.ok(actions.filter((a) => a.isPreferred).length <= 1, `${file.name}: at most one preferred fix for ${String(d.code)}`);
      const sameCode = diags.filter((x) => x.code === d.code).length;
      for (const a of actions) {
        const what = `${file.name}:${d.range.start.line + 1}: ${String(d.code)}: "${a.title}"`;
        assert.equal(a.kind, 'quickfix', what);
        const edits = offsetEdits(td, a.edit?.changes?.[uri] ?? []);
        assert.ok(edits.length > 0, `${what}: has edits`);
        for (let i = 1; i < edits.length; i++) assert.ok(edits[i].start >= edits[i - 1].end, `${what}: edits overlap`);
        const next = TextDocument.applyEdits(td, edits.map((e) => ({ range: e.range, newText: e.text })));
        assert.notEqual(next, text, `${what}: changes the text`);
        assertOnlyEditedLinesChanged(td, next, edits, what);
        if (crlfOnly) assert.ok(!/(^|[^\r])\n/.test(next), `${what}: keeps CRLF line endings`);

        const nextDoc = svc.parse(next, `${uri}#${stats.fixes + stats.disables}`, 1);
        const after = svc.diagnostics(nextDoc);
        const at = mapOffset(td.offsetAt(d.range.start), edits);
        const same = after.filter((x) => x.code === d.code);
        const stillThere = same.some((x) => nextDoc.offsetAt(x.range.start) === at);

        if (a.title.startsWith('Disable ')) {
          stats.disables++;
          // A suppression comment: one comment line added or extended, and the diagnostic is silenced.
          const added = next.split(/\r\n|\n|\r/).length - text.split(/\r\n|\n|\r/).length;
          assert.ok(added === 0 || added === 1, `${what}: adds at most one line`);
          assert.ok(edits.every((e) => /^[#;]|^, [A-Za-z0-9_-]+$/.test(e.text)), `${what}: only writes a comment`);
          if (a.title.endsWith('for this file')) assert.equal(same.length, 0, `${what}: silences ${String(d.code)} in the whole file`);
          else assert.ok(!stillThere, `${what}: silences the diagnostic`);
          continue;
        }

        stats.fixes++;
        stats.byCode.set(String(d.code), (stats.byCode.get(String(d.code)) ?? 0) + 1);
        assert.ok(!stillThere || same.length < sameCode, `${what}: the diagnostic is still there`);
        // Errors Nova would have reported once the JSON parsed are not new: they sit inside the repaired value.
        const repaired = d.code === 'json-invalid' || d.code === 'ini-no-separator' ? nextDoc.ini.entries.find((e) => at >= e.keySpan.start && at <= e.span.end) : undefined;
        const counted = repaired ? after.filter((x) => {
          const o = nextDoc.offsetAt(x.range.start);
          return o < repaired.span.start || o > repaired.span.end;
        }) : after;
        for (const [code, n] of errorCounts(counted)) assert.ok(n <= (before.get(code) ?? 0), `${what}: adds an Error ${code}`);
      }
    }
  });
}
