/**
 * Language features for YAML deployment files: each form is rendered to a virtual nova.conf
 * text (extract.ts), the ordinary language service checks it, and every diagnostic, hover,
 * completion item and quick fix is mapped back to the YAML — quick-fix edits re-encoded for
 * the scalar's style and offered only when re-rendering the edited YAML gives exactly the
 * fixed nova.conf text.
 */
import type { CodeAction, CodeActionContext, CompletionItem, CompletionList, Diagnostic, DiagnosticSeverity, Hover, InlayHint, Position, Range, SemanticTokens, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { InlayHintOptions } from '../../features/inlay-hints';
import type { CompletionOptions } from '../../features/completion';
import { SemanticToken, encodeTokens, semanticTokenList } from '../../features/semantic-tokens';
import type { LanguageService, NovaConfDocument } from '../../index';
import { computeLineStarts, offsetOf, positionOf } from '../../lines';
import { extractNovaDocuments } from './extract';
import { YAML_KIND, cachedExtract, forgetExtract, servicesOf, virtualUri, yamlKindAdapter } from './adapter';
import { NEEDS_OPTION_IN_FRAGMENT, YAML_RULE_BY_CODE } from './rules';
import type { NovaYamlDocument } from './types';

const SEVERITY: Record<string, DiagnosticSeverity> = { error: 1, warning: 2, information: 3, hint: 4 };

export interface YamlPart {
  source: NovaYamlDocument;
  /** The parsed virtual document (uri `<yaml uri>#nova-conf:<id>`). */
  doc: NovaConfDocument;
}

export interface YamlView {
  uri: string;
  version: number;
  text: string;
  parts: YamlPart[];
  lineStarts: number[];
  positionAt(offset: number): Position;
  offsetAt(p: Position): number;
}

export interface YamlFeatures {
  /** The YAML file's nova documents (parsed and cached per uri + version). */
  parse(text: string, uri: string, version: number): YamlView;
  forget(uri: string): void;
  diagnostics(view: YamlView): Diagnostic[];
  hover(view: YamlView, position: Position): Hover | null;
  completion(view: YamlView, position: Position, options?: CompletionOptions): CompletionList;
  codeActions(view: YamlView, range: Range, context: CodeActionContext): CodeAction[];
  /**
   * The nova.conf semantic tokens (sections, keys, `$name` references) of every embedded document, at their YAML
   * positions; a token is kept only where the YAML holds exactly its characters (not for text a renderer adds,
   * nor across escapes), so the editor never colours characters the token does not cover.
   */
  semanticTokens(view: YamlView, range?: Range): SemanticTokens;
  /** The inlay hints of the embedded documents (PCI names, `$name` values, host matches), after the same YAML character. */
  inlayHints(view: YamlView, range: Range, options?: InlayHintOptions): InlayHint[];
}

export { virtualUri };

/**
 * The view's position helpers are methods reading `this`, not closures over the YAML text: TurboFan can inline a
 * closure into a hot caller with the text it captured as a constant of the optimised code, which then keeps a closed
 * file alive (as flavors/model.ts and document.ts's ParsedDocument).
 */
class View implements YamlView {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly parts: YamlPart[];
  readonly lineStarts: number[];

  constructor(text: string, uri: string, version: number, parts: YamlPart[]) {
    this.uri = uri;
    this.version = version;
    this.text = text;
    this.parts = parts;
    this.lineStarts = computeLineStarts(text);
  }

  positionAt(offset: number): Position {
    return positionOf(this.text, this.lineStarts, offset);
  }

  offsetAt(p: Position): number {
    return offsetOf(this.text, this.lineStarts, p);
  }
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position): boolean => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function applyOffsetEdits(text: string, edits: { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function createYamlFeatures(service: LanguageService): YamlFeatures {
  // The forms join the deployment view: each virtual document is read by the services its place names.
  service.workspace.registerKind(YAML_KIND, yamlKindAdapter);
  // Per uri, with the settings object the parts were parsed under: other settings (release, rule levels, pci.ids)
  // give new parses, and only those are the workspace's (service.diagnostics adds cross-file findings to them).
  const cache = new Map<string, { version: number; text: string; settings: object; view: YamlView }>();

  const parse = (text: string, uri: string, version: number): YamlView => {
    const c = cache.get(uri);
    if (c && c.version === version && c.text === text && c.settings === service.settings) return c.view;
    if (c) for (const p of c.view.parts) service.forget(p.doc.uri);
    const sources = text.length > service.settings.maxDocumentSize ? [] : cachedExtract(text, uri);
    if (sources.length > 0) service.workspace.set(uri, text, YAML_KIND, version);
    else service.workspace.delete(uri);
    // Version 0, as the workspace parses virtual documents: both get the same cached parse.
    const parts = sources.map((source) => ({ source, doc: service.parse(source.text, virtualUri(uri, source.id, servicesOf(source)), 0) }));
    const view = new View(text, uri, version, parts);
    cache.set(uri, { version, text, settings: service.settings, view });
    return view;
  };

  const toYamlRange = (view: YamlView, part: YamlPart, r: Range): Range => {
    const s = part.source.map.toSourceSpan(part.doc.offsetAt(r.start), part.doc.offsetAt(r.end));
    return { start: view.positionAt(s.start), end: view.positionAt(s.end) };
  };

  /** The virtual diagnostics of one part that survive the YAML filters, each with its YAML copy. */
  const partDiagnostics = (view: YamlView, part: YamlPart): { virtual: Diagnostic; yaml: Diagnostic }[] => {
    const { source, doc } = part;
    const out: { virtual: Diagnostic; yaml: Diagnostic }[] = [];
    for (const d of service.diagnostics(doc)) {
      const code = String(d.code ?? '');
      const vs = doc.offsetAt(d.range.start);
      if (source.suppress.some((s) => vs >= s.start && vs < s.end && s.codes.includes(code))) continue;
      const needs = NEEDS_OPTION_IN_FRAGMENT[code];
      const crossFile = (d.data as { deployment?: boolean } | undefined)?.deployment === true;
      if (needs && !crossFile && source.fragment && !doc.byOption.has(needs)) continue;
      // Related places in this file's other documents map back to the YAML; those in documents nobody wrote are left out.
      const related = d.relatedInformation?.flatMap((ri) => {
        const other = view.parts.find((p) => p.doc.uri === ri.location.uri);
        if (other) return [{ ...ri, location: { uri: view.uri, range: toYamlRange(view, other, ri.location.range) } }];
        return ri.location.uri.startsWith(`${view.uri}#`) ? [] : [ri];
      });
      out.push({ virtual: d, yaml: { ...d, range: toYamlRange(view, part, d.range), relatedInformation: related } });
    }
    return out;
  };

  const diagnostics = (view: YamlView): Diagnostic[] => {
    const seen = new Set<string>();
    const all: Diagnostic[] = [];
    const push = (d: Diagnostic): void => {
      const key = `${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}:${String(d.code)}:${d.message}`;
      if (seen.has(key)) return;
      seen.add(key);
      all.push(d);
    };
    for (const part of view.parts) {
      for (const p of part.source.problems) {
        const meta = YAML_RULE_BY_CODE.get(p.code);
        const level = service.settings.rules[p.code] ?? meta?.severity ?? 'warning';
        if (level === 'off') continue;
        push({ range: { start: view.positionAt(p.span.start), end: view.positionAt(p.span.end) }, severity: SEVERITY[level], code: p.code, source: 'nova-conf', message: p.message });
      }
      for (const { yaml } of partDiagnostics(view, part)) push(yaml);
    }
    all.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return all.slice(0, service.settings.maxDiagnostics);
  };

  /** The part and virtual offset at a YAML position (inside a scalar whose characters reach the nova text). */
  const locate = (view: YamlView, position: Position): { part: YamlPart; v: number } | undefined => {
    const offset = view.offsetAt(position);
    for (const part of view.parts) {
      const v = part.source.map.fromSource(offset);
      if (v !== undefined) return { part, v };
    }
    return undefined;
  };

  const hover = (view: YamlView, position: Position): Hover | null => {
    const at = locate(view, position);
    if (!at) return null;
    const h = service.hover(at.part.doc, at.part.doc.positionAt(at.v));
    if (!h) return null;
    return { ...h, range: h.range ? toYamlRange(view, at.part, h.range) : undefined };
  };

  /** A virtual TextEdit as a YAML TextEdit, or undefined when it cannot be made in place. */
  const mapEdit = (part: YamlPart, e: TextEdit, minimal = false): { start: number; end: number; newText: string } | undefined => {
    let vs = part.doc.offsetAt(e.range.start);
    let ve = part.doc.offsetAt(e.range.end);
    let text = e.newText;
    if (!minimal) return part.source.map.editFor(vs, ve, text);
    // Keep only what changes: a fix that rewrites `"prefered"` with its quotes touches only the letters,
    // which may be all that the YAML holds (the quotes being the renderer's).
    const old = part.doc.text.slice(vs, ve);
    let p = 0;
    while (p < old.length && p < text.length && old[p] === text[p]) p++;
    let q = 0;
    while (q < old.length - p && q < text.length - p && old[old.length - 1 - q] === text[text.length - 1 - q]) q++;
    vs += p;
    ve -= q;
    text = text.slice(p, text.length - q);
    return part.source.map.editFor(vs, ve, text);
  };

  const completion = (view: YamlView, position: Position, options?: CompletionOptions): CompletionList => {
    const at = locate(view, position);
    if (!at) return { isIncomplete: false, items: [] };
    const list = service.completion(at.part.doc, at.part.doc.positionAt(at.v), options);
    const items: CompletionItem[] = [];
    for (const item of list.items) {
      const te = item.textEdit;
      let mapped: CompletionItem = item;
      if (te) {
        const range = 'range' in te ? te.range : te.replace;
        const m = mapEdit(at.part, { range, newText: te.newText });
        if (!m) continue;
        mapped = { ...item, textEdit: { range: { start: view.positionAt(m.start), end: view.positionAt(m.end) }, newText: m.newText } };
      }
      if (item.additionalTextEdits?.length) {
        const extra = item.additionalTextEdits.map((e) => mapEdit(at.part, e));
        if (extra.some((e) => !e)) continue;
        mapped = { ...mapped, additionalTextEdits: extra.map((e) => ({ range: { start: view.positionAt(e!.start), end: view.positionAt(e!.end) }, newText: e!.newText })) };
      }
      items.push(mapped);
    }
    return { isIncomplete: list.isIncomplete, items };
  };

  /** Maps an action's edit to the YAML and checks that re-rendering the edited YAML gives the fixed text. */
  const mapAction = (view: YamlView, part: YamlPart, action: CodeAction): CodeAction | undefined => {
    const edits = virtualEdits(action.edit, part.doc.uri);
    if (!edits || edits.length === 0) return undefined;
    const yamlEdits: { start: number; end: number; newText: string }[] = [];
    for (const e of edits) {
      const m = mapEdit(part, e, true);
      if (!m) return undefined;
      yamlEdits.push(m);
    }
    // Overlapping edits cannot be applied together.
    const sorted = [...yamlEdits].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return undefined;
    const expected = applyOffsetEdits(part.doc.text, edits.map((e) => ({ start: part.doc.offsetAt(e.range.start), end: part.doc.offsetAt(e.range.end), newText: e.newText })));
    const newYaml = applyOffsetEdits(view.text, yamlEdits);
    const again = extractNovaDocuments(newYaml, view.uri).find((d) => d.id === part.source.id);
    if (!again || again.text !== expected) return undefined;
    const changes: WorkspaceEdit = { changes: { [view.uri]: sorted.map((e) => ({ range: { start: view.positionAt(e.start), end: view.positionAt(e.end) }, newText: e.newText })) } };
    const diagnostics = action.diagnostics?.map((d) => ({ ...d, range: toYamlRange(view, part, d.range) }));
    return { ...action, edit: changes, diagnostics };
  };

  const codeActions = (view: YamlView, range: Range, context: CodeActionContext): CodeAction[] => {
    const out: CodeAction[] = [];
    for (const part of view.parts) {
      const chosen = partDiagnostics(view, part).filter((d) => overlaps(d.yaml.range, range));
      if (chosen.length === 0 && !context.only?.some((k) => k.startsWith('source'))) continue;
      const vRange = chosen.length > 0 ? chosen[0].virtual.range : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      for (const a of service.codeActions(part.doc, vRange, { ...context, diagnostics: chosen.map((c) => c.virtual) })) {
        const m = mapAction(view, part, a);
        if (m) out.push(m);
      }
    }
    return out;
  };

  /** The YAML span holding exactly virtual [vs, ve) of a part, or undefined (synthesised text, an escape). */
  const exactSpan = (view: YamlView, part: YamlPart, vs: number, ve: number): { start: number; end: number } | undefined => {
    const s = part.source.map.toSourceSpan(vs, ve);
    return view.text.slice(s.start, s.end) === part.doc.text.slice(vs, ve) ? s : undefined;
  };

  const semanticTokens = (view: YamlView, range?: Range): SemanticTokens => {
    const tokens: SemanticToken[] = [];
    for (const part of view.parts) {
      for (const t of semanticTokenList(part.doc)) {
        const vs = part.doc.offsetAt({ line: t.line, character: t.character });
        const s = exactSpan(view, part, vs, vs + t.length);
        if (!s) continue;
        const p = view.positionAt(s.start);
        tokens.push({ ...t, line: p.line, character: p.character });
      }
    }
    tokens.sort((a, b) => a.line - b.line || a.character - b.character);
    const kept = tokens.filter((t, i) => i === 0 || t.line !== tokens[i - 1].line || t.character >= tokens[i - 1].character + tokens[i - 1].length);
    return { data: encodeTokens(range ? kept.filter((t) => t.line >= range.start.line && t.line <= range.end.line) : kept) };
  };

  const inlayHints = (view: YamlView, range: Range, options?: InlayHintOptions): InlayHint[] => {
    const from = view.offsetAt(range.start);
    const to = view.offsetAt(range.end);
    const out: InlayHint[] = [];
    for (const part of view.parts) {
      const whole = { start: { line: 0, character: 0 }, end: part.doc.positionAt(part.doc.text.length) };
      for (const h of service.inlayHints(part.doc, whole, options)) {
        // A hint sits after a character of the value: put it after the YAML character it came from.
        const v = part.doc.offsetAt(h.position);
        const s = v > 0 ? exactSpan(view, part, v - 1, v) : undefined;
        if (!s || s.end < from || s.end > to) continue;
        const label = typeof h.label === 'string' ? h.label : h.label.map(({ location: _location, command: _command, ...rest }) => rest);
        out.push({ ...h, label, position: view.positionAt(s.end), textEdits: undefined });
      }
    }
    return out.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
  };

  return {
    parse,
    semanticTokens,
    inlayHints,
    forget(uri) {
      const c = cache.get(uri);
      if (c) for (const p of c.view.parts) service.forget(p.doc.uri);
      cache.delete(uri);
      forgetExtract(uri);
      service.workspace.delete(uri);
    },
    diagnostics,
    hover,
    completion,
    codeActions,
  };
}

function virtualEdits(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] | undefined {
  if (!edit) return undefined;
  const out: TextEdit[] = [];
  for (const [u, list] of Object.entries(edit.changes ?? {})) {
    if (u !== uri) return undefined;
    out.push(...list);
  }
  for (const dc of edit.documentChanges ?? []) {
    if (!('textDocument' in dc) || dc.textDocument.uri !== uri) return undefined;
    for (const e of dc.edits) out.push({ range: e.range, newText: e.newText });
  }
  return out;
}
