/**
 * The host snapshot: the PCI facts of one compute node that Nova's PCI code
 * depends on, as read from sysfs (see docs/host.md and docs/host-snapshot.schema.json).
 * Pure: the adapter (server/src/host-reader.ts) reads a filesystem root into this
 * shape; this module only validates and normalises untrusted snapshot JSON.
 */

export const SNAPSHOT_FORMAT = 'nova-conf-host-snapshot';
export const SNAPSHOT_VERSION = 1;

/** Caps that keep a hostile snapshot (or sysfs tree) from exhausting memory. */
export const LIMITS = {
  devices: 16384,
  netdevs: 16384,
  /** VFs listed per PF (the PCIe SR-IOV capability allows at most 65535; real cards stay far below). */
  virtfns: 4096,
  /** Interface names under one device's net/ directory. */
  netPerDevice: 256,
  /** Bytes read from one sysfs attribute file. */
  attrBytes: 4096,
  /** Length of any string kept from sysfs or a snapshot. */
  stringLength: 256,
} as const;

/** One entry of `ROOT/sys/bus/pci/devices/`. Field names follow the sysfs attribute names. */
export interface SnapshotPciDevice {
  /** The directory name, e.g. `0000:3b:00.0` (a 32-bit domain shows as `10000:00:00.0`). */
  address: string;
  /** `vendor` without `0x`, four lower-case hex digits. */
  vendor: string | null;
  /** `device` (the product id) without `0x`. */
  device: string | null;
  /** `class` without `0x`, six hex digits. */
  class: string | null;
  /** `numa_node`: -1 when the kernel does not know it; null when the file is missing. */
  numa_node: number | null;
  /** `sriov_totalvfs`, null when absent or unreadable (Nova treats both as "not a PF"). */
  sriov_totalvfs: number | null;
  /** `sriov_numvfs`: VFs currently enabled. */
  sriov_numvfs: number | null;
  /** `sriov_vf_device`: the device id every VF of this PF presents. */
  sriov_vf_device: string | null;
  /** Basename of the `physfn` link: the parent PF's address (VFs only). */
  physfn: string | null;
  /** Basenames of the `virtfnN` links, in N order. */
  virtfn: string[];
  /** Basename of the `driver` link. */
  driver: string | null;
  /** Interface names under `net/`. */
  net: string[];
  /** `vdpaN` children (a vDPA device sits on this VF). */
  vdpa: string[];
}

/** One entry of `ROOT/sys/class/net/`. */
export interface SnapshotNetdev {
  name: string;
  /** The `device` link exactly as readlink returns it (Nova strips "./" from it); null when there is none. */
  device_link: string | null;
  /** The PCI address the link resolves to, when it is a PCI device of this snapshot. */
  device_address: string | null;
}

export interface HostSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  /** The host name, when known (the collector records it only for the live root `/`). */
  hostname: string | null;
  /** ISO 8601 time of collection, when known. */
  collected_at: string | null;
  /** The root that was read (informational). */
  root: string | null;
  pci_devices: SnapshotPciDevice[];
  netdevs: SnapshotNetdev[];
}

export class SnapshotError extends Error {}

const HEX = /^[0-9a-f]{1,8}$/;

function str(v: unknown, where: string, nullable: true): string | null;
function str(v: unknown, where: string, nullable: false): string;
function str(v: unknown, where: string, nullable: boolean): string | null {
  if (v === null && nullable) return null;
  if (typeof v !== 'string') throw new SnapshotError(`${where} must be a string${nullable ? ' or null' : ''}`);
  if (v.length > LIMITS.stringLength) throw new SnapshotError(`${where} is longer than ${LIMITS.stringLength} characters`);
  return v;
}

function hex(v: unknown, where: string): string | null {
  const s = str(v, where, true);
  if (s === null) return null;
  const t = s.toLowerCase().replace(/^0x/, '');
  if (!HEX.test(t)) throw new SnapshotError(`${where} must be hex digits (got ${JSON.stringify(s)})`);
  return t;
}

function int(v: unknown, where: string): number | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new SnapshotError(`${where} must be an integer or null`);
  return v;
}

function strList(v: unknown, where: string, max: number): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new SnapshotError(`${where} must be a list of strings`);
  if (v.length > max) throw new SnapshotError(`${where} has more than ${max} items`);
  return v.map((x, i) => str(x, `${where}[${i}]`, false));
}

function obj(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SnapshotError(`${where} must be an object`);
  return v as Record<string, unknown>;
}

/** Validates parsed JSON as a host snapshot (any version this build reads); throws SnapshotError with the first problem. */
export function validateSnapshot(json: unknown): HostSnapshot {
  const o = obj(json, 'the snapshot');
  if (o.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`not a nova-conf host snapshot ("format" must be "${SNAPSHOT_FORMAT}")`);
  if (o.version !== SNAPSHOT_VERSION) throw new SnapshotError(`snapshot version ${JSON.stringify(o.version)} is not supported (this build reads version ${SNAPSHOT_VERSION})`);
  if (!Array.isArray(o.pci_devices)) throw new SnapshotError('pci_devices must be a list');
  if (o.pci_devices.length > LIMITS.devices) throw new SnapshotError(`pci_devices has more than ${LIMITS.devices} entries`);
  const netdevs = o.netdevs === undefined ? [] : o.netdevs;
  if (!Array.isArray(netdevs)) throw new SnapshotError('netdevs must be a list');
  if (netdevs.length > LIMITS.netdevs) throw new SnapshotError(`netdevs has more than ${LIMITS.netdevs} entries`);
  const seen = new Set<string>();
  const pci = o.pci_devices.map((raw, i): SnapshotPciDevice => {
    const w = `pci_devices[${i}]`;
    const d = obj(raw, w);
    const address = str(d.address, `${w}.address`, false);
    if (seen.has(address)) throw new SnapshotError(`${w}.address ${address} appears twice`);
    seen.add(address);
    return {
      address,
      vendor: hex(d.vendor ?? null, `${w}.vendor`),
      device: hex(d.device ?? null, `${w}.device`),
      class: hex(d.class ?? null, `${w}.class`),
      numa_node: int(d.numa_node ?? null, `${w}.numa_node`),
      sriov_totalvfs: int(d.sriov_totalvfs ?? null, `${w}.sriov_totalvfs`),
      sriov_numvfs: int(d.sriov_numvfs ?? null, `${w}.sriov_numvfs`),
      sriov_vf_device: hex(d.sriov_vf_device ?? null, `${w}.sriov_vf_device`),
      physfn: str(d.physfn ?? null, `${w}.physfn`, true),
      virtfn: strList(d.virtfn, `${w}.virtfn`, LIMITS.virtfns),
      driver: str(d.driver ?? null, `${w}.driver`, true),
      net: strList(d.net, `${w}.net`, LIMITS.netPerDevice),
      vdpa: strList(d.vdpa, `${w}.vdpa`, LIMITS.netPerDevice),
    };
  });
  const names = new Set<string>();
  const net = netdevs.map((raw, i): SnapshotNetdev => {
    const w = `netdevs[${i}]`;
    const n = obj(raw, w);
    const name = str(n.name, `${w}.name`, false);
    if (names.has(name)) throw new SnapshotError(`${w}.name ${name} appears twice`);
    names.add(name);
    return { name, device_link: str(n.device_link ?? null, `${w}.device_link`, true), device_address: str(n.device_address ?? null, `${w}.device_address`, true) };
  });
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    hostname: str(o.hostname ?? null, 'hostname', true),
    collected_at: str(o.collected_at ?? null, 'collected_at', true),
    root: str(o.root ?? null, 'root', true),
    pci_devices: pci,
    netdevs: net,
  };
}

/** Parses snapshot text (JSON); throws SnapshotError. */
export function parseSnapshot(text: string): HostSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SnapshotError(`not valid JSON: ${(e as Error).message}`);
  }
  return validateSnapshot(json);
}
