/**
 * Dynamic groups against long lists ([neutron] physnets, [devices] enabled_mdev_types
 * with thousands of names, as generated deployment configs have): membership is
 * read once per document, every listed section is accepted, and a message about
 * an unlisted section quotes a few names instead of the whole list.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../helpers';

const N = 3000;
const names = Array.from({ length: N }, (_, i) => `physnet${i}`);

function config(extra: string): string {
  const sections = names.map((n) => `[neutron_physnet_${n}]\nnuma_nodes = 0\n`).join('');
  return `[neutron]\nphysnets = ${names.join(', ').toUpperCase()}\n${sections}${extra}`;
}

test('thousands of listed [neutron_physnet_*] sections: all accepted (list membership is case-insensitive)', () => {
  const ds = lint(config(''));
  assert.deepEqual(ds.filter((d) => d.code === 'unknown-group'), []);
});

test('an unlisted section among thousands: one warning whose message quotes a few names, not the whole list', () => {
  const ds = lint(config('[neutron_physnet_physnet99999]\nnuma_nodes = 0\n'));
  const g = ds.filter((d) => d.code === 'unknown-group');
  assert.equal(g.length, 1);
  assert.match(g[0].message, /unless \[neutron\] physnets includes physnet99999/);
  assert.match(g[0].message, new RegExp(`physnet0, physnet1, .* and ${N - 8} more\\)`));
  assert.ok(g[0].message.length < 400, g[0].message);
  assert.ok((g[0].data as { suggestions: string[] }).suggestions.length <= 3);
});

test('a misspelt section close to a listed name gets that name as a suggestion', () => {
  const few = '[neutron]\nphysnets = physnet_a, physnet_b, physnet_c, physnet_d, physnet_e, physnet_f, physnet_g, physnet_h, physnet_i, tenant\n[neutron_physnet_tenatn]\nnuma_nodes = 0\n';
  const g = lint(few).filter((d) => d.code === 'unknown-group');
  assert.equal(g.length, 1);
  assert.deepEqual((g[0].data as { suggestions: string[] }).suggestions, ['neutron_physnet_tenant']);
  assert.match(g[0].message, /and 2 more/);
});
