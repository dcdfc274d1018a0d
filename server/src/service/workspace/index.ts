/**
 * The workspace: every source the service knows (uri -> text, kind, version),
 * each parsed once per version, and the deployments they form.
 *
 * Pure: the LSP adapter feeds it the workspace folders' files and the open
 * editors' texts; the CLI feeds it the files it found. Nothing here reads a disk.
 *
 * Plugging in other kinds of input (for the flavors, host and YAML work):
 * - `set(uri, text, kind)` stores a source of any kind; `sources(kind)` lists them,
 *   and each deployment lists those under its root in `deployment.extras.get(kind)`.
 * - `registerKind(kind, adapter)` lets a kind yield nova.conf documents of its own
 *   (e.g. a YAML file holding several service configs): each virtual document gets a
 *   uri, a text, the services that read it, and joins a deployment of kind 'virtual'
 *   rooted at the source. Its findings are reported on the virtual uri; the adapter
 *   maps them back to its own text.
 */
import type { NovaConfDocument } from '../document';
import { Deployment, DeploymentFile, ExtraSource, LazyView, ServiceView, buildDeployments } from './deployment';
import { osloMerge, kollaMerge } from './merge';
import { FileRoles, fileRoles, uriPath } from './roles';
import type { NovaService } from './services';
import { uriKey } from '../uri-key';

export const NOVA_CONF_KIND = 'nova-conf';

export interface VirtualDocument {
  /** A uri of its own, e.g. `file:///x/values.yaml#nova-compute`. */
  uri: string;
  text: string;
  /** The services that read it; undefined: every service. */
  services?: NovaService[];
}

export interface KindAdapter {
  /** The nova.conf documents a source of this kind holds, in the order the services read them. */
  documents(source: ExtraSource): VirtualDocument[];
  /** How the service merges them: like oslo.config reading several files (default), or like kolla-ansible. */
  merge?: 'oslo' | 'kolla';
}

type Stored = ExtraSource;

export class Workspace {
  /** By uriKey: one entry per file however its uri is spelt; an entry keeps the spelling it was last set with. */
  private readonly stored = new Map<string, Stored>();
  private readonly adapters = new Map<string, KindAdapter>();
  private gen = 0;
  private built: { gen: number; context: unknown; deployments: Deployment[]; byUri: Map<string, Deployment> } | undefined;

  /**
   * `parse` gives the document of a source under the current settings; `context` names those settings (the service
   * passes its settings object, replaced whenever they change): deployments built from parses of another context are
   * built again, since their documents may follow another release (docs/deployments.md, "Settings changes").
   */
  constructor(
    private readonly parse: (text: string, uri: string, version: number) => NovaConfDocument,
    private readonly context: () => unknown = () => undefined,
  ) {}

  /** Bumped on every change of a source: caches that depend on the whole workspace compare it (with the settings). */
  get generation(): number {
    return this.gen;
  }

  /**
   * Adds or replaces a source. The same file under another spelling of its uri (an editor's `%40` for a scan's `@`)
   * is replaced, and then known by this spelling. Returns false when nothing changed.
   */
  set(uri: string, text: string, kind: string = NOVA_CONF_KIND, version = 0): boolean {
    const key = uriKey(uri);
    const old = this.stored.get(key);
    if (old && old.uri === uri && old.text === text && old.kind === kind && old.version === version) return false;
    this.stored.set(key, { uri, text, kind, version });
    this.gen++;
    return true;
  }

  delete(uri: string): boolean {
    const had = this.stored.delete(uriKey(uri));
    if (had) this.gen++;
    return had;
  }

  has(uri: string): boolean {
    return this.stored.has(uriKey(uri));
  }

  text(uri: string): string | undefined {
    return this.stored.get(uriKey(uri))?.text;
  }

  uris(kind?: string): string[] {
    return [...this.stored.values()].filter((s) => kind === undefined || s.kind === kind).map((s) => s.uri);
  }

  sources(kind: string): ExtraSource[] {
    return [...this.stored.values()].filter((s) => s.kind === kind);
  }

  registerKind(kind: string, adapter: KindAdapter): void {
    this.adapters.set(kind, adapter);
    this.gen++;
  }

  /** The parsed document of a nova.conf source (cached per version by the service). */
  document(uri: string): NovaConfDocument | undefined {
    const s = this.stored.get(uriKey(uri));
    if (s?.kind === NOVA_CONF_KIND) return this.parse(s.text, s.uri, s.version);
    const v = this.virtualDocs().find((d) => d.uri === uri);
    return v ? this.parse(v.text, v.uri, 0) : undefined;
  }

  roles(uri: string): FileRoles | undefined {
    const t = this.text(uri);
    return t === undefined ? undefined : fileRoles(uri, t);
  }

  private virtualDocs(): (VirtualDocument & { source: string; merge: 'oslo' | 'kolla' })[] {
    const out: (VirtualDocument & { source: string; merge: 'oslo' | 'kolla' })[] = [];
    for (const [kind, adapter] of this.adapters) {
      for (const s of this.sources(kind)) {
        try {
          for (const d of adapter.documents(s)) out.push({ ...d, source: s.uri, merge: adapter.merge ?? 'oslo' });
        } catch {
          // an adapter that fails on a source contributes nothing
        }
      }
    }
    return out;
  }

  deployments(): Deployment[] {
    return this.build().deployments;
  }

  /** The deployment a uri belongs to, if any. */
  deploymentOf(uri: string): Deployment | undefined {
    return this.build().byUri.get(uriKey(uri));
  }

  private build(): { deployments: Deployment[]; byUri: Map<string, Deployment> } {
    const context = this.context();
    if (this.built?.gen === this.gen && this.built.context === context) return this.built;
    const docs = this.uris(NOVA_CONF_KIND).flatMap((uri) => {
      const doc = this.document(uri);
      return doc ? [{ uri, doc }] : [];
    });
    const deployments = buildDeployments(docs);
    deployments.push(...this.virtualDeployments());
    const byUri = new Map<string, Deployment>();
    for (const d of deployments) for (const f of d.files) byUri.set(uriKey(f.uri), d);
    // Sources of other kinds join the deployment whose root holds them.
    for (const s of this.stored.values()) {
      if (s.kind === NOVA_CONF_KIND) continue;
      const p = uriPath(s.uri);
      const d = deployments.find((x) => x.kind !== 'virtual' && p.startsWith(x.root.endsWith('/') ? x.root : x.root + '/'));
      if (!d) continue;
      const list = d.extras.get(s.kind);
      if (list) list.push(s);
      else d.extras.set(s.kind, [s]);
    }
    this.built = { gen: this.gen, context, deployments, byUri };
    return this.built;
  }

  private virtualDeployments(): Deployment[] {
    const bySource = new Map<string, (VirtualDocument & { source: string; merge: 'oslo' | 'kolla' })[]>();
    for (const v of this.virtualDocs()) {
      const list = bySource.get(v.source);
      if (list) list.push(v);
      else bySource.set(v.source, [v]);
    }
    const out: Deployment[] = [];
    for (const [source, docs] of bySource) {
      const files: DeploymentFile[] = docs.map((v) => {
        const doc = this.parse(v.text, v.uri, 0);
        const roles: FileRoles = v.services ? { services: new Set(v.services), from: 'directive', problems: [] } : fileRoles(v.uri, v.text);
        return { uri: v.uri, path: v.uri, doc, roles };
      });
      const merge = docs[0].merge === 'kolla' ? kollaMerge : osloMerge;
      const services = [...new Set<NovaService>(['nova-api', 'nova-scheduler', 'nova-compute', ...files.flatMap((f) => [...(f.roles.services ?? [])])])];
      const views: ServiceView[] = services.map((service) => {
        const layers = files.filter((f) => !f.roles.services || f.roles.services.has(service));
        return new LazyView(service, undefined, layers, merge);
      });
      const read = new Set(views.flatMap((v) => v.layers.map((f) => f.uri)));
      out.push({
        kind: 'virtual',
        root: source,
        files,
        views,
        hosts: [],
        view: (service, host) => views.find((v) => v.service === service && v.host === host),
        layered: read.size > 1,
        label: (uri) => uri.startsWith(source) ? uri.slice(source.length) || uri : uri,
        extras: new Map(),
      });
    }
    return out;
  }
}

export type { Deployment, DeploymentFile, ServiceView, ExtraSource } from './deployment';
export type { EffectiveConfig, EffectiveOption, Setting, Replaced } from './merge';
export { effectiveValues, kollaMerge, osloMerge } from './merge';
export type { FileRoles } from './roles';
export { fileRoles, parseDirective, concernsFile, uriPath } from './roles';
export { placementOf, isNovaConfigPath } from './layout';
export type { NovaService } from './services';
export { NOVA_SERVICES, findingServices } from './services';
