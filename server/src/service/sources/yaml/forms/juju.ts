/**
 * Juju charms, in a bundle (`applications:` / `services:` with `charm:` and `options:`) or a
 * config file for `juju config` / `juju deploy --config` (`<application>: {option: value}`).
 *
 * charm-nova-compute (hooks/nova_compute_context.py, templates/yoga/nova.conf): the
 * `pci-passthrough-whitelist` string is written as `[pci] passthrough_whitelist`; `pci-alias`
 * is read with json.loads and, when it is a JSON list, each item becomes one `[pci] alias`
 * line (json.dumps, sorted keys). charm-nova-cloud-controller (hooks/nova_cc_context.py,
 * templates/yoga/nova.conf): the same `pci-alias` handling, and `scheduler-default-filters`
 * as `[filter_scheduler] enabled_filters`.
 */
import { Node, Scalar, isMap, isScalar } from 'yaml';
import { parseTree } from 'jsonc-parser';
import { DocWriter, Extraction, entriesOf, hasTemplate, spanOf, stringOf, valueOf } from '../nodes';
import type { NovaRole } from '../types';

const CHARMS: Record<string, NovaRole[]> = {
  'nova-compute': ['compute'],
  'nova-cloud-controller': ['api', 'scheduler', 'conductor'],
};
const OPTIONS = ['pci-passthrough-whitelist', 'pci-alias', 'scheduler-default-filters'];

function charmName(charm: string | undefined): string | undefined {
  if (!charm) return undefined;
  // cs:~user/nova-compute-123, ch:nova-compute, ./nova-compute, nova-compute
  const base = charm.replace(/^[a-z]+:/, '').split('/').pop() ?? '';
  return Object.keys(CHARMS).find((c) => base === c || new RegExp(`^${c}-\\d+$`).test(base));
}

function option(w: DocWriter, section: string, name: string, key: Node, v: Scalar): void {
  w.section(section, key);
  w.key(name, key);
  w.text(v);
  w.end(key);
}

function writeOptions(x: Extraction, docIndex: number, app: string, roles: NovaRole[] | undefined, options: Node, anchor: Node): void {
  const w = x.writer();
  for (const e of entriesOf(options)) {
    if (!OPTIONS.includes(e.name) || !isScalar(e.value) || typeof e.value.value !== 'string' || e.value.value.trim() === '' || hasTemplate(e.value.value)) continue;
    const v = e.value as Scalar;
    if (e.name === 'pci-passthrough-whitelist') option(w, 'pci', 'passthrough_whitelist', e.key, v);
    else if (e.name === 'scheduler-default-filters') option(w, 'filter_scheduler', 'enabled_filters', e.key, v);
    else {
      const ms = x.scalar(v);
      const tree = parseTree(ms.value);
      if (tree?.type === 'array' && tree.children) {
        for (const item of tree.children) {
          w.section('pci', e.key);
          w.key('alias', e.key);
          w.b.scalar(ms, item.offset, item.offset + item.length);
          w.end(e.key);
        }
      } else option(w, 'pci', 'alias', e.key, v);
    }
  }
  x.add(w, { id: `${docIndex}:${app}`, form: 'juju', roles, label: `Juju application ${app} options${roles ? ` (${roles.map((r) => `nova-${r}`).join(', ')})` : ''}`, anchor: spanOf(anchor), fragment: true });
}

export function extractJuju(x: Extraction): void {
  x.docs.forEach((d, i) => {
    const root = d.contents;
    if (!isMap(root) || valueOf(root, 'kind') || valueOf(root, 'parameter_defaults')) return;
    const apps = valueOf(root, 'applications') ?? valueOf(root, 'services');
    if (isMap(apps)) {
      for (const a of entriesOf(apps)) {
        const charm = charmName(stringOf(valueOf(a.value, 'charm')));
        const options = valueOf(a.value, 'options');
        if (charm && isMap(options)) writeOptions(x, i, a.name, CHARMS[charm], options, a.key);
      }
      return;
    }
    // A config file: application name -> options. Only hyphenated Nova charm option names count.
    for (const a of entriesOf(root)) {
      if (!isMap(a.value) || !entriesOf(a.value).some((e) => OPTIONS.includes(e.name))) continue;
      writeOptions(x, i, a.name, CHARMS[charmName(a.name) ?? ''], a.value, a.key);
    }
  });
}
