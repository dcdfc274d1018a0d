/**
 * oslo/types.ts pythonRegex: the ASCII translation (`\w` -> `[A-Za-z0-9_]`, `\d` -> `[0-9]`), used for ASCII
 * values because it compiles without Unicode sets, accepts exactly the ASCII strings the Unicode translation
 * accepts: for every option pattern of the catalogue, and for generated patterns with `\w`/`\d` inside and
 * outside (negated) classes, with and without ignore-case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pythonRegex } from '../../server/src/service/oslo/types';
import data from '../../server/src/service/catalog/options.data.json';

interface Facts { re?: string; var?: Record<string, Facts> }
const catalogPatterns = new Set<string>();
for (const group of Object.values((data as unknown as { groups: Record<string, Record<string, Facts>> }).groups)) {
  for (const o of Object.values(group)) for (const f of [o, ...Object.values(o.var ?? {})]) if (f.re) catalogPatterns.add(f.re);
}

const ascii = fc.string({ unit: 'binary-ascii', maxLength: 12 });
/** Strings made of the characters the patterns care about, so that matches are frequent. */
const near = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '9', '_', '-', ':', '.', ' ', '\n', '@', 'x', 'K', 'k', 's', 'S'), maxLength: 12 });

function agree(pattern: string, ignoreCase: boolean, s: string): void {
  const unicode = pythonRegex(pattern, ignoreCase, false);
  const asciiRe = pythonRegex(pattern, ignoreCase, true);
  assert.equal(asciiRe === null, unicode === null, pattern);
  if (unicode && asciiRe) assert.equal(asciiRe.test(s), unicode.test(s), `${pattern} (${ignoreCase ? 'i' : ''}) on ${JSON.stringify(s)}`);
}

test('the catalogue has option patterns with \\w and \\d (the case the ASCII translation is for)', () => {
  assert.ok([...catalogPatterns].some((p) => p.includes('\\w')));
  assert.ok([...catalogPatterns].some((p) => p.includes('\\d')));
});

test('ASCII and Unicode translations agree on ASCII values: catalogue patterns', () => {
  for (const pattern of catalogPatterns) {
    for (const ignoreCase of [false, true]) {
      fc.assert(fc.property(fc.oneof(ascii, near), (s) => agree(pattern, ignoreCase, s)), { numRuns: 300, seed: 20 });
    }
  }
});

test('ASCII and Unicode translations agree on ASCII values: generated patterns', () => {
  const piece = fc.constantFrom('\\w', '\\d', '\\s', '[\\w-]', '[^\\w]', '[^\\d:]', '[a-z\\d]', '.', 'k', 'K', ':', '+', '*', '?', '$');
  const pattern = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => '^' + p.join(''));
  fc.assert(fc.property(pattern, fc.boolean(), fc.oneof(ascii, near), (p, ic, s) => agree(p, ic, s)), { numRuns: 3000, seed: 21 });
});
