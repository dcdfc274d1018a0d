/** Which file names open in the nova-conf language in VS Code (package.json), templates included. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';

/** VS Code's glob subset used by filenamePatterns: `**` any folders, `*` within one name. A pattern without "/" matches the file name. */
function matches(pattern: string, path: string): boolean {
  const target = pattern.includes('/') ? path : path.split('/').pop()!;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '@@DS@@').replace(/\*/g, '[^/]*').replace(/@@DS@@/g, '(?:.*/)?')}$`);
  return re.test(target) || (pattern.startsWith('**/') && re.test(`/${target}`));
}

test('nova config templates and Kolla override files open as nova-conf', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'nova-conf');
  const opens = (path: string) => (lang.filenames ?? []).includes(path.split('/').pop()) || (lang.filenamePatterns ?? []).some((p: string) => matches(p, path));
  for (const p of [
    'roles/nova/templates/nova.conf.j2',
    'roles/nova-cell/templates/nova.conf.d/libvirt.conf.j2',
    'templates/nova-compute.conf.j2',
    'etc/kolla/config/nova.conf',
    'etc/kolla/config/global.conf',
    'etc/kolla/config/nova/nova-scheduler.conf',
    'etc/kolla/config/nova/compute01/nova.conf',
    'etc/kayobe/kolla/config/nova/nova-api.conf',
    'etc/kayobe/kolla/config/nova/nova-compute.conf.j2',
  ]) assert.ok(opens(p), p);
  for (const p of ['roles/neutron/templates/neutron.conf.j2', 'etc/kolla/config/neutron/ml2_conf.ini', 'etc/kolla/config/glance.conf']) assert.ok(!opens(p), p);
});
