/**
 * Properties of the scalar maps over random values written in every YAML style by the `yaml`
 * package itself: the map reproduces the value, and an edit re-encoded for the style reads back
 * as exactly the edited value (what a quick fix relies on). Fixed seed; FC_SEED explores.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Scalar, parseDocument, stringify, isMap, isScalar } from 'yaml';
import { encodeForStyle, mapScalar } from '../../server/src/service/sources/yaml/scalar';

const seed = Number(process.env.FC_SEED ?? 20261130);
const STYLES = ['PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const;
const chars = fc.constantFrom(...'ab {}[]":,\'\\#-|>\n\t é\u00a0=x'.split(''));
const value = fc.array(chars, { maxLength: 40 }).map((a) => a.join(''));

function write(v: string, style: (typeof STYLES)[number], nest: number): string {
  const s = new Scalar(v);
  s.type = style;
  let doc = stringify({ v: s }, { lineWidth: 20, minContentWidth: 5 });
  for (let i = 0; i < nest; i++) doc = `k${i}:\n` + doc.replace(/^/gm, '  ');
  return doc;
}

function scalarOf(src: string, nest: number): Scalar | undefined {
  const d = parseDocument(src);
  if (d.errors.length) return undefined;
  let node: unknown = d.contents;
  for (let i = nest - 1; i >= 0; i--) node = isMap(node) ? node.get(`k${nest - 1 - i}`, true) : undefined;
  node = isMap(node) ? node.get('v', true) : undefined;
  return isScalar(node) && typeof node.value === 'string' ? node : undefined;
}

test('every style: the map reproduces the value, offsets never go backwards', () => {
  fc.assert(fc.property(value, fc.constantFrom(...STYLES), fc.integer({ min: 0, max: 2 }), (v, style, nest) => {
    const src = write(v, style, nest);
    const node = scalarOf(src, nest);
    if (!node) return;
    const m = mapScalar(src, node);
    assert.ok(m);
    assert.equal(m.value, node.value);
    if (!m.offsets) return; // a shape the decoder leaves wide: allowed, never wrong
    assert.equal(m.offsets.length, m.value.length + 1);
    for (let i = 1; i < m.offsets.length; i++) assert.ok(m.offsets[i] >= m.offsets[i - 1], `offsets go back at ${i} in ${JSON.stringify(src)}`);
    // An ordinary character comes from the same character in the source.
    for (let i = 0; i < m.value.length; i++) {
      const c: string = m.value[i];
      if (/[a-z{}[\]:,#=-]/.test(c) && src[m.offsets[i]] !== '\\') assert.equal(src[m.offsets[i]], c, `char ${i} of ${JSON.stringify(m.value)} in ${JSON.stringify(src)}`);
    }
  }), { numRuns: 1500, seed });
});

test('an edit re-encoded for the style reads back as exactly the edited value, or is refused', () => {
  let applied = 0;
  fc.assert(fc.property(value, fc.constantFrom(...STYLES), fc.nat(), fc.nat(), value, (v, style, a, b, insert) => {
    const src = write(v, style, 1);
    const node = scalarOf(src, 1);
    if (!node) return;
    const m = mapScalar(src, node);
    if (!m?.offsets) return;
    const i = a % (m.value.length + 1);
    const j = i + (b % (m.value.length - i + 1));
    const enc = encodeForStyle(insert, m);
    if (enc === undefined) return;
    const edited = src.slice(0, m.offsets[i]) + enc + src.slice(m.offsets[j]);
    const again = scalarOf(edited, 1);
    const expected = m.value.slice(0, i) + insert + m.value.slice(j);
    // The product only offers a fix when this holds (it re-renders and compares); count how often it does.
    if (again && again.value === expected) applied++;
  }), { numRuns: 1500, seed });
  assert.ok(applied > 300, `only ${applied} edits read back exactly`);
});
