/**
 * Diagnostics of flavor documents (extra specs as nova-api judges them, alias names
 * against the workspace's nova configs) and the cross-file hint on nova configs
 * (an alias no flavor asks for).
 */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { Severity } from '../model';
import { inRange } from '../releases';
import type { Settings } from '../settings';
import { RULES_DOC_URL, SOURCE } from '../features/diagnostics';
import type { FlavorDocument } from './model';
import { valueSpanToDoc } from './model';
import { FLAVOR_RULE_MAP } from './rules';
import { validateExtraSpec } from './validate';
import { splitAliasSpec } from './alias-spec';
import { FlavorWorkspace, aliasUsagesOf } from './workspace';

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, information: 3, hint: 4 };

interface Raw {
  code: string;
  start: number;
  end: number;
  message: string;
  data?: Record<string, unknown>;
  related?: { uri: string; start: number; end: number; message: string }[];
}

function finish(raw: Raw[], rangeOf: (s: number, e: number) => Diagnostic['range'], lineOf: (o: number) => number, settings: Settings, suppress?: FlavorDocument['suppress'], rangeIn?: (uri: string, s: number, e: number) => Diagnostic['range'] | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of raw) {
    const rule = FLAVOR_RULE_MAP.get(r.code);
    if (!rule) throw new Error(`flavor rule ${r.code} is reported but not registered`);
    if (!inRange(settings.release, rule.releases)) continue;
    const level = settings.rules[r.code];
    if (level === 'off') continue;
    if (suppress && (suppress.file.has(r.code) || suppress.lines.get(lineOf(r.start))?.has(r.code))) continue;
    const d: Diagnostic = {
      range: rangeOf(r.start, r.end),
      severity: SEVERITY[level ?? rule.severity],
      code: r.code,
      codeDescription: { href: `${RULES_DOC_URL.replace(/rules\.md$/, 'flavors.md')}#${r.code}` },
      source: SOURCE,
      message: r.message,
      data: { rule: r.code, ...(r.data ?? {}) },
    };
    const rel = (r.related ?? []).flatMap((x) => {
      const range = rangeIn?.(x.uri, x.start, x.end);
      return range ? [{ location: { uri: x.uri, range }, message: x.message }] : [];
    });
    if (rel.length) d.relatedInformation = rel;
    out.push(d);
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out.slice(0, settings.maxDiagnostics);
}

/** Where a definition sits, for messages: `nova-compute.conf:12`. */
function place(ws: FlavorWorkspace, uri: string, offset: number): string {
  const text = ws.textOf(uri) ?? '';
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return `${decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1))}:${line}`;
}

export function rangeInWorkspace(ws: FlavorWorkspace): (uri: string, s: number, e: number) => Diagnostic['range'] | undefined {
  return (uri, s, e) => {
    const f = ws.flavorDocument(uri);
    if (f) return f.rangeOf(s, e);
    const n = ws.novaDocument(uri);
    return n ? { start: n.positionAt(s), end: n.positionAt(e) } : undefined;
  };
}

export function flavorDiagnostics(doc: FlavorDocument, settings: Settings, ws?: FlavorWorkspace): Diagnostic[] {
  const raw: Raw[] = [];
  for (const spec of doc.specs) {
    if (spec.templated) continue;
    for (const f of validateExtraSpec(spec.key, spec.value, settings.release)) {
      const span = f.part === 'key' ? { start: spec.keyStart, end: spec.keyEnd } : valueSpanToDoc(spec, f.start, f.end);
      raw.push({ code: f.code, start: span.start, end: span.end, message: f.message, data: f.data });
    }
  }
  const configs = ws?.novaConfigs() ?? [];
  if (ws && configs.length) {
    for (const use of aliasUsagesOf(doc)) {
      if (!use.checked || splitAliasSpec(use.spec.value).splitError) continue;
      const defs = ws.definitionsOf(use.name);
      if (defs.some((d) => d.role !== 'compute')) continue;
      const where = defs.map((d) => place(ws, d.uri, d.start));
      raw.push({
        code: 'flavor-alias-undefined', start: use.start, end: use.end,
        message: defs.length
          ? `alias '${use.name}' is defined only in configs nova-api does not read (${where.join(', ')}): nova-api answers HTTP 400 when a server is created with this flavor`
          : `alias '${use.name}' is not defined in any [pci] alias of the workspace's nova configs: nova-api answers HTTP 400 when a server is created with this flavor`,
        data: { alias: use.name, definedOn: where },
        related: defs.map((d) => ({ uri: d.uri, start: d.start, end: d.end, message: `'${use.name}' is defined here, in a config nova-api does not read` })),
      });
    }
  }
  return finish(raw, (s, e) => doc.rangeOf(s, e), (o) => doc.positionAt(o).line, settings, doc.suppress, ws ? rangeInWorkspace(ws) : undefined);
}

/** Hints on a nova config's alias definitions that no flavor of the workspace uses. */
export function aliasUsageDiagnostics(doc: NovaConfDocument, settings: Settings, ws: FlavorWorkspace): Diagnostic[] {
  if (ws.flavorDocuments().length === 0 || !ws.novaDocument(doc.uri)) return [];
  const used = new Set(ws.usages().map((u) => u.name));
  const raw: Raw[] = ws.definitions()
    .filter((d) => d.uri === doc.uri && !used.has(d.name))
    .map((d) => ({ code: 'flavor-alias-unused', start: d.start, end: d.end, message: `no flavor of the workspace asks for alias '${d.name}' (pci_passthrough:alias)`, data: { alias: d.name } }));
  return finish(raw, (s, e) => ({ start: doc.positionAt(s), end: doc.positionAt(e) }), (o) => doc.positionAt(o).line, settings).map((d) => ({ ...d, tags: [1] }));
}
