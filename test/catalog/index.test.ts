/**
 * The language service reads the catalogue through options.index.json (scripts/build-catalog-index.mjs): each group's
 * options as JSON text parsed on first use, and precomputed answers to what a lint asks of the whole catalogue. These
 * tests hold the index to the catalogue it is made from: a stale or wrong index would give users another release's
 * groups, miss a deprecated name or send a misplaced option to the wrong section.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  findDeprecated,
  getOption,
  getOptionAnyRelease,
  groupExists,
  groupExistsAnyRelease,
  groupReleases,
  groupsWithOption,
  isRuntimeAuthOption,
  listGroups,
  listOptions,
} from '../../server/src/service/catalog/options';
import { RELEASES } from '../../server/src/service/releases';

const root = join(__dirname, '..', '..');
interface Entry {
  rel: number;
  dn?: [string | null, string][];
  var?: Record<string, { dn?: [string | null, string][] }>;
}
const data = JSON.parse(readFileSync(join(root, 'server', 'src', 'service', 'catalog', 'options.data.json'), 'utf8')) as { groups: Record<string, Record<string, Entry>> };
const groups = Object.entries(data.groups);

test('the committed index is the one options.data.json gives', () => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-catalog-index.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('groups of each release and their releases, as the options say', () => {
  RELEASES.forEach((release, i) => {
    const want = groups.filter(([, opts]) => Object.values(opts).some((e) => (e.rel & (1 << i)) !== 0)).map(([g]) => g);
    assert.deepEqual(listGroups(release), want, release);
    for (const [g] of groups) assert.equal(groupExists(release, g), want.includes(g), `${release} [${g}]`);
  });
  for (const [g, opts] of groups) {
    const mask = Object.values(opts).reduce((m, e) => m | e.rel, 0);
    assert.deepEqual(groupReleases(g), RELEASES.filter((_, i) => (mask & (1 << i)) !== 0), g);
    assert.equal(groupExistsAnyRelease(g), true);
  }
  // hyperv is gone from later releases: the masks are not all "every release".
  assert.ok(!listGroups('master').includes('hyperv'));
  assert.ok(listGroups('2022.2').includes('hyperv'));
});

test('the groups that have an option of a name, per release', () => {
  const names = new Set(groups.flatMap(([, opts]) => Object.keys(opts)));
  for (const release of [RELEASES[0], 'master'] as const) {
    const i = RELEASES.indexOf(release);
    for (const n of names) {
      const want = groups.filter(([, opts]) => Object.hasOwn(opts, n) && (opts[n].rel & (1 << i)) !== 0).map(([g]) => g);
      assert.deepEqual(groupsWithOption(release, n), want, `${release} ${n}`);
    }
  }
  assert.ok(groupsWithOption('master', 'auth_url').length > 3, 'auth_url is in many service groups');
});

test('every deprecated name finds the option that reads it', () => {
  let checked = 0;
  for (const [g, opts] of groups) {
    for (const [n, e] of Object.entries(opts)) {
      RELEASES.forEach((release, i) => {
        if ((e.rel & (1 << i)) === 0) return;
        // The release's own facts: a variant may list other deprecated names.
        const facts = getOption(release, g, n)!;
        for (const [dg, dn] of facts.deprecatedNames) {
          const hit = findDeprecated(release, dg ?? g, dn);
          assert.ok(hit, `${release} [${dg ?? g}] ${dn} -> [${g}] ${n}`);
          // Another option may read the same old name first; it must list that name too.
          assert.ok(hit.option.deprecatedNames.some(([hg, hn]) => (hg ?? hit.option.group) === (dg ?? g) && hn === dn));
          checked++;
        }
      });
    }
  }
  assert.ok(checked > 500, `${checked} deprecated names checked`);
  assert.equal(findDeprecated('master', 'DEFAULT', 'no_such_option_name'), undefined);
});

test('names that are properties of every object are not options or groups', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    assert.equal(getOption('master', 'DEFAULT', name), undefined, name);
    assert.equal(getOptionAnyRelease('DEFAULT', name), undefined, name);
    assert.equal(groupExistsAnyRelease(name), false, name);
    assert.equal(groupExists('master', name), false, name);
    assert.deepEqual(groupReleases(name), [], name);
    assert.deepEqual(groupsWithOption('master', name), [], name);
    assert.deepEqual(listOptions('master', name), [], name);
    assert.equal(findDeprecated('master', 'DEFAULT', name), undefined, name);
    assert.equal(findDeprecated('master', name, 'debug'), undefined, name);
    assert.equal(isRuntimeAuthOption('master', name, 'password'), false, name);
  }
});
