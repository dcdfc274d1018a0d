/**
 * [pci] device_spec: the checks Nova makes when it builds its PCI device
 * whitelist (nova/pci/whitelist.py, nova/pci/devspec.py), in Nova's order, plus
 * warnings for what Nova accepts but silently gets wrong.
 */
import { type PyDict, describeType as typeName, dictSize, keyAt, keyIndex, nameAt, valAt, valStr, valStrictBool, valTruthy, valueOf } from '../../model/py';
import { type PciItem, keySpanOf, spanOf, targetOf, valueSpanOf } from '../../model/pci';
import { parsePyHexNumber } from '../../python/int';
import { checkPythonRegex } from '../../python/re';
import { ADDRESS_KEYS, DEVICE_SPEC_TAGS, RESERVED_TAGS, STRICT_BOOL_TAGS, type TagInfo, deviceSpecTags, gate, tagKnown } from '../../catalog/pci';
import type { Release } from '../../releases';
import type { JsonValue } from '../../model';
import { suggest } from '../../suggest';
import { show } from '../json-helpers';
import { lastEntry, reportInPlacement } from '../config-values';
import type { RuleContext, DocumentRuleFamily, RuleMeta } from '../types';
import { keySuggestionFixes, replacementFixes } from '../json-fixes';
import type { FixTable } from '../fix-types';
import type { DeviceSpecData } from './data';

const REFUSE = 'nova-compute will refuse to start';
const SRC = 'nova/pci/devspec.py';

const rules: RuleMeta<keyof DeviceSpecData & string>[] = [
  {
    code: 'device-spec-not-object', severity: 'error', novaRules: ['D2', 'D3'], mirrors: 'nova/pci/whitelist.py',
    title: 'device_spec must be a JSON object or a list of objects',
    description: 'Each device_spec value is one JSON object, or a JSON list of objects. A string, number, boolean, null, or a list item that is not an object makes nova-compute (and nova-api/nova-conductor, which parse the option too) refuse to start. An empty list `[]` is accepted and adds nothing.',
    bad: 'device_spec = ["0000:0a:00.1"]', good: 'device_spec = {"vendor_id": "8086", "product_id": "154d"}',
  },
  {
    code: 'device-spec-id-not-string', severity: 'error', novaRules: ['D4', 'D7'], mirrors: SRC,
    title: 'vendor_id / product_id must be strings',
    description: 'Nova calls string methods on the ids. A number, null, boolean, list or object crashes nova-compute at start with a raw Python error (AttributeError for vendor_id, TypeError for product_id). Quote the id.',
    bad: 'device_spec = {"vendor_id": 8086}', good: 'device_spec = {"vendor_id": "8086"}',
  },
  {
    code: 'device-spec-id-not-hex', severity: 'error', novaRules: ['D5', 'D8'], mirrors: SRC,
    title: 'vendor_id / product_id is not a hex number',
    description: 'Nova reads the ids with Python `int(x, 16)`: `"8086"`, `"0x8086"`, `" 8086 "` and `"80_86"` all work, `"*"` means any. Anything else (`""`, `"80*"`, `"zzzz"`) stops nova-compute. For product_id, `"*"` must be written without spaces.',
    bad: 'device_spec = {"vendor_id": "intel"}', good: 'device_spec = {"vendor_id": "8086"}',
  },
  {
    code: 'device-spec-id-too-large', severity: 'error', novaRules: ['D6', 'D9'], mirrors: SRC,
    title: 'vendor_id / product_id is above ffff',
    description: 'PCI ids are 16-bit: a value above `ffff` stops nova-compute. Often a typo with one digit too many.',
    bad: 'device_spec = {"vendor_id": "80860"}', good: 'device_spec = {"vendor_id": "8086"}',
  },
  {
    code: 'device-spec-devname-and-address', severity: 'error', novaRules: ['D10'], mirrors: SRC,
    title: 'devname and address cannot be used together',
    description: 'A device is chosen either by interface name or by PCI address, not both: nova-compute refuses to start. Empty values do not count.',
    bad: 'device_spec = {"devname": "eth0", "address": "0000:0a:00.1"}', good: 'device_spec = {"address": "0000:0a:00.1"}',
  },
  {
    code: 'device-spec-address-format', severity: 'error', novaRules: ['D11', 'D14'], mirrors: SRC,
    title: 'address has the wrong shape',
    description: 'address must be a glob string `[[domain:]bus:]slot[.function]` (at most three `:`-separated fields before the `.`) or an object of regular expressions. A number, boolean, list, or a glob with four fields stops nova-compute.',
    bad: 'device_spec = {"address": "0000:0a:0b:00.1"}', good: 'device_spec = {"address": "0000:0a:00.1"}',
  },
  {
    code: 'device-spec-address-not-hex', severity: 'error', novaRules: ['D12', 'D15'], mirrors: SRC,
    title: 'a glob address field is not hex or *',
    description: 'Each field of a glob address is hex or `*` (an empty field also means `*`). Partial wildcards such as `0*` or `?` are not supported and stop nova-compute. Nova checks the function first, then domain, bus and slot.',
    bad: 'device_spec = {"address": "0000:0a:0*.1"}', good: 'device_spec = {"address": "0000:0a:*.1"}',
  },
  {
    code: 'device-spec-address-too-large', severity: 'error', novaRules: ['D13', 'D16'], mirrors: SRC,
    title: 'a glob address field is out of range',
    description: 'Limits: domain `ffff`, bus `ff`, slot `1f`, function `7`. A larger value stops nova-compute. Leading zeros do not matter.',
    bad: 'device_spec = {"address": "0000:0a:20.0"}', good: 'device_spec = {"address": "0000:0a:1f.0"}',
  },
  {
    code: 'device-spec-address-bad-regex', severity: 'error', novaRules: ['D17'], mirrors: SRC,
    title: 'an address regex is not a valid Python regular expression',
    description: 'Object addresses hold Python `re` patterns for `domain`, `bus`, `slot` and `function`. A pattern Python cannot compile (for example `*` or `[6[-7]`) stops nova-compute. Python and JavaScript regex syntax differ: `(?P<name>…)` and `{,2}` are fine, variable-width look-behind is not.',
    bad: 'device_spec = {"address": {"bus": "*"}}', good: 'device_spec = {"address": {"bus": ".*"}}',
  },
  {
    code: 'device-spec-address-regex-not-string', severity: 'error', novaRules: ['D18'], mirrors: SRC,
    title: 'an address regex field is not a string',
    description: 'Each regex field must be a string. A number or null crashes nova-compute at start with a raw Python TypeError.',
    bad: 'device_spec = {"address": {"function": 1}}', good: 'device_spec = {"address": {"function": "1"}}',
  },
  {
    code: 'device-spec-bad-bool-tag', severity: 'error', novaRules: ['D19', 'D20', 'D21'], mirrors: SRC, releases: { since: '2025.1' },
    title: 'managed / live_migratable / one_time_use is not a boolean word',
    description: 'From 2025.1 (`one_time_use` from 2025.2) these tags must be one of `true/false/yes/no/on/off/1/0/t/f/y/n` (any case), or JSON true/false. Anything else, including `""`, stops nova-compute.',
    bad: 'device_spec = {"vendor_id": "10de", "managed": "maybe"}', good: 'device_spec = {"vendor_id": "10de", "managed": "no"}',
  },
  {
    code: 'one-time-use-needs-placement', severity: 'error', novaRules: ['D22'], mirrors: SRC, releases: { since: '2025.2' },
    title: 'one_time_use needs [pci] report_in_placement = true',
    description: 'A device marked `one_time_use` is tracked through Placement. When `[pci] report_in_placement` is off, nova-compute refuses to start (any service that parses device_spec uses its own report_in_placement value).',
    bad: '[pci]\ndevice_spec = {"address": "0000:81:00.0", "one_time_use": "true"}', good: '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:81:00.0", "one_time_use": "true"}',
  },
  {
    code: 'live-migratable-needs-libvirt', severity: 'information', novaRules: ['L1'], mirrors: 'nova/virt/libvirt/driver.py', releases: { since: '2025.1' },
    title: 'live_migratable needs libvirt 10.0.0 and QEMU 8.2.2 on the compute',
    description: 'When any device_spec entry has a `live_migratable` key (whatever its value, even "no"), the libvirt driver checks the host at start: with libvirt older than 10.0.0 or QEMU older than 8.2.2, nova-compute refuses to start. The file alone cannot tell which versions the host runs.',
    bad: 'device_spec = {"address": "0000:81:00.1", "live_migratable": "yes"}',
  },
  {
    code: 'device-spec-matches-all', severity: 'warning', novaRules: ['W1'], mirrors: 'nova/pci/whitelist.py',
    title: 'this entry allows every PCI device on the host',
    description: 'Without vendor_id, product_id, address or devname, an entry matches every PCI device: GPUs, NICs, storage controllers alike. Nova accepts it silently. Narrow it down.',
    bad: 'device_spec = {"physical_network": "physnet1"}', good: 'device_spec = {"devname": "enp5s0f1", "physical_network": "physnet1"}',
  },
  {
    code: 'device-spec-unknown-tag', severity: 'warning', novaRules: ['W3'], mirrors: SRC,
    title: 'unknown tag (probably misspelt)',
    description: 'Nova keeps any unknown key as a free-form tag without complaint, so a misspelt `physical_netwrok` or `vendorid` simply does nothing. Reported as a Warning when it is close to a known tag, as a Hint otherwise.',
    bad: 'device_spec = {"vendor_id": "8086", "physical_netwrok": "physnet1"}', good: 'device_spec = {"vendor_id": "8086", "physical_network": "physnet1"}',
  },
  {
    code: 'device-spec-tag-not-string', severity: 'warning', novaRules: ['W6'], mirrors: SRC,
    title: 'tag value is not a string',
    description: 'Tag values are compared as strings with what Neutron ports and aliases ask for. `"physical_network": 5` never matches a physnet; objects and lists may break pool bookkeeping. Tags named like Nova\'s own pool fields (`dev_type`, `numa_node`, `count` …) confuse it.',
    bad: 'device_spec = {"vendor_id": "8086", "physical_network": 5}', good: 'device_spec = {"vendor_id": "8086", "physical_network": "physnet5"}',
  },
  {
    code: 'device-spec-truefalse-tag', severity: 'warning', novaRules: ['W5'], mirrors: 'nova/pci/stats.py',
    title: 'remote_managed / trusted only work as "true" or "false"',
    description: 'Nova compares these tags with the strings "true"/"false" when matching Neutron ports. `"yes"`, `"1"` or JSON `true` make the device unusable by any port.',
    bad: 'device_spec = {"devname": "enp5s0f1", "remote_managed": "yes"}', good: 'device_spec = {"devname": "enp5s0f1", "remote_managed": "true"}',
  },
  {
    code: 'device-spec-address-unknown-key', severity: 'warning', novaRules: ['W3'], mirrors: SRC,
    title: 'unknown key in a regex address',
    description: 'A regex address reads only `domain`, `bus`, `slot` and `function`; other keys are ignored, so `{"func": "7"}` leaves the function unrestricted.',
    bad: 'device_spec = {"address": {"bus": "0a", "func": "7"}}', good: 'device_spec = {"address": {"bus": "0a", "function": "7"}}',
  },
  {
    code: 'device-spec-address-regex-case', severity: 'warning', novaRules: ['W7'], mirrors: SRC,
    title: 'address regex with upper-case hex never matches',
    description: 'Nova matches address regexes against lower-case, zero-padded fields (`0a`, not `0A`), so a pattern with upper-case hex letters never matches.',
    bad: 'device_spec = {"address": {"bus": "0A"}}', good: 'device_spec = {"address": {"bus": "0a"}}',
  },
  {
    code: 'device-spec-address-regex-prefix', severity: 'warning', novaRules: ['W7'], mirrors: SRC,
    title: 'address regex shorter than its field matches as a prefix',
    description: 'Regexes are matched from the start of the field but not anchored at its end: `"bus": "8"` matches buses 80–8f. Write the full width (`"08"`) or anchor with `$`.',
    bad: 'device_spec = {"address": {"bus": "8"}}', good: 'device_spec = {"address": {"bus": "08"}}',
  },
  {
    code: 'device-spec-address-glob-fields', severity: 'warning', novaRules: ['W8'], mirrors: SRC,
    title: 'glob address fields fill from the right',
    description: 'In a glob address, one field is the slot, two are bus:slot, three are domain:bus:slot. `"0000:0a"` is therefore bus 0, slot 0a — not domain 0000, bus 0a.',
    bad: 'device_spec = {"address": "0000:0a"}', good: 'device_spec = {"address": "0000:0a:*.*"}',
  },
];

const HEX_FIELDS = ['domain', 'bus', 'slot'] as const;
const GLOB_MAX: Record<string, number> = { domain: 0xffff, bus: 0xff, slot: 0x1f, function: 0x7 };
/** The same limits by field position (domain, bus, slot), for the fast path. */
const FIELD_MAX = [0xffff, 0xff, 0x1f];
const ID_KEYS = ['vendor_id', 'product_id'] as const;
const REGEX_FIELDS = ['domain', 'bus', 'slot', 'function'];

/** The strict-boolean tags of a release (computed once per release, not per item). */
const BOOL_TAGS = new Map<Release, string[]>();
function strictBoolTags(release: Release): string[] {
  let tags = BOOL_TAGS.get(release);
  if (!tags) BOOL_TAGS.set(release, (tags = gate(release, 'strict-bool-tags') ? STRICT_BOOL_TAGS.filter((t) => tagKnown(release, t)) : []));
  return tags;
}


/** The tags a release knows, each with its vocabulary entry (one Map lookup per key instead of a Set and an object). */
const TAG_INFOS = new Map<string, Map<string, TagInfo>>();
const ALL_TAGS = Object.keys(DEVICE_SPEC_TAGS);
function knownTags(release: Release): Map<string, TagInfo> {
  let known = TAG_INFOS.get(release);
  if (!known) TAG_INFOS.set(release, (known = new Map(deviceSpecTags(release).map((t) => [t, DEVICE_SPEC_TAGS[t]]))));
  return known;
}

/**
 * What the checks read of one device_spec dict, found in one walk over its entries (a Python dict holds each name
 * once, so the entry found is the one `keyOf` would return): entry numbers in the dict (model/py.ts), -1 when the
 * key is absent. A str value is read from the dict's slots; a PyKey or PyValue is made only for a finding. One object
 * reused item after item: the rule is not re-entrant.
 */
const FIELDS = {
  vendorId: -1,
  productId: -1,
  devname: -1,
  address: -1,
  liveMigratable: -1,
  oneTimeUse: -1,
  /** The entries of the release's strict boolean tags, in the order of strictBoolTags (-1: not in the dict). */
  bools: [] as number[],
};
type Fields = typeof FIELDS;

function clearFields(size: number): Fields {
  const f = FIELDS;
  f.vendorId = f.productId = f.devname = f.address = f.liveMigratable = f.oneTimeUse = -1;
  const bools = f.bools;
  if (bools.length !== size) bools.length = size;
  for (let b = 0; b < size; b++) bools[b] = -1;
  return f;
}

function readFields(dict: PyDict, boolTags: readonly string[]): Fields {
  const f = clearFields(boolTags.length);
  const bools = f.bools;
  const n = dictSize(dict);
  for (let i = 0; i < n; i++) {
    const name = nameAt(dict, i);
    if (name === 'vendor_id') f.vendorId = i;
    else if (name === 'product_id') f.productId = i;
    else if (name === 'address') f.address = i;
    else if (name === 'devname') f.devname = i;
    else {
      if (name === 'live_migratable') f.liveMigratable = i;
      else if (name === 'one_time_use') f.oneTimeUse = i;
      const b = boolTags.indexOf(name);
      if (b >= 0) bools[b] = i;
    }
  }
  return f;
}

/** truthy() of entry `i` of a dict; -1 (no such key) is falsy, as `dict.get` gives None. */
function truthyAt(dict: PyDict, i: number): boolean {
  return i >= 0 && valTruthy(valAt(dict, i));
}

/** The value of entry `i` as a PyValue (made for a finding only). */
function nodeAt(dict: PyDict, i: number) {
  return valueOf(keyAt(dict, i));
}

/** A value or key of the item, by its value offsets. */
type At = { start: number; end: number };

/** Whether a release knows live_migratable and one_time_use (asked once per release, not per item). */
const LATER_TAGS = new Map<Release, { liveMigratable: boolean; oneTimeUse: boolean }>();
function laterTags(release: Release): { liveMigratable: boolean; oneTimeUse: boolean } {
  let t = LATER_TAGS.get(release);
  if (!t) LATER_TAGS.set(release, (t = { liveMigratable: tagKnown(release, 'live_migratable'), oneTimeUse: tagKnown(release, 'one_time_use') }));
  return t;
}

/** What check() looks up once per release for all items. */
interface PerRelease {
  boolTags: readonly string[];
  later: { liveMigratable: boolean; oneTimeUse: boolean };
  known: Map<string, TagInfo>;
}

/**
 * The item being checked and whether Nova already stopped at one of its errors: module state read by `fail`, instead
 * of a closure per item (the rule is not re-entrant). Emptied after the last item (check()).
 */
const CUR = { ctx: undefined as RuleContext<DeviceSpecData> | undefined, jv: undefined as JsonValue | undefined, failed: false };

/** Reports the item's first error (Nova stops there); later ones are dropped. */
const failItem: Fail = (code, node, message, data) => {
  if (CUR.failed || !CUR.ctx || !CUR.jv) return;
  CUR.failed = true;
  CUR.ctx.report(code, spanOf(CUR.jv, node), message, { data });
};

function checkItem(ctx: RuleContext<DeviceSpecData>, item: PciItem, fields: Fields, { boolTags, later }: PerRelease): void {
  const { jv, dict } = item;
  const fail = failItem;
  CUR.ctx = ctx;
  CUR.jv = jv;
  CUR.failed = false;

  // D4-D6: vendor_id (stripped before the `*` test)
  for (const key of ID_KEYS) {
    const entry = key === 'vendor_id' ? fields.vendorId : fields.productId;
    if (entry < 0 || CUR.failed) continue;
    const s = valStr(valAt(dict, entry));
    if (s === undefined) {
      const node = nodeAt(dict, entry);
      const crash = key === 'vendor_id' ? 'AttributeError' : 'TypeError';
      fail('device-spec-id-not-string', node, `${key} must be a string such as "${key === 'vendor_id' ? '8086' : '154d'}", not ${typeName(node)} — nova-compute will crash at start with a Python ${crash}.`, { key });
      continue;
    }
    const isAny = key === 'vendor_id' ? s.trim() === '*' : s === '*';
    if (isAny) continue;
    const n = parsePyHexNumber(s);
    if (n === undefined) {
      const hint = key === 'product_id' && s.trim() === '*' ? ' (for any product write exactly "*", without spaces)' : '';
      fail('device-spec-id-not-hex', nodeAt(dict, entry), `${key} ${show(s)} is not a hexadecimal number (Nova parses ids as base-16 integers)${hint} — ${REFUSE}.`, { key });
    } else if (n > 0xffff) {
      fail('device-spec-id-too-large', nodeAt(dict, entry), `${key} ${show(s)} is above the maximum ffff — ${REFUSE}.`, { key });
    }
  }
  if (CUR.failed) return;

  // D10-D18: devname / address
  const devname = truthyAt(dict, fields.devname);
  const address = fields.address;
  if (devname && truthyAt(dict, address)) {
    fail('device-spec-devname-and-address', nodeAt(dict, address), `An entry cannot have both devname and address — ${REFUSE}. Keep one of them.`, { remove: ['devname', 'address'] });
    return;
  }
  if (!devname && truthyAt(dict, address)) {
    const a = valAt(dict, address);
    if (typeof a === 'string') {
      if (!globOk(a)) checkGlob(a, nodeAt(dict, address), fail);
    }
    else if (a !== null && typeof a === 'object' && a.type === 'object') checkRegexAddress(ctx, item, a, fail);
    else fail('device-spec-address-format', nodeAt(dict, address), `address must be a glob string such as "0000:0a:00.*" or an object of regexes, not ${typeName(nodeAt(dict, address))} — ${REFUSE}.`);
    if (CUR.failed) return;
  }

  // D19-D22: strict boolean tags
  for (let b = 0; b < boolTags.length; b++) {
    const tag = boolTags[b];
    const entry = fields.bools[b];
    if (entry < 0 || CUR.failed) continue;
    const v = valAt(dict, entry);
    if (v === null) continue;
    if (valStrictBool(v) === undefined) {
      const node = nodeAt(dict, entry);
      fail('device-spec-bad-bool-tag', node, `${tag} must be a boolean word such as "true", "false", "yes" or "no" (found ${node.type === 'string' ? show(node.value) : typeName(node)}) — ${REFUSE}.`, { tag });
    }
  }
  if (CUR.failed) return;
  const lm = later.liveMigratable ? fields.liveMigratable : -1;
  if (lm >= 0) {
    ctx.report('live-migratable-needs-libvirt', keySpanOf(jv, keyAt(dict, lm)), 'live_migratable in device_spec needs libvirt 10.0.0 and QEMU 8.2.2 or newer on the host (the key counts even when its value is false) — on older hosts nova-compute refuses to start.');
  }
  if (later.oneTimeUse) {
    const p = fields.oneTimeUse;
    const v = p >= 0 ? valAt(dict, p) : null;
    if (v !== null && valStrictBool(v) === true && !reportInPlacement(ctx.doc)) {
      fail('one-time-use-needs-placement', keyAt(dict, p), `one_time_use needs [pci] report_in_placement = true (it is off${reportInPlacementEntry(ctx) ? '' : ', the default'}) — ${REFUSE}.`);
    }
  }
}

function reportInPlacementEntry(ctx: RuleContext<DeviceSpecData>): boolean {
  return lastEntry(ctx.doc, 'pci', 'report_in_placement') !== undefined;
}

/** Reports the one error Nova stops at for this entry (typed by code, like ctx.report). */
export type Fail = <C extends keyof DeviceSpecData>(code: C, node: At, message: string, data?: DeviceSpecData[C]) => void;

/**
 * True when a glob address is certainly one Nova accepts: at most three `:` fields before the first `.`, each empty,
 * `*` or plain hex within its limit, and a function that is empty, `*` or hex up to 7 — the shape nearly every address
 * has, checked without cutting the string. Anything else (spaces, `0x`, `_`, other digits) goes through checkGlob.
 */
export function globOk(addr: string): boolean {
  const n = addr.length;
  let fields = 0;
  let start = 0;
  let i = 0;
  // Fields before the first '.', each ended by ':' or '.' (or the end of the string).
  for (;;) {
    let v = 0;
    let digits = 0;
    let star = false;
    for (; i < n; i++) {
      const c = addr.charCodeAt(i);
      if (c === 58 /* : */ || c === 46 /* . */) break;
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : c === 42 ? -2 : -1;
      if (d === -1 || star || (d === -2 && i > start)) return false;
      if (d === -2) star = true;
      else {
        v = v * 16 + d;
        if (++digits > 8) return false;
      }
    }
    fields++;
    if (fields > 3) return false;
    // A field's limit depends on how many fields there are (they fill from the right): checked below.
    FIELD_VALUES[fields - 1] = star ? -1 : digits === 0 ? -1 : v;
    if (i >= n || addr.charCodeAt(i) === 46) break;
    start = ++i;
  }
  for (let k = 0; k < fields; k++) {
    const v = FIELD_VALUES[k];
    if (v >= 0 && v > FIELD_MAX[3 - fields + k]) return false;
  }
  if (i >= n) return true;
  // The function: everything after the first '.'.
  i++;
  if (i === n) return true;
  if (i === n - 1) {
    const c = addr.charCodeAt(i);
    return c === 42 || (c >= 48 && c <= 55);
  }
  let v = 0;
  for (; i < n; i++) {
    const c = addr.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    v = v * 10 + (c - 48); // only digits here: "07" is 7 in hex as in decimal
    if (v > 7) return false;
  }
  return true;
}
const FIELD_VALUES = [0, 0, 0];

export function checkGlob(addr: string, node: At, fail: Fail): void {
  const dot = addr.indexOf('.');
  const dbs = dot >= 0 ? addr.slice(0, dot) : addr;
  const func = dot >= 0 ? addr.slice(dot + 1) : '';
  if (func) {
    const f = func.trim();
    if (f !== '*') {
      const n = parsePyHexNumber(f);
      if (n === undefined) return fail('device-spec-address-not-hex', node, `The function part ${show(func)} of address ${show(addr)} is not hex or "*" — ${REFUSE}.`, { field: 'function' });
      if (n > GLOB_MAX.function) return fail('device-spec-address-too-large', node, `function ${show(f)} in address ${show(addr)} is above the maximum 7 — ${REFUSE}.`, { field: 'function' });
    }
  }
  const fields = dbs.split(':');
  if (fields.length > 3) return fail('device-spec-address-format', node, `address ${show(addr)} has ${fields.length} fields before the "."; the most is three (domain:bus:slot) — ${REFUSE}.`);
  const all = fields.length === 3 ? fields : [...new Array<string>(3 - fields.length).fill('*'), ...fields];
  for (let i = 0; i < 3; i++) {
    const name = HEX_FIELDS[i];
    const f = all[i].trim();
    if (f === '' || f === '*') continue;
    const n = parsePyHexNumber(f);
    if (n === undefined) return fail('device-spec-address-not-hex', node, `The ${name} ${show(all[i])} in address ${show(addr)} is not hex or "*" (partial wildcards are not supported) — ${REFUSE}.`, { field: name });
    if (n > GLOB_MAX[name]) return fail('device-spec-address-too-large', node, `${name} ${show(f)} in address ${show(addr)} is above the maximum ${GLOB_MAX[name].toString(16)} — ${REFUSE}.`, { field: name });
  }
}

/**
 * checkRegexAddress's patterns, made once: a regular expression literal makes a new RegExp object each time it is
 * evaluated (a 10 MB PCI file has ~5,000 regex addresses of four fields).
 */
const UPPER_HEX = /[A-F]/;
const LETTER_ESCAPES = /\\[A-Za-z]/g;
const LOWER_HEX = /^[0-9a-f]+$/;

function checkRegexAddress(ctx: RuleContext<DeviceSpecData>, item: PciItem, node: PyDict, fail: Fail): void {
  const jv = item.jv;
  // Entries are read by number (nameAt / valAt); a PyKey or PyValue is made only for a finding.
  for (const field of REGEX_FIELDS) {
    const i = keyIndex(node, field);
    if (i < 0) continue;
    const s = valStr(valAt(node, i));
    if (s === undefined) {
      const v = nodeAt(node, i);
      return fail('device-spec-address-regex-not-string', v, `address ${field} must be a regex string, not ${typeName(v)} — nova-compute will crash at start with a Python TypeError.`, { field });
    }
    const err = checkPythonRegex(s);
    if (err) return fail('device-spec-address-bad-regex', nodeAt(node, i), `address ${field} ${show(s)} is not a valid Python regular expression: ${err.message} — ${REFUSE}.`, { field });
  }
  // Warnings about regexes that compile but do not do what they seem to.
  const n = dictSize(node);
  for (let i = 0; i < n; i++) {
    const key = nameAt(node, i);
    const spec = ADDRESS_KEYS[key];
    if (!spec) {
      const s = suggest(key, Object.keys(ADDRESS_KEYS), 3);
      ctx.report('device-spec-address-unknown-key', keySpanOf(jv, keyAt(node, i)), `"${key}" is not a regex address field (only domain, bus, slot and function are) — Nova ignores it.${s.length ? ` Did you mean "${s[0]}"?` : ''}`, { data: { key, suggestions: s, target: targetOf(item, 'key', 'address', key) } });
      continue;
    }
    const pat = valStr(valAt(node, i));
    if (pat === undefined) continue;
    // (Escapes such as \D are removed first; without a backslash there is nothing to remove.)
    if (UPPER_HEX.test(pat.includes('\\') ? pat.replace(LETTER_ESCAPES, '') : pat)) {
      ctx.report('device-spec-address-regex-case', valueSpanOf(jv, keyAt(node, i)), `address ${key} ${show(pat)} contains upper-case hex: Nova compares against lower-case fields, so it never matches.`, { data: { field: key, replacement: pat.toLowerCase(), target: targetOf(item, 'value', 'address', key) } });
    } else if (LOWER_HEX.test(pat) && pat.length < spec.width) {
      ctx.report('device-spec-address-regex-prefix', valueSpanOf(jv, keyAt(node, i)), `address ${key} ${show(pat)} matches every ${key} that starts with it (for example ${pat.padEnd(spec.width, '0')}…${pat.padEnd(spec.width, 'f')}); write all ${spec.width} digits or end it with "$".`, { data: { field: key, replacement: pat.padStart(spec.width, '0') } });
    }
  }
}

function checkWarnings(ctx: RuleContext<DeviceSpecData>, item: PciItem, fields: Fields, { known }: PerRelease): void {
  const allKnown = ALL_TAGS;
  const { jv, dict } = item;
  // Whether a key that narrows the entry down (vendor_id, product_id, address, devname) has a truthy value.
  const addr = fields.address;
  if (!(truthyAt(dict, fields.vendorId) || truthyAt(dict, fields.productId) || truthyAt(dict, addr) || truthyAt(dict, fields.devname))) {
    ctx.report('device-spec-matches-all', spanOf(jv, dict), 'This entry has no vendor_id, product_id, address or devname, so Nova allows every PCI device on the host (GPUs, NICs and storage controllers alike).');
  }
  const n = dictSize(dict);
  for (let i = 0; i < n; i++) {
    const key = nameAt(dict, i);
    const info = known.get(key);
    if (!info) {
      const prop = keyAt(dict, i);
      if (RESERVED_TAGS.includes(key)) {
        ctx.report('device-spec-tag-not-string', keySpanOf(jv, prop), `"${key}" is one of Nova's own PCI pool fields; as a tag it overrides or confuses Nova's device bookkeeping. Remove it.`, { data: { key } });
        continue;
      }
      const later = allKnown.includes(key) ? DEVICE_SPEC_TAGS[key].since : undefined;
      const s = suggest(key, known.keys(), 3);
      if (later) {
        ctx.report('device-spec-unknown-tag', keySpanOf(jv, prop), `"${key}" is only understood from ${later}; on ${ctx.release} Nova keeps it as a plain tag that does nothing.`, { data: { key, suggestions: [], target: targetOf(item, 'key', key) } });
      } else if (s.length) {
        ctx.report('device-spec-unknown-tag', keySpanOf(jv, prop), `Unknown tag "${key}" — did you mean "${s[0]}"? Nova keeps unknown keys as free-form tags, so this one silently does nothing.`, { data: { key, suggestions: s, target: targetOf(item, 'key', key) } });
      } else {
        ctx.report('device-spec-unknown-tag', keySpanOf(jv, prop), `"${key}" is not a tag Nova uses; it is kept as a free-form tag and does nothing unless something matches on it.`, { data: { key, suggestions: [], target: targetOf(item, 'key', key) }, severity: 'hint' });
      }
      continue;
    }
    const v = valAt(dict, i);
    if (info.kind === 'truefalse') {
      const str = valStr(v);
      const s = str !== undefined ? str.trim().toLowerCase() : undefined;
      if (s !== 'true' && s !== 'false') {
        const b = valStrictBool(v);
        const guess = b === true ? 'true' : b === false ? 'false' : undefined;
        ctx.report('device-spec-truefalse-tag', valueSpanOf(jv, keyAt(dict, i)), `${key} only works as the string "true" or "false": Nova compares it as text with what Neutron ports ask for, so ${str !== undefined ? show(str) : typeName(nodeAt(dict, i))} makes the device unusable by ports.`, { data: { key, replacement: guess ? `"${guess}"` : undefined, target: targetOf(item, 'value', key) } });
      }
    } else if ((info.kind === 'string' || info.kind === 'string-or-null') && typeof v !== 'string' && !(info.kind === 'string-or-null' && v === null)) {
      ctx.report('device-spec-tag-not-string', valueSpanOf(jv, keyAt(dict, i)), `${key} should be a string; Nova compares tags as text, so ${typeName(nodeAt(dict, i))} never matches what ports and aliases ask for.`, { data: { key } });
    }
  }
  // Only an address without "." can be read the wrong way round (split only then: most addresses have one).
  const a = addr >= 0 ? valStr(valAt(dict, addr)) : undefined;
  if (a !== undefined && !a.includes('.')) {
    const fields = a.split(':');
    if (fields.length === 2 && fields[0].trim().length >= 3) {
      ctx.report('device-spec-address-glob-fields', valueSpanOf(jv, keyAt(dict, addr)), `Glob address fields fill from the right: ${show(a)} means bus ${fields[0].trim()}, slot ${fields[1].trim()} (any domain, any function). For domain ${fields[0].trim()}, bus ${fields[1].trim()} write "${fields[0].trim()}:${fields[1].trim()}:*.*".`, { data: { replacement: `${fields[0].trim()}:${fields[1].trim()}:*.*`, target: targetOf(item, 'value', 'address') } });
    }
  }
}

function check(ctx: RuleContext<DeviceSpecData>): void {
  const release: PerRelease = { boolTags: strictBoolTags(ctx.release), later: laterTags(ctx.release), known: knownTags(ctx.release) };
  try {
    checkValues(ctx, release);
  } finally {
    clearFields(0);
    ITEM.jv = ITEM.dict = undefined;
    ITEM.path = ROOT_PATH;
    // Keep no document alive through the module state (test/rules/memo-retention.test.ts).
    CUR.ctx = undefined;
    CUR.jv = undefined;
  }
}

function checkValues(ctx: RuleContext<DeviceSpecData>, release: PerRelease): void {
  for (const jv of ctx.doc.deviceSpecs) {
    const value = jv.py;
    if (!value) continue; // syntax errors are reported by the syntax family
    // One dict (most lines): the value itself is the one item (deviceSpecItems' first case).
    if (value.type === 'object') {
      checkDict(ctx, jv, value, ROOT_PATH, release);
      continue;
    }
    if (value.type !== 'array') {
      ctx.report('device-spec-not-object', spanOf(jv, value), `device_spec must be a JSON object or a list of objects, not ${typeName(value)} — ${REFUSE}.`);
      continue;
    }
    // A list: the dicts before its first item that is not one (deviceSpecItems' `items`); Nova stops at that item.
    const list = value.items;
    let stop = 0;
    while (stop < list.length && list[stop].type === 'object') stop++;
    if (stop < list.length) ctx.report('device-spec-not-object', spanOf(jv, list[stop]), `Every item of a device_spec list must be a JSON object, not ${typeName(list[stop])} — ${REFUSE}.`);
    for (let i = 0; i < stop; i++) {
      ITEM_PATH[0] = i;
      checkDict(ctx, jv, list[i] as PyDict, ITEM_PATH, release);
    }
  }
}

/**
 * The item being checked: one PciItem reused for every dict (no item, items list or path array made per value; a
 * 10 MB PCI file has ~36,000 values). Nothing keeps it: a finding's target copies its path (targetOf). Emptied after
 * the last value (check()).
 */
const ITEM: { jv: JsonValue | undefined; dict: PyDict | undefined; path: number[] } = { jv: undefined, dict: undefined, path: [] };
const ROOT_PATH: number[] = [];
const ITEM_PATH: number[] = [0];

function checkDict(ctx: RuleContext<DeviceSpecData>, jv: JsonValue, dict: PyDict, path: number[], release: PerRelease): void {
  ITEM.jv = jv;
  ITEM.dict = dict;
  ITEM.path = path;
  const item = ITEM as PciItem;
  const fields = readFields(dict, release.boolTags);
  checkItem(ctx, item, fields, release);
  checkWarnings(ctx, item, fields, release);
}

/** The quick fixes of this family, by rule code (the registry builds the fix table from these). */
const FIXES: FixTable<DeviceSpecData> = { 'device-spec-truefalse-tag': replacementFixes, 'device-spec-address-regex-case': replacementFixes, 'device-spec-address-glob-fields': replacementFixes, 'device-spec-unknown-tag': keySuggestionFixes, 'device-spec-address-unknown-key': keySuggestionFixes };

export const deviceSpecFamily: DocumentRuleFamily<DeviceSpecData> = { name: 'device_spec', scope: 'document', rules, check, fixes: FIXES };
