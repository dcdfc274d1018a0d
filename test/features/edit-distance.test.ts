/**
 * suggest.ts editDistance computes only the band |i - j| <= limit of the table (did-you-mean runs it against
 * every name of a group for every unknown option). Against the full table (optimal string alignment), on
 * random words: the same distance whenever it is within the limit, and "more than the limit" otherwise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { editDistance } from '../../server/src/service/suggest';

/** The full-table optimal string alignment distance (Levenshtein plus adjacent swaps). */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '_', 'x'), maxLength: 14 });

test('banded edit distance = full table within the limit, more than the limit otherwise', () => {
  fc.assert(
    fc.property(word, word, fc.integer({ min: 0, max: 5 }), (a, b, limit) => {
      const want = reference(a, b);
      const got = editDistance(a, b, limit);
      if (want <= limit) assert.equal(got, want, `${a} / ${b} limit ${limit}`);
      else assert.ok(got > limit, `${a} / ${b} limit ${limit}: ${got} but the distance is ${want}`);
    }),
    { numRuns: 20000, seed: 7 },
  );
});

test('without a limit the distance is exact, also after longer words grew the shared rows', () => {
  fc.assert(fc.property(fc.string({ maxLength: 90 }), fc.string({ maxLength: 90 }), (a, b) => assert.equal(editDistance(a, b), reference(a, b))), { numRuns: 300, seed: 8 });
  assert.equal(editDistance('', ''), 0);
  assert.equal(editDistance('ab', 'ba', 1), 1);
  assert.equal(editDistance('cpu_allocation_ratio', 'cpu_alocation_ratio', 3), 1);
});
