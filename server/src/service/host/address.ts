/**
 * PCI address specs as nova/pci/devspec.py builds and matches them:
 * PciAddressGlobSpec (a string), PciAddressRegexSpec (an object of Python
 * regexes), PhysicalPciAddress (one exact address) and WhitelistPciAddress
 * (which also matches a PF's VFs through their parent address).
 */
import { parsePyHexInt } from '../python/int';

export interface AddressFields {
  domain: string;
  bus: string;
  slot: string;
  func: string;
}

export type AddressSpec =
  | { kind: 'glob'; fields: AddressFields }
  | { kind: 'regex'; fields: AddressFields; regexes: (RegExp | undefined)[] }
  | { kind: 'physical'; fields: AddressFields };

const ANY = '*';
const MAX = { domain: 0xffffn, bus: 0xffn, slot: 0x1fn, func: 0x7n };
const WIDTH = { domain: 4, bus: 2, slot: 2, func: 1 };

/** Python `'%0Nx' % v`: zero-padded lower-case hex, the sign counted in the width. */
function pyHex(v: bigint, width: number): string {
  const digits = (v < 0n ? -v : v).toString(16);
  return v < 0n ? `-${digits.padStart(width - 1, '0')}` : digits.padStart(width, '0');
}

/** PciAddressSpec._set_pci_dev_info: `*` stays, else int(x, 16) within the maximum, re-formatted. Undefined: Nova raises. */
function setDevInfo(value: string, prop: keyof AddressFields): string | undefined {
  if (value === ANY) return ANY;
  const v = parsePyHexInt(value);
  if (v === undefined || v > MAX[prop]) return undefined;
  return pyHex(v, WIDTH[prop]);
}

/** PciAddressGlobSpec(pci_addr); undefined when Nova refuses it (the static rules say why). */
export function parseGlob(addr: string): AddressSpec | undefined {
  const f: AddressFields = { domain: ANY, bus: ANY, slot: ANY, func: ANY };
  const dot = addr.indexOf('.');
  const dbs = dot >= 0 ? addr.slice(0, dot) : addr;
  const func = dot >= 0 ? addr.slice(dot + 1) : '';
  if (func) {
    const v = setDevInfo(func.trim(), 'func');
    if (v === undefined) return undefined;
    f.func = v;
  }
  if (dbs) {
    const parts = dbs.split(':');
    if (parts.length > 3) return undefined;
    const all = [...new Array<string>(3 - parts.length).fill(ANY), ...parts].map((s) => s.trim() || ANY);
    const keys = ['domain', 'bus', 'slot'] as const;
    for (let i = 0; i < 3; i++) {
      const v = setDevInfo(all[i], keys[i]);
      if (v === undefined) return undefined;
      f[keys[i]] = v;
    }
  }
  return { kind: 'glob', fields: f };
}

/** Parsed device addresses: every entry of every host is parsed once, not once per device_spec entry. */
const PHYSICAL = new Map<string, AddressSpec | undefined>();
const PHYSICAL_CAP = 65536;

/** PhysicalPciAddress(str): exactly domain:bus:slot.func, each within Nova's limits. Undefined: Nova raises. */
export function parsePhysical(addr: string): AddressSpec | undefined {
  if (PHYSICAL.has(addr)) return PHYSICAL.get(addr);
  const spec = parsePhysicalUncached(addr);
  if (PHYSICAL.size >= PHYSICAL_CAP) PHYSICAL.clear();
  PHYSICAL.set(addr, spec);
  return spec;
}

function parsePhysicalUncached(addr: string): AddressSpec | undefined {
  const dot = addr.indexOf('.');
  const dbs = dot >= 0 ? addr.slice(0, dot) : addr;
  const func = dot >= 0 ? addr.slice(dot + 1) : '';
  const parts = dbs.split(':');
  if (parts.length !== 3) return undefined;
  const fn = setDevInfo(func, 'func');
  const domain = setDevInfo(parts[0], 'domain');
  const bus = setDevInfo(parts[1], 'bus');
  const slot = setDevInfo(parts[2], 'slot');
  if (fn === undefined || domain === undefined || bus === undefined || slot === undefined) return undefined;
  return { kind: 'physical', fields: { domain, bus, slot, func: fn } };
}

/**
 * A Python `re` pattern as a JavaScript RegExp anchored like `re.match` (start only).
 * Covers the syntax that differs in spelling; undefined when JavaScript cannot express it.
 */
export function pythonRegex(pattern: string): RegExp | undefined {
  const js = pattern
    .replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/g, '\\k<$1>')
    .replace(/(^|[^\\])\{,(\d+)\}/g, '$1{0,$2}')
    .replace(/\\Z/g, '$(?![\\s\\S])')
    .replace(/\\A/g, '^');
  try {
    return new RegExp(`^(?:${js})`);
  } catch {
    return undefined;
  }
}

/** PciAddressRegexSpec(dict): missing fields are `.*`; values must be strings (the static rules report the rest). */
export function parseRegex(addr: Record<string, unknown>): AddressSpec | undefined {
  const get = (k: string) => (k in addr ? addr[k] : '.*');
  const raw = [get('domain'), get('bus'), get('slot'), get('function')];
  if (!raw.every((x): x is string => typeof x === 'string')) return undefined;
  const [domain, bus, slot, func] = raw;
  return { kind: 'regex', fields: { domain, bus, slot, func }, regexes: raw.map(pythonRegex) };
}

const HEXDIGITS = /^[0-9a-fA-F]*$/;

/** PciAddressSpec.is_single_address: every field made only of hex digits (an empty field counts, as in Python's all()). */
export function isSingleAddress(spec: AddressSpec): boolean {
  const f = spec.fields;
  return HEXDIGITS.test(f.domain) && HEXDIGITS.test(f.bus) && HEXDIGITS.test(f.slot) && HEXDIGITS.test(f.func);
}

/** The sysfs directory name Nova builds from a single-address spec ("%s:%s:%s.%s" of the fields as they are). */
export function sysfsName(spec: AddressSpec): string {
  const f = spec.fields;
  return `${f.domain}:${f.bus}:${f.slot}.${f.func}`;
}

/** True when a regex field could not be translated, so a match result is not trustworthy. */
export function hasUntranslatableRegex(spec: AddressSpec): boolean {
  return spec.kind === 'regex' && spec.regexes.some((r) => r === undefined);
}

/** `spec.match(PhysicalPciAddress(device))`: the device fields are normalised (see parsePhysical). */
export function matchFields(spec: AddressSpec, dev: AddressFields): boolean {
  const f = spec.fields;
  switch (spec.kind) {
    case 'glob':
      return (f.domain === ANY || f.domain === dev.domain) && (f.bus === ANY || f.bus === dev.bus) && (f.slot === ANY || f.slot === dev.slot) && (f.func === ANY || f.func === dev.func);
    case 'physical':
      return f.domain === dev.domain && f.bus === dev.bus && f.slot === dev.slot && f.func === dev.func;
    case 'regex': {
      const vals = [dev.domain, dev.bus, dev.slot, dev.func];
      return spec.regexes.every((r, i) => r !== undefined && r.test(vals[i]));
    }
  }
}

/** WhitelistPciAddress: an address spec plus whether it names an SR-IOV PF on this host. */
export interface WhitelistAddress {
  spec: AddressSpec;
  isPhysicalFunction: boolean;
}

/**
 * WhitelistPciAddress.match(address, parent_addr): a PF spec also matches a VF whose parent it names.
 * Returns undefined when the device address is outside Nova's limits (Nova raises and skips the device).
 */
export function matchWhitelistAddress(wa: WhitelistAddress, address: string, parentAddr: string | null): boolean | undefined {
  if (wa.isPhysicalFunction && parentAddr) {
    const parent = parsePhysical(parentAddr);
    if (!parent) return undefined;
    if (matchFields(wa.spec, parent.fields)) return true;
  }
  const own = parsePhysical(address);
  if (!own) return undefined;
  return matchFields(wa.spec, own.fields);
}
