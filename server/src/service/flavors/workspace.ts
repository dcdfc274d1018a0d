/**
 * Alias names across a workspace: where `[pci] alias` defines them (nova configs)
 * and where flavors ask for them (`pci_passthrough:alias` in flavor documents).
 *
 * A minimal stand-in for the shared workspace layer: it keeps uri -> parsed document
 * and guesses each nova config's role (nova-api reads the aliases a flavor may ask for;
 * nova-compute needs them too, but a definition only on compute nodes still fails the
 * API request). The role comes from the file path (`nova-api…`, `nova-compute…`,
 * `/api/`, `/compute/`), else from the sections (API-only sections such as
 * `[api_database]`, `[wsgi]` make it an API config; a compute driver or device_spec
 * with no API section makes it a compute config), else "any" (counts as both).
 */
import { uriKey } from '../uri-key';
import type { NovaConfDocument } from '../document';
import { parseDocument } from '../document';
import { fileRoles, uriPath } from '../workspace/roles';
import { getValue } from '../model/py';
import { pyStripBounds } from '../python/whitespace';
import type { Release } from '../releases';
import { FlavorFormat, flavorFormat, mayHoldFlavors, parseFlavorDocument } from './document';
import type { FlavorDocument, FlavorSpec } from './model';
import { valueSpanToDoc } from './model';
import { checkAliasSpecSyntax } from './alias-spec';

/** 'compute': a config nova-api does not read (nova-compute's, or another service's). */
export type NovaRole = 'api' | 'compute' | 'any';

export interface AliasDefinition {
  name: string;
  uri: string;
  /** Document offsets of the name as written (inside the JSON string, stripped). */
  start: number;
  end: number;
  /** False when the name's text in the file is not the name (JSON escapes, `$name` substitution). */
  exact: boolean;
  role: NovaRole;
}

export interface AliasUsage {
  name: string;
  uri: string;
  start: number;
  end: number;
  /** The count as written and its offsets, for completion. */
  countStart: number;
  countEnd: number;
  spec: FlavorSpec;
  /** False when the name's text in the file is not the name (escapes, templates). */
  exact: boolean;
  /** True when nova-api accepts the whole value. */
  checked: boolean;
}

interface Entry {
  uri: string;
  text: string;
  nova?: NovaConfDocument;
  role?: NovaRole;
  flavor?: FlavorDocument;
}

const API_SECTIONS = ['api_database', 'wsgi', 'api', 'oslo_policy', 'neutron_metadata'];
const COMPUTE_SIGNS = ['libvirt.virt_type', 'DEFAULT.compute_driver', 'pci.device_spec', 'pci.passthrough_whitelist', 'vnc.server_proxyclient_address', 'compute.cpu_dedicated_set', 'compute.cpu_shared_set'];

export function novaRole(uri: string, doc: NovaConfDocument): NovaRole {
  // The workspace layer's roles first: a `# nova-conf: service=…` directive, or the file's name and place.
  // The parse already read them for this uri and text (document.ts), unless it skipped the text (too large, undecodable).
  const roles = doc.uri === uri && !doc.tooLarge && !doc.undecodable ? doc.roles : fileRoles(uri, doc.text);
  if (roles.services) {
    if (!roles.services.has('nova-api')) return 'compute';
    return roles.services.size === 1 ? 'api' : 'any';
  }
  const path = uriPath(uri).toLowerCase();
  const api = /nova[-_]api|\/api\//.test(path);
  const compute = /nova[-_]compute|\/compute\/|compute[-_]?node/.test(path);
  if (api && !compute) return 'api';
  if (compute && !api) return 'compute';
  const sections = new Set(doc.ini.sections.map((s) => s.name));
  const hasApi = API_SECTIONS.some((s) => sections.has(s));
  if (hasApi) return 'any';
  if (COMPUTE_SIGNS.some((o) => doc.byOption.has(o))) return 'compute';
  return 'any';
}

/** Definitions of one nova config, with exact positions of each name. */
export function aliasDefinitionsOf(doc: NovaConfDocument, role: NovaRole): AliasDefinition[] {
  const out: AliasDefinition[] = [];
  for (const jv of doc.aliases) {
    const node = jv.py?.type === 'object' ? getValue(jv.py, 'name') : undefined;
    if (!node || node.type !== 'string') continue;
    const raw = node.value;
    const [a, b] = pyStripBounds(raw, 0, raw.length);
    const name = raw.slice(a, b);
    // value offsets of the content inside the quotes
    const span = jv.entry.map.spanToDoc(node.start + 1 + a, node.start + 1 + b);
    const exact = doc.text.slice(span.start, span.end) === name;
    const whole = jv.entry.map.spanToDoc(node.start, node.end);
    out.push({ name, uri: doc.uri, start: exact ? span.start : whole.start, end: exact ? span.end : whole.end, exact, role });
  }
  return out;
}

/**
 * Usages of one flavor document: every name of every `pci_passthrough:alias` spec, read the
 * way the boot path splits it (on ',' then ':'), also in values nova-api refuses (so that
 * navigation and rename reach a usage with a typo in its count); `checked` tells whether
 * nova-api accepts the value.
 */
export function aliasUsagesOf(doc: FlavorDocument): AliasUsage[] {
  const out: AliasUsage[] = [];
  for (const spec of doc.specs) {
    if (spec.key !== 'pci_passthrough:alias' || spec.templated) continue;
    const checked = !checkAliasSpecSyntax(spec.value);
    let pos = 0;
    for (const piece of spec.value.split(',')) {
      const start = pos;
      pos += piece.length + 1;
      const parts = piece.split(':');
      if (parts.length > 2) continue;
      const [a, b] = pyStripBounds(spec.value, start, start + parts[0].length);
      if (a === b) continue;
      const name = spec.value.slice(a, b);
      const n = valueSpanToDoc(spec, a, b);
      const cs = start + parts[0].length + 1;
      const c = parts.length === 2 ? valueSpanToDoc(spec, cs, cs + parts[1].length) : { start: n.end, end: n.end };
      const exact = Boolean(spec.valueOffsets) && doc.text.slice(n.start, n.end) === name;
      out.push({ name, uri: doc.uri, start: n.start, end: n.end, countStart: c.start, countEnd: c.end, spec, exact, checked });
    }
  }
  return out;
}

export class FlavorWorkspace {
  /** By uriKey (one entry per file however its uri is spelt); an entry keeps the spelling it was last set with. */
  private entries = new Map<string, Entry>();
  private defs?: AliasDefinition[];
  private uses?: AliasUsage[];

  constructor(private release: Release) {}

  setRelease(release: Release): void {
    if (release === this.release) return;
    this.release = release;
    for (const e of this.entries.values()) if (e.nova) e.nova = parseDocument(e.text, e.uri, 0, release);
    this.defs = undefined;
  }

  /**
   * Adds or replaces a document. `format` decides: a flavor format, 'nova-conf', or
   * undefined to decide from the uri, language id and text. Returns what it became.
   */
  set(uri: string, text: string, opts: { languageId?: string; nova?: NovaConfDocument; format?: FlavorFormat | 'nova-conf' } = {}): 'flavor' | 'nova-conf' | 'ignored' {
    const key = uriKey(uri);
    const prev = this.entries.get(key);
    if (prev && prev.uri === uri && prev.text === text && (!opts.nova || prev.nova === opts.nova)) return prev.flavor ? 'flavor' : prev.nova ? 'nova-conf' : 'ignored';
    this.defs = undefined;
    this.uses = undefined;
    const format = opts.format ?? (opts.nova ? 'nova-conf' : flavorFormat(uri, text, opts.languageId) ?? 'nova-conf');
    if (format === 'nova-conf') {
      const nova = opts.nova ?? parseDocument(text, uri, 0, this.release);
      this.entries.set(key, { uri, text, nova, role: novaRole(uri, nova) });
      return 'nova-conf';
    }
    if (!mayHoldFlavors(format, text)) {
      this.entries.set(key, { uri, text });
      return 'ignored';
    }
    this.entries.set(key, { uri, text, flavor: parseFlavorDocument(uri, text, format) });
    return 'flavor';
  }

  delete(uri: string): void {
    if (this.entries.delete(uriKey(uri))) {
      this.defs = undefined;
      this.uses = undefined;
    }
  }

  has(uri: string): boolean {
    return this.entries.has(uriKey(uri));
  }

  flavorDocument(uri: string): FlavorDocument | undefined {
    return this.entries.get(uriKey(uri))?.flavor;
  }

  novaDocument(uri: string): NovaConfDocument | undefined {
    return this.entries.get(uriKey(uri))?.nova;
  }

  textOf(uri: string): string | undefined {
    return this.entries.get(uriKey(uri))?.text;
  }

  novaConfigs(): { uri: string; doc: NovaConfDocument; role: NovaRole }[] {
    return [...this.entries.values()].filter((e) => e.nova).map((e) => ({ uri: e.uri, doc: e.nova as NovaConfDocument, role: e.role ?? 'any' }));
  }

  flavorDocuments(): FlavorDocument[] {
    return [...this.entries.values()].flatMap((e) => (e.flavor && e.flavor.specs.length ? [e.flavor] : []));
  }

  definitions(): AliasDefinition[] {
    return (this.defs ??= this.novaConfigs().flatMap((c) => aliasDefinitionsOf(c.doc, c.role)));
  }

  usages(): AliasUsage[] {
    return (this.uses ??= this.flavorDocuments().flatMap(aliasUsagesOf));
  }

  definitionsOf(name: string): AliasDefinition[] {
    return this.definitions().filter((d) => d.name === name);
  }

  usagesOf(name: string): AliasUsage[] {
    return this.usages().filter((u) => u.name === name);
  }

  /** The alias name at a document offset (a definition or a usage), if any. */
  nameAt(uri: string, offset: number): AliasDefinition | AliasUsage | undefined {
    const inside = (x: { uri: string; start: number; end: number }) => x.uri === uri && offset >= x.start && offset <= x.end;
    return this.usages().find(inside) ?? this.definitions().find(inside);
  }
}
