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
import { CUT_MAX, CUT_MIN, PIECE, parseCut } from '../../server/src/text-cut';

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
  assert.equal(parseCut(ok(filler('a', CUT_MAX + 1000)), 'latin1'), undefined, 'CUT_MAX and more: the external-string path');
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

test('decoder: a 222 KB didOpen is read without a string of the whole body, and is the same message', () => {
  const body = Buffer.from(JSON.stringify(didOpen(real6k())));
  const frame = Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);
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
    for (let i = 0; i < frame.length; i += 65536) d.push(frame.subarray(i, i + 65536));
  } finally {
    Buffer.prototype.toString = toString;
  }
  assert.equal(out.length, 1);
  assert.deepEqual(out[0].kind === 'message' ? out[0].message : undefined, JSON.parse(body.toString('utf8')));
  assert.ok(Math.max(...decoded) <= PIECE + 2, `largest string decoded: ${Math.max(...decoded)} characters of a ${body.length}-byte body`);
});
