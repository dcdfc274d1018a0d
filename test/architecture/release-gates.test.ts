/**
 * Release facts live in one place: rule metadata (`releases`) or the vocabulary
 * (tag `since`, `releaseGates`). Check code asks `gate(release, name)` or
 * `tagKnown(release, tag)`; it never compares against a release literal.
 */
import { strict as assert } from 'node:assert';
import test from 'node:test';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { SERVICE, sourceFiles } from './import-graph';
import { gate, tagKnown } from '../../server/src/service/catalog/pci';

/** A release literal handed to a release comparison, or compared with a release. */
const GATE_LITERAL = /\b(?:atLeast|before|inRange)\s*\([^)]*['"]\d{4}\.\d['"]|\brelease\s*[!=]==?\s*['"]\d{4}\.\d['"]|['"]\d{4}\.\d['"]\s*[!=]==?\s*release\b/;

test('the release-literal pattern catches what it should (and not rule metadata)', () => {
  assert.match("if (atLeast(release, '2025.1')) {", GATE_LITERAL);
  assert.match("const library = release !== '2022.2' && x;", GATE_LITERAL);
  assert.doesNotMatch("releases: { from: '2025.1' },", GATE_LITERAL);
  assert.doesNotMatch("if (gate(release, 'alias-refused-at-start')) {", GATE_LITERAL);
});

test('no release literals in check code (server/src/service/rules)', () => {
  const found: string[] = [];
  for (const f of sourceFiles().filter((p) => relative(SERVICE, p).startsWith('rules/'))) {
    readFileSync(f, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (GATE_LITERAL.test(line)) found.push(`${relative(SERVICE, f)}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(found, []);
});

test('release gates and tag releases come from the vocabulary', () => {
  assert.equal(gate('2024.2', 'alias-refused-at-start'), false);
  assert.equal(gate('2025.2', 'alias-refused-at-start'), true);
  assert.equal(gate('2022.2', 'pci-in-placement'), false);
  assert.equal(gate('2023.1', 'pci-in-placement'), true);
  assert.equal(tagKnown('2025.1', 'one_time_use'), false);
  assert.equal(tagKnown('master', 'one_time_use'), true);
  assert.equal(tagKnown('2022.2', 'vendor_id'), true);
  assert.equal(tagKnown('master', 'no_such_tag'), false);
});
