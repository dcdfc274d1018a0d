/** Where Python's UTF-8 decoder (oslo.config's open()) stops: UnicodeDecodeError.start, recorded with CPython 3.11. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeUtf8, firstInvalidUtf8 } from '../../server/src/service/python/decode';

// [bytes, UnicodeDecodeError.start or -1] — each printed by `bytes.decode('utf-8')` in CPython 3.11.7.
const PYTHON: [number[], number][] = [
  [[0x61, 0x62, 0x63], -1],
  [[0x63, 0x61, 0x66, 0xe9, 0x20, 0x78], 3], // Latin-1 é
  [[0xc0, 0xaf], 0], // overlong
  [[0xe0, 0x80, 0x80], 0], // overlong 3-byte
  [[0xed, 0xa0, 0x80], 0], // UTF-16 surrogate
  [[0xf4, 0x90, 0x80, 0x80], 0], // past U+10FFFF
  [[0x6f, 0x6b, 0xf0, 0x9f, 0x98], 2], // truncated at the end
  [[0xf0, 0x9f, 0x98, 0x80, 0x21, 0xff], 5], // valid emoji, then 0xFF
  [[0xc3, 0xa9, 0xc3], 2],
  [[0xef, 0xbb, 0xbf, 0x78, 0x80], 4], // BOM then a lone continuation byte
  [[0xe2, 0x82, 0xac, 0xe2, 0x82], 3],
];

test('the first undecodable byte is where CPython raises UnicodeDecodeError', () => {
  for (const [bytes, start] of PYTHON) assert.equal(firstInvalidUtf8(Uint8Array.from(bytes)), start, Buffer.from(bytes).toString('hex'));
});

test('decodeUtf8 gives the offset in the decoded text (UTF-16 units) and the byte', () => {
  const d = decodeUtf8(Uint8Array.from([...Buffer.from('[pci]\n# 😀 '), 0xe9, 0x0a]));
  assert.equal(d.text, '[pci]\n# 😀 \ufffd\n');
  assert.deepEqual(d.invalid, { offset: '[pci]\n# 😀 '.length, byte: 0xe9 });
  assert.equal(decodeUtf8(Buffer.from('déjà vu')).invalid, undefined);
});

test('the native strict decoder (fast path) and the byte scan agree on which inputs are valid', () => {
  // Mostly UTF-8 with random corruptions: lead bytes, continuation bytes, overlongs, surrogates, truncations.
  const pieces = [[0x61], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xff], [0xef, 0xbb, 0xbf]];
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
  for (let round = 0; round < 3000; round++) {
    const bytes: number[] = [];
    for (let i = rand(12); i >= 0; i--) bytes.push(...pieces[rand(round % 2 ? pieces.length : 4)]);
    const u = Uint8Array.from(bytes);
    const d = decodeUtf8(u);
    const bad = firstInvalidUtf8(u);
    assert.equal(d.invalid === undefined, bad < 0, Buffer.from(bytes).toString('hex'));
    if (bad < 0) assert.equal(d.text, new TextDecoder('utf-8', { ignoreBOM: true }).decode(u));
  }
});
