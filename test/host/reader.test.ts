/** The host reader: synthetic sysfs trees, safety (symlinks stay inside ROOT, bounded reads), and this machine's real /sys. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { readHostRoot, resolveInRoot, loadHosts, HostReadError } from '../../server/src/host-reader';
import { buildInventory } from '../../server/src/service/host/inventory';
import { parseSnapshot, validateSnapshot, SnapshotError } from '../../server/src/service/host/snapshot';
import { ROOT } from '../helpers';
import { buildSysfs, doneWhenHost } from './sysfs';
import { checkSchema } from './json-schema';

const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'docs', 'host-snapshot.schema.json'), 'utf8')) as Record<string, unknown>;
const trees: (() => void)[] = [];
after(() => trees.forEach((c) => c()));
function tree(...args: Parameters<typeof buildSysfs>) {
  const t = buildSysfs(...args);
  trees.push(t.cleanup);
  return t.root;
}

test('reads a PF with VFs, a GPU without NUMA node, netdevs, and classifies them as libvirt/Nova do', () => {
  const root = tree([...doneWhenHost(), { address: '0000:5e:00.2', vendor: '15b3', device: '101e', physfn: '0000:5e:00.0', vdpa: true }, { address: '0000:5e:00.0', vendor: '15b3', device: '101d', totalVfs: 4, vfs: ['0000:5e:00.2'] }]);
  const snap = readHostRoot(root);
  assert.deepEqual(checkSchema(SCHEMA, snap), []);
  const pf = snap.pci_devices.find((d) => d.address === '0000:3b:00.0');
  assert.deepEqual({ ...pf }, { address: '0000:3b:00.0', vendor: '8086', device: '1572', class: '020000', numa_node: 1, sriov_totalvfs: 64, sriov_numvfs: 4, sriov_vf_device: '154c', physfn: null, virtfn: ['0000:3b:02.0', '0000:3b:02.1', '0000:3b:02.2', '0000:3b:02.3'], driver: 'i40e', net: ['ens1f0'], vdpa: [] });
  const inv = buildInventory(snap);
  const t = (a: string) => inv.byAddress.get(a);
  assert.equal(t('0000:3b:00.0')?.devType, 'type-PF');
  assert.equal(t('0000:3b:02.1')?.devType, 'type-VF');
  assert.equal(t('0000:3b:02.1')?.parentAddr, '0000:3b:00.0');
  assert.equal(t('0000:af:00.0')?.devType, 'type-PCI');
  assert.equal(t('0000:af:00.0')?.numaNode, null, 'numa_node -1 is unknown (libvirt omits it)');
  assert.equal(t('0000:5e:00.2')?.devType, 'vdpa');
  assert.deepEqual(inv.netdevs.get('ens1f0v2'), { name: 'ens1f0v2', nova: '0000:3b:02.2', address: '0000:3b:02.2' });
});

test('a PF with SR-IOV capability but no VFs enabled is still type-PF (libvirt reports virt_functions from sriov_totalvfs)', () => {
  const inv = buildInventory(readHostRoot(tree([{ address: '0000:81:00.0', vendor: '8086', device: '1592', totalVfs: 128 }])));
  assert.equal(inv.byAddress.get('0000:81:00.0')?.devType, 'type-PF');
});

test('symlinks are resolved inside ROOT: absolute and ../ targets cannot leave it', () => {
  const root = tree([{ address: '0000:01:00.0', vendor: '8086', device: '10fb' }]);
  // A hostile device entry pointing at the real /etc and far above ROOT.
  symlinkSync('/etc', join(root, 'sys', 'bus', 'pci', 'devices', '0000:02:00.0'));
  symlinkSync('../../../../../../../../../../etc', join(root, 'sys', 'bus', 'pci', 'devices', '0000:03:00.0'));
  symlinkSync('/etc/hostname', join(root, 'sys', 'devices', 'pci0000:00', '0000:01:00.0', 'sriov_vf_device'));
  const r = resolveInRoot(root, 'sys/bus/pci/devices/0000:03:00.0');
  assert.ok(r === undefined || r.startsWith(root), String(r));
  const snap = readHostRoot(root);
  assert.deepEqual(snap.pci_devices.map((d) => d.address), ['0000:01:00.0'], 'entries resolving outside the tree (to ROOT/etc, which does not exist) are skipped');
  assert.equal(snap.pci_devices[0].sriov_vf_device, null, 'an attribute that is a symlink is not followed');
  // The same /etc inside ROOT is what a link to /etc means.
  mkdirSync(join(root, 'etc', 'x'), { recursive: true });
  assert.equal(resolveInRoot(root, 'sys/bus/pci/devices/0000:02:00.0/x'), join(root, 'etc', 'x'));
});

test('attribute reads are bounded and FIFOs are never opened for reading', () => {
  const root = tree([{ address: '0000:01:00.0', vendor: '8086', device: '10fb' }]);
  const dir = join(root, 'sys', 'devices', 'pci0000:00', '0000:01:00.0');
  writeFileSync(join(dir, 'class'), 'f'.repeat(10 * 1024 * 1024));
  let fifo = false;
  try {
    execFileSync('mkfifo', [join(dir, 'numa_node')], { stdio: 'ignore' });
    fifo = true;
  } catch {
    // no mkfifo here: the size bound is still checked
  }
  const [d] = readHostRoot(root).pci_devices;
  assert.equal(d.class, null, 'an over-long attribute is cut at 4 KiB and then does not parse');
  if (fifo) assert.equal(d.numa_node, null);
});

test('a root without sys/bus/pci/devices is refused with a clear message', () => {
  assert.throws(() => readHostRoot(join(ROOT, 'test', 'fixtures')), HostReadError);
  assert.throws(() => loadHosts(join(ROOT, 'test', 'fixtures')), /neither a filesystem root .* nor a directory of host snapshots/);
});

test('snapshot validation: wrong format, version, types and sizes are refused', () => {
  const ok = readHostRoot(tree(doneWhenHost()));
  assert.doesNotThrow(() => validateSnapshot(JSON.parse(JSON.stringify(ok))));
  assert.throws(() => parseSnapshot('{'), /not valid JSON/);
  assert.throws(() => validateSnapshot({ ...ok, format: 'x' }), SnapshotError);
  assert.throws(() => validateSnapshot({ ...ok, version: 2 }), /version 2 is not supported/);
  assert.throws(() => validateSnapshot({ ...ok, pci_devices: [{ address: 5 }] }), /address must be a string/);
  assert.throws(() => validateSnapshot({ ...ok, pci_devices: [{ address: 'a', vendor: 'zz' }] }), /hex digits/);
  assert.throws(() => validateSnapshot({ ...ok, pci_devices: [{ address: 'a' }, { address: 'a' }] }), /appears twice/);
  assert.throws(() => validateSnapshot({ ...ok, pci_devices: new Array(20000).fill(0).map((_, i) => ({ address: String(i) })) }), /more than 16384/);
});

test('this machine: the collected snapshot follows the schema and agrees with a live read', { skip: existsSync('/sys/bus/pci/devices') ? false : 'this machine has no /sys/bus/pci/devices' }, () => {
  const live = readHostRoot('/');
  assert.deepEqual(checkSchema(SCHEMA, live), []);
  const out = execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--collect-host'], { cwd: ROOT, encoding: 'utf8' });
  const collected = parseSnapshot(out);
  assert.deepEqual(checkSchema(SCHEMA, JSON.parse(out)), []);
  const strip = (s: typeof live) => ({ ...s, collected_at: null });
  assert.deepEqual(strip(collected), strip(live));
  const a = buildInventory(collected);
  const b = buildInventory(live);
  assert.deepEqual(a.devices.map((d) => [d.address, d.devType, d.vendorId, d.productId, d.numaNode]), b.devices.map((d) => [d.address, d.devType, d.vendorId, d.productId, d.numaNode]));
  const expected = existsSync('/sys/bus/pci/devices') ? readdirSync('/sys/bus/pci/devices').length : 0;
  assert.equal(live.pci_devices.length, expected, 'every device directory is read');
});
