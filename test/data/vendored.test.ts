/**
 * Files vendored from shared/data into test/data, so that `npm test` runs the
 * Nova-derived cases in a clone without shared/. shared/data stays the
 * reference: when it is present, each vendored copy must be byte-identical.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ROOT, SHARED, VENDORED } from '../helpers';

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

for (const name of VENDORED) {
  const vendored = join(ROOT, 'test', 'data', name);
  const reference = join(SHARED, 'data', name);

  test(`test/data/${name} is vendored and parses`, () => {
    assert.ok(existsSync(vendored), `${vendored} is missing`);
    const cases = JSON.parse(readFileSync(vendored, 'utf8')) as unknown[];
    assert.ok(Array.isArray(cases) && cases.length > 100, 'expected the Nova cases list');
  });

  test(`test/data/${name} is identical to shared/data/${name}`, { skip: existsSync(reference) ? false : `shared/data/${name} not found beside the repository (set NOVA_CONF_SHARED)` }, () => {
    assert.equal(sha(vendored), sha(reference), `test/data/${name} differs from ${reference}: copy the shared file again`);
  });
}
