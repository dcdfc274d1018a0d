/** Host rules on synthetic sysfs trees: the acceptance scenarios and each rule's edge. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/index';
import { readHostRoot } from '../../server/src/host-reader';
import { buildInventory, HostInventory } from '../../server/src/service/host/inventory';
import type { Release } from '../../server/src/service/releases';
import { FakePci, buildSysfs, doneWhenHost } from './sysfs';

const trees: (() => void)[] = [];
after(() => trees.forEach((c) => c()));

function hostOf(devs: FakePci[], extraNet: Parameters<typeof buildSysfs>[1] = []): HostInventory {
  const t = buildSysfs(devs, extraNet);
  trees.push(t.cleanup);
  return buildInventory(readHostRoot(t.root));
}

const DONE = hostOf(doneWhenHost());

function lintOn(host: HostInventory | undefined, text: string, release?: Release): Diagnostic[] {
  const s = createLanguageService({ settings: { host, ...(release ? { release } : {}) } });
  return s.diagnostics(s.parse(text, 'file:///host/nova.conf', 1));
}
const only = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);

test('PF address + VF ids with report_in_placement: an Error naming the PF and a VF', () => {
  const text = '[pci]\nreport_in_placement = true\ndevice_spec = [{"address": "0000:3b:00.0"}, {"vendor_id": "8086", "product_id": "154c"}]\n';
  const ds = lintOn(DONE, text);
  const [e] = only(ds, 'host-placement-pf-and-vf');
  assert.ok(e, JSON.stringify(ds.map((d) => d.code)));
  assert.equal(e.severity, 1);
  assert.match(e.message, /PF 0000:3b:00\.0/);
  assert.match(e.message, /VF 0000:3b:02\.\d/);
  assert.ok((e.relatedInformation ?? []).some((r) => r.message.includes('0000:3b:02.')), 'matched devices are related information');
  // Without report_in_placement Nova does not build the Placement view: no error.
  assert.deepEqual(only(lintOn(DONE, text.replace('report_in_placement = true\n', '')), 'host-placement-pf-and-vf'), []);
  // Without a host the rule cannot run at all.
  assert.deepEqual(only(lintOn(undefined, text), 'host-placement-pf-and-vf'), []);
});

test('only the VFs with report_in_placement: no Placement error', () => {
  const ds = lintOn(DONE, '[pci]\nreport_in_placement = true\ndevice_spec = {"vendor_id": "8086", "product_id": "154c"}\n');
  assert.deepEqual(ds.filter((d) => d.severity === 1), []);
});

test('physical_network keeps a PF and its VFs out of Placement (P3 before P4)', () => {
  const ds = lintOn(DONE, '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:3b:00.0", "physical_network": "physnet1"}\n');
  assert.deepEqual(only(ds, 'host-placement-pf-and-vf'), []);
  assert.equal(only(ds, 'host-pf-address-matches-vfs').length, 1, 'the PF address still matches its VFs (W4)');
});

test('remote_managed on the PF address is an Error; on the VFs it is not', () => {
  const bad = lintOn(DONE, '[pci]\ndevice_spec = {"address": "0000:3b:00.0", "remote_managed": "true"}\n');
  const [e] = only(bad, 'host-remote-managed-pf');
  assert.equal(e?.severity, 1);
  assert.match(e.message, /0000:3b:00\.0/);
  assert.equal((e.data as { unitTestVerdict: string }).unitTestVerdict, 'PciDeviceInvalidPFRemoteManaged');
  const good = lintOn(DONE, '[pci]\ndevice_spec = {"address": "0000:3b:02.*", "remote_managed": "true"}\n');
  assert.deepEqual(good.filter((d) => d.severity === 1), []);
  // By devname of the PF too (Nova resolves the netdev to the PF's address).
  assert.equal(only(lintOn(DONE, '[pci]\ndevice_spec = {"devname": "ens1f0", "remote_managed": "true"}\n'), 'host-remote-managed-pf').length, 1);
});

test('devname that is not on the host warns, with a suggestion', () => {
  const ds = lintOn(DONE, '[pci]\ndevice_spec = {"devname": "ens9"}\n');
  const [w] = only(ds, 'host-devname-not-found');
  assert.equal(w?.severity, 2);
  assert.match(w.message, /no network interface "ens9"/);
  const typo = only(lintOn(DONE, '[pci]\ndevice_spec = {"devname": "ens1f"}\n'), 'host-devname-not-found')[0];
  assert.match(typo.message, /did you mean "ens1f0/);
  assert.deepEqual(only(lintOn(DONE, '[pci]\ndevice_spec = {"devname": "ens1f0"}\n'), 'host-devname-not-found'), []);
});

test('devname of a non-PCI interface (lo) warns; of a virtio NIC is an Error (Nova cannot parse "virtio2")', () => {
  const host = hostOf([{ address: '0000:00:05.0', vendor: '1af4', device: '1041' }], [{ name: 'lo' }, { name: 'eth0', virtualDevice: { parent: '0000:00:05.0', name: 'virtio2' } }]);
  assert.match(only(lintOn(host, '[pci]\ndevice_spec = {"devname": "lo"}\n'), 'host-devname-not-found')[0]?.message ?? '', /not a PCI network interface/);
  const [e] = only(lintOn(host, '[pci]\ndevice_spec = {"devname": "eth0"}\n'), 'host-devname-not-pci-address');
  assert.equal(e?.severity, 1);
  assert.match(e.message, /"virtio2"/);
});

test('remote_managed with a devname that does not exist: Error (D23)', () => {
  const [e] = only(lintOn(DONE, '[pci]\ndevice_spec = {"devname": "nonexdev0", "remote_managed": "true"}\n'), 'host-remote-managed-netdev-missing');
  assert.equal(e?.severity, 1);
});

test('the GPU alias with numa_policy required warns about the missing NUMA node', () => {
  const text = '[pci]\ndevice_spec = {"vendor_id": "10de", "product_id": "20b5"}\nalias = {"name": "a10", "vendor_id": "10de", "product_id": "20b5", "device_type": "type-PCI", "numa_policy": "required"}\n';
  const [w] = only(lintOn(DONE, text), 'host-alias-numa-unknown');
  assert.equal(w?.severity, 2);
  assert.match(w.message, /0000:af:00\.0/);
  assert.match(w.message, /no NUMA node/);
  assert.deepEqual(only(lintOn(DONE, text.replace('required', 'preferred')), 'host-alias-numa-unknown'), []);
  // The NIC VFs have NUMA node 1: no warning for them.
  assert.deepEqual(only(lintOn(DONE, '[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154c"}\nalias = {"name": "vf", "vendor_id": "8086", "product_id": "154c", "device_type": "type-VF", "numa_policy": "required"}\n'), 'host-alias-numa-unknown'), []);
});

test('a spec that matches nothing warns; one that matches something does not', () => {
  const [w] = only(lintOn(DONE, '[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154d"}\n'), 'host-spec-matches-nothing');
  assert.equal(w?.severity, 2);
  const hint = only(lintOn(DONE, '[pci]\ndevice_spec = {"vendor_id": "10de", "address": "0000:3b:*.*"}\n'), 'host-spec-matches-nothing')[0];
  assert.match(hint.message, /0000:af:00\.0/, 'says where devices with these ids are');
  assert.deepEqual(only(lintOn(DONE, '[pci]\ndevice_spec = {"vendor_id": "10de"}\n'), 'host-spec-matches-nothing'), []);
});

test('regex addresses match like Python re.match (start-anchored, lower-case fields)', () => {
  assert.deepEqual(only(lintOn(DONE, '[pci]\ndevice_spec = {"address": {"bus": "3b", "slot": "02", "function": "[0-3]"}}\n'), 'host-spec-matches-nothing'), []);
  assert.equal(only(lintOn(DONE, '[pci]\ndevice_spec = {"address": {"bus": "3B"}}\n'), 'host-spec-matches-nothing').length, 1);
  assert.deepEqual(only(lintOn(DONE, '[pci]\ndevice_spec = {"address": {"bus": "(?P<b>3)b"}}\n'), 'host-spec-matches-nothing'), []);
});

test('VFs of one PF with different resource classes or traits: Errors (P5, P6); foo and CUSTOM_FOO are equal', () => {
  const rc = lintOn(DONE, '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:3b:02.0", "resource_class": "fast"}\ndevice_spec = {"address": "0000:3b:02.1", "resource_class": "slow"}\n');
  assert.equal(only(rc, 'host-placement-mixed-resource-class').length, 1);
  const same = lintOn(DONE, '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:3b:02.0", "resource_class": "foo"}\ndevice_spec = {"address": "0000:3b:02.1", "resource_class": "CUSTOM_FOO"}\n');
  assert.deepEqual(only(same, 'host-placement-mixed-resource-class'), []);
  const tr = lintOn(DONE, '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:3b:02.0", "traits": "CUSTOM_A"}\ndevice_spec = {"address": "0000:3b:02.1"}\n');
  assert.equal(only(tr, 'host-placement-mixed-traits').length, 1);
});

test('live_migratable differences split VF traits only on master (HW_PCI_LIVE_MIGRATABLE)', () => {
  const text = '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:3b:02.0", "live_migratable": "true"}\ndevice_spec = {"address": "0000:3b:02.1"}\n';
  assert.equal(only(lintOn(DONE, text, 'master'), 'host-placement-mixed-traits').length, 1);
  assert.deepEqual(only(lintOn(DONE, text, '2026.1'), 'host-placement-mixed-traits'), []);
});

test('one_time_use on a VF: Error from 2025.2, even when false', () => {
  const text = '[pci]\nreport_in_placement = true\ndevice_spec = {"vendor_id": "8086", "product_id": "154c", "one_time_use": "false"}\n';
  assert.equal(only(lintOn(DONE, text, '2025.2'), 'host-one-time-use-on-vf').length, 1);
  assert.deepEqual(only(lintOn(DONE, text, '2025.1'), 'host-one-time-use-on-vf'), []);
  assert.deepEqual(only(lintOn(DONE, '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:af:00.0", "one_time_use": "true"}\n', '2025.2'), 'host-one-time-use-on-vf'), []);
});

test('a device in a 32-bit PCI domain is skipped by Nova: the entry naming it warns', () => {
  const host = hostOf([{ address: '10000:01:00.0', vendor: '144d', device: 'a80a', class: '010802', numa: 0 }]);
  const [w] = only(lintOn(host, '[pci]\ndevice_spec = {"vendor_id": "144d", "product_id": "a80a"}\n'), 'host-device-beyond-address-limits');
  assert.match(w?.message ?? '', /10000:01:00\.0/);
});

test('a later entry whose devices all belong to an earlier one is reported as shadowed', () => {
  const ds = lintOn(DONE, '[pci]\ndevice_spec = {"address": "0000:3b:02.*"}\ndevice_spec = {"vendor_id": "8086", "product_id": "154c", "physical_network": "physnet1"}\n');
  const [i] = only(ds, 'host-spec-shadowed');
  assert.equal(i?.range.start.line, 2);
});

test('aliases: no allowed device fits -> Information; a PF is never given to an alias without device_type', () => {
  const text = '[pci]\ndevice_spec = {"address": "0000:3b:00.0"}\nalias = {"name": "nic", "vendor_id": "8086", "product_id": "1572"}\n';
  assert.equal(only(lintOn(DONE, text), 'host-alias-no-device').length, 1);
  assert.deepEqual(only(lintOn(DONE, text.replace('"1572"}', '"1572", "device_type": "type-PF"}')), 'host-alias-no-device'), []);
});

test('a SmartNIC PF named with its VF product id (remote_managed): Nova\'s check accepts, the real host refuses', () => {
  const vfs = ['0000:82:00.2', '0000:82:00.3'];
  const host = hostOf([
    { address: '0000:82:00.0', vendor: '15b3', device: 'a2d6', numa: 0, totalVfs: 8, vfDevice: '101e', vfs, net: ['p0'] },
    ...vfs.map((a): FakePci => ({ address: a, vendor: '15b3', device: '101e', numa: 0, physfn: '0000:82:00.0' })),
  ]);
  const [e] = only(lintOn(host, '[pci]\ndevice_spec = {"address": "0000:82:00.0", "vendor_id": "15b3", "product_id": "101e", "remote_managed": "true"}\n'), 'host-remote-managed-pf');
  assert.equal((e?.data as { unitTestVerdict: string }).unitTestVerdict, 'accept');
  assert.match(e.message, /PciDeviceNotFoundById/);
  assert.match(e.message, /0000:82:00\.\*/);
});
