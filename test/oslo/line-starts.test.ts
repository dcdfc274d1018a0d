/**
 * computeLineStarts (service/lines.ts) finds lines the way Python's universal
 * newlines do (\n, \r\n, a lone \r), which every diagnostic position relies on.
 * Property: the starts are where /\r\n|\r|\n/ splits the text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeLineStarts } from '../../server/src/service/lines';

function reference(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
  return starts;
}

test('line starts match universal newlines for any mix of \\n, \\r\\n and lone \\r', () => {
  const piece = fc.constantFrom('a', 'key = v', '\n', '\r', '\r\n', '\n\r', ' ', '[pci]');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      assert.deepEqual(computeLineStarts(text), reference(text));
    }),
    { numRuns: 5000, seed: Number(process.env.FC_SEED ?? 20261130) },
  );
});

test('edge cases: empty text, trailing break, a \\r at the very end', () => {
  assert.deepEqual(computeLineStarts(''), [0]);
  assert.deepEqual(computeLineStarts('a\n'), [0, 2]);
  assert.deepEqual(computeLineStarts('a\r'), [0, 2]);
  assert.deepEqual(computeLineStarts('a\r\nb\rc\nd'), [0, 3, 5, 7]);
});
