/**
 * The deployment view: which files each Nova service reads, in which order, and
 * what it ends up with. Built from the workspace's documents and their paths;
 * nothing here reads a disk.
 */
import type { NovaConfDocument } from '../document';
import type { Span } from '../model';
import { KOLLA_CELL_ROLE, Placement, placementOf } from './layout';
import { EffectiveConfig, Layer, kollaMerge, osloMerge } from './merge';
import { FileRoles, fileRoles, uriPath } from './roles';
import type { NovaService } from './services';

export interface DeploymentFile {
  uri: string;
  /** The uri's path (file: uris decoded). */
  path: string;
  doc: NovaConfDocument;
  roles: FileRoles;
  /** Where the file sits in the layout (undefined for files grouped by their directive only). */
  placement?: Placement;
  /** Why no service reads the file, when none does. */
  unread?: string;
}

export interface ServiceView {
  service: NovaService;
  /** Set for a view that includes a host's own overrides (kolla-ansible nova/<host>/). */
  host?: string;
  /** The files the service reads, in the order it reads them. */
  layers: DeploymentFile[];
  /** The merged configuration (computed on first use). */
  readonly config: EffectiveConfig;
}

/**
 * A source of another kind (flavors, host inventories, YAML forms …) that belongs to
 * a deployment. Later issues fill these slots: see `Workspace.registerKind`.
 */
export interface ExtraSource {
  uri: string;
  kind: string;
  text: string;
  version: number;
}

export interface Deployment {
  kind: 'kolla' | 'oslo' | 'directive' | 'virtual';
  /** The tree's root path (kolla: the custom config directory; oslo: the directory of nova.conf). */
  root: string;
  /** Every file that belongs to the deployment, read or not. */
  files: DeploymentFile[];
  views: ServiceView[];
  /** Host directories found (kolla-ansible nova/<host>/). */
  hosts: string[];
  /** The view of a service, optionally on one host. */
  view(service: NovaService, host?: string): ServiceView | undefined;
  /** The files that set something for more than one file to matter. */
  readonly layered: boolean;
  /** A path relative to the deployment root, for messages. */
  label(uri: string): string;
  /** Sources of other kinds in this deployment's tree (flavors, hosts …), by kind. */
  extras: Map<string, ExtraSource[]>;
}

/** Services every layered deployment gets a view for, since the PCI rules ask about them. */
const CORE_SERVICES: readonly NovaService[] = ['nova-api', 'nova-scheduler', 'nova-compute'];

/**
 * A service's view, its merged configuration computed on first use. A class, not an object literal with its own
 * `get config()`: a literal's getter is a new closure per view, which V8 records in a new hidden class in the old
 * generation, so every young collection kept the views of each keystroke's rebuild, and the documents they hold,
 * alive (the same as parseIni's model: docs/performance.md, Round 20: key20).
 */
export class LazyView implements ServiceView {
  private merged: EffectiveConfig | undefined;

  constructor(
    public service: NovaService,
    public host: string | undefined,
    public layers: DeploymentFile[],
    private readonly merge: (l: Layer[]) => EffectiveConfig,
  ) {
    this.merged = undefined;
  }

  get config(): EffectiveConfig {
    return (this.merged ??= this.merge(this.layers.map((f) => ({ uri: f.uri, doc: f.doc }))));
  }
}

function makeView(service: NovaService, host: string | undefined, layers: DeploymentFile[], merge: (l: Layer[]) => EffectiveConfig): ServiceView {
  return new LazyView(service, host, layers, merge);
}

function finish(kind: Deployment['kind'], root: string, files: DeploymentFile[], views: ServiceView[], hosts: string[]): Deployment {
  const read = new Set(views.flatMap((v) => v.layers.map((f) => f.uri)));
  return new BuiltDeployment(kind, root, files, views, hosts, read.size > 1);
}

/** A deployment with methods, not an object literal with per-deployment closures (see LazyView). */
class BuiltDeployment implements Deployment {
  extras = new Map<string, ExtraSource[]>();
  private readonly prefix: string;

  constructor(
    public kind: Deployment['kind'],
    public root: string,
    public files: DeploymentFile[],
    public views: ServiceView[],
    public hosts: string[],
    public layered: boolean,
  ) {
    this.prefix = root.endsWith('/') ? root : root + '/';
  }

  view(service: NovaService, host?: string): ServiceView | undefined {
    return this.views.find((v) => v.service === service && v.host === host);
  }

  label(uri: string): string {
    const p = uriPath(uri);
    return p.startsWith(this.prefix) ? p.slice(this.prefix.length) : p;
  }
}

function byPath(a: DeploymentFile, b: DeploymentFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function kollaDeployment(root: string, files: DeploymentFile[]): Deployment {
  const slot = (layer: string, service?: string, host?: string) => `${layer}\u0000${service ?? ''}\u0000${host ?? ''}`;
  const bySlot = new Map<string, DeploymentFile>();
  for (const f of files) {
    const p = f.placement;
    if (!p) continue;
    const k = slot(p.layer, 'service' in p ? p.service : undefined, 'host' in p ? p.host : undefined);
    if (!bySlot.has(k)) bySlot.set(k, f);
  }
  const at = (layer: string, service?: NovaService, host?: string) => bySlot.get(slot(layer, service, host));
  const hosts = [...new Set(files.flatMap((f) => (f.placement && 'host' in f.placement && f.placement.host ? [f.placement.host] : [])))].sort();
  const named = files.flatMap((f) => (f.placement && 'service' in f.placement && f.placement.service ? [f.placement.service] : []));
  const services = [...new Set([...CORE_SERVICES, ...named])];
  const views: ServiceView[] = [];
  for (const s of services) {
    const base = [at('global'), at('project'), at('service', s)];
    views.push(makeView(s, undefined, base.filter((f): f is DeploymentFile => Boolean(f)), kollaMerge));
    // Host directories hold the overrides of compute hosts in practice: the nova-cell services get a view per host.
    if (!KOLLA_CELL_ROLE.includes(s)) continue;
    for (const h of hosts) {
      const layers = [...base, at('host', undefined, h), at('host-service', s, h)].filter((f): f is DeploymentFile => Boolean(f));
      views.push(makeView(s, h, layers, kollaMerge));
    }
  }
  return finish('kolla', root, files, views, hosts);
}

function osloDeployment(root: string, files: DeploymentFile[]): Deployment {
  const layer = (l: string, s?: NovaService) => files.filter((f) => f.placement?.layer === l && (f.placement && 'service' in f.placement ? f.placement.service : undefined) === s).sort(byPath);
  const named = files.flatMap((f) => (f.placement && 'service' in f.placement && f.placement.service ? [f.placement.service] : []));
  const services = [...new Set([...CORE_SERVICES, ...named])];
  const views = services.map((s) => makeView(s, undefined, [...layer('project'), ...layer('service', s), ...layer('dir'), ...layer('service-dir', s)], osloMerge));
  return finish('oslo', root, files, views, []);
}

function directiveDeployment(root: string, files: DeploymentFile[]): Deployment {
  const sorted = [...files].sort(byPath);
  const named = sorted.flatMap((f) => [...(f.roles.services ?? [])]);
  const services = [...new Set([...CORE_SERVICES, ...named])];
  const views = services.map((s) => makeView(s, undefined, sorted.filter((f) => !f.roles.services || f.roles.services.has(s)), osloMerge));
  return finish('directive', root, files, views, []);
}

const placements = new Map<string, { path: string; placement: Placement | undefined }>();
/** The uri's path and placeOf, remembered per uri (a path's place does not change). */
function cachedPlacement(uri: string): { path: string; placement: Placement | undefined } {
  let hit = placements.get(uri);
  if (hit) return hit;
  if (placements.size > 50_000) placements.clear();
  hit = { path: uriPath(uri), placement: placementOf(uri) };
  placements.set(uri, hit);
  return hit;
}

/** Groups documents into deployments by their place (kolla tree, oslo config directory) or, failing that, by directory when they carry a service directive. */
export function buildDeployments(docs: readonly { uri: string; doc: NovaConfDocument }[]): Deployment[] {
  const groups = new Map<string, { kind: 'kolla' | 'oslo' | 'directive'; root: string; files: DeploymentFile[] }>();
  for (const { uri, doc } of docs) {
    const roles = doc.roles ?? fileRoles(uri, doc.text);
    const { path, placement } = cachedPlacement(uri);
    let kind: 'kolla' | 'oslo' | 'directive';
    let root: string;
    if (placement) {
      kind = placement.layout;
      root = placement.root;
    } else if (roles.from === 'directive') {
      kind = 'directive';
      root = path.slice(0, path.lastIndexOf('/')) || '/';
    } else continue;
    const key = `${kind}\u0000${root}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { kind, root, files: [] }));
    g.files.push({ uri, path, doc, roles, placement, unread: placement?.layer === 'unread' ? placement.reason : undefined });
  }
  const out: Deployment[] = [];
  for (const g of groups.values()) {
    g.files.sort(byPath);
    out.push(g.kind === 'kolla' ? kollaDeployment(g.root, g.files) : g.kind === 'oslo' ? osloDeployment(g.root, g.files) : directiveDeployment(g.root, g.files));
  }
  return out;
}

/** A location in one file of the workspace. */
export interface Location {
  uri: string;
  span: Span;
}
