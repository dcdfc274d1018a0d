/**
 * One host analysis per (document, host): the device_spec entries of the
 * document compiled against the host, the device each entry gets, and the
 * aliases with the devices they could be given. Host rules, hover, inlay hints
 * and completion all read it; it is cached on the document object.
 */
import type { Node } from 'jsonc-parser';
import type { NovaConfDocument } from '../document';
import type { JsonValue } from '../model';
import { objectProps, propValue } from '../python/json';
import type { HostDevice, HostInventory } from './inventory';
import { Assignment, CompiledSpec, assignDevices, compileSpec } from './match';

export interface SpecSite {
  jv: JsonValue;
  /** The entry's object node (value offsets of jv). */
  node: Node;
  props: Map<string, Node>;
  /** Undefined when Nova refuses the entry while parsing (the static rules report why). */
  compiled?: CompiledSpec;
}

export interface AliasSite {
  jv: JsonValue;
  node: Node;
  props: Map<string, Node>;
  value: Record<string, unknown>;
}

export interface HostAnalysis {
  host: HostInventory;
  sites: SpecSite[];
  assignment: Assignment;
  aliases: AliasSite[];
}

/** The Python value json.loads gives for a node (objects: last duplicate key wins). */
export function plainValue(node: Node | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, p] of objectProps(node)) o[k] = plainValue(propValue(p));
      return o;
    }
    case 'array':
      return (node.children ?? []).map(plainValue);
    case 'string':
    case 'number':
    case 'boolean':
      return node.value as unknown;
    default:
      return null;
  }
}

function objects(jv: JsonValue): Node[] {
  if (!jv.valid || !jv.root) return [];
  if (jv.root.type === 'object') return [jv.root];
  if (jv.root.type !== 'array') return [];
  const out: Node[] = [];
  for (const c of jv.root.children ?? []) {
    if (c.type !== 'object') break; // Nova stops at the first bad item
    out.push(c);
  }
  return out;
}

const CACHE = new WeakMap<NovaConfDocument, { host: HostInventory; analysis: HostAnalysis }>();

export function analyzeHost(doc: NovaConfDocument, host: HostInventory): HostAnalysis {
  const c = CACHE.get(doc);
  if (c && c.host === host) return c.analysis;
  const sites: SpecSite[] = [];
  for (const jv of doc.deviceSpecs) {
    for (const node of objects(jv)) {
      const props = objectProps(node);
      const index = sites.length;
      const compiled = compileSpec({ value: plainValue(node) as Record<string, unknown> }, index, host);
      sites.push({ jv, node, props, compiled });
    }
  }
  const assignment = assignDevices(sites.flatMap((s) => (s.compiled ? [s.compiled] : [])), host);
  const aliases: AliasSite[] = [];
  for (const jv of doc.aliases) {
    if (!jv.valid || jv.root?.type !== 'object') continue;
    aliases.push({ jv, node: jv.root, props: objectProps(jv.root), value: plainValue(jv.root) as Record<string, unknown> });
  }
  const analysis = { host, sites, assignment, aliases };
  CACHE.set(doc, { host, analysis });
  return analysis;
}

/**
 * Devices an alias can be given on this host: allowed by a device_spec entry, the alias's ids
 * (compared case-insensitively, as nova/pci/utils.py pci_device_prop_match does), and its
 * device_type; without device_type Nova never hands out a PF or a vDPA device (nova/pci/stats.py).
 */
export function aliasCandidates(a: HostAnalysis, alias: Record<string, unknown>): HostDevice[] {
  const vendor = typeof alias.vendor_id === 'string' ? alias.vendor_id.toLowerCase() : undefined;
  const product = typeof alias.product_id === 'string' ? alias.product_id.toLowerCase() : undefined;
  const type = typeof alias.device_type === 'string' ? alias.device_type : undefined;
  return a.host.devices.filter((d) => {
    if (!a.assignment.owner.has(d.address)) return false;
    if (vendor !== undefined && d.vendorId !== vendor) return false;
    if (product !== undefined && d.productId !== product) return false;
    if (type !== undefined) return d.devType === type;
    return d.devType !== 'type-PF' && d.devType !== 'vdpa';
  });
}

/** Devices of the host an alias's ids and type would fit, allowed or not (for messages). */
export function aliasHostDevices(host: HostInventory, alias: Record<string, unknown>): HostDevice[] {
  const vendor = typeof alias.vendor_id === 'string' ? alias.vendor_id.toLowerCase() : undefined;
  const product = typeof alias.product_id === 'string' ? alias.product_id.toLowerCase() : undefined;
  const type = typeof alias.device_type === 'string' ? alias.device_type : undefined;
  return host.devices.filter((d) => (vendor === undefined || d.vendorId === vendor) && (product === undefined || d.productId === product) && (type === undefined || d.devType === type));
}

/** "0000:3b:02.0, 0000:3b:02.1 and 2 more" */
export function listAddresses(devs: readonly HostDevice[], max = 3): string {
  const a = devs.map((d) => d.address);
  if (a.length <= max) return a.length <= 1 ? a.join('') : `${a.slice(0, -1).join(', ')} and ${a[a.length - 1]}`;
  return `${a.slice(0, max).join(', ')} and ${a.length - max} more`;
}
