/**
 * The 37 Nova-derived extra-spec cases (shared/data/nova-extra-spec-cases.json, vendored in
 * test/data/) with nova-api's verdict, and what the boot path then does with accepted
 * pci_passthrough:alias values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateExtraSpec } from '../../server/src/service/flavors/validate';
import { splitAliasSpec } from '../../server/src/service/flavors/alias-spec';
import { RELEASES, Release } from '../../server/src/service/releases';
import { ROOT, SHARED } from '../helpers';

interface Case { key: string; value: string; accept: boolean; error: string; since: string; runtime: string | null; runtime_note?: string; requests?: [string, number][] }
const VENDORED = join(ROOT, 'test', 'data', 'nova-extra-spec-cases.json');
const cases = JSON.parse(readFileSync(VENDORED, 'utf8')) as Case[];
const API_CODES = new Set(['flavor-extra-spec-invalid-value', 'flavor-extra-spec-unknown', 'flavor-extra-spec-key-invalid', 'flavor-extra-spec-value-too-long']);

test('the vendored copy is identical to the shared cases (when shared/ is present)', { skip: !existsSync(join(SHARED, 'data', 'nova-extra-spec-cases.json')) }, () => {
  assert.equal(readFileSync(VENDORED, 'utf8'), readFileSync(join(SHARED, 'data', 'nova-extra-spec-cases.json'), 'utf8'));
  assert.equal(cases.length, 37);
});

for (const c of cases) {
  // "since: 26.0.0 (Zed)" means the oldest release we know; every case holds from then to master.
  const releases: Release[] = c.since ? RELEASES.filter((r) => r !== '2022.2' || c.since.startsWith('26')) : [...RELEASES];
  test(`${c.key}=${JSON.stringify(c.value)}: nova-api ${c.accept ? 'accepts' : 'refuses'}${c.runtime && c.runtime !== 'ok' ? `, then ${c.runtime} at boot` : ''}`, () => {
    for (const release of releases) {
      const found = validateExtraSpec(c.key, c.value, release);
      const api = found.filter((f) => API_CODES.has(f.code));
      assert.equal(api.length === 0, c.accept, `${release}: ${JSON.stringify(found)}`);
      if (!c.accept) {
        assert.equal(api[0].code, 'flavor-extra-spec-invalid-value');
        assert.ok(api[0].end <= c.value.length && api[0].start <= api[0].end, 'the range lies inside the value');
      }
      // An accepted value whose split fails at boot gets the runtime rule; nothing else does.
      const runtimeSplit = c.accept && c.runtime === 'ValueError';
      assert.equal(found.some((f) => f.code === 'flavor-alias-runtime-error'), runtimeSplit, `${release}: ${JSON.stringify(found)}`);
    }
    if (c.key === 'pci_passthrough:alias' && c.requests) {
      // The boot path's reading (name stripped, int(count)) matches the recorded requests.
      const rt = splitAliasSpec(c.value);
      assert.equal(rt.splitError, undefined);
      assert.deepEqual(rt.requests.map((r) => [r.name, r.count]), c.requests);
    }
  });
}

test('a refused alias value points at the part nova-api trips on', () => {
  const at = (v: string) => {
    const f = validateExtraSpec('pci_passthrough:alias', v, '2026.1')[0];
    return v.slice(f.start, f.end);
  };
  assert.equal(at('a1:two'), 'two');
  assert.equal(at('a: 1'), ': ');
  assert.equal(at('a:1 '), ' ');
  assert.equal(at('a:1,b'), 'b');
  assert.equal(at(':1'), ':');
});

test('a misspelt enum value: the problem, then what nova-api does, then the "did you mean" hint', () => {
  const [f] = validateExtraSpec('hw:cpu_policy', 'dedicatd', RELEASES[RELEASES.length - 1]);
  assert.equal(f?.code, 'flavor-extra-spec-invalid-value');
  const problem = f.message.indexOf('is not one of');
  const consequence = f.message.indexOf('nova-api (microversion 2.86+) refuses it');
  const hint = f.message.indexOf("id you mean 'dedicated'?");
  assert.ok(problem >= 0 && consequence > problem && hint > consequence, f.message);
});
