/**
 * Which host devices a device_spec entry allows, the way nova/pci/devspec.py
 * (PciDeviceSpec) and nova/pci/whitelist.py (Whitelist.device_assignable) decide:
 * ids compared after int(x, 16) and '%04x', the address as a glob, regexes or (for
 * devname) the netdev's PCI function, a PF's address also matching its VFs, and
 * every device belonging to the FIRST entry that matches it.
 *
 * The input is deliberately small (`SpecInput`): the JSON object as Python's
 * json.loads returns it, so a typed PCI model can feed it later without changes here.
 */
import { parsePyHexInt } from '../python/int';
import { lenientBool } from '../oslo/bool';
import { AddressSpec, WhitelistAddress, hasUntranslatableRegex, isSingleAddress, matchWhitelistAddress, parseGlob, parsePhysical, parseRegex, sysfsName } from './address';
import { HostDevice, HostInventory, functionByIfname, isPhysicalFunction } from './inventory';

/** One device_spec entry as Python sees it after json.loads (last duplicate key wins). */
export interface SpecInput {
  readonly value: Readonly<Record<string, unknown>>;
}

export type DevnameLookup =
  | { state: 'absent' }
  /** The netdev has a device link, but Nova cannot read it as a PCI address (e.g. a virtio NIC's `virtio2`). */
  | { state: 'not-pci'; text: string }
  | { state: 'found'; address: string; pf: boolean };

export interface CompiledSpec {
  /** Position in the whitelist (Nova tries entries in this order). */
  index: number;
  input: SpecInput;
  /** '%04x' of the id, or '*'. */
  vendorId: string;
  productId: string;
  devname: string | null;
  devnameLookup?: DevnameLookup;
  /** The address object Nova matches with; null when the devname names no PCI function (the entry matches nothing). */
  address: WhitelistAddress | null;
  /** Tags: every key except vendor_id, product_id, address and devname. */
  tags: Record<string, unknown>;
  remoteManaged: boolean;
  /** A regex Nova accepts that JavaScript cannot evaluate: match results for this entry are unknown. */
  uncertain: boolean;
}

const ANY = '*';

function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** Python str() of a JSON scalar, for oslo's bool_from_string. */
function pyStr(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  return String(v);
}

function normId(v: unknown, stripFirst: boolean): string | undefined {
  if (v === undefined) return ANY;
  if (typeof v !== 'string') return undefined;
  const s = stripFirst ? v.trim() : v;
  if (s === ANY) return ANY;
  const n = parsePyHexInt(s);
  if (n === undefined || n > 0xffffn) return undefined;
  if (n < 0n) return `-${(-n).toString(16)}`; // never equals a device id
  return n.toString(16).padStart(4, '0');
}

/**
 * PciDeviceSpec(dev_spec) on this host. Undefined when Nova refuses the entry while parsing
 * (bad ids or address, devname with address): the static device_spec rules report those.
 */
export function compileSpec(input: SpecInput, index: number, inv: HostInventory): CompiledSpec | undefined {
  const v = input.value;
  const vendorId = normId(v.vendor_id, true);
  const productId = normId(v.product_id, false);
  if (vendorId === undefined || productId === undefined) return undefined;
  const devnameRaw = v.devname;
  const addressRaw = v.address;
  if (pyTruthy(devnameRaw) && pyTruthy(addressRaw)) return undefined;
  const tags: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (!['vendor_id', 'product_id', 'devname', 'address'].includes(k)) tags[k] = x;
  const remoteManaged = 'remote_managed' in tags && tags.remote_managed !== null && lenientBool(pyStr(tags.remote_managed));
  let address: WhitelistAddress | null = null;
  let devname: string | null = null;
  let devnameLookup: DevnameLookup | undefined;
  if (pyTruthy(devnameRaw)) {
    devname = typeof devnameRaw === 'string' ? devnameRaw : pyStr(devnameRaw);
    const f = functionByIfname(inv, devname);
    if (f.address === null) devnameLookup = { state: 'absent' };
    else if (f.pf) {
      const spec = parsePhysical(f.address);
      if (!spec) devnameLookup = { state: 'not-pci', text: f.address };
      else {
        devnameLookup = { state: 'found', address: f.address, pf: true };
        address = { spec, isPhysicalFunction: true };
      }
    } else {
      const spec = parseGlob(f.address);
      if (!spec) devnameLookup = { state: 'not-pci', text: f.address };
      else {
        devnameLookup = { state: 'found', address: f.address, pf: false };
        address = whitelistAddress(spec, inv);
      }
    }
  } else {
    let spec: AddressSpec | undefined;
    if (!pyTruthy(addressRaw)) spec = parseGlob('*:*:*.*');
    else if (typeof addressRaw === 'string') spec = parseGlob(addressRaw);
    else if (typeof addressRaw === 'object' && addressRaw !== null && !Array.isArray(addressRaw)) spec = parseRegex(addressRaw as Record<string, unknown>);
    if (!spec) return undefined;
    address = whitelistAddress(spec, inv);
  }
  return { index, input, vendorId, productId, devname, devnameLookup, address, tags, remoteManaged, uncertain: !!address && hasUntranslatableRegex(address.spec) };
}

/** WhitelistPciAddress(addr, False): a single address that is a PF on this host matches its VFs too. */
function whitelistAddress(spec: AddressSpec, inv: HostInventory): WhitelistAddress {
  return { spec, isPhysicalFunction: isSingleAddress(spec) && isPhysicalFunction(inv, sysfsName(spec)) };
}

/** PciDeviceSpec.match(dev): ids, then the address (own, or the parent's for a PF spec). Undefined: the device address is beyond Nova's limits. */
export function specMatches(spec: CompiledSpec, dev: HostDevice): boolean | undefined {
  if (!spec.address) return false;
  const addr = matchWhitelistAddress(spec.address, dev.address, dev.parentAddr);
  if (addr === undefined) return undefined;
  return (spec.vendorId === ANY || spec.vendorId === dev.vendorId) && (spec.productId === ANY || spec.productId === dev.productId) && addr;
}

/** Ids alone (what a spec would match if the address did not stand in the way). */
export function idsMatch(spec: CompiledSpec, dev: HostDevice): boolean {
  return (spec.vendorId === ANY || spec.vendorId === dev.vendorId) && (spec.productId === ANY || spec.productId === dev.productId);
}

export interface Assignment {
  specs: CompiledSpec[];
  /** Device address -> the entry Nova gives it to (the first that matches). */
  owner: Map<string, CompiledSpec>;
  /** Per entry index: every device it matches on its own, whether or not an earlier entry took it. */
  matches: Map<number, HostDevice[]>;
  /** Devices Nova skips because their address is beyond its limits. */
  outOfLimits: HostDevice[];
}

/** Whitelist.device_assignable over every device of the host. */
export function assignDevices(specs: CompiledSpec[], inv: HostInventory): Assignment {
  const owner = new Map<string, CompiledSpec>();
  const matches = new Map<number, HostDevice[]>(specs.map((s) => [s.index, []]));
  const outOfLimits: HostDevice[] = [];
  for (const dev of inv.devices) {
    if (!dev.inLimits) {
      if (specs.some((s) => s.address)) outOfLimits.push(dev);
      continue;
    }
    for (const s of specs) {
      if (specMatches(s, dev)) {
        matches.get(s.index)?.push(dev);
        if (!owner.has(dev.address)) owner.set(dev.address, s);
      }
    }
  }
  return { specs, owner, matches, outOfLimits };
}
