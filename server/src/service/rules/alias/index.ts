/**
 * [pci] alias: the JSON schema and merge checks of nova/pci/request.py.
 * Before 2025.2 Nova parses aliases when a flavor first asks for one (HTTP 400
 * for that request); from 2025.2 nova-api and nova-compute parse them at start.
 */
import type { JsonValue, Span } from '../../model';
import { type PyDict, describeType as typeName, dictSize, keyAt, nameAt, valAt, valStr, valueOf } from '../../model/py';
import { keySpanOf, spanOf, valueSpanOf } from '../../model/pci';
import { strictBool } from '../../oslo/bool';
import { codePointLength, pyStrip } from '../../python/whitespace';
import { ALIAS_FIELDS, DEVICE_TYPES, NUMA_POLICIES, aliasFields, gate, gateBackports } from '../../catalog/pci';
import type { Release } from '../../releases';
import { suggest } from '../../suggest';
import { show } from '../json-helpers';
import { pciInPlacement } from '../config-values';
import type { RuleContext, DocumentRuleFamily, RuleMeta } from '../types';
import { aliasMismatchFixes } from './fixes';
import { enumSuggestionFixes, keySuggestionFixes, replacementFixes } from '../json-fixes';
import type { FixTable } from '../fix-types';
import { withConsequence } from '../message';
import type { AliasData } from './data';
import { lazyRegExp } from '../../lazy-regexp';

const SRC = 'nova/pci/request.py';

/** How Nova reports a bad alias in this release. */
export function aliasVerdict(release: Release, point?: string): string {
  return gate(release, 'alias-refused-at-start', point)
    ? 'nova-api and nova-compute will refuse to start'
    : 'every flavor that requests a PCI alias will fail with HTTP 400';
}

const rules: RuleMeta<keyof AliasData & string>[] = [
  {
    code: 'alias-not-object', severity: 'error', novaRules: ['A2'], mirrors: SRC,
    title: 'alias must be one JSON object',
    description: 'Each `alias` line is exactly one JSON object; unlike device_spec, a list is refused. Write one `alias =` line per alias.',
    bad: 'alias = [{"name": "a"}, {"name": "b"}]', good: 'alias = {"name": "a", "vendor_id": "10de", "product_id": "1db4"}',
  },
  {
    code: 'alias-unknown-key', severity: 'error', novaRules: ['A3'], mirrors: SRC,
    title: 'alias has a key Nova does not allow',
    description: 'The alias schema allows only `name`, `capability_type`, `vendor_id`, `product_id`, `device_type`, `numa_policy`, plus `resource_class` and `traits` from 2023.1 and `live_migratable` from 2025.1. Any other key (a misspelling, or a device_spec tag such as `physical_network`) makes Nova refuse the whole alias option.',
    bad: 'alias = {"name": "gpu", "vendorid": "10de"}', good: 'alias = {"name": "gpu", "vendor_id": "10de"}',
  },
  {
    code: 'alias-bad-name', severity: 'error', novaRules: ['A4'], mirrors: SRC,
    title: 'alias name missing, not a string, or not 1–256 characters',
    description: '`name` is required: a string of 1 to 256 characters (Unicode code points).',
    bad: 'alias = {"vendor_id": "10de", "product_id": "1db4"}', good: 'alias = {"name": "v100", "vendor_id": "10de", "product_id": "1db4"}',
  },
  {
    code: 'alias-bad-id', severity: 'error', novaRules: ['A4'], mirrors: SRC,
    title: 'alias vendor_id / product_id is not exactly four hex digits',
    description: 'Unlike device_spec, an alias id must be exactly four hex digits: no `0x`, no spaces, no `*`.',
    bad: 'alias = {"name": "nic", "vendor_id": "0x8086"}', good: 'alias = {"name": "nic", "vendor_id": "8086"}',
  },
  {
    code: 'alias-bad-device-type', severity: 'error', novaRules: ['A4'], mirrors: SRC,
    title: 'device_type is not type-PCI, type-PF or type-VF',
    description: 'The spelling is case-sensitive, and `vdpa` is not allowed in an alias.',
    bad: 'alias = {"name": "nic", "device_type": "type-pf"}', good: 'alias = {"name": "nic", "device_type": "type-PF"}',
  },
  {
    code: 'alias-bad-numa-policy', severity: 'error', novaRules: ['A4'], mirrors: SRC,
    title: 'numa_policy is not required, legacy, preferred or socket',
    description: 'numa_policy takes exactly one of the four words; `null` and `""` are refused too.',
    bad: 'alias = {"name": "gpu", "numa_policy": "prefered"}', good: 'alias = {"name": "gpu", "numa_policy": "preferred"}',
  },
  {
    code: 'alias-bad-capability-type', severity: 'error', novaRules: ['A4'], mirrors: SRC,
    title: 'capability_type other than "pci"',
    description: 'Only `"pci"` is accepted; the key can be left out.',
    bad: 'alias = {"name": "gpu", "capability_type": "gpu"}', good: 'alias = {"name": "gpu", "capability_type": "pci"}',
  },
  {
    code: 'alias-field-not-string', severity: 'error', novaRules: ['A4'], mirrors: SRC,
    title: 'alias field that must be a string is not',
    description: '`resource_class`, `traits` and `live_migratable` (and every other alias field) must be JSON strings.',
    bad: 'alias = {"name": "gpu", "live_migratable": true}', good: 'alias = {"name": "gpu", "live_migratable": "true"}',
  },
  {
    code: 'alias-bad-live-migratable', severity: 'error', novaRules: ['A5'], mirrors: SRC, releases: { since: '2025.1' },
    title: 'alias live_migratable is not a boolean word',
    description: 'From 2025.1 an alias may say `live_migratable`; its value must be a boolean word such as `"true"`, `"no"` or `"on"`.',
    bad: 'alias = {"name": "gpu", "live_migratable": "sometimes"}', good: 'alias = {"name": "gpu", "live_migratable": "true"}',
  },
  {
    code: 'alias-duplicate-mismatch', severity: 'error', novaRules: ['A6'], mirrors: SRC,
    title: 'aliases with the same name disagree',
    description: 'Several alias lines may share a name (to allow several products), but then their `numa_policy` must match (missing counts as `legacy`), **both** must have a `device_type`, and the device types must be equal. If one lacks `device_type`, Nova fails with the cryptic message `\'dev_type\'`.',
    bad: 'alias = {"name": "nic", "vendor_id": "8086", "product_id": "1572"}\nalias = {"name": "nic", "vendor_id": "8086", "product_id": "1583", "device_type": "type-PF"}',
    good: 'alias = {"name": "nic", "vendor_id": "8086", "product_id": "1572", "device_type": "type-PF"}\nalias = {"name": "nic", "vendor_id": "8086", "product_id": "1583", "device_type": "type-PF"}',
  },
  {
    code: 'alias-duplicate-in-placement', severity: 'error', novaRules: ['A7'], mirrors: SRC, releases: { since: '2025.1' },
    title: 'a repeated alias name with pci_in_placement',
    description: 'With `[filter_scheduler] pci_in_placement = true`, each alias name may be defined only once. From 2025.2 (and 2025.1 from its 31.3.1 point release) Nova refuses it at start: an Error there; on earlier 2025.1 point releases a Warning, as a request for the alias fails while scheduling.',
    bad: '[filter_scheduler]\npci_in_placement = true\n[pci]\nalias = {"name": "a", "vendor_id": "10de", "product_id": "1db4"}\nalias = {"name": "a", "vendor_id": "10de", "product_id": "1db5"}',
    good: '[filter_scheduler]\npci_in_placement = true\n[pci]\nalias = {"name": "a", "resource_class": "CUSTOM_GPU"}',
  },
  {
    code: 'alias-missing-ids', severity: 'error', novaRules: ['A8'], mirrors: SRC, releases: { since: '2025.1' },
    title: 'alias without vendor_id and product_id',
    description: 'From 2025.2 (and 2025.1 from its 31.3.1 point release) every alias needs both `vendor_id` and `product_id`; with `pci_in_placement` a `resource_class` may replace them. Earlier releases accept it (see `alias-matches-any-device`).',
    bad: 'alias = {"name": "gpu", "device_type": "type-PCI"}', good: 'alias = {"name": "gpu", "vendor_id": "10de", "product_id": "1db4", "device_type": "type-PCI"}',
  },
  {
    code: 'alias-matches-any-device', severity: 'warning', novaRules: ['A8'], mirrors: 'nova/pci/stats.py', releases: { until: '2025.1' }, untilPointBefore: '31.3.1',
    title: 'alias without vendor_id or product_id matches any device',
    description: 'Before Nova checked alias ids (2025.2, and 2025.1 from its 31.3.1 point release), an alias with neither `vendor_id` nor `product_id` is accepted, and since Nova compares only the keys an alias spec has, a request for it takes any allowed device of its `device_type` (with `pci_in_placement`, a `resource_class` decides instead). Reported on the releases and point releases without the check.',
    bad: 'alias = {"name": "gpu", "device_type": "type-PCI"}', good: 'alias = {"name": "gpu", "vendor_id": "10de", "product_id": "1db4", "device_type": "type-PCI"}',
  },
  {
    code: 'alias-name-unusable', severity: 'warning', novaRules: ['A4'], mirrors: 'nova/api/validation/extra_specs/pci_passthrough.py',
    title: 'alias name with ":" or "," cannot be requested',
    description: 'The flavor extra spec `pci_passthrough:alias` is a comma-separated list of `name:count`, so a name containing `:` or `,` can never be requested.',
    bad: 'alias = {"name": "gpu:a100", "vendor_id": "10de", "product_id": "20b0"}', good: 'alias = {"name": "gpu-a100", "vendor_id": "10de", "product_id": "20b0"}',
  },
];

export const ID_PATTERN = lazyRegExp(() => /^[\p{Nd}a-fA-F]{4}\n?$/u);

/** ID_PATTERN's answer, without the Unicode regex for the usual four ASCII hex digits. */
export function idOk(s: string): boolean {
  if (s.length === 4) {
    let plain = true;
    for (let i = 0; i < 4 && plain; i++) {
      const c = s.charCodeAt(i);
      plain = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
    }
    if (plain) return true;
  }
  return ID_PATTERN.test(s);
}

/** What a flavor's pci_passthrough:alias splits on (made once, not a RegExp per alias: see alias-name-unusable). */
const NAME_SEPARATORS = /[:,]/;

interface Parsed {
  jv: JsonValue;
  node: PyDict;
  name?: string;
  /** The entry numbers of name and device_type in `node` (-1: absent); spans are made for a finding only (nameSpan). */
  nameEntry: number;
  numaPolicy: string;
  hasNuma: boolean;
  deviceType?: string;
  deviceTypeEntry: number;
  ids: boolean;
  resourceClass: boolean;
  hasVendor: boolean;
  hasProduct: boolean;
}

/** Reports an alias finding (with the consequence Nova draws); true, so that a caller can note the alias is bad. */
function aliasErr<C extends keyof AliasData>(ctx: RuleContext<AliasData>, verdict: string, code: C, span: Span, message: string, data?: AliasData[C]): true {
  ctx.report(code, span, withConsequence(message, verdict), { data });
  return true;
}

/** Where a fix for an alias field goes: an alias is one dict, so its fields' paths start at the root. */
function fieldTarget(part: 'key' | 'value', key: string): { path: (string | number)[]; part: 'key' | 'value' } {
  return { path: [key], part };
}

/** The document span of the value of entry `i` of an alias dict (made for a finding only). */
function valueSpanAt(jv: JsonValue, dict: PyDict, i: number): Span {
  return valueSpanOf(jv, keyAt(dict, i));
}

/** vendor_id or product_id (entry `i` of the alias dict): four hex digits. True when a finding was reported. */
function checkId(ctx: RuleContext<AliasData>, verdict: string, jv: JsonValue, key: 'vendor_id' | 'product_id', dict: PyDict, i: number): boolean {
  const id = valStr(valAt(dict, i));
  if (id === undefined) return aliasErr(ctx, verdict, 'alias-bad-id', valueSpanAt(jv, dict, i), `${key} must be a string of four hex digits, not ${typeName(valueOf(keyAt(dict, i)))}.`, { key, target: fieldTarget('value', key) });
  if (idOk(id)) return false;
  const cleaned = id.trim().replace(/^0[xX]/, '');
  return aliasErr(ctx, verdict, 'alias-bad-id', valueSpanAt(jv, dict, i), `${key} ${show(id)} must be exactly four hex digits (no "0x", spaces or "*").`, { key, target: fieldTarget('value', key), replacement: /^[0-9a-fA-F]{4}$/.test(cleaned) ? `"${cleaned.toLowerCase()}"` : undefined });
}

/** resource_class, traits, live_migratable (entry `i`, where the release allows them) must be strings. True when reported. */
function checkText(ctx: RuleContext<AliasData>, verdict: string, jv: JsonValue, allowed: Set<string>, key: 'resource_class' | 'traits' | 'live_migratable', dict: PyDict, i: number): boolean {
  const v = valAt(dict, i);
  if (!allowed.has(key) || typeof v === 'string') return false;
  return aliasErr(ctx, verdict, 'alias-field-not-string', valueSpanAt(jv, dict, i), `${key} must be a string, not ${typeName(valueOf(keyAt(dict, i)))}.`, { key, target: fieldTarget('value', key), replacement: typeof v === 'boolean' ? `"${String(v)}"` : undefined });
}

/**
 * One alias line's own checks (schema, names); its facts for the cross-alias checks, or undefined when it has an
 * error. A function of its own so V8 optimises it after a few calls (a 10 MB file has thousands of alias lines).
 */
function checkAlias(ctx: RuleContext<AliasData>, jv: JsonValue, allowed: Set<string>, verdict: string): Parsed | undefined {
  const release = ctx.release;
  const root = jv.py;
  if (!root) return undefined;
  if (root.type !== 'object') {
    ctx.report('alias-not-object', spanOf(jv, root), withConsequence(`an alias must be one JSON object${root.type === 'array' ? ' (a list is not allowed here, unlike device_spec: write one alias line per object)' : `, not ${typeName(root)}`}`, verdict));
    return undefined;
  }
  let bad = false;
  // One walk over the keys: the alias's fields by name (a Python dict holds each name once), and the keys Nova
  // does not allow reported in the order they appear. Dict keys are V8's internalized strings (model/py.ts), so
  // each case below compares pointers. The fields are entry numbers (-1: absent): a str value is read from the
  // dict's slots (valAt), a PyKey or PyValue is made only for a finding.
  let nameEntry = -1;
  let vid = -1;
  let pid = -1;
  let dt = -1;
  let np = -1;
  let ct = -1;
  let rc = -1;
  let traits = -1;
  let lm = -1;
  const size = dictSize(root);
  for (let i = 0; i < size; i++) {
    const key = nameAt(root, i);
    switch (key) {
      case 'name': nameEntry = i; break;
      case 'vendor_id': vid = i; break;
      case 'product_id': pid = i; break;
      case 'device_type': dt = i; break;
      case 'numa_policy': np = i; break;
      case 'capability_type': ct = i; break;
      case 'resource_class': rc = i; break;
      case 'traits': traits = i; break;
      case 'live_migratable': lm = i; break;
    }
    if (allowed.has(key)) continue;
    const later = ALIAS_FIELDS[key]?.since;
    const s = suggest(key, allowed, 3);
    bad = aliasErr(ctx, verdict, 'alias-unknown-key', keySpanOf(jv, keyAt(root, i)), later ? `"${key}" is allowed in an alias only from ${later} (this is ${release}).` : `"${key}" is not an alias field${s.length ? ` — did you mean "${s[0]}"?` : ` (allowed: ${[...allowed].join(', ')}).`}`, { key, suggestions: later ? [] : s, target: fieldTarget('key', key) });
  }
  let name: string | undefined;
  if (nameEntry < 0) bad = aliasErr(ctx, verdict, 'alias-bad-name', spanOf(jv, root), 'the alias has no "name".');
  else {
    const raw = valStr(valAt(root, nameEntry));
    if (raw === undefined) bad = aliasErr(ctx, verdict, 'alias-bad-name', valueSpanAt(jv, root, nameEntry), `"name" must be a string, not ${typeName(valueOf(keyAt(root, nameEntry)))}.`);
    else {
      const len = codePointLength(raw);
      if (len < 1 || len > 256) bad = aliasErr(ctx, verdict, 'alias-bad-name', valueSpanAt(jv, root, nameEntry), `"name" must be 1 to 256 characters long (it has ${len}).`);
      else name = pyStrip(raw);
    }
  }
  // vendor_id, then product_id (two calls, not a loop over an array of pairs made per alias).
  if (vid >= 0 && checkId(ctx, verdict, jv, 'vendor_id', root, vid)) bad = true;
  if (pid >= 0 && checkId(ctx, verdict, jv, 'product_id', root, pid)) bad = true;
  const dts = dt >= 0 ? valStr(valAt(root, dt)) : undefined;
  if (dt >= 0 && (dts === undefined || !DEVICE_TYPES.includes(dts))) {
    const s = dts !== undefined ? suggestEnum(dts, DEVICE_TYPES) : [];
    bad = aliasErr(ctx, verdict, 'alias-bad-device-type', valueSpanAt(jv, root, dt), `device_type must be one of ${DEVICE_TYPES.join(', ')} (case-sensitive), not ${dts !== undefined ? show(dts) : typeName(valueOf(keyAt(root, dt)))}${s.length ? ` — did you mean "${s[0]}"?` : '.'}`, { target: fieldTarget('value', 'device_type'), suggestions: s });
  }
  const nps = np >= 0 ? valStr(valAt(root, np)) : undefined;
  if (np >= 0 && (nps === undefined || !NUMA_POLICIES.includes(nps))) {
    const s = nps !== undefined ? suggestEnum(nps, NUMA_POLICIES) : [];
    bad = aliasErr(ctx, verdict, 'alias-bad-numa-policy', valueSpanAt(jv, root, np), `numa_policy must be one of ${NUMA_POLICIES.join(', ')}, not ${nps !== undefined ? show(nps) : typeName(valueOf(keyAt(root, np)))}${s.length ? ` — did you mean "${s[0]}"?` : '.'}`, { target: fieldTarget('value', 'numa_policy'), suggestions: s });
  }
  const cts = ct >= 0 ? valStr(valAt(root, ct)) : undefined;
  if (ct >= 0 && cts !== 'pci') bad = aliasErr(ctx, verdict, 'alias-bad-capability-type', valueSpanAt(jv, root, ct), `capability_type can only be "pci", not ${cts !== undefined ? show(cts) : typeName(valueOf(keyAt(root, ct)))}.`, { target: fieldTarget('value', 'capability_type'), replacement: '"pci"' });
  // resource_class, traits, live_migratable, in that order (three calls, not a loop over pairs made per alias).
  if (rc >= 0 && checkText(ctx, verdict, jv, allowed, 'resource_class', root, rc)) bad = true;
  if (traits >= 0 && checkText(ctx, verdict, jv, allowed, 'traits', root, traits)) bad = true;
  if (lm >= 0 && checkText(ctx, verdict, jv, allowed, 'live_migratable', root, lm)) bad = true;
  const lms = lm >= 0 ? valStr(valAt(root, lm)) : undefined;
  if (lm >= 0 && allowed.has('live_migratable') && lms !== undefined && strictBool(lms) === undefined) {
    bad = aliasErr(ctx, verdict, 'alias-bad-live-migratable', valueSpanAt(jv, root, lm), `live_migratable must be a boolean word such as "true" or "false", not ${show(lms)}.`);
  }
  if (name !== undefined && NAME_SEPARATORS.test(name)) {
    ctx.report('alias-name-unusable', valueSpanAt(jv, root, nameEntry), `The alias name ${show(name)} contains "${name.includes(':') ? ':' : ','}", so no flavor can request it (pci_passthrough:alias is a list of name:count).`);
  }
  if (bad || name === undefined) return undefined;
  return {
    jv, node: root, name, nameEntry,
    numaPolicy: nps ?? 'legacy', hasNuma: np >= 0,
    deviceType: dts, deviceTypeEntry: dt,
    ids: vid >= 0 && pid >= 0, hasVendor: vid >= 0, hasProduct: pid >= 0, resourceClass: rc >= 0 && allowed.has('resource_class'),
  };
}

/** Document span of a parsed alias's name value. */
function nameSpan(p: Parsed): Span {
  return valueSpanAt(p.jv, p.node, p.nameEntry);
}

function check(ctx: RuleContext<AliasData>): void {
  const { release, doc } = ctx;
  const verdict = aliasVerdict(release, ctx.point);
  const allowed = new Set(aliasFields(release));
  const parsed: Parsed[] = [];
  for (const jv of doc.aliases) {
    const p = checkAlias(ctx, jv, allowed, verdict);
    if (p) parsed.push(p);
  }

  // A6/A7: repeated names, compared after stripping.
  const inPlacement = pciInPlacement(doc) && gate(release, 'pci-in-placement');
  const strictParse = gate(release, 'alias-refused-at-start', ctx.point);
  const byName = new Map<string, Parsed>();
  for (const p of parsed) {
    const first = byName.get(p.name!);
    if (!first) {
      byName.set(p.name!, p);
      continue;
    }
    const related = [{ span: nameSpan(first), message: `first definition of "${p.name}"` }];
    if (inPlacement) {
      const refused = gate(release, 'alias-unique-in-placement', ctx.point);
      ctx.report('alias-duplicate-in-placement', nameSpan(p), refused
        ? withConsequence(`alias "${p.name}" is defined again here, and with [filter_scheduler] pci_in_placement each alias name may be defined once`, verdict)
        : `Alias "${p.name}" is defined twice while pci_in_placement is on: this point release accepts it at start, but a request for the alias fails while scheduling (Nova refuses it at start from ${gateBackports('alias-unique-in-placement')}).`,
        { related, severity: refused ? 'error' : 'warning' });
    }
    if (first.numaPolicy !== p.numaPolicy) {
      ctx.report('alias-duplicate-mismatch', nameSpan(p), withConsequence(`alias "${p.name}" is defined again with numa_policy "${p.numaPolicy}" but the first definition has "${first.numaPolicy}"${first.hasNuma ? '' : ' (the default)'}; they must match`, verdict), { related, data: { fix: 'numa_policy', value: first.numaPolicy } });
    } else if (!first.deviceType || !p.deviceType) {
      const missing = !p.deviceType ? p : first;
      const other = !p.deviceType ? first : p;
      ctx.report('alias-duplicate-mismatch', nameSpan(missing), `${withConsequence(`alias "${p.name}" is defined more than once without a device_type in every definition`, `${verdict} (Nova's own message is only 'dev_type')`)} ${other.deviceType ? `Add "device_type": "${other.deviceType}".` : 'Add the same device_type to each.'}`, { related: [{ span: nameSpan(other), message: `other definition of "${p.name}"` }], data: { fix: 'device_type', value: other.deviceType } });
    } else if (first.deviceType !== p.deviceType) {
      ctx.report('alias-duplicate-mismatch', valueSpanAt(p.jv, p.node, p.deviceTypeEntry), withConsequence(`alias "${p.name}" is defined again with device_type "${p.deviceType}" but the first definition has "${first.deviceType}"; they must match`, verdict), { related, data: { fix: 'device_type', value: first.deviceType } });
    }
  }

  // A8: ids needed (the gate, with its point-release backports).
  if (!gate(release, 'alias-ids-required', ctx.point)) {
    // Before the id checks an alias with no ids at all matches every device of its type (nova/pci/stats.py
    // compares only the keys a spec has); with pci_in_placement a resource_class decides instead.
    for (const p of parsed) {
      if (p.hasVendor || p.hasProduct || (inPlacement && p.resourceClass)) continue;
      ctx.report('alias-matches-any-device', nameSpan(p), `Alias "${p.name}" has neither vendor_id nor product_id: this release accepts it, and a request for it takes any ${p.deviceType ?? 'type-PCI'} device that a device_spec allows (Nova refuses such an alias at start from ${gateBackports('alias-ids-required') || 'a later release'}, and in every newer series).`);
    }
  } else {
    const bad = new Map<string, Parsed[]>();
    for (const p of parsed) {
      if (p.ids || (inPlacement && p.resourceClass)) continue;
      const list = bad.get(p.name!);
      if (list) list.push(p);
      else bad.set(p.name!, [p]);
    }
    for (const [name, list] of bad) {
      for (const p of list) {
        const need = inPlacement
          ? 'both vendor_id and product_id, or a resource_class'
          : `both vendor_id and product_id${p.resourceClass ? ' (its resource_class counts only with [filter_scheduler] pci_in_placement = true)' : ''}`;
        // Both gates share their releases today; should they part, the verdict (start-up refusal or HTTP 400) follows strictParse.
        ctx.report('alias-missing-ids', nameSpan(p), withConsequence(`alias "${name}" needs ${need}`, verdict),
          { severity: strictParse ? 'error' : 'warning' });
      }
    }
  }
}

function suggestEnum(value: string, options: string[]): string[] {
  const exact = options.find((o) => o.toLowerCase() === value.trim().toLowerCase());
  if (exact) return [exact];
  return suggest(value, options, 2);
}

/** The quick fixes of this family, by rule code (the registry builds the fix table from these). */
const FIXES: FixTable<AliasData> = { 'alias-bad-id': replacementFixes, 'alias-bad-capability-type': replacementFixes, 'alias-field-not-string': replacementFixes, 'alias-unknown-key': keySuggestionFixes, 'alias-bad-numa-policy': enumSuggestionFixes, 'alias-bad-device-type': enumSuggestionFixes, 'alias-duplicate-mismatch': aliasMismatchFixes };

export const aliasFamily: DocumentRuleFamily<AliasData> = { name: 'alias', scope: 'document', rules, check, fixes: FIXES };
