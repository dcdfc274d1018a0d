/**
 * A keystroke that does not change a document's findings reuses what was computed for the version before
 * (server/src/service/index.ts keeps the list object, server/src/frame-writer.ts its JSON): the answers must be
 * exactly what computing them afresh gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService } from '../../server/src/service/index';
import { encodeFrame, messageJson } from '../../server/src/frame-writer';
import { resultIdOf } from '../../server/src/service/workspace/result-ids';
import { computeLineStarts, offerLineStarts } from '../../server/src/service/lines';
import { knownLineStarts } from '../../server/src/document-lines';
import { syncedDocuments } from '../../server/src/protocol-gate';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseIni } from '../../server/src/service/oslo/ini';
import { parseDocument } from '../../server/src/service/document';
import { computeDiagnostics } from '../../server/src/service/features/diagnostics';
import { DEFAULT_RELEASE } from '../../server/src/service/releases';

const REAL = join(__dirname, '..', '..', '..', 'shared', 'data', 'real-world', '060-tripleo-undercloud-puppet-generated-full.conf');

test('a version with the same findings hands out the previous list; a version with other findings a new, correct one', () => {
  const s = createLanguageService();
  const uri = 'file:///ws/nova.conf';
  const v1 = '[DEFAULT]\n# a comment\ndebug = true\n[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6", "device_type": "type-VFF"}\n';
  const first = s.diagnostics(s.parse(v1, uri, 1));
  assert.ok(first.some((d) => d.code === 'alias-bad-device-type'));
  // Typing in a comment: same findings, the same list object (and so the same cached result id).
  const v2 = v1.replace('# a comment', '# a commentx');
  const d2 = s.diagnostics(s.parse(v2, uri, 2));
  assert.equal(d2, first);
  assert.deepEqual(d2, createLanguageService().diagnostics(createLanguageService().parse(v2, uri, 2)));
  // A value that gets a finding: a new list.
  const v2b = v1.replace('debug = true', 'debug = truex');
  const d2b = s.diagnostics(s.parse(v2b, uri, 5));
  assert.deepEqual(d2b, createLanguageService().diagnostics(createLanguageService().parse(v2b, uri, 5)));
  // Fixing the finding: a new list, equal to what a fresh service computes.
  const v3 = v1.replace('type-VFF', 'type-VF');
  const d3 = s.diagnostics(s.parse(v3, uri, 3));
  assert.notEqual(d3, first);
  assert.ok(!d3.some((d) => d.code === 'alias-bad-device-type'));
  assert.deepEqual(d3, createLanguageService().diagnostics(createLanguageService().parse(v3, uri, 3)));
  assert.notEqual(resultIdOf(d3), resultIdOf(first));
  // Back to the first text: its findings again (compared with the list before, not the first one).
  const d4 = s.diagnostics(s.parse(v1, uri, 4));
  assert.deepEqual(d4, first);
});

test('typing and erasing in the 6,500-line real config: every version equals a fresh check, the list object is kept while findings stay', () => {
  const text = readFileSync(REAL, 'utf8');
  const s = createLanguageService();
  const uri = 'file:///ws/real6k.conf';
  let list = s.diagnostics(s.parse(text, uri, 1));
  const at = text.indexOf('\n', text.length >> 1);
  let kept = 0;
  for (let v = 2; v < 8; v++) {
    const t = v % 2 === 0 ? text.slice(0, at) + 'x' + text.slice(at) : text;
    const next = s.diagnostics(s.parse(t, uri, v));
    assert.deepEqual(next, createLanguageService().diagnostics(createLanguageService().parse(t, uri, v)));
    if (next === list) kept++;
    list = next;
  }
  assert.ok(kept > 0, 'some keystrokes kept the list');
});

test('publishDiagnostics frames are byte for byte JSON.stringify, also when the list JSON is reused', () => {
  const diagnostics = [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, severity: 2, code: 'x', source: 'nova-conf', message: 'débit ✓ "quoted"', data: { rule: 'x', path: [0, 'vendor_id'] } }];
  for (const version of [1, 2, 3]) {
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a b.conf', version, diagnostics } };
    assert.equal(messageJson(msg), JSON.stringify(msg));
    const body = JSON.stringify(msg);
    assert.equal(encodeFrame(msg).toString('utf8'), `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  // Other shapes are written as they are: no version, keys in another order, an empty list, other methods.
  const others: unknown[] = [
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { diagnostics, uri: 'file:///a' } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', version: 1, diagnostics: [] } },
    { method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics }, jsonrpc: '2.0' },
    { jsonrpc: '2.0', id: 3, result: { items: diagnostics } },
  ];
  for (const m of others) assert.equal(messageJson(m), JSON.stringify(m));
});

test("the line starts the server's document copy keeps equal the parse's own, over random edits with \\n, \\r\\n and lone \\r", () => {
  const { configuration } = syncedDocuments(() => {});
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pieces = ['a', 'key = value', '\n', '\r\n', '\r', '', '[pci]\n', 'x\r\ny', '\n\n'];
  let used = 0;
  for (let round = 0; round < 20; round++) {
    let td = configuration.create('file:///a.conf', 'nova-conf', 1, pieces.map((p, i) => p + pieces[(i * 3) % pieces.length]).join(''));
    for (let v = 2; v < 60; v++) {
      const text = td.getText();
      const a = rnd(text.length + 1);
      const b = Math.min(text.length, a + rnd(4));
      td = configuration.update(td, [{ range: { start: td.positionAt(a), end: td.positionAt(b) }, text: pieces[rnd(pieces.length)] }], v);
      const known = knownLineStarts(td);
      if (known === undefined) continue;
      used++;
      assert.deepEqual(Array.from(known), computeLineStarts(td.getText()), `round ${round}, version ${v}: ${JSON.stringify(td.getText())}`);
    }
  }
  assert.ok(used > 500, `offsets were there for most versions (${used})`);
});

test("the server's own edit (document-lines.ts applyChange) gives the library's text, line offsets and positions, over random edits", () => {
  const { configuration } = syncedDocuments(() => {});
  let seed = 11;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pieces = ['a', 'key = value', '\n', '\r\n', '\r', '', '[pci]\n', 'x\r\ny', '\n\n', 'ü€', 'long line of text '.repeat(3)];
  const initial = pieces.map((p, i) => p + pieces[(i * 5) % pieces.length]).join('');
  let ours = 0;
  for (let round = 0; round < 30; round++) {
    let mine = configuration.create('file:///a.conf', 'nova-conf', 1, initial);
    let lib = TextDocument.create('file:///a.conf', 'nova-conf', 1, initial);
    for (let v = 2; v < 80; v++) {
      const text = lib.getText();
      const a = rnd(text.length + 1);
      const b = Math.min(text.length, a + rnd(6));
      // Positions past a line's end and on the line after the last are valid too.
      const start = rnd(10) === 0 ? { line: lib.positionAt(a).line, character: 500 } : lib.positionAt(a);
      const end = rnd(10) === 0 ? { line: lib.lineCount, character: 0 } : lib.positionAt(b);
      const after = start.line > end.line || (start.line === end.line && start.character > end.character);
      const change = { range: after ? { start: end, end: start } : { start, end }, text: pieces[rnd(pieces.length)] };
      const before = (mine as unknown as { _content: string })._content;
      mine = configuration.update(mine, [change], v);
      lib = TextDocument.update(lib, [change], v);
      if (!/\r/.test(change.text) && before.charCodeAt(lib.offsetAt(change.range.start) - 1) !== 13) ours++;
      const where = `round ${round}, version ${v}: ${JSON.stringify(change)}`;
      assert.equal(mine.getText(), lib.getText(), where);
      assert.equal(mine.version, v);
      assert.equal(mine.lineCount, lib.lineCount, where);
      assert.deepEqual(knownLineStarts(mine), knownLineStarts(lib), where);
      for (let k = 0; k < 5; k++) {
        const o = rnd(lib.getText().length + 1);
        assert.deepEqual(mine.positionAt(o), lib.positionAt(o), where);
      }
    }
  }
  assert.ok(ours > 1000, `most edits took the server's own path (${ours})`);
});

test('an offered line-start array is taken once, by the parse of that text only', () => {
  const text = '[DEFAULT]\ndebug = true\n';
  const mine = new Int32Array([0, 10, 23]);
  offerLineStarts(text, mine);
  assert.deepEqual(parseIni('[x]\n').lineStarts, [0, 4], 'another text: computed');
  assert.deepEqual(computeLineStarts(text), [0, 10, 23], 'computeLineStarts does not take it');
  const first = parseIni(text);
  assert.equal(first.lineStarts, mine);
  assert.deepEqual(first.entries.map((e) => e.key), ['debug']);
  assert.notEqual(parseIni(text).lineStarts, mine, 'used once');
  assert.deepEqual(parseIni(text).lineStarts, [0, 10, 23]);
  offerLineStarts('', undefined);
});

test('a document parsed with typed-array line starts answers as one parsed with its own', () => {
  const text = readFileSync(REAL, 'utf8');
  const plain = parseDocument(text, 'file:///a.conf', 1, DEFAULT_RELEASE);
  offerLineStarts(text, new Int32Array(computeLineStarts(text)));
  const typed = parseDocument(text, 'file:///a.conf', 1, DEFAULT_RELEASE);
  offerLineStarts('', undefined);
  assert.ok(typed.ini.lineStarts instanceof Int32Array && Array.isArray(plain.ini.lineStarts));
  const s = createLanguageService();
  assert.deepEqual(computeDiagnostics(typed, s.settings), computeDiagnostics(plain, s.settings));
  for (let o = 0; o <= text.length; o += 997) {
    assert.deepEqual(typed.positionAt(o), plain.positionAt(o));
    const p = plain.positionAt(o);
    assert.equal(typed.offsetAt(p), plain.offsetAt(p));
  }
  assert.deepEqual(typed.ini.comments, plain.ini.comments);
});
