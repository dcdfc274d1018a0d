/**
 * The example host of docs/host.md, used to render and check the host rules'
 * examples (a made-up compute node shaped like a common Intel X710 + NVIDIA A10 server):
 * PF 0000:3b:00.0 (8086:1572, NUMA 1, netdev ens1f0) with 4 VFs 8086:154c,
 * a GPU 0000:af:00.0 (10de:20b5) without a NUMA node, and an NVMe drive behind a
 * VMD controller in PCI domain 10000, which is beyond Nova's limits.
 */
import { buildInventory, HostInventory } from './inventory';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotPciDevice, HostSnapshot } from './snapshot';

function dev(address: string, over: Partial<SnapshotPciDevice>): SnapshotPciDevice {
  return { address, vendor: null, device: null, class: null, numa_node: -1, sriov_totalvfs: null, sriov_numvfs: null, sriov_vf_device: null, physfn: null, virtfn: [], driver: null, net: [], vdpa: [], ...over };
}

const VFS = ['0000:3b:02.0', '0000:3b:02.1', '0000:3b:02.2', '0000:3b:02.3'];

export const EXAMPLE_SNAPSHOT: HostSnapshot = {
  format: SNAPSHOT_FORMAT,
  version: SNAPSHOT_VERSION,
  hostname: 'compute-example',
  collected_at: null,
  root: null,
  pci_devices: [
    dev('0000:3b:00.0', { vendor: '8086', device: '1572', class: '020000', numa_node: 1, sriov_totalvfs: 64, sriov_numvfs: 4, sriov_vf_device: '154c', virtfn: VFS, driver: 'i40e', net: ['ens1f0'] }),
    ...VFS.map((a, i) => dev(a, { vendor: '8086', device: '154c', class: '020000', numa_node: 1, physfn: '0000:3b:00.0', driver: 'iavf', net: [`ens1f0v${i}`] })),
    dev('0000:af:00.0', { vendor: '10de', device: '20b5', class: '030200', numa_node: -1, driver: 'nvidia' }),
    dev('10000:01:00.0', { vendor: '144d', device: 'a80a', class: '010802', numa_node: 0, driver: 'nvme' }),
  ],
  netdevs: [
    { name: 'ens1f0', device_link: '../../../0000:3b:00.0', device_address: '0000:3b:00.0' },
    ...VFS.map((a, i) => ({ name: `ens1f0v${i}`, device_link: `../../../${a}`, device_address: a })),
    { name: 'lo', device_link: null, device_address: null },
  ],
};

let example: HostInventory | undefined;
export function exampleHost(): HostInventory {
  return (example ??= buildInventory(EXAMPLE_SNAPSHOT));
}
