/**
 * Adapter side of host-aware checks: reads a Linux filesystem root the way Nova
 * (through libvirt) sees its PCI devices, or a snapshot file, or a directory of
 * snapshots (a fleet). Only these are read, and nothing is executed:
 *   ROOT/sys/bus/pci/devices/*: vendor, device, class, numa_node, sriov_totalvfs,
 *     sriov_numvfs, sriov_vf_device (attribute files, at most 4 KiB each), the
 *     physfn, virtfnN and driver links (link text only), and the names under net/
 *     and of vdpaN children;
 *   ROOT/sys/class/net/*: the device link.
 * Symbolic links are resolved inside ROOT as if ROOT were `/`: an absolute target
 * or a `..` past ROOT stays inside ROOT, so a hostile tree cannot make the reader
 * leave it. Attribute files are opened without following a final symlink and only
 * when they are regular files.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { basename, join, resolve, sep } from 'node:path';
import { buildInventory, HostInventory } from './service/host/inventory';
import { HostSnapshot, LIMITS, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotError, SnapshotNetdev, SnapshotPciDevice, parseSnapshot } from './service/host/snapshot';

const MAX_HOPS = 40;
/** Largest snapshot file accepted (a host with 16k devices stays well below). */
const MAX_SNAPSHOT_BYTES = 32 * 1024 * 1024;
/** Snapshots read from one fleet directory. */
const MAX_FLEET = 4096;

export class HostReadError extends Error {}

/**
 * Resolves `rel` (a path inside ROOT, '/'-separated) to a real path inside ROOT, following
 * symlinks with ROOT as the root directory. Undefined when a component is missing or the
 * link chain is too long.
 */
export function resolveInRoot(root: string, rel: string, cache?: Map<string, string | null | undefined>): string | undefined {
  const base = resolve(root);
  const parts = rel.split('/').filter((p) => p && p !== '.');
  const stack: string[] = [];
  let hops = 0;
  while (parts.length) {
    const p = parts.shift() as string;
    if (p === '..') {
      stack.pop(); // never above ROOT
      continue;
    }
    const cur = join(base, ...stack, p);
    // cache: path -> link text (a symlink), null (not a link), undefined (missing); one read of the tree shares it.
    let link = cache?.get(cur);
    if (link === undefined || !cache?.has(cur)) {
      try {
        link = lstatSync(cur).isSymbolicLink() ? readlinkSync(cur) : null;
      } catch {
        link = undefined;
      }
      cache?.set(cur, link);
    }
    if (link === undefined) return undefined;
    if (link !== null) {
      if (++hops > MAX_HOPS) return undefined;
      const target = link;
      if (target.startsWith('/')) stack.length = 0;
      parts.unshift(...target.split('/').filter((x) => x && x !== '.'));
      continue;
    }
    stack.push(p);
  }
  return join(base, ...stack);
}

/** Reads at most LIMITS.attrBytes of a regular file (no final-symlink following, no FIFOs or devices). */
function readAttr(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return undefined;
    const buf = Buffer.alloc(LIMITS.attrBytes);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function cap(s: string): string {
  return s.length > LIMITS.stringLength ? s.slice(0, LIMITS.stringLength) : s;
}

function hexAttr(dir: string, name: string): string | null {
  const t = readAttr(join(dir, name))?.trim().toLowerCase().replace(/^0x/, '');
  return t && /^[0-9a-f]{1,8}$/.test(t) ? t : null;
}

/** Python int(text) of an attribute, as Nova reads sriov_totalvfs; null when missing or not a number. */
function intAttr(dir: string, name: string): number | null {
  const t = readAttr(join(dir, name))?.trim();
  if (t === undefined || !/^[+-]?\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

function linkText(path: string): string | null {
  try {
    if (!lstatSync(path).isSymbolicLink()) return null;
    return cap(readlinkSync(path));
  } catch {
    return null;
  }
}

function list(dir: string, max: number): string[] {
  try {
    const names = readdirSync(dir);
    names.sort();
    return names.slice(0, max).map(cap);
  } catch {
    return [];
  }
}

export function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Reads ROOT's PCI devices and network interfaces into a snapshot. Throws HostReadError when ROOT has no sysfs PCI tree. */
export function readHostRoot(root: string, now: Date = new Date()): HostSnapshot {
  const base = resolve(root);
  const cache = new Map<string, string | null | undefined>();
  const devicesDir = resolveInRoot(base, 'sys/bus/pci/devices', cache);
  if (!devicesDir || !isDir(devicesDir)) throw new HostReadError(`${root} has no sys/bus/pci/devices directory (give a filesystem root such as / or a snapshot file)`);
  const byReal = new Map<string, string>();
  const pci: SnapshotPciDevice[] = [];
  for (const name of list(devicesDir, LIMITS.devices)) {
    const dir = resolveInRoot(base, `sys/bus/pci/devices/${name}`, cache);
    if (!dir || !isDir(dir)) continue;
    byReal.set(dir, name);
    const entries = list(dir, 100000);
    const virtfn = entries.filter((e) => /^virtfn\d+$/.test(e)).sort((a, b) => Number(a.slice(6)) - Number(b.slice(6))).slice(0, LIMITS.virtfns);
    const physfn = linkText(join(dir, 'physfn'));
    const driver = linkText(join(dir, 'driver'));
    pci.push({
      address: name,
      vendor: hexAttr(dir, 'vendor'),
      device: hexAttr(dir, 'device'),
      class: hexAttr(dir, 'class'),
      numa_node: intAttr(dir, 'numa_node'),
      sriov_totalvfs: intAttr(dir, 'sriov_totalvfs'),
      sriov_numvfs: intAttr(dir, 'sriov_numvfs'),
      sriov_vf_device: hexAttr(dir, 'sriov_vf_device'),
      physfn: physfn === null ? null : basename(physfn),
      virtfn: virtfn.map((v) => linkText(join(dir, v))).filter((t): t is string => t !== null).map((t) => basename(t)),
      driver: driver === null ? null : basename(driver),
      net: list(join(dir, 'net'), LIMITS.netPerDevice),
      vdpa: entries.filter((e) => /^vdpa\d+$/.test(e)).slice(0, LIMITS.netPerDevice),
    });
  }
  const netdevs: SnapshotNetdev[] = [];
  const netDir = resolveInRoot(base, 'sys/class/net', cache);
  if (netDir && isDir(netDir)) {
    for (const name of list(netDir, LIMITS.netdevs)) {
      const dir = resolveInRoot(base, `sys/class/net/${name}`, cache);
      if (!dir) continue;
      const target = resolveInRoot(base, `sys/class/net/${name}/device`, cache);
      const isDev = target !== undefined && isDir(target);
      netdevs.push({
        name,
        device_link: isDev ? linkText(join(dir, 'device')) : null,
        device_address: isDev ? (byReal.get(target) ?? null) : null,
      });
    }
  }
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    hostname: base === sep ? osHostname() : null,
    collected_at: now.toISOString(),
    root: base,
    pci_devices: pci,
    netdevs,
  };
}

export interface LoadedHost {
  inventory: HostInventory;
  /** What was read: a snapshot file or a filesystem root. */
  kind: 'snapshot' | 'root';
  path: string;
}

function readSnapshotFile(path: string): HostSnapshot {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) throw new HostReadError(`${path} is not a regular file`);
    if (st.size > MAX_SNAPSHOT_BYTES) throw new HostReadError(`${path} is larger than ${MAX_SNAPSHOT_BYTES} bytes`);
    const text = readFileSync(fd, 'utf8');
    return parseSnapshot(text);
  } catch (e) {
    if (e instanceof HostReadError) throw e;
    if (e instanceof SnapshotError) throw new HostReadError(`${path}: ${e.message}`);
    const code = (e as NodeJS.ErrnoException).code;
    throw new HostReadError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A snapshot file, or a filesystem root (a directory with sys/bus/pci/devices). */
export function loadHost(path: string): LoadedHost {
  if (isDir(path)) {
    const snap = readHostRoot(path);
    return { inventory: buildInventory(snap), kind: 'root', path };
  }
  const snap = readSnapshotFile(path);
  return { inventory: buildInventory(snap, basename(path).replace(/\.json$/i, '')), kind: 'snapshot', path };
}

/**
 * `--host PATH`: a snapshot file, a filesystem root, or a fleet directory of snapshots named
 * by host (`<host>.json`: the file name names the host in messages).
 */
export function loadHosts(path: string): LoadedHost[] {
  if (isDir(path) && !resolveInRoot(path, 'sys/bus/pci/devices')) {
    const files = list(path, MAX_FLEET + 1).filter((f) => f.toLowerCase().endsWith('.json'));
    if (files.length === 0) throw new HostReadError(`${path} is neither a filesystem root (no sys/bus/pci/devices) nor a directory of host snapshots (*.json)`);
    if (files.length > MAX_FLEET) throw new HostReadError(`${path} holds more than ${MAX_FLEET} snapshots`);
    return files.map((f) => {
      const snap = readSnapshotFile(join(path, f));
      const name = f.replace(/\.json$/i, '');
      return { inventory: buildInventory({ ...snap, hostname: name }, name), kind: 'snapshot' as const, path: join(path, f) };
    });
  }
  return [loadHost(path)];
}
