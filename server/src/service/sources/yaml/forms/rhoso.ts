/**
 * RHOSO 18 / openstack-k8s-operators.
 *
 * nova-operator writes each service template's `customServiceConfig` verbatim as
 * `02-nova-override.conf` next to its generated `01-nova.conf`, in that service's
 * `/etc/nova/nova.conf.d/` (internal/controller/nova/nova{api,scheduler,conductor,metadata,
 * novncproxy,compute}_controller.go: `extraData["02-nova-override.conf"] = instance.Spec.CustomServiceConfig`).
 * The template it sits under gives the service (api/v1beta1 nova_types.go, novacell_types.go).
 *
 * On the data plane, an OpenStackDataPlaneService (openstack-operator
 * api/dataplane/v1beta1: `dataSources[].configMapRef`) mounts ConfigMaps whose files
 * edpm-ansible's edpm_nova role copies into nova-compute's `/etc/nova/nova.conf.d/` —
 * only those matching `*nova*.conf` (roles/edpm_nova/files/kolla_config/nova_compute.yaml).
 */
import { Document, Node, Scalar, isMap, isScalar, isSeq } from 'yaml';
import { Extraction, entriesOf, pathOf, spanOf, stringOf, valueOf } from '../nodes';
import type { NovaRole } from '../types';

/** Service templates: path below the Nova spec -> role. `*` is any cell / compute template name. */
const TEMPLATES: { path: string[]; role: NovaRole }[] = [
  { path: ['apiServiceTemplate'], role: 'api' },
  { path: ['schedulerServiceTemplate'], role: 'scheduler' },
  { path: ['metadataServiceTemplate'], role: 'metadata' },
  { path: ['cellTemplates', '*', 'conductorServiceTemplate'], role: 'conductor' },
  { path: ['cellTemplates', '*', 'metadataServiceTemplate'], role: 'metadata' },
  { path: ['cellTemplates', '*', 'noVNCProxyServiceTemplate'], role: 'novncproxy' },
  { path: ['cellTemplates', '*', 'novaComputeTemplates', '*'], role: 'compute' },
];

/** The per-service CRs nova-operator owns, whose spec holds customServiceConfig directly. */
const SERVICE_KINDS: Record<string, NovaRole> = {
  NovaAPI: 'api',
  NovaScheduler: 'scheduler',
  NovaConductor: 'conductor',
  NovaMetadata: 'metadata',
  NovaNoVNCProxy: 'novncproxy',
  NovaCompute: 'compute',
};

/** Sections only Nova's config uses: a ConfigMap `.conf` file with one of them holds nova.conf settings. */
const NOVA_SECTIONS = new Set(['pci', 'filter_scheduler', 'scheduler', 'libvirt', 'compute', 'workarounds', 'devices', 'vnc', 'serial_console', 'spice', 'api_database', 'cell0_database', 'conductor', 'ironic', 'vmware', 'hyperv', 'quota', 'mks', 'image_cache']);

function expand(node: unknown, path: string[], at: string[], visit: (n: Node, where: string[]) => void): void {
  if (path.length === 0) {
    if (node) visit(node as Node, at);
    return;
  }
  const [head, ...rest] = path;
  if (head === '*') {
    for (const e of entriesOf(node)) expand(e.value, rest, [...at, e.name], visit);
  } else {
    const v = valueOf(node, head);
    if (v) expand(v, rest, [...at, head], visit);
  }
}

function customServiceConfig(x: Extraction, docIndex: number, kind: string, template: Node, where: string[], role: NovaRole): void {
  const key = (isMap(template) ? template.items.find((p) => isScalar(p.key) && p.key.value === 'customServiceConfig') : undefined)?.key as Scalar | undefined;
  const value = valueOf(template, 'customServiceConfig');
  if (!key || !isScalar(value) || typeof value.value !== 'string') return;
  const w = x.writer();
  w.text(value);
  x.add(w, {
    id: `${docIndex}:${where.join('.')}.customServiceConfig`,
    form: 'rhoso-custom-service-config',
    roles: [role],
    label: `${kind} ${where.join('.')}.customServiceConfig (nova-${role})`,
    anchor: spanOf(key),
    fragment: true,
  });
}

function looksLikeNovaConf(text: string): boolean {
  for (const m of text.matchAll(/^\[([^\]\r\n]+)\]/gm)) if (NOVA_SECTIONS.has(m[1].trim().toLowerCase())) return true;
  return false;
}

/** ConfigMap names that a nova OpenStackDataPlaneService in this file mounts. */
function dataPlaneConfigMaps(docs: Document.Parsed[]): Set<string> {
  const names = new Set<string>();
  for (const d of docs) {
    const root = d.contents;
    if (stringOf(valueOf(root, 'kind')) !== 'OpenStackDataPlaneService') continue;
    const spec = valueOf(root, 'spec');
    const name = stringOf(pathOf(root, ['metadata', 'name'])) ?? '';
    const type = stringOf(valueOf(spec, 'edpmServiceType')) ?? name;
    if (!/nova/i.test(type) && !/nova/i.test(name)) continue;
    const sources = valueOf(spec, 'dataSources');
    if (isSeq(sources)) for (const s of sources.items) {
      const n = stringOf(pathOf(s, ['configMapRef', 'name']));
      if (n) names.add(n);
    }
    // Older dataplane-operator releases listed ConfigMaps by name.
    const cms = valueOf(spec, 'configMaps');
    if (isSeq(cms)) for (const c of cms.items) {
      const n = stringOf(c);
      if (n) names.add(n);
    }
  }
  return names;
}

export function extractRhoso(x: Extraction): void {
  let mounted: Set<string> | undefined;
  x.docs.forEach((d, i) => {
    const root = d.contents;
    const kind = stringOf(valueOf(root, 'kind'));
    const api = stringOf(valueOf(root, 'apiVersion')) ?? '';
    if (!kind) return;
    const spec = valueOf(root, 'spec');
    if (kind === 'OpenStackControlPlane' && api.includes('openstack.org')) {
      const tpl = pathOf(spec, ['nova', 'template']);
      for (const t of TEMPLATES) expand(tpl, t.path, ['spec', 'nova', 'template'], (n, where) => customServiceConfig(x, i, kind, n, where, t.role));
    } else if (kind === 'Nova' && api.startsWith('nova.openstack.org')) {
      for (const t of TEMPLATES) expand(spec, t.path, ['spec'], (n, where) => customServiceConfig(x, i, kind, n, where, t.role));
    } else if (kind === 'NovaCell' && api.startsWith('nova.openstack.org')) {
      for (const t of TEMPLATES.filter((t) => t.path[0] === 'cellTemplates')) expand(spec, t.path.slice(2), ['spec'], (n, where) => customServiceConfig(x, i, kind, n, where, t.role));
    } else if (kind in SERVICE_KINDS && api.startsWith('nova.openstack.org')) {
      if (spec) customServiceConfig(x, i, kind, spec, ['spec'], SERVICE_KINDS[kind]);
    } else if (kind === 'ConfigMap') {
      mounted ??= dataPlaneConfigMaps(x.docs);
      const name = stringOf(pathOf(root, ['metadata', 'name'])) ?? '';
      const forCompute = mounted.has(name);
      for (const e of entriesOf(valueOf(root, 'data'))) {
        if (!e.name.endsWith('.conf') || !isScalar(e.value) || typeof e.value.value !== 'string') continue;
        if (!forCompute && !looksLikeNovaConf(e.value.value)) continue;
        const w = x.writer();
        if (forCompute && !e.name.includes('nova')) {
          w.problem('yaml-conf-not-loaded', `edpm_nova copies only files named *nova*.conf into nova-compute's nova.conf.d: "${e.name}" is mounted but never read. Rename it, e.g. "${e.name.replace(/^(\d+-)?/, (m) => `${m}nova-`)}".`, e.key);
        }
        w.text(e.value);
        x.add(w, {
          id: `${i}:data.${e.name}`,
          form: 'rhoso-configmap',
          roles: forCompute ? ['compute'] : undefined,
          label: `ConfigMap ${name} data["${e.name}"]${forCompute ? ' (nova-compute, via OpenStackDataPlaneService)' : ''}`,
          anchor: spanOf(e.key),
          fragment: true,
        });
      }
    }
  });
}
