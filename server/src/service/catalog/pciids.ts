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
 * Reads `XXXX<space(s)>name` starting at `start` (line content ends at `end`): the id as a number and where the
 * trimmed, capped name lies in `text`. Returns false when the line does not have that shape.
 */
function readEntry(text: string, start: number, end: number, out: Int32Array): boolean {
  if (end - start < 6) return false;
  for (let i = start; i < start + 4; i++) {
    if (!isHexCode(text.charCodeAt(i))) return false;
  }
  const sep = text.charCodeAt(start + 4);
  if (sep !== SPACE && sep !== TAB) return false;
  const from = start + 5;
  const raw = text.slice(from, Math.min(end, from + PCI_IDS_CAPS.maxNameLength + 64));
  const name = raw.trim();
  if (name === '') return false;
  out[0] = parseInt(text.slice(start, start + 4), 16);
  out[1] = from + (raw.length - raw.trimStart().length);
  out[2] = Math.min(name.length, PCI_IDS_CAPS.maxNameLength);
  return true;
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

/** Four lower-case hex digits. */
function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

/**
 * The parsed database is compact: names stay in the pci.ids text and are cut out when asked for; vendors and
 * devices are typed arrays of ids, name offsets and lengths (devices grouped by vendor). About 2,500 vendors
 * and 40,000 devices then cost a few hundred KB instead of an object, a string and a Map entry each.
 */
export function parsePciIds(text: string): PciIdDatabase {
  // Parse-time lists (plain numbers); packed into typed arrays below.
  const vendorIds: number[] = [];
  const vendorNames: number[] = []; // start, length pairs
  const vendorDevices: number[][] = []; // per vendor: id, start, length triples
  const vendorIndex = new Map<number, number>();
  const seenDevices: Set<number>[] = [];
  let current = -1;
  let deviceCount = 0;
  const entry = new Int32Array(3);

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
      if (current >= 0 && text.charCodeAt(pos + 1) !== TAB && deviceCount < PCI_IDS_CAPS.maxDevices) {
        const seen = seenDevices[current] as Set<number>;
        if (readEntry(text, pos + 1, lineEnd, entry) && !seen.has(entry[0] as number)) {
          seen.add(entry[0] as number);
          (vendorDevices[current] as number[]).push(entry[0] as number, entry[1] as number, entry[2] as number);
          deviceCount++;
        }
      }
    } else if (c0 === UPPER_C && text.charCodeAt(pos + 1) === SPACE) {
      break; // the class-code section, which runs to the end of the file
    } else if (isHexCode(c0)) {
      if (readEntry(text, pos, lineEnd, entry)) {
        const id = entry[0] as number;
        const known = vendorIndex.get(id);
        if (known === undefined) {
          current = vendorIds.length;
          vendorIndex.set(id, current);
          vendorIds.push(id);
          vendorNames.push(entry[1] as number, entry[2] as number);
          vendorDevices.push([]);
          seenDevices.push(new Set());
        } else {
          current = known;
        }
      } else {
        current = -1;
      }
    } else if (c0 !== 35 /* # */ && lineEnd > pos) {
      // Some other section keyword: its indented lines must not land on the last vendor.
      current = -1;
    }
    pos = end + 1;
  }

  const vendorCount = vendorIds.length;
  const vId = Uint16Array.from(vendorIds);
  const vStart = new Uint32Array(vendorCount);
  const vLen = new Uint16Array(vendorCount);
  const vFirst = new Uint32Array(vendorCount + 1); // devices of vendor v: vFirst[v] .. vFirst[v + 1]
  const dId = new Uint16Array(deviceCount);
  const dStart = new Uint32Array(deviceCount);
  const dLen = new Uint16Array(deviceCount);
  let d = 0;
  for (let v = 0; v < vendorCount; v++) {
    vStart[v] = vendorNames[2 * v] as number;
    vLen[v] = vendorNames[2 * v + 1] as number;
    vFirst[v] = d;
    const list = vendorDevices[v] as number[];
    for (let k = 0; k < list.length; k += 3, d++) {
      dId[d] = list[k] as number;
      dStart[d] = list[k + 1] as number;
      dLen[d] = list[k + 2] as number;
    }
  }
  vFirst[vendorCount] = d;

  // Searches lower-case the names they rank on the fly (a few thousand short strings at most), keeping nothing.
  const lower = (start: number, length: number): string => text.slice(start, start + length).toLowerCase();
  const makeVendor = (v: number): PciVendor => ({ id: hex4(vId[v] as number), name: text.slice(vStart[v], (vStart[v] as number) + (vLen[v] as number)) });
  const makeDevice = (v: number, i: number): PciDevice => ({
    vendorId: hex4(vId[v] as number),
    id: hex4(dId[i] as number),
    name: text.slice(dStart[i], (dStart[i] as number) + (dLen[i] as number)),
  });
  const lookupVendor = (id: string): number | undefined => {
    const key = normaliseId(id);
    return key === undefined || !HEX_QUERY.test(key) ? undefined : vendorIndex.get(parseInt(key, 16));
  };
  const vendorIndices = (): number[] => Array.from({ length: vendorCount }, (_, v) => v);

  return {
    vendorCount,
    vendor(id) {
      const v = lookupVendor(id);
      return v === undefined ? undefined : makeVendor(v);
    },
    device(vendorId, deviceId) {
      const v = lookupVendor(vendorId);
      const key = normaliseId(deviceId);
      if (v === undefined || key === undefined || !HEX_QUERY.test(key)) return undefined;
      const want = parseInt(key, 16);
      for (let i = vFirst[v] as number, to = vFirst[v + 1] as number; i < to; i++) {
        if (dId[i] === want) return makeDevice(v, i);
      }
      return undefined;
    },
    searchVendors(query, limit) {
      return search(vendorIndices(), (v) => hex4(vId[v] as number), (v) => lower(vStart[v] as number, vLen[v] as number), query, limit).map(makeVendor);
    },
    searchDevices(vendorId, query, limit) {
      const v = lookupVendor(vendorId);
      if (v === undefined) return [];
      const first = vFirst[v] as number;
      const devices = Array.from({ length: (vFirst[v + 1] as number) - first }, (_, k) => first + k);
      return search(devices, (i) => hex4(dId[i] as number), (k) => lower(dStart[first + k] as number, dLen[first + k] as number), query, limit).map((i) => makeDevice(v, i));
    },
  };
}

let bundled: PciIdDatabase | undefined;

/** The database from the snapshot bundled with the server, parsed on first use. */
export function bundledPciIds(): PciIdDatabase {
  return (bundled ??= parsePciIds(snapshot));
}
