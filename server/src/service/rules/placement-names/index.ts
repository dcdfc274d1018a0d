/**
 * resource_class and traits as Nova normalises them before talking to Placement
 * (nova/compute/pci_placement_translator.py, nova/pci/request.py): surprises that
 * Nova accepts silently, and names Placement will refuse later.
 */
import { type PyDict, type PyValue, dictSize, keyAt, nameAt, valueOf } from '../../model/py';
import type { JsonValue } from '../../model';
import { type PciItem, spanOf, targetOf } from '../../model/pci';
import { STANDARD_RESOURCE_CLASSES } from '../../catalog/pci';
import { show } from '../json-helpers';
import type { RuleContext, DocumentRuleFamily, RuleMeta } from '../types';
import { replacementFixes } from '../json-fixes';
import type { FixTable } from '../fix-types';
import type { PlacementNamesData } from './data';

const SRC = 'nova/compute/pci_placement_translator.py';
const rules: RuleMeta<keyof PlacementNamesData & string>[] = [
  {
    code: 'traits-whitespace', severity: 'warning', novaRules: ['W9', 'P9'], mirrors: SRC,
    title: 'spaces or empty items in a traits list',
    description: 'Nova splits `traits` on commas without trimming, then turns anything that is not a standard trait into `CUSTOM_…` with every other character replaced by `_`. So `"A, B"` becomes `CUSTOM_A` and `CUSTOM__B`, and an empty item becomes `CUSTOM_`, which Placement refuses when the inventory is reported. Write the list without spaces.',
    bad: 'device_spec = {"address": "0000:81:00.0", "traits": "CUSTOM_FAST, CUSTOM_BIG"}', good: 'device_spec = {"address": "0000:81:00.0", "traits": "CUSTOM_FAST,CUSTOM_BIG"}',
  },
  {
    code: 'placement-name-invalid', severity: 'warning', novaRules: ['P9'], mirrors: SRC,
    title: 'resource class or trait that Placement will refuse',
    description: 'Nova keeps a name that already starts with `CUSTOM_` as it is (upper-cased). Placement accepts custom names only as `CUSTOM_` followed by upper-case letters, digits and `_`, at most 255 characters. A name such as `CUSTOM_a-b` or a bare `CUSTOM_` is accepted by Nova and then fails every Placement update for the devices, which never become schedulable.',
    bad: 'device_spec = {"address": "0000:81:00.0", "resource_class": "CUSTOM_gpu-a16"}', good: 'device_spec = {"address": "0000:81:00.0", "resource_class": "CUSTOM_GPU_A16"}',
  },
];

/** Nova's resource class normalisation: upper-case, keep standard and CUSTOM_ names, else CUSTOM_ + runs of other characters as `_`. */
export function normalizeResourceClass(rc: string): string {
  const up = rc.toUpperCase();
  if (STANDARD_RESOURCE_CLASSES.has(up) || up.startsWith('CUSTOM_')) return up;
  return `CUSTOM_${up.replace(/[^0-9A-Z]+/g, '_')}`;
}

/** Nova's trait normalisation for one item (standard os-traits names are kept as written). */
export function normalizeTrait(t: string): string {
  if (/^[A-Z][A-Z0-9_]*$/.test(t) && !t.startsWith('CUSTOM_')) return t; // looks like a standard trait name
  const up = t.toUpperCase();
  if (up.startsWith('CUSTOM_')) return up;
  return normalizeResourceClass(up);
}

const PLACEMENT_CUSTOM = /^CUSTOM_[A-Z0-9_]+$/;

/** `item` and `what` say where a fix would write (its target is made only when there is a finding). */
function checkName(ctx: RuleContext<PlacementNamesData>, item: PciItem, node: PyValue, written: string, normalized: string, what: 'resource_class' | 'trait'): void {
  if (!normalized.startsWith('CUSTOM_')) return;
  if (!PLACEMENT_CUSTOM.test(normalized) || normalized.length > 255) {
    const jv = item.jv;
    const target = targetOf(item, 'value', what === 'resource_class' ? 'resource_class' : 'traits');
    const why = normalized === 'CUSTOM_' ? 'nothing follows CUSTOM_' : normalized.length > 255 ? 'it is longer than 255 characters' : 'it contains characters other than A–Z, 0–9 and _';
    const effect = jv.kind === 'alias' ? 'requests for this alias (with pci_in_placement) cannot be placed' : 'the devices are never reported to Placement';
    ctx.report('placement-name-invalid', spanOf(jv, node), `Nova turns ${what} ${show(written)} into ${show(normalized)}, which Placement refuses (${why}): ${effect}.`, {
      // A replacement only for a single resource class: a traits value holds a whole list.
      data: what === 'resource_class' && normalized !== 'CUSTOM_' ? { replacement: `"${normalized.replace(/[^A-Z0-9_]+/g, '_').slice(0, 255)}"`, target } : { target },
    });
  }
}

function checkObject(ctx: RuleContext<PlacementNamesData>, item: PciItem, rc: PyValue | undefined, tr: PyValue | undefined): void {
  const jv = item.jv;
  if (rc?.type === 'string' && rc.value !== '') checkName(ctx, item, rc, rc.value, normalizeResourceClass(String(rc.value)), 'resource_class');
  if (tr?.type === 'string' && String(tr.value) !== '') {
    const items = String(tr.value).split(',');
    const spaced = items.filter((i) => i !== i.trim() || i.trim() === '');
    if (spaced.length) {
      const cleaned = items.map((i) => i.trim()).filter(Boolean).join(',');
      ctx.report('traits-whitespace', spanOf(jv, tr), `Nova does not trim traits: ${show(String(tr.value))} gives ${items.map((i) => show(normalizeTrait(i))).join(', ')}. Write ${show(cleaned)}.`, { data: { replacement: JSON.stringify(cleaned), target: targetOf(item, 'value', 'traits') } });
      return;
    }
    for (const t of items) checkName(ctx, item, tr, t, normalizeTrait(t), 'trait');
  }
}

/**
 * checkObject reads only resource_class and traits: both found in one walk over the dict's keys (a Python dict holds
 * each name once, so these are the values `getValue` would return); a dict with neither has nothing to check. `at`
 * is the dict's position in a device_spec list, -1 for the value itself: its item (and path) is made only for a dict
 * with one of the two keys (most dicts of a big PCI file have neither).
 */
function checkDict(ctx: RuleContext<PlacementNamesData>, jv: JsonValue, dict: PyDict, at: number): void {
  let rc = -1;
  let tr = -1;
  const n = dictSize(dict);
  for (let i = 0; i < n; i++) {
    const name = nameAt(dict, i);
    if (name === 'resource_class') rc = i;
    else if (name === 'traits') tr = i;
  }
  if (rc < 0 && tr < 0) return;
  checkObject(ctx, { jv, dict, path: at < 0 ? [] : [at] }, rc < 0 ? undefined : valueOf(keyAt(dict, rc)), tr < 0 ? undefined : valueOf(keyAt(dict, tr)));
}

function check(ctx: RuleContext<PlacementNamesData>): void {
  // dictItems() of every value, making an item only for a dict that has a resource_class or traits key.
  checkValues(ctx, ctx.doc.deviceSpecs);
  checkValues(ctx, ctx.doc.aliases);
}

function checkValues(ctx: RuleContext<PlacementNamesData>, list: readonly JsonValue[]): void {
  // An index loop: a for-of over an array allocates an iterator result per value until V8 optimises the loop.
  for (let k = 0; k < list.length; k++) {
    const jv = list[k];
    const v = jv.py;
    if (v?.type === 'object') checkDict(ctx, jv, v, -1);
    else if (v?.type === 'array') {
      const items = v.items;
      for (let i = 0; i < items.length; i++) {
        const c = items[i];
        if (c.type === 'object') checkDict(ctx, jv, c, i);
      }
    }
  }
}

/** The quick fixes of this family, by rule code (the registry builds the fix table from these). */
const FIXES: FixTable<PlacementNamesData> = { 'traits-whitespace': replacementFixes, 'placement-name-invalid': replacementFixes };

export const placementNamesFamily: DocumentRuleFamily<PlacementNamesData> = { name: 'placement names', scope: 'document', rules, check, fixes: FIXES };
