/**
 * YAML files as a workspace source kind: each Nova form becomes a virtual nova.conf document
 * read by the services its place in the YAML names, so the deployment view (workspace/) merges
 * them per service — a scheduler filter set in a control-plane CR counts for nova-scheduler.
 */
import type { KindAdapter, VirtualDocument } from '../../workspace/index';
import type { NovaService } from '../../workspace/services';
import { extractNovaDocuments } from './extract';
import type { NovaRole, NovaYamlDocument } from './types';

export const YAML_KIND = 'yaml';

const SERVICE_OF: Record<NovaRole, NovaService> = {
  api: 'nova-api',
  scheduler: 'nova-scheduler',
  conductor: 'nova-conductor',
  metadata: 'nova-metadata',
  novncproxy: 'nova-novncproxy',
  compute: 'nova-compute',
};

export function servicesOf(d: NovaYamlDocument): NovaService[] | undefined {
  return d.roles?.map((r) => SERVICE_OF[r]);
}

/**
 * `<yaml uri>#<path of the form>[&service=nova-…]`: readable (the deployment view labels documents
 * with it), and the services let the per-file rules know who reads the text (workspace/roles.ts).
 */
export function virtualUri(uri: string, id: string, services?: readonly string[]): string {
  const path = encodeURI(id.replace(/^0:/, '')).replace(/[#&]/g, (c) => encodeURIComponent(c));
  return `${uri}#${path}${services?.length ? `&service=${services.join(',')}` : ''}`;
}

/**
 * What nova-operator writes before a customServiceConfig (its 01-nova.conf, templates/nova/nova.conf):
 * only the settings the deployment rules look at. Never reported on; it only makes the merge true.
 */
const RHOSO_BASE: { id: string; text: string; services: NovaService[] } = {
  id: 'nova-operator-01-nova.conf',
  text: '[filter_scheduler]\nenabled_filters = AggregateInstanceExtraSpecsFilter,ComputeFilter,ComputeCapabilitiesFilter,ImagePropertiesFilter,ServerGroupAntiAffinityFilter,ServerGroupAffinityFilter,SameHostFilter,DifferentHostFilter,PciPassthroughFilter,NUMATopologyFilter\n',
  services: ['nova-scheduler'],
};

const cache = new Map<string, { text: string; docs: NovaYamlDocument[] }>();

/** extractNovaDocuments, remembered per uri for the last text seen (the workspace asks often). */
export function cachedExtract(text: string, uri: string): NovaYamlDocument[] {
  const c = cache.get(uri);
  if (c && c.text === text) return c.docs;
  const docs = extractNovaDocuments(text, uri);
  if (cache.size > 256) cache.clear();
  cache.set(uri, { text, docs });
  return docs;
}

export function forgetExtract(uri: string): void {
  cache.delete(uri);
}

export const yamlKindAdapter: KindAdapter = {
  documents(source): VirtualDocument[] {
    const docs = cachedExtract(source.text, source.uri);
    if (docs.length === 0) return [];
    const out: VirtualDocument[] = [];
    if (docs.some((d) => d.form === 'rhoso-custom-service-config')) out.push({ uri: virtualUri(source.uri, RHOSO_BASE.id, RHOSO_BASE.services), text: RHOSO_BASE.text, services: RHOSO_BASE.services });
    for (const d of docs) out.push({ uri: virtualUri(source.uri, d.id, servicesOf(d)), text: d.text, services: servicesOf(d) });
    return out;
  },
};
