/**
 * The host as Nova's PCI tracker sees it, derived from a snapshot the way the
 * libvirt driver builds its device list (nova/virt/libvirt/host.py
 * `_get_pcidev_info`, from libvirt's node-device XML, which libvirt fills from
 * the same sysfs files): address, ids, NUMA node, and the device type.
 */
import { parsePhysical } from './address';
import type { HostSnapshot, SnapshotPciDevice } from './snapshot';

/** nova.objects.fields.PciDeviceType values. */
export type NovaDeviceType = 'type-PCI' | 'type-PF' | 'type-VF' | 'vdpa';

export interface HostDevice {
  /** "%04x:%02x:%02x.%1x" as libvirt and Nova print it (the sysfs name). */
  address: string;
  vendorId: string;
  productId: string;
  classCode: string | null;
  /** NUMA node, or null when unknown (sysfs -1: libvirt then omits it and Nova stores None). */
  numaNode: number | null;
  devType: NovaDeviceType;
  /** The PF's address, for VFs and vDPA devices. */
  parentAddr: string | null;
  /** The VFs of a PF that are present (from its virtfn links). */
  vfs: string[];
  netdevs: string[];
  driver: string | null;
  sriovTotalVfs: number | null;
  sriovVfDevice: string | null;
  /** False when the address is beyond Nova's limits (for example a 32-bit PCI domain): Nova skips the device. */
  inLimits: boolean;
  raw: SnapshotPciDevice;
}

export interface HostNetdev {
  name: string;
  /** What Nova's get_function_by_ifname returns: readlink(device).strip("./"), or null when there is no device directory. */
  nova: string | null;
  /** The PCI device it belongs to, when it is one. */
  address: string | null;
}

export interface HostInventory {
  /** Host name for messages: the snapshot's hostname, else what the caller names it (file or root). */
  name: string;
  snapshot: HostSnapshot;
  /** Devices Nova would list, sorted by address (the order the PCI tracker processes them). */
  devices: HostDevice[];
  byAddress: Map<string, HostDevice>;
  netdevs: Map<string, HostNetdev>;
  /** Snapshot entries by their sysfs name, as Nova's own sysfs probes look them up. */
  raw: Map<string, SnapshotPciDevice>;
  /** Entries without vendor or device ids (libvirt cannot describe them; Nova never sees them). */
  incomplete: string[];
}

/** Python str.strip("./"). */
function stripDotSlash(s: string): string {
  return s.replace(/^[./]+/, '').replace(/[./]+$/, '');
}

function deviceType(d: SnapshotPciDevice): NovaDeviceType {
  // libvirt reports the virt_functions capability when the device can have VFs (sriov_totalvfs > 0)
  // or has some; Nova checks that capability first.
  if ((d.sriov_totalvfs ?? 0) > 0 || d.virtfn.length > 0) return 'type-PF';
  if (d.physfn) return d.vdpa.length > 0 ? 'vdpa' : 'type-VF';
  return 'type-PCI';
}

export function buildInventory(snapshot: HostSnapshot, name?: string): HostInventory {
  const devices: HostDevice[] = [];
  const incomplete: string[] = [];
  for (const d of snapshot.pci_devices) {
    if (!d.vendor || !d.device) {
      incomplete.push(d.address);
      continue;
    }
    const devType = deviceType(d);
    devices.push({
      address: d.address.toLowerCase(),
      vendorId: d.vendor.padStart(4, '0'),
      productId: d.device.padStart(4, '0'),
      classCode: d.class,
      numaNode: d.numa_node !== null && d.numa_node >= 0 ? d.numa_node : null,
      devType,
      parentAddr: devType === 'type-VF' || devType === 'vdpa' ? (d.physfn?.toLowerCase() ?? null) : null,
      vfs: d.virtfn.map((v) => v.toLowerCase()),
      netdevs: d.net,
      driver: d.driver,
      sriovTotalVfs: d.sriov_totalvfs,
      sriovVfDevice: d.sriov_vf_device,
      inLimits: parsePhysical(d.address) !== undefined,
      raw: d,
    });
  }
  devices.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const netdevs = new Map<string, HostNetdev>();
  for (const n of snapshot.netdevs) {
    netdevs.set(n.name, { name: n.name, nova: n.device_link === null ? null : stripDotSlash(n.device_link), address: n.device_address });
  }
  return {
    name: snapshot.hostname ?? rootName(snapshot.root) ?? name ?? 'host',
    snapshot,
    devices,
    byAddress: new Map(devices.map((d) => [d.address, d])),
    netdevs,
    raw: new Map(snapshot.pci_devices.map((d) => [d.address, d])),
    incomplete,
  };
}

/** A collected tree's root directory names the host when the snapshot has no host name ("/srv/trees/compute-7" -> "compute-7"). */
function rootName(root: string | null): string | undefined {
  const last = root?.split('/').filter(Boolean).at(-1);
  return last || undefined;
}

/** nova.pci.utils.is_physical_function: the sysfs directory exists and sriov_totalvfs reads as a number > 0. */
export function isPhysicalFunction(inv: HostInventory, sysfsName: string): boolean {
  const raw = inv.raw.get(sysfsName);
  return !!raw && (raw.sriov_totalvfs ?? 0) > 0;
}

/** nova.pci.utils.get_function_by_ifname: (address text, is PF) or (null, false) when the netdev has no device directory. */
export function functionByIfname(inv: HostInventory, ifname: string): { address: string | null; pf: boolean } {
  const n = inv.netdevs.get(ifname);
  if (!n || n.nova === null) return { address: null, pf: false };
  const raw = n.address ? inv.raw.get(n.address) : undefined;
  return { address: n.nova, pf: !!raw && (raw.sriov_totalvfs ?? 0) > 0 };
}
