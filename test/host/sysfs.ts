/**
 * Builds synthetic Linux sysfs trees in a temporary directory, laid out like the
 * kernel's (devices under sys/devices/pci0000:00, symlinks from sys/bus/pci/devices
 * and sys/class/net, physfn/virtfnN/driver links, net/<ifname>/device links), so
 * the host reader can be tested without hardware. Attribute values are written the
 * way the kernel prints them ("0x8086\n", "1\n").
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakePci {
  address: string;
  vendor: string;
  device: string;
  class?: string;
  numa?: number;
  /** sriov_totalvfs (a PF). */
  totalVfs?: number;
  /** sriov_vf_device of a PF. */
  vfDevice?: string;
  /** Addresses of enabled VFs (virtfnN links). */
  vfs?: string[];
  /** The PF's address (a VF). */
  physfn?: string;
  driver?: string;
  net?: string[];
  /** Adds a vdpa0 child (a vDPA device on this VF). */
  vdpa?: boolean;
}

export interface FakeNetdev {
  name: string;
  /** A non-PCI device directory the link points to (e.g. "virtio2" under a PCI device), or none. */
  virtualDevice?: { parent: string; name: string };
}

const BUS = 'pci0000:00';

export function buildSysfs(devices: FakePci[], extraNet: FakeNetdev[] = []): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'nova-conf-sysfs-'));
  const devs = join(root, 'sys', 'devices', BUS);
  mkdirSync(join(root, 'sys', 'bus', 'pci', 'devices'), { recursive: true });
  mkdirSync(join(root, 'sys', 'class', 'net'), { recursive: true });
  for (const d of devices) {
    const dir = join(devs, d.address);
    mkdirSync(dir, { recursive: true });
    const attr = (name: string, value: string) => writeFileSync(join(dir, name), `${value}\n`);
    attr('vendor', `0x${d.vendor}`);
    attr('device', `0x${d.device}`);
    attr('class', `0x${d.class ?? '020000'}`);
    attr('numa_node', String(d.numa ?? -1));
    if (d.totalVfs !== undefined) {
      attr('sriov_totalvfs', String(d.totalVfs));
      attr('sriov_numvfs', String(d.vfs?.length ?? 0));
    }
    if (d.vfDevice !== undefined) attr('sriov_vf_device', d.vfDevice);
    (d.vfs ?? []).forEach((vf, i) => symlinkSync(`../${vf}`, join(dir, `virtfn${i}`)));
    if (d.physfn) symlinkSync(`../${d.physfn}`, join(dir, 'physfn'));
    if (d.driver) {
      mkdirSync(join(root, 'sys', 'bus', 'pci', 'drivers', d.driver), { recursive: true });
      symlinkSync(`../../../bus/pci/drivers/${d.driver}`, join(dir, 'driver'));
    }
    if (d.vdpa) mkdirSync(join(dir, 'vdpa0'));
    for (const n of d.net ?? []) {
      mkdirSync(join(dir, 'net', n), { recursive: true });
      symlinkSync(`../../../${d.address}`, join(dir, 'net', n, 'device'));
      symlinkSync(`../../devices/${BUS}/${d.address}/net/${n}`, join(root, 'sys', 'class', 'net', n));
    }
    symlinkSync(`../../../devices/${BUS}/${d.address}`, join(root, 'sys', 'bus', 'pci', 'devices', d.address));
  }
  for (const n of extraNet) {
    if (n.virtualDevice) {
      const vdir = join(devs, n.virtualDevice.parent, n.virtualDevice.name);
      mkdirSync(join(vdir, 'net', n.name), { recursive: true });
      symlinkSync(`../../../${n.virtualDevice.name}`, join(vdir, 'net', n.name, 'device'));
      symlinkSync(`../../devices/${BUS}/${n.virtualDevice.parent}/${n.virtualDevice.name}/net/${n.name}`, join(root, 'sys', 'class', 'net', n.name));
    } else {
      mkdirSync(join(root, 'sys', 'devices', 'virtual', 'net', n.name), { recursive: true });
      symlinkSync(`../../devices/virtual/net/${n.name}`, join(root, 'sys', 'class', 'net', n.name));
    }
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** The host of the acceptance test: PF 0000:3b:00.0 (8086:1572, NUMA 1, ens1f0) with 4 VFs 8086:154c, and a GPU 0000:af:00.0 (10de:20b5) without NUMA node. */
export function doneWhenHost(): FakePci[] {
  const vfs = [0, 1, 2, 3].map((i) => `0000:3b:02.${i}`);
  return [
    { address: '0000:3b:00.0', vendor: '8086', device: '1572', numa: 1, totalVfs: 64, vfDevice: '154c', vfs, driver: 'i40e', net: ['ens1f0'] },
    ...vfs.map((a, i): FakePci => ({ address: a, vendor: '8086', device: '154c', numa: 1, physfn: '0000:3b:00.0', driver: 'iavf', net: [`ens1f0v${i}`] })),
    { address: '0000:af:00.0', vendor: '10de', device: '20b5', class: '030200', numa: -1, driver: 'nvidia' },
  ];
}
