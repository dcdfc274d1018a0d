/** Option facts the YAML forms need: which options take one value per line (MultiStrOpt), and which of those are JSON. */
import { getOptionAnyRelease } from '../../catalog/options';
import { RELEASES } from '../../releases';
import { listGroups, listOptions } from '../../catalog/options';

/** The options whose value Nova parses as JSON (device_spec, alias), by canonical name. */
const JSON_OPTIONS = new Set(['pci.device_spec', 'pci.alias']);

let names: Map<string, string> | undefined;

/** `group.name` (also a deprecated name) -> canonical `group.name`, for every option of any release. */
function canonical(group: string, name: string): string | undefined {
  if (!names) {
    names = new Map();
    for (const r of RELEASES) {
      for (const g of listGroups(r)) {
        for (const o of listOptions(r, g)) {
          const c = `${o.group}.${o.name}`;
          names.set(c, c);
          for (const [dg, dn] of o.deprecatedNames) names.set(`${dg ?? o.group}.${dn}`, c);
        }
      }
    }
  }
  const g = group === 'DEFAULT' ? group : group.toLowerCase();
  return names.get(`${g}.${name}`);
}

export function isMultiOption(group: string, name: string): boolean {
  const c = canonical(group, name);
  if (!c) return false;
  const dot = c.indexOf('.');
  const o = getOptionAnyRelease(c.slice(0, dot), c.slice(dot + 1));
  return Boolean(o?.multi || o?.type === 'multi');
}

export function isJsonMultiOption(group: string, name: string): boolean {
  const c = canonical(group, name);
  return c !== undefined && JSON_OPTIONS.has(c);
}
