/**
 * Vendor and device names for PCI ids, read from text in the pci.ids format
 * (https://pci-ids.ucw.cz/). Works on the full system file or on the trimmed
 * snapshot that scripts/build-pciids.mjs generates and the server bundles.
 *
 * Pure module: no file system access; callers hand over the text.
 */
import snapshot from './pciids.snapshot';

export interface PciVendor {
  /** Four lower-case hex digits. */
  id: string;
  name: string;
}

export interface PciDevice {
  vendorId: string;
  id: string;
  name: string;
}

export interface PciIdDatabase {
  /** `id`: four hex digits, any case. */
  vendor(id: string): PciVendor | undefined;
  device(vendorId: string, deviceId: string): PciDevice | undefined;
  /** Vendors whose id starts with the query (hex) or whose name contains it (case-insensitive, word starts ranked first); at most `limit`. */
  searchVendors(query: string, limit: number): PciVendor[];
  /** Devices of one vendor whose id starts with the query or whose name contains it; at most `limit`. */
  searchDevices(vendorId: string, query: string, limit: number): PciDevice[];
  readonly vendorCount: number;
}

interface VendorEntry {
  vendor: PciVendor;
  lowerName: string;
  devices: PciDevice[];
  byId: Map<string, PciDevice>;
  /** Lower-cased device names, parallel to `devices`; filled on first search. */
  lowerDeviceNames?: string[];
}

const TAB = 9;
const SPACE = 32;
const CR = 13;
const UPPER_C = 67;

function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * Caps on what one parse may produce, whatever file it is handed (the full pci.ids has about 2,500
 * vendors, 40,000 devices and names under 130 characters): vendor ids are four hex digits (at most 65,536
 * vendors), devices stop at MAX_DEVICES, names are cut at MAX_NAME_LENGTH.
 */
export const PCI_IDS_CAPS = { maxDevices: 250_000, maxNameLength: 200 };

/**
 * Reads `XXXX<space(s)>name` starting at `start` (line content ends at `end`).
 * Returns undefined when the line does not have that shape.
 */
function readEntry(text: string, start: number, end: number): [id: string, name: string] | undefined {
  if (end - start < 6) return undefined;
  for (let i = start; i < start + 4; i++) {
    if (!isHexCode(text.charCodeAt(i))) return undefined;
  }
  const sep = text.charCodeAt(start + 4);
  if (sep !== SPACE && sep !== TAB) return undefined;
  const name = text.slice(start + 5, Math.min(end, start + 5 + PCI_IDS_CAPS.maxNameLength + 64)).trim().slice(0, PCI_IDS_CAPS.maxNameLength);
  if (name === '') return undefined;
  return [text.slice(start, start + 4).toLowerCase(), name];
}

/** Lower-cases and trims an id; anything that is not four characters long cannot match. */
function normaliseId(id: string): string | undefined {
  const s = id.trim().toLowerCase();
  return s.length === 4 ? s : undefined;
}

const HEX_QUERY = /^[0-9a-f]{1,4}$/;

// Match quality, best first. Ties keep database order (ids ascending in pci.ids).
const RANK_ID_EXACT = 0;
const RANK_ID_PREFIX = 1;
const RANK_NAME_EXACT = 2;
const RANK_NAME_LEADING_WORD = 3; // name starts with the query as a whole word
const RANK_NAME_PREFIX = 4; // name starts with the query
const RANK_WORD_START = 5; // the query starts some later word of the name
const RANK_SUBSTRING = 6;

function isWordCode(c: number): boolean {
  // Letters and digits (ASCII, plus anything non-ASCII such as accented letters).
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c > 127;
}

/** How well lower-cased `name` matches lower-cased, non-empty `q`; -1 for no match. */
function rankName(name: string, q: string): number {
  let i = name.indexOf(q);
  if (i < 0) return -1;
  if (i === 0) {
    if (name.length === q.length) return RANK_NAME_EXACT;
    return isWordCode(name.charCodeAt(q.length)) ? RANK_NAME_PREFIX : RANK_NAME_LEADING_WORD;
  }
  while (i >= 0) {
    if (!isWordCode(name.charCodeAt(i - 1))) return RANK_WORD_START;
    i = name.indexOf(q, i + 1);
  }
  return RANK_SUBSTRING;
}

function rankEntry(id: string, lowerName: string, q: string, hexQuery: boolean): number {
  if (hexQuery) {
    if (id === q) return RANK_ID_EXACT;
    if (id.startsWith(q)) return RANK_ID_PREFIX;
  }
  return rankName(lowerName, q);
}

/** Ranks every item and returns the best `limit`, stable on input order. */
function search<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  lowerNameOf: (index: number) => string,
  query: string,
  limit: number,
): T[] {
  const max = Math.floor(limit);
  if (!(max > 0)) return [];
  const q = query.trim().toLowerCase();
  if (q === '') return items.slice(0, max);
  const hexQuery = HEX_QUERY.test(q);
  const hits: { rank: number; index: number }[] = [];
  for (let index = 0; index < items.length; index++) {
    const rank = rankEntry(idOf(items[index] as T), lowerNameOf(index), q, hexQuery);
    if (rank >= 0) hits.push({ rank, index });
  }
  hits.sort((a, b) => a.rank - b.rank || a.index - b.index);
  const out: T[] = [];
  for (let k = 0; k < hits.length && k < max; k++) {
    out.push(items[(hits[k] as { index: number }).index] as T);
  }
  return out;
}

export function parsePciIds(text: string): PciIdDatabase {
  const entries: VendorEntry[] = [];
  const byVendorId = new Map<string, VendorEntry>();
  let current: VendorEntry | undefined;
  let deviceCount = 0;

  const len = text.length;
  let pos = 0;
  while (pos < len) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = len;
    let lineEnd = end;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
    const c0 = text.charCodeAt(pos);

    if (c0 === TAB) {
      // One tab: a device of the current vendor. Two tabs: a subsystem, not kept.
      if (current && text.charCodeAt(pos + 1) !== TAB && deviceCount < PCI_IDS_CAPS.maxDevices) {
        const entry = readEntry(text, pos + 1, lineEnd);
        if (entry && !current.byId.has(entry[0])) {
          const device: PciDevice = { vendorId: current.vendor.id, id: entry[0], name: entry[1] };
          current.devices.push(device);
          current.byId.set(device.id, device);
          deviceCount++;
        }
      }
    } else if (c0 === UPPER_C && text.charCodeAt(pos + 1) === SPACE) {
      break; // the class-code section, which runs to the end of the file
    } else if (isHexCode(c0)) {
      const entry = readEntry(text, pos, lineEnd);
      if (entry) {
        current = byVendorId.get(entry[0]);
        if (!current) {
          current = {
            vendor: { id: entry[0], name: entry[1] },
            lowerName: entry[1].toLowerCase(),
            devices: [],
            byId: new Map(),
          };
          entries.push(current);
          byVendorId.set(entry[0], current);
        }
      } else {
        current = undefined;
      }
    } else if (c0 !== 35 /* # */ && lineEnd > pos) {
      // Some other section keyword: its indented lines must not land on the last vendor.
      current = undefined;
    }
    pos = end + 1;
  }

  const vendors = entries.map((e) => e.vendor);
  const lookupVendor = (id: string): VendorEntry | undefined => {
    const key = normaliseId(id);
    return key === undefined ? undefined : byVendorId.get(key);
  };

  return {
    vendorCount: entries.length,
    vendor(id) {
      return lookupVendor(id)?.vendor;
    },
    device(vendorId, deviceId) {
      const key = normaliseId(deviceId);
      return key === undefined ? undefined : lookupVendor(vendorId)?.byId.get(key);
    },
    searchVendors(query, limit) {
      return search(vendors, (v) => v.id, (i) => (entries[i] as VendorEntry).lowerName, query, limit);
    },
    searchDevices(vendorId, query, limit) {
      const entry = lookupVendor(vendorId);
      if (!entry) return [];
      const lower = (entry.lowerDeviceNames ??= entry.devices.map((d) => d.name.toLowerCase()));
      return search(entry.devices, (d) => d.id, (i) => lower[i] as string, query, limit);
    },
  };
}

let bundled: PciIdDatabase | undefined;

/** The database from the snapshot bundled with the server, parsed on first use. */
export function bundledPciIds(): PciIdDatabase {
  return (bundled ??= parsePciIds(snapshot));
}
