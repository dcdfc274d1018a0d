/**
 * TripleO environment files (`parameter_defaults`).
 *
 * - `NovaPCIPassthrough` (global or in `<Role>Parameters`): tripleo-heat-templates
 *   deployment/nova/nova-compute-container-puppet.yaml hands it to puppet-nova's compute PCI
 *   class, which writes one `[pci] device_spec` line per list item, each item serialised by
 *   `to_array_of_json_strings` (Ruby `to_json`, compact) — puppet-nova manifests/compute/pci.pp,
 *   lib/puppet/functions/to_array_of_json_strings.rb. A JSON string is also accepted.
 * - hieradata in `ExtraConfig` / `<Role>ExtraConfig`: `nova::pci::aliases` (manifests/pci.pp,
 *   one `[pci] alias` per item, same serialisation), `nova::compute::pci::device_specs` and
 *   `nova::compute::pci::report_in_placement` (manifests/compute/pci.pp).
 * - `NovaSchedulerEnabledFilters` (or the deprecated `NovaSchedulerDefaultFilters`, used when
 *   the former is empty): `[filter_scheduler] enabled_filters`, joined with commas
 *   (deployment/nova/nova-scheduler-container-puppet.yaml).
 *
 * The compute role's settings form one document (so rules that need two options, such as
 * devname with report_in_placement, see both); the scheduler's another.
 */
import { Node, Scalar, isMap, isScalar, isSeq } from 'yaml';
import { DocWriter, Extraction, containsTemplate, entriesOf, spanOf, valueOf } from '../nodes';
import type { NovaRole } from '../types';

type Contribution = (w: DocWriter) => void;

function jsonList(w: DocWriter, section: string, option: string, key: Node, value: Node | null): void {
  if (isScalar(value) && typeof value.value === 'string') {
    // A JSON string parameter: THT parses it; a list becomes one line per item.
    w.section(section, key);
    w.key(option, key);
    w.text(value as Scalar);
    w.end(key);
    return;
  }
  for (const it of isSeq(value) ? value.items : []) {
    w.section(section, key);
    w.key(option, key);
    w.json((it as Node | null) ?? null, 'compact');
    w.end(it as Node);
  }
}

function filters(w: DocWriter, key: Node, value: Node | null): void {
  const items = isSeq(value) ? value.items.map((i) => (i as Node | null) ?? null) : value ? [value] : [];
  if (items.length === 0 || (items.length === 1 && isScalar(items[0]) && items[0].value === '')) return;
  w.section('filter_scheduler', key);
  w.key('enabled_filters', key);
  items.forEach((it, k) => {
    if (k > 0) w.b.synth(',', spanOf(it));
    if (isScalar(it) && typeof it.value === 'string') w.text(it);
    else w.b.synth(String(isScalar(it) ? it.value : ''), spanOf(it));
  });
  w.end(key);
}

const ROLE_OF_EXTRA = (name: string): NovaRole[] | undefined => {
  if (name === 'ExtraConfig') return undefined;
  if (/compute/i.test(name)) return ['compute'];
  if (/controller/i.test(name)) return ['api', 'scheduler', 'conductor'];
  return undefined;
};

export function extractTripleo(x: Extraction): void {
  x.docs.forEach((d, i) => {
    const pd = valueOf(d.contents, 'parameter_defaults');
    if (!isMap(pd)) return;
    const compute: Contribution[] = [];
    const control: Contribution[] = [];
    let anchor: Node | undefined;
    const params = (map: Node, roleSpecific: boolean): void => {
      for (const e of entriesOf(map)) {
        if (containsTemplate(e.value)) continue;
        if (e.name === 'NovaPCIPassthrough') {
          anchor ??= e.key;
          compute.push((w) => jsonList(w, 'pci', 'device_spec', e.key, e.value));
        } else if (!roleSpecific && e.name === 'NovaSchedulerEnabledFilters') {
          anchor ??= e.key;
          control.push((w) => filters(w, e.key, e.value));
        } else if (!roleSpecific && e.name === 'NovaSchedulerDefaultFilters') {
          const enabled = valueOf(map, 'NovaSchedulerEnabledFilters');
          if (enabled && !(isSeq(enabled) && enabled.items.length === 0)) continue;
          anchor ??= e.key;
          control.push((w) => filters(w, e.key, e.value));
        } else if (/ExtraConfig$/.test(e.name) && isMap(e.value)) {
          const roles = ROLE_OF_EXTRA(e.name);
          const toCompute = !roles || roles.includes('compute');
          const toControl = !roles || roles.includes('api');
          for (const h of entriesOf(e.value)) {
            if (containsTemplate(h.value)) continue;
            if (h.name === 'nova::pci::aliases') {
              anchor ??= h.key;
              const c: Contribution = (w) => jsonList(w, 'pci', 'alias', h.key, h.value);
              if (toCompute) compute.push(c);
              if (toControl) control.push(c);
            } else if (h.name === 'nova::compute::pci::device_specs' && toCompute) {
              anchor ??= h.key;
              compute.push((w) => jsonList(w, 'pci', 'device_spec', h.key, h.value));
            } else if (h.name === 'nova::compute::pci::report_in_placement' && toCompute && isScalar(h.value)) {
              anchor ??= h.key;
              const v = h.value as Scalar;
              compute.push((w) => {
                w.section('pci', h.key);
                w.key('report_in_placement', h.key);
                if (typeof v.value === 'string') w.text(v);
                else w.b.synth(String(v.value), spanOf(v));
                w.end(h.key);
              });
            }
          }
        } else if (/Parameters$/.test(e.name) && isMap(e.value) && !roleSpecific) {
          params(e.value, true);
        }
      }
    };
    params(pd, false);
    if (!anchor) return;
    const add = (list: Contribution[], role: 'compute' | 'control'): void => {
      if (list.length === 0) return;
      const w = x.writer();
      for (const c of list) c(w);
      x.add(w, {
        id: `${i}:parameter_defaults:${role}`,
        form: 'tripleo',
        roles: role === 'compute' ? ['compute'] : ['api', 'scheduler', 'conductor'],
        label: `TripleO parameter_defaults (${role === 'compute' ? 'nova-compute' : 'controller services'}, as puppet-nova writes it)`,
        anchor: spanOf(anchor),
        fragment: true,
      });
    };
    add(compute, 'compute');
    add(control, 'control');
  });
}
