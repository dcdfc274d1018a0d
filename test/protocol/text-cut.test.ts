/**
 * A body of 128 KB to 1 MB with a document's text is parsed in parts (server/src/text-cut.ts, used by framing.ts):
 * the message must be the one JSON.parse makes of the whole body, whatever the text holds and wherever the pieces are
 * cut; and the decoder must not make one string of the whole body (the page faults of a large string, Round 13).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';
import { FrameDecoder, FrameEvent } from '../../server/src/framing';
import { CUT_MAX, CUT_MIN, PIECE, parseBig, parseCut } from '../../server/src/text-cut';

/** A config the size of the 6,500-line real one (222 KB): the example config 160 times. */
const real6k = (): string => readFileSync(join(ROOT, 'examples', 'nova.conf'), 'utf8').repeat(160);

const didOpen = (text: string, uri = 'file:///x/nova.conf'): unknown => ({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'nova-conf', version: 1, text } } });

/** parseCut's answer for `message` sent as JSON (decoded as the decoder would), checked against JSON.parse's. */
function same(message: unknown, raw?: string): unknown {
  const bytes = Buffer.from(raw ?? JSON.stringify(message), 'utf8');
  const encoding = bytes.every((b) => b < 0x80) ? 'latin1' : 'utf8';
  const cut = parseCut(bytes, encoding);
  assert.notEqual(cut, undefined, 'parsed in parts');
  assert.deepEqual(cut, JSON.parse(bytes.toString('utf8')));
  return cut;
}

/** A text of about `size` characters made of `unit` repeated, with a newline every `line` units. */
const filler = (unit: string, size: number, line = 20): string => {
  const one = unit.repeat(line) + '\n';
  return one.repeat(Math.ceil(size / one.length));
};

test('text-cut: a 222 KB config\'s didOpen is the message JSON.parse makes', () => {
  const m = same(didOpen(real6k())) as { params: { textDocument: { text: string } } };
  assert.equal(m.params.textDocument.text, real6k());
});

test('text-cut: escapes of every kind, cut wherever the pieces end (quotes, backslashes, \\u escapes, surrogate pairs, non-ASCII)', () => {
  const units = ['a', '"', '\\', '\\\\"', '\t', '\u0001', '\u00e9', '\u20ac', '\ud83d\ude00', '\\n"x"\\', '/', '</'];
  for (const unit of units) {
    for (const shift of [0, 1, 2, 3, 5]) {
      const text = 'x'.repeat(shift) + filler(unit, 5 * PIECE + 1000, 7);
      same(didOpen(text));
    }
  }
  // A pair written as two \u escapes may be cut between them.
  const pairs = '"' + '\\ud83d\\ude00\\n'.repeat(40000) + '"';
  same(undefined, `{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a","text":${pairs}}}}`);
});

test('text-cut: where the text is in the message does not matter; other keys and strings are kept as they are', () => {
  const text = filler('k = v', 200 * 1024);
  same({ params: { textDocument: { text, uri: 'file:///a', version: 3 } }, method: 'textDocument/didOpen', jsonrpc: '2.0' });
  same({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///a', version: 2 }, contentChanges: [{ text }] } });
  same({ jsonrpc: '2.0', method: 'textDocument/didSave', params: { textDocument: { uri: 'file:///a' }, text } });
  // Another "text" key before the long one (a short one): only the first is cut when it is long enough, or none.
  assert.equal(parseCut(Buffer.from(JSON.stringify({ a: { text: 'short' }, b: { text } })), 'latin1'), undefined);
  same({ a: { text }, b: { text: 'short' }, c: ['"text":"', { text: 'x' }], '"text":"': 1 });
  // JSON written with other spacing: `"text": "` is not the form looked for, and the body is parsed whole.
  assert.equal(parseCut(Buffer.from(JSON.stringify({ text }, null, 1)), 'latin1'), undefined);
});

test('text-cut: bodies it does not take are left to JSON.parse of the whole body (undefined)', () => {
  const ok = (text: string) => Buffer.from(JSON.stringify(didOpen(text)));
  assert.equal(parseCut(ok(filler('a', CUT_MIN / 2)), 'latin1'), undefined, 'below CUT_MIN: already a young string');
  assert.equal(parseCut(ok(filler('a', CUT_MAX + 1000)), 'latin1'), undefined, 'CUT_MAX and more: parseBig\'s');
  assert.equal(parseCut(ok('a'.repeat(CUT_MIN + 1000)), 'latin1'), undefined, 'no escape to cut before');
  assert.equal(parseCut(ok(filler('a', CUT_MIN) + 'nova-conf-cut-text'), 'latin1'), undefined, 'the marker\'s text in the body');
  assert.equal(parseCut(Buffer.from(JSON.stringify({ uri: filler('a', CUT_MIN + 1000) })), 'latin1'), undefined, 'no "text" string');
  // Not JSON: a raw control character, a bad escape, an unclosed string, a broken rest of the body.
  const bad = [
    JSON.stringify(didOpen(filler('a', CUT_MIN + 1000))).replace('a\\n', 'a\n'),
    JSON.stringify(didOpen(filler('a', CUT_MIN + 1000))).replace('a\\n', 'a\\q'),
    JSON.stringify(didOpen(filler('a', CUT_MIN + 1000))).replace(/"}}}$/, ''),
    JSON.stringify(didOpen(filler('a', CUT_MIN + 1000))).replace('"method"', 'method'),
  ];
  for (const raw of bad) {
    assert.throws(() => JSON.parse(raw));
    assert.equal(parseCut(Buffer.from(raw), 'latin1'), undefined);
  }
});

/** The frame decoder's events for bytes pushed in 64 KB chunks, and the length of every string Buffer#toString made. */
function decodeInChunks(bytes: Buffer): { out: FrameEvent[]; decoded: number[] } {
  const decoded: number[] = [];
  const toString = Buffer.prototype.toString;
  const out: FrameEvent[] = [];
  Buffer.prototype.toString = function (this: Buffer, ...args: unknown[]) {
    const s = (toString as (...a: unknown[]) => string).apply(this, args);
    decoded.push(s.length);
    return s;
  } as typeof Buffer.prototype.toString;
  try {
    const d = new FrameDecoder((e) => out.push(e));
    for (let i = 0; i < bytes.length; i += 65536) d.push(bytes.subarray(i, i + 65536));
  } finally {
    Buffer.prototype.toString = toString;
  }
  return { out, decoded };
}

test('decoder: a 222 KB didOpen is read without a string of the whole body, and is the same message', () => {
  const body = Buffer.from(JSON.stringify(didOpen(real6k())));
  const frame = Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);
  const { out, decoded } = decodeInChunks(frame);
  assert.equal(out.length, 1);
  assert.deepEqual(out[0].kind === 'message' ? out[0].message : undefined, JSON.parse(body.toString('utf8')));
  assert.ok(Math.max(...decoded) <= PIECE + 2, `largest string decoded: ${Math.max(...decoded)} characters of a ${body.length}-byte body`);
});

/** parseBig's answer for a body (ASCII), checked against JSON.parse's of the same bytes before parseBig rewrote them. */
function sameBig(raw: string): unknown {
  const bytes = Buffer.from(raw, 'latin1');
  assert.ok(bytes.every((b) => b < 0x80), 'an ASCII body');
  const expected: unknown = JSON.parse(raw);
  const got = parseBig(bytes);
  assert.notEqual(got, undefined, 'taken by parseBig');
  assert.deepEqual(got, expected);
  return got;
}

test('parseBig: a body of 1 MB or more is the message JSON.parse makes, whatever escapes its text has', () => {
  // Units as JSON.stringify writes them (ASCII ones), and \u escapes written by hand: one Latin-1 byte (\u00e9,
  // \u0001) or not (\u20ac, a surrogate pair: the rest of the string goes to JSON.parse), upper- and lower-case hex.
  const units = ['a', '"', '\\', '\\\\"', '\t', '\r\n', '\u0001', '/', '</', '\b\f', 'k = {"a": "b\\c"}'];
  const raw = [...units.map((u) => JSON.stringify(u).slice(1, -1)), '\\u00e9', '\\u00E9', '\\/', '\\u0000x', '\\u20ac', '\\ud83d\\ude00', '\\u20AC\\"'];
  for (const unit of raw) {
    for (const shift of [0, 1, 3]) {
      const text = 'x'.repeat(shift) + `${unit}line\\n`.repeat(Math.ceil((CUT_MAX + 1000) / (unit.length + 6)));
      const m = sameBig(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a","languageId":"nova-conf","version":1,"text":"${text}"}}}`);
      assert.equal(typeof (m as { params: { textDocument: { text: unknown } } }).params.textDocument.text, 'string');
    }
  }
  // Escapes undone in place for most of the text, then one that is not a Latin-1 byte near its end.
  sameBig(`{"uri":"file:///a","text":"${'a\\"b\\\\\\n'.repeat(CUT_MAX / 8)}\\u20ac\\u00e9\\"x\\n","version":1}`);
  // Other keys after the text, another "text" key later, a short first text, the text last.
  const text = filler('k = v', CUT_MAX + 1000);
  sameBig(JSON.stringify({ params: { textDocument: { text, uri: 'file:///a', version: 3 } }, method: 'textDocument/didOpen', jsonrpc: '2.0' }));
  sameBig(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: 'file:///a', version: 2 }, contentChanges: [{ text }, { text: 'x' }] } }));
  sameBig(JSON.stringify({ a: { text: 'short' }, b: { text }, c: ['"text":"'] }));
  // An empty text, and a text that ends in an escape.
  sameBig(JSON.stringify({ text: '', rest: text }));
  sameBig(JSON.stringify({ rest: text, text: text + '"\n' }));
});

test('parseBig: bodies it does not take are left untouched (undefined); a body that is not JSON throws as JSON.parse does', () => {
  const ok = (text: string) => JSON.stringify(didOpen(text));
  for (const raw of [ok(filler('a', CUT_MAX / 2)), ok(filler('a', CUT_MAX) + 'nova-conf-cut-text'), JSON.stringify({ uri: filler('a', CUT_MAX + 1000) })]) {
    const bytes = Buffer.from(raw, 'latin1');
    assert.equal(parseBig(bytes), undefined);
    assert.equal(bytes.toString('latin1'), raw, 'the buffer is as it was');
  }
  const big = ok(filler('a', CUT_MAX + 1000));
  const bad = [
    big.replace('a\\n', 'a\n'),
    big.replace('a\\n', 'a\\q'),
    big.replace('a\\n', 'a\\u00g1'),
    big.replace(/a\\n"}}}$/, 'a\\u00'),
    big.replace(/a\\n"}}}$/, 'a\\u20ac\\x"}}}'),
    big.replace(/"}}}$/, ''),
    big.replace('"method"', 'method'),
    big.replace(/}}}$/, '}}'),
  ];
  for (const raw of bad) {
    assert.throws(() => JSON.parse(raw));
    assert.throws(() => parseBig(Buffer.from(raw, 'latin1')));
  }
});

test('decoder: a 1.2 MB didOpen is read without a string of the whole body, is the same message, and a broken one is dropped', () => {
  const text = real6k().repeat(6);
  const body = Buffer.from(JSON.stringify(didOpen(text)));
  const broken = Buffer.from(JSON.stringify(didOpen(text)).replace('\\n', '\n'));
  const frame = (b: Buffer) => Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`, 'latin1'), b]);
  const stream = Buffer.concat([frame(body), frame(broken), frame(body)]);
  const { out, decoded } = decodeInChunks(stream);
  assert.deepEqual(out.map((e) => e.kind), ['message', 'drop', 'message']);
  for (const e of [out[0], out[2]]) assert.deepEqual(e.kind === 'message' ? e.message : undefined, JSON.parse(body.toString('utf8')));
  assert.ok(Math.max(...decoded) <= text.length, `largest string decoded: ${Math.max(...decoded)} characters of a ${body.length}-byte body`);
});
