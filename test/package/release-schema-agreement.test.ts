/**
 * The `release` the schema of `.nova-conf.json` (and the `nova-conf.release` setting) accepts is exactly what the
 * settings code (server/src/config-file.ts normalizeSettings) accepts: names in any case, series, Nova majors and
 * published point versions, surrounding whitespace trimmed. An editor must neither underline a release the server
 * takes nor stay silent on one the server refuses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import fc from 'fast-check';
import { PACKAGE_PATH, configFileSchema } from '../../scripts/settings-schema';
import { normalizeSettings } from '../../server/src/config-file';
import { RELEASES, RELEASE_INFO } from '../../server/src/service/releases';
import { pointReleases } from '../../server/src/service/catalog/point-releases';

const ajv = new Ajv({ allErrors: true });
const fileSchema = ajv.compile(configFileSchema());
const pkg = JSON.parse(readFileSync(PACKAGE_PATH, 'utf8'));
const settingSchema = ajv.compile(pkg.contributes.configuration.properties['nova-conf.release']);

const schemaAccepts = (release: string) => fileSchema({ release }) === true;
const codeAccepts = (release: string) => normalizeSettings({ release }, 'x').problems.length === 0;

function agree(release: string): void {
  const code = codeAccepts(release);
  assert.equal(schemaAccepts(release), code, `.nova-conf.json schema vs settings code on ${JSON.stringify(release)} (code ${code ? 'accepts' : 'refuses'})`);
  assert.equal(settingSchema(release) === true, code, `nova-conf.release setting schema vs settings code on ${JSON.stringify(release)}`);
}

const names = RELEASES.flatMap((r) => [r, RELEASE_INFO[r].name]);
const points = RELEASES.flatMap((r) => [...pointReleases(r)]);

test('release names in any case, with whitespace around them, are valid in the schema as in the code', () => {
  for (const n of names) {
    for (const v of [n, n.toUpperCase(), n[0].toUpperCase() + n.slice(1), ` ${n}`, `${n}\t`, `\n${n} `]) {
      assert.ok(codeAccepts(v), `the code accepts ${JSON.stringify(v)}`);
      agree(v);
    }
  }
  assert.ok(schemaAccepts('Flamingo') && schemaAccepts('GAZPACHO') && schemaAccepts('Master'));
});

test('point versions (28.3.1) and Nova majors (28) of published releases are valid; unknown ones are not', () => {
  assert.ok(points.includes('28.3.1') && points.includes('31.3.1'));
  for (const p of points) agree(p);
  for (const r of RELEASES) if (r !== 'master') agree(RELEASE_INFO[r].nova.split('.')[0]);
  for (const bad of ['99.0.0', '28.3.9', '28.3', '25', '34', '2021.2', 'zedd', 'ze d', '', ' ', '28.3.1.0', '2025-2', '2025.2x']) agree(bad);
  assert.equal(schemaAccepts('99.0.0'), false);
  assert.equal(schemaAccepts('28.3.9'), false);
  assert.equal(schemaAccepts(' '), false);
  assert.equal(schemaAccepts(''), true, 'empty means the newest release, in both');
});

test('random spellings: schema and code agree (property)', () => {
  const word = fc.oneof(fc.constantFrom(...names, ...points, '26', '33', '2.0', '.'), fc.string({ maxLength: 6 }));
  const spelling = fc
    .tuple(fc.constantFrom('', ' ', '\t', '\u00a0', '\n'), word, fc.constantFrom('', ' ', 'x', '\u2028'), fc.boolean(), fc.array(fc.boolean(), { maxLength: 12 }))
    .map(([pad, w, tail, upper, flips]) => {
      const cased = upper ? w.toUpperCase() : [...w].map((c, i) => (flips[i] ? c.toUpperCase() : c)).join('');
      return `${pad}${cased}${tail}`;
    });
  fc.assert(fc.property(spelling, (s) => agree(s)), { numRuns: 3000 });
});

test('a release that is not a string is refused by both', () => {
  for (const release of [2025.2, 28, null, true, ['2025.2']]) {
    assert.equal(fileSchema({ release }), false, JSON.stringify(release));
    assert.ok(normalizeSettings({ release }, 'x').problems.length > 0, JSON.stringify(release));
  }
});
