/**
 * Merge semantics, one test per case, each confirmed against the code it mirrors:
 * oslo.config (oslo_config/cfg.py: _Namespace._get_file_value, ConfigOpts._parse_config_files)
 * and kolla-ansible (ansible/action_plugins/merge_configs.py: OverrideConfigParser).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service/index';
import { effectiveValues, kollaMerge, osloMerge } from '../../server/src/service/workspace/index';
import type { Layer } from '../../server/src/service/workspace/merge';

function layers(files: [string, string][]): Layer[] {
  const s = createLanguageService();
  return files.map(([uri, text]) => ({ uri: `file:///m/${uri}`, doc: s.parse(text, `file:///m/${uri}`, 1) }));
}
const values = (c: ReturnType<typeof osloMerge>, group: string, name: string) => effectiveValues(c, group, name).map((s) => `${s.uri.slice('file:///m/'.length)}:${s.entry.value}`);

test('oslo: a single-valued option: the last file that sets it wins', () => {
  const c = osloMerge(layers([['nova.conf', '[pci]\nreport_in_placement = true\n'], ['nova.conf.d/10.conf', '[pci]\nreport_in_placement = false\n']]));
  assert.deepEqual(values(c, 'pci', 'report_in_placement'), ['nova.conf.d/10.conf:false']);
  assert.equal(c.replaced.length, 1);
  assert.equal(c.replaced[0].setting.entry.value, 'true');
});

test('oslo: a MultiStrOpt (device_spec) adds the values of every file, earlier files first', () => {
  const c = osloMerge(layers([
    ['nova.conf', '[pci]\ndevice_spec = {"address": "0000:05:00.0"}\n'],
    ['nova.conf.d/20-pci.conf', '[pci]\ndevice_spec = {"address": "0000:06:00.0"}\ndevice_spec = {"address": "0000:07:00.0"}\n'],
  ]));
  assert.deepEqual(values(c, 'pci', 'device_spec'), ['nova.conf:{"address": "0000:05:00.0"}', 'nova.conf.d/20-pci.conf:{"address": "0000:06:00.0"}', 'nova.conf.d/20-pci.conf:{"address": "0000:07:00.0"}']);
  assert.equal(c.replaced.length, 0);
});

test('oslo: inside one file, values under a deprecated name come before those under the current name', () => {
  const c = osloMerge(layers([['nova.conf', '[pci]\ndevice_spec = {"address": "0000:05:00.0"}\npassthrough_whitelist = {"address": "0000:06:00.0"}\n']]));
  assert.deepEqual(values(c, 'pci', 'device_spec'), ['nova.conf:{"address": "0000:06:00.0"}', 'nova.conf:{"address": "0000:05:00.0"}']);
});

test('oslo: a deprecated name in a later file wins over the current name in an earlier one (single-valued)', () => {
  const c = osloMerge(layers([['nova.conf', '[libvirt]\nvolume_use_multipath = true\n'], ['nova.conf.d/10.conf', '[libvirt]\niscsi_use_multipath = false\n']]));
  assert.deepEqual(values(c, 'libvirt', 'volume_use_multipath'), ['nova.conf.d/10.conf:false']);
});

test('oslo: inside one file the current name wins over a deprecated name written after it (single-valued)', () => {
  const c = osloMerge(layers([['nova.conf', '[libvirt]\nvolume_use_multipath = true\niscsi_use_multipath = false\n']]));
  assert.deepEqual(values(c, 'libvirt', 'volume_use_multipath'), ['nova.conf:true']);
});

test('oslo: section names are compared lower-cased ([PCI] is [pci])', () => {
  const c = osloMerge(layers([['nova.conf', '[PCI]\nreport_in_placement = true\n'], ['nova.conf.d/10.conf', '[pci]\nreport_in_placement = false\n']]));
  assert.deepEqual(values(c, 'pci', 'report_in_placement'), ['nova.conf.d/10.conf:false']);
});

test('kolla: a later file that sets a key replaces every line of it, also for a MultiStrOpt', () => {
  const c = kollaMerge(layers([
    ['nova.conf', '[pci]\ndevice_spec = {"address": "0000:05:00.0"}\ndevice_spec = {"address": "0000:06:00.0"}\n'],
    ['nova/compute01/nova.conf', '[pci]\ndevice_spec = {"address": "0000:81:00.0"}\n'],
  ]));
  assert.deepEqual(values(c, 'pci', 'device_spec'), ['nova/compute01/nova.conf:{"address": "0000:81:00.0"}']);
  assert.equal(c.replaced.filter((r) => r.how === 'kolla').length, 2, 'both earlier lines are replaced');
  // oslo.config over the same files would keep all three.
  const o = osloMerge(layers([
    ['nova.conf', '[pci]\ndevice_spec = {"address": "0000:05:00.0"}\ndevice_spec = {"address": "0000:06:00.0"}\n'],
    ['nova/compute01/nova.conf', '[pci]\ndevice_spec = {"address": "0000:81:00.0"}\n'],
  ]));
  assert.equal(effectiveValues(o, 'pci', 'device_spec').length, 3);
});

test('kolla: a key repeated inside one file keeps all its lines', () => {
  const c = kollaMerge(layers([['nova.conf', '[pci]\nalias = {"name": "a"}\n[DEFAULT]\ndebug = true\n[pci]\nalias = {"name": "b"}\n']]));
  assert.deepEqual(values(c, 'pci', 'alias'), ['nova.conf:{"name": "a"}', 'nova.conf:{"name": "b"}']);
});

test('kolla: keys are merged as written, so a deprecated name from one file and the current name from another both reach oslo.config', () => {
  const c = kollaMerge(layers([
    ['nova.conf', '[pci]\npassthrough_whitelist = {"address": "0000:05:00.0"}\n'],
    ['nova/nova-compute.conf', '[pci]\ndevice_spec = {"address": "0000:06:00.0"}\n'],
  ]));
  assert.deepEqual(values(c, 'pci', 'device_spec'), ['nova.conf:{"address": "0000:05:00.0"}', 'nova/nova-compute.conf:{"address": "0000:06:00.0"}']);
  assert.equal(c.replaced.length, 0);
});

test('kolla: section names are not normalised by merge_configs: [PCI] and [pci] both reach oslo.config', () => {
  const c = kollaMerge(layers([
    ['nova.conf', '[PCI]\nalias = {"name": "a"}\n'],
    ['nova/nova-api.conf', '[pci]\nalias = {"name": "b"}\n'],
  ]));
  assert.deepEqual(values(c, 'pci', 'alias'), ['nova.conf:{"name": "a"}', 'nova/nova-api.conf:{"name": "b"}']);
});

test('kolla: a single-valued option set under a deprecated name earlier and the current name later: the current name wins', () => {
  const c = kollaMerge(layers([['nova.conf', '[libvirt]\niscsi_use_multipath = true\n'], ['nova/nova-compute.conf', '[libvirt]\nvolume_use_multipath = false\n']]));
  assert.deepEqual(values(c, 'libvirt', 'volume_use_multipath'), ['nova/nova-compute.conf:false']);
});

test('kolla then oslo: a deprecated name in a later override loses to the current name kept from an earlier file', () => {
  const c = kollaMerge(layers([['nova.conf', '[libvirt]\nvolume_use_multipath = true\n'], ['nova/nova-compute.conf', '[libvirt]\niscsi_use_multipath = false\n']]));
  assert.deepEqual(values(c, 'libvirt', 'volume_use_multipath'), ['nova.conf:true']);
  assert.equal(c.replaced[0].setting.entry.key, 'iscsi_use_multipath', 'the later line is the one that is not read');
});
