/**
 * OpenStack-Ansible (os_nova role), in user_variables.yml, group_vars or host_vars.
 *
 * `nova_nova_conf_overrides` is section -> option -> value, merged into the rendered
 * nova.conf by the config_template action plugin (ansible-config_template
 * plugins/action/config_template.py, `_option_write` / `_write_check`): a list is joined
 * with commas into one value, a mapping whose values are all empty (YAML `? item` keys)
 * writes one line per key (sorted), a string's line breaks become continuation lines
 * (`\n\t`), other scalars are written as Python's str() prints them.
 *
 * The role's own variables, as templates/nova.conf.j2 and vars/main.yml use them:
 * `nova_scheduler_default_filters` + `nova_scheduler_extra_filters` -> `[filter_scheduler]
 * enabled_filters` (joined with commas); `nova_device_spec` (default:
 * `nova_pci_passthrough_whitelist`) -> one `[pci] device_spec` per list item (a mapping
 * through `to_json`); `nova_pci_alias` -> one `[pci] alias = {{ item }}` per item (a mapping
 * is printed as a Python dict, which is not JSON).
 *
 * Jinja in these values stays in the rendered text: the Jinja-aware reading (sources/jinja.ts)
 * treats `{{ }}` as placeholders and leaves out only the findings a placeholder could change.
 */
import { Node, Scalar, isMap, isScalar, isSeq } from 'yaml';
import { DocWriter, Extraction, entriesOf, pairOf, pyScalar, spanOf } from '../nodes';
import { isJsonMultiOption, isMultiOption } from '../options';

/** os_nova defaults/main.yml `nova_scheduler_default_filters` (used when only the extra filters are set). */
const OSA_DEFAULT_FILTERS = ['ComputeFilter', 'AggregateNumInstancesFilter', 'AggregateIoOpsFilter', 'ComputeCapabilitiesFilter', 'ImagePropertiesFilter', 'ServerGroupAntiAffinityFilter', 'ServerGroupAffinityFilter', 'NUMATopologyFilter'];

const OSA_KEYS = ['nova_nova_conf_overrides', 'nova_scheduler_default_filters', 'nova_scheduler_extra_filters', 'nova_device_spec', 'nova_pci_passthrough_whitelist', 'nova_pci_alias'];

/** A string value as config_template writes it: line breaks continue on a tab-indented line. */
function writeStr(w: DocWriter, s: Scalar): void {
  const ms = w.x.scalar(s);
  let from = 0;
  for (let i = ms.value.indexOf('\n'); i >= 0; i = ms.value.indexOf('\n', i + 1)) {
    w.b.scalar(ms, from, i + 1);
    w.b.synth('\t', { start: ms.start, end: ms.end });
    from = i + 1;
  }
  w.b.scalar(ms, from);
}

function writePy(w: DocWriter, v: Node | null): void {
  if (isScalar(v) && typeof v.value === 'string') writeStr(w, v);
  else if (isScalar(v)) w.b.synth(pyScalar(v.value, w.x.src.slice(spanOf(v).start, spanOf(v).end)), spanOf(v));
  else w.pyRepr(v);
}

function writeOverrides(x: Extraction, docIndex: number, overrides: Node): Set<string> {
  const w = x.writer();
  const set = new Set<string>();
  for (const sec of entriesOf(overrides)) {
    if (!isMap(sec.value)) continue;
    for (const opt of entriesOf(sec.value)) {
      const v = opt.value;
      if (v === null || (isScalar(v) && v.value === null)) continue;
      set.add(`${sec.name.toLowerCase()}.${opt.name}`);
      if (isMap(v) && v.items.every((p) => !(isScalar(p.value) ? p.value.value : p.value))) {
        // config_template: a mapping with only empty values is a set -> one line per key, sorted.
        const keys = entriesOf(v).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const k of keys) {
          w.section(sec.name, sec.key);
          w.key(opt.name, opt.key);
          writePy(w, k.key);
          w.end(k.key);
        }
        continue;
      }
      w.section(sec.name, sec.key);
      w.key(opt.name, opt.key);
      if (isSeq(v)) {
        const write = (): void => v.items.forEach((it, k) => {
          if (k > 0) w.b.synth(',', spanOf(it as Node));
          writePy(w, (it as Node | null) ?? null);
        });
        if (v.items.length > 1 && isMultiOption(sec.name, opt.name)) {
          const json = isJsonMultiOption(sec.name, opt.name);
          w.problem(json ? 'yaml-list-joined-json' : 'yaml-list-joined-multi', `config_template joins a YAML list with commas into one value${json ? `, so Nova reads ${v.items.length} JSON texts separated by commas as one ${opt.name}, which is not valid JSON: the service refuses to start` : `, but [${sec.name}] ${opt.name} takes one value per line`}. Write the items as keys of a set ("? item" lines) to get one "${opt.name} =" line each.`, opt.key);
          w.suppressed(['json-invalid'], write);
        } else write();
      } else writePy(w, v);
      w.end(opt.key);
    }
  }
  const key = pairOf(x.docs[docIndex].contents, 'nova_nova_conf_overrides')?.key as Node | undefined;
  x.add(w, { id: `${docIndex}:nova_nova_conf_overrides`, form: 'osa-conf-overrides', label: 'OpenStack-Ansible nova_nova_conf_overrides (config_template)', anchor: spanOf(key), fragment: true });
  return set;
}

function items(v: Node | null | undefined): (Node | null)[] {
  return isSeq(v) ? v.items.map((i) => (i as Node | null) ?? null) : v ? [v] : [];
}

export function extractOsa(x: Extraction): void {
  x.docs.forEach((d, i) => {
    const root = d.contents;
    if (!isMap(root) || !OSA_KEYS.some((k) => pairOf(root, k))) return;
    const overrides = pairOf(root, 'nova_nova_conf_overrides');
    const overridden = overrides?.value && isMap(overrides.value) ? writeOverrides(x, i, overrides.value) : new Set<string>();

    const w = x.writer();
    const def = pairOf(root, 'nova_scheduler_default_filters');
    const extra = pairOf(root, 'nova_scheduler_extra_filters');
    if ((def || extra) && !overridden.has('filter_scheduler.enabled_filters')) {
      w.section('filter_scheduler', (def ?? extra)!.key as Node);
      w.key('enabled_filters', (def ?? extra)!.key as Node);
      let first = true;
      const sep = (n: Node | null | undefined): void => {
        if (!first) w.b.synth(',', spanOf(n));
        first = false;
      };
      if (def) for (const it of items(def.value as Node | null)) {
        sep(it);
        writePy(w, it);
      } else {
        sep(extra!.key as Node);
        w.b.synth(OSA_DEFAULT_FILTERS.join(','), spanOf(extra!.key as Node));
      }
      if (extra) for (const it of items(extra.value as Node | null)) {
        sep(it);
        writePy(w, it);
      }
      w.end();
    }
    const spec = pairOf(root, 'nova_device_spec') ?? pairOf(root, 'nova_pci_passthrough_whitelist');
    if (spec && !overridden.has('pci.device_spec')) {
      for (const it of items(spec.value as Node | null)) {
        if (!isMap(it) && !(isScalar(it) && typeof it.value === 'string' && it.value !== '')) continue;
        w.section('pci', spec.key as Node);
        w.key('device_spec', spec.key as Node);
        if (isMap(it)) w.json(it, 'python');
        else writePy(w, it);
        w.end(it);
      }
    }
    const alias = pairOf(root, 'nova_pci_alias');
    if (alias && !overridden.has('pci.alias')) {
      for (const it of items(alias.value as Node | null)) {
        if (!isMap(it) && !(isScalar(it) && typeof it.value === 'string' && it.value !== '')) continue;
        w.section('pci', alias.key as Node);
        w.key('alias', alias.key as Node);
        if (isMap(it)) {
          w.problem('yaml-python-repr', 'os_nova writes each nova_pci_alias item with {{ item }}: a YAML mapping is printed as a Python dict (single quotes, True/False), which is not JSON, so nova-api and nova-compute refuse to start. Write the item as a JSON string, e.g. \'{"name": "a1", "vendor_id": "10de", "product_id": "25b6"}\'.', it);
          w.suppressed(['json-invalid'], () => w.pyRepr(it));
        } else writePy(w, it);
        w.end(it);
      }
    }
    const anchor = (def ?? extra ?? spec ?? alias)?.key as Node | undefined;
    if (anchor) x.add(w, { id: `${i}:os_nova`, form: 'osa-variables', label: 'OpenStack-Ansible os_nova variables (templates/nova.conf.j2)', anchor: spanOf(anchor), fragment: true });
  });
}
