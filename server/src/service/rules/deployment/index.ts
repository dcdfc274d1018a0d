/**
 * Cross-file rules: judged on what each Nova service reads across the files of a
 * deployment (see workspace/), reported on the line to change, with the other
 * file as related information.
 */
import { dictItems, keySpanOf } from '../../model/pci';
import { keyOf, keyTruthy } from '../../model/py';
import { getNodeValue, type Node } from 'jsonc-parser';
import type { JsonValue, Severity, Span } from '../../model';
import type { NovaConfDocument } from '../../document';
import type { Deployment, ServiceView } from '../../workspace/deployment';
import { Setting, effectiveValues } from '../../workspace/merge';
import { osloBool } from '../../oslo/bool';
import type { DeploymentRuleFamily, RuleMeta } from '../types';
import { templateDecides, templateTouches } from '../../sources/jinja-document';
import type { DeploymentCode } from './data';

const KOLLA_MERGE = 'kolla-ansible: ansible/action_plugins/merge_configs.py; oslo_config/cfg.py (_Namespace._get_file_value)';

/** Examples of cross-file rules are several files: `# file: PATH` lines start each one (paths under a kolla-ansible config directory). */
export const rules: RuleMeta<DeploymentCode>[] = [
  {
    code: 'alias-mismatch', severity: 'warning', mirrors: 'nova/pci/request.py (get_alias_from_config, get_pci_requests_from_flavor; called by nova-api and by nova-compute in resource_tracker.py on resize)',
    title: 'an alias is defined differently for nova-api and nova-compute',
    description: 'nova-api turns a flavor\'s `pci_passthrough:alias` into PCI requests with its own `[pci] alias`, and nova-compute does it again with its own aliases when an instance is resized or cold-migrated. When an alias name is missing on one side, or the two define it differently, Nova accepts both files but the request fails (alias not defined) or asks for other devices on the compute than the API checked. Define each alias identically wherever nova-api and nova-compute read their config.',
    bad: '# file: nova/nova-api.conf\n[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n# file: nova/nova-compute.conf\n[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "2236"}',
    good: '# file: nova.conf\n[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}',
  },
  {
    code: 'override-not-read', severity: 'warning', mirrors: 'kolla-ansible: ansible/roles/nova/tasks/config.yml, ansible/roles/nova-cell/tasks/config.yml; oslo_config/cfg.py (ConfigOpts._parse_config_files)',
    title: 'no Nova service reads this file',
    description: 'kolla-ansible merges only `global.conf`, `nova.conf`, `nova/<service>.conf`, `nova/<host>/nova.conf` and, for the nova-cell services (compute, conductor, console proxies), `nova/<host>/<service>.conf`. oslo.config reads only the files ending in `.conf` directly inside `nova.conf.d/` (no hidden files, no subdirectories). A file elsewhere — a misspelt service name, a per-host file for a service of the nova role, a `.cfg` in a config directory — is silently ignored. Rename or move it.',
    bad: '# file: nova/nova-schedular.conf\n[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter',
    good: '# file: nova/nova-scheduler.conf\n[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter',
  },
  {
    code: 'value-overridden', severity: 'information', mirrors: KOLLA_MERGE,
    title: 'a later file replaces this value',
    description: 'Another file that the same service reads later sets this option too, so this line has no effect there. kolla-ansible replaces a key\'s whole value (every line of it, also for a multi-valued option such as `device_spec`) when a later override sets the same key; oslo.config lets the last file win for single-valued options. Remove the line or move the value to the layer where it belongs.',
    bad: '# file: nova.conf\n[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154d"}\n# file: nova/compute01/nova.conf\n[pci]\ndevice_spec = {"vendor_id": "10de", "product_id": "25b6"}',
    good: '# file: nova/compute01/nova.conf\n[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154d"}\ndevice_spec = {"vendor_id": "10de", "product_id": "25b6"}',
  },
];

export interface DeploymentFinding {
  uri: string;
  /** Typed (data.ts): a misspelt or foreign code is a compile error. */
  code: DeploymentCode;
  span: Span;
  message: string;
  severity?: Severity;
  related?: { uri: string; span: Span; message: string }[];
}

export interface DeploymentRuleContext {
  deployment: Deployment;
  report(f: DeploymentFinding): void;
}

function lastOf(values: Setting[]): Setting | undefined {
  return values.at(-1);
}

function listItems(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

const at = (s: Setting) => `${s.doc.positionAt(s.entry.keySpan.start).line + 1}`;
const FILE_START: Span = { start: 0, end: 0 };

/** The file that decides for a service: the last one it reads (kolla: nova/<service>.conf when present). */
function deciding(view: ServiceView): string | undefined {
  return view.layers.at(-1)?.uri;
}

function pciFilter(ctx: DeploymentRuleContext): void {
  const d = ctx.deployment;
  const sched = d.view('nova-scheduler');
  const api = d.view('nova-api');
  if (!sched || !api) return;
  // Outside kolla-ansible, a scheduler that reads none of these files is configured elsewhere.
  if (sched.layers.length === 0 && d.kind !== 'kolla') return;
  const ef = lastOf(effectiveValues(sched.config, 'filter_scheduler', 'enabled_filters'));
  if (ef && listItems(ef.entry.value).includes('PciPassthroughFilter')) return;
  if (ef && templateTouches(ef.doc.jinja, ef.entry.valueSpan)) return; // set by a template at deploy time
  const aliases = effectiveValues(api.config, 'pci', 'alias');
  const specs = d.views.filter((v) => v.service === 'nova-compute').flatMap((v) => effectiveValues(v.config, 'pci', 'device_spec'));
  const anchor = aliases[0] ?? (ef ? specs[0] : undefined);
  if (!anchor) return;
  const schedFile = ef?.uri ?? deciding(sched);
  const what = aliases.length ? 'PCI aliases are defined' : 'PCI devices are configured for passthrough';
  const where = schedFile ? d.label(schedFile) : 'nova/nova-scheduler.conf';
  const message = ef
    ? `${what}, but the enabled_filters nova-scheduler reads (${d.label(ef.uri)}:${at(ef)}) do not include PciPassthroughFilter: the scheduler will not check that hosts have the requested devices.`
    : `${what}, but nova-scheduler reads no [filter_scheduler] enabled_filters (its files: ${sched.layers.map((f) => d.label(f.uri)).join(', ') || 'none'}) and the default does not include PciPassthroughFilter: set it in ${where}.`;
  const related = ef
    ? [{ uri: ef.uri, span: ef.entry.keySpan, message: 'enabled_filters for nova-scheduler is set here' }]
    : schedFile ? [{ uri: schedFile, span: FILE_START, message: 'nova-scheduler reads its settings from this file last' }] : undefined;
  ctx.report({ uri: anchor.uri, code: 'pci-filter-not-enabled', span: anchor.entry.keySpan, message, related });
}

interface AliasDef {
  setting: Setting;
  node: Node;
  canonical?: string;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

function jsonOf(doc: NovaConfDocument, s: Setting): JsonValue | undefined {
  return doc.jsonOf(s.entry);
}

function items(jv: JsonValue): Node[] {
  if (!jv.valid || !jv.root) return [];
  return jv.root.type === 'array' ? (jv.root.children ?? []).filter((c) => c.type === 'object') : jv.root.type === 'object' ? [jv.root] : [];
}

function prop(node: Node, key: string): Node | undefined {
  let found: Node | undefined;
  for (const p of node.children ?? []) if (p.children?.[0]?.value === key) found = p;
  return found;
}

/** Alias name -> its definitions, as a service reads them. */
/** Alias names a Jinja template writes (unknown until deploy time) are kept out, and counted in `templated`. */
function aliasesOf(view: ServiceView): Map<string, AliasDef[]> & { templated?: boolean } {
  const out: Map<string, AliasDef[]> & { templated?: boolean } = new Map<string, AliasDef[]>();
  for (const s of effectiveValues(view.config, 'pci', 'alias')) {
    const jv = jsonOf(s.doc, s);
    if (!jv) continue;
    for (const node of items(jv)) {
      const nameNode = prop(node, 'name')?.children?.[1];
      if (!nameNode || nameNode.type !== 'string') continue;
      const docSpan = (n: Node) => s.entry.map.spanToDoc(n.offset, n.offset + n.length);
      if (templateDecides(s.doc.jinja, docSpan(nameNode))) {
        out.templated = true;
        continue;
      }
      const name = String(nameNode.value).trim();
      const def: AliasDef = { setting: s, node, canonical: templateTouches(s.doc.jinja, docSpan(node)) ? undefined : canonical(getNodeValue(node)) };
      const list = out.get(name);
      if (list) list.push(def);
      else out.set(name, [def]);
    }
  }
  return out;
}

function spanOf(def: AliasDef): Span {
  const nameKey = prop(def.node, 'name')?.children?.[0];
  const n = nameKey ?? def.node;
  return def.setting.entry.map.spanToDoc(n.offset, n.offset + n.length);
}

function aliasMismatch(ctx: DeploymentRuleContext): void {
  const d = ctx.deployment;
  const api = d.view('nova-api');
  if (!api || api.layers.length === 0) return;
  const apiAliases = aliasesOf(api);
  const seen = new Set<string>();
  for (const compute of d.views.filter((v) => v.service === 'nova-compute' && v.layers.length > 0)) {
    const computeAliases = aliasesOf(compute);
    if (apiAliases.size === 0 && computeAliases.size === 0) continue;
    const on = compute.host ? `nova-compute on ${compute.host}` : 'nova-compute';
    const report = (def: AliasDef, message: string, other: { uri: string; span: Span; message: string } | undefined) => {
      const key = `${def.setting.uri}\u0000${def.node.offset}\u0000${def.setting.entry.span.start}`;
      if (seen.has(key)) return;
      seen.add(key);
      ctx.report({ uri: def.setting.uri, code: 'alias-mismatch', span: spanOf(def), message, related: other ? [other] : undefined });
    };
    for (const [name, defs] of apiAliases) {
      const other = computeAliases.get(name);
      if (!other) {
        if (computeAliases.templated) continue; // a template writes names there: it may define this one
        const f = deciding(compute);
        report(defs[0], `Alias "${name}" is defined for nova-api but not for ${on}: resizing or migrating an instance whose flavor requests it fails there. Define it where nova-compute reads it${f ? ` (e.g. ${d.label(f)})` : ''}.`, f ? { uri: f, span: FILE_START, message: `${on} reads this file, which defines no alias "${name}"` } : undefined);
        continue;
      }
      const a = defs.map((x) => x.canonical);
      const b = other.map((x) => x.canonical);
      if (a.includes(undefined) || b.includes(undefined)) continue; // a template fills it in
      if ([...a].sort().join('\n') === [...b].sort().join('\n')) continue;
      // Same lines read by both: nothing to compare. Report where the two sides part.
      const apiOnly = defs.find((x) => !other.some((o) => o.setting.entry === x.setting.entry));
      const computeOnly = other.find((x) => !defs.some((o) => o.setting.entry === x.setting.entry));
      const target = computeOnly ?? apiOnly ?? defs[0];
      const counterpart = target === computeOnly ? (apiOnly ?? defs[0]) : (computeOnly ?? other[0]);
      const side = target === computeOnly ? on : 'nova-api';
      const otherSide = target === computeOnly ? 'nova-api' : on;
      report(target, `Alias "${name}" is defined differently for ${side} than for ${otherSide} (${d.label(counterpart.setting.uri)}:${at(counterpart.setting)}): the devices nova-api checked are not the ones ${on} claims on resize or migration. Define it identically in both.`, { uri: counterpart.setting.uri, span: spanOf(counterpart), message: `"${name}" as ${otherSide} reads it` });
    }
    for (const [name, defs] of computeAliases) {
      if (apiAliases.has(name) || apiAliases.templated) continue;
      const f = deciding(api);
      report(defs[0], `Alias "${name}" is defined for ${on} but not for nova-api: a flavor that requests it is refused by the API (alias not defined). Define it where nova-api reads it${f ? ` (e.g. ${d.label(f)})` : ''}.`, f ? { uri: f, span: FILE_START, message: `nova-api reads this file, which defines no alias "${name}"` } : undefined);
    }
  }
}

function devnameKey(s: Setting): Span[] {
  const jv = jsonOf(s.doc, s);
  if (!jv) return [];
  const out: Span[] = [];
  for (const item of dictItems(jv)) {
    const k = keyOf(item.dict, 'devname');
    if (k && keyTruthy(k)) out.push(keySpanOf(jv, k));
  }
  return out;
}

function placementDevname(ctx: DeploymentRuleContext): void {
  const d = ctx.deployment;
  const seen = new Set<string>();
  for (const v of d.views.filter((x) => x.service === 'nova-compute')) {
    const rip = lastOf(effectiveValues(v.config, 'pci', 'report_in_placement'));
    if (!rip || osloBool(rip.entry.value) !== true) continue;
    for (const s of effectiveValues(v.config, 'pci', 'device_spec')) {
      if (s.uri === rip.uri) continue; // the per-file rule reports it
      for (const span of devnameKey(s)) {
        const key = `${s.uri}\u0000${span.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const on = v.host ? ` on ${v.host}` : '';
        ctx.report({
          uri: s.uri, code: 'placement-devname', span,
          message: `This device_spec entry uses devname, and ${d.label(rip.uri)}:${at(rip)} sets [pci] report_in_placement = true, with which no entry may use devname — nova-compute${on} will refuse to start. Select the device by "address" instead.`,
          related: [{ uri: rip.uri, span: rip.entry.span, message: `report_in_placement is turned on here for nova-compute${on}` }],
        });
      }
    }
  }
}

function overrideNotRead(ctx: DeploymentRuleContext): void {
  for (const f of ctx.deployment.files) {
    if (!f.unread) continue;
    const first = f.doc.ini.sections[0]?.header ?? f.doc.ini.entries[0]?.keySpan ?? FILE_START;
    ctx.report({ uri: f.uri, code: 'override-not-read', span: first, message: `No Nova service reads ${ctx.deployment.label(f.uri)}: ${f.unread}.` });
  }
}

function sameValue(a: Setting, b: Setting): boolean {
  return a.entry.value.trim() === b.entry.value.trim();
}

function valueOverridden(ctx: DeploymentRuleContext): void {
  const d = ctx.deployment;
  const byLine = new Map<string, { lost: Setting; by: Setting; who: string[] }>();
  for (const v of d.views) {
    if (v.layers.length < 2) continue;
    for (const r of v.config.replaced) {
      if (r.setting.uri === r.by.uri) continue; // inside one file: duplicate-option says it
      if (sameValue(r.setting, r.by)) continue;
      const key = `${r.setting.uri}\u0000${r.setting.entry.span.start}\u0000${r.by.uri}\u0000${r.by.entry.span.start}`;
      const who = v.host ? `${v.service} on ${v.host}` : v.service;
      const hit = byLine.get(key);
      if (hit) hit.who.push(who);
      else byLine.set(key, { lost: r.setting, by: r.by, who: [who] });
    }
  }
  for (const { lost, by, who } of byLine.values()) {
    const multi = Boolean(lost.option.multi);
    const how = multi ? 'kolla-ansible replaces all its lines with the later file\'s' : 'the later file wins';
    ctx.report({
      uri: lost.uri, code: 'value-overridden', span: lost.entry.keySpan,
      message: `Overridden by ${d.label(by.uri)}:${at(by)} for ${who.join(', ')}: ${how}, so ${lost.entry.key} here has no effect there.`,
      related: [{ uri: by.uri, span: by.entry.keySpan, message: `this ${by.entry.key} wins` }],
    });
  }
}

/** Runs every cross-file rule over a layered deployment. */
export function checkDeployment(ctx: DeploymentRuleContext): void {
  if (!ctx.deployment.layered && !ctx.deployment.files.some((f) => f.unread)) return;
  overrideNotRead(ctx);
  if (!ctx.deployment.layered) return;
  pciFilter(ctx);
  aliasMismatch(ctx);
  placementDevname(ctx);
  valueOverridden(ctx);
}

/** Codes the per-file rules report that the deployment judges instead when a file is part of a layered deployment. */
export const SUPERSEDED_IN_DEPLOYMENT: readonly string[] = ['pci-filter-not-enabled'];

export const deploymentFamily: DeploymentRuleFamily<DeploymentRuleContext> = { name: 'deployment', scope: 'deployment', rules, checkDeployment };
