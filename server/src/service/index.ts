/**
 * The nova-conf language service: pure functions over a parsed document. No LSP
 * connection, no file system, no editor API: the LSP server, the CLI and the
 * tests all call this.
 */
import type { CodeAction, CodeActionContext, CompletionItem, CompletionList, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Hover, InlayHint, Position, Range, SemanticTokens } from 'vscode-languageserver-types';
import { hostCompletion, hostHover, hostInlayHints } from './features/host';
import { NovaConfDocument, parseDocument } from './document';
import { computeDiagnostics } from './features/diagnostics';
import { documentSymbols, foldingRanges } from './features/symbols';
import { documentLinks } from './features/links';
import { semanticTokens } from './features/semantic-tokens';
import { FormatOptions, FormatResult, formatDocument } from './features/format';
import { InlayHintOptions, inlayHints } from './features/inlay-hints';
import type { Release } from './releases';
import { CompletionOptions, doCompletion, primeOptionNames, primePlaces, resolveCompletion } from './features/completion';
import { doHover } from './features/hover';
import { doCodeActions } from './features/actions';
import { DEFAULT_SETTINGS, Settings } from './settings';
import { PciIdDatabase, bundledPciIds } from './catalog/pciids';
import { Workspace } from './workspace/index';
import { DeploymentDiagnostics } from './workspace/diagnostics';
import { deploymentHover } from './workspace/hover';
import type { FeatureContext } from './types';

export interface LanguageServiceOptions {
  settings?: Partial<Settings>;
  /** The PCI ID database to use; defaults to the snapshot bundled with the server, loaded on first use. */
  pciIds?: () => PciIdDatabase;
}

export interface LanguageService {
  readonly settings: Settings;
  /**
   * Applies settings. The same settings again (the LSP adapter re-applies them on every watched-file event, i.e. every
   * save) keep the parsed documents and their findings; different ones drop them.
   */
  configure(settings: Partial<Settings>): void;
  /** Drops every parse and finding: data the service reads through its options changed (the PCI ID database). */
  invalidate(): void;
  /**
   * Parses the text, or returns the cached parse of this uri/version under the current settings. An adapter that
   * read the file's bytes passes `undecodable` when they are not valid UTF-8 (python/decode.ts tells where).
   */
  parse(text: string, uri: string, version: number, undecodable?: { offset: number; byte: number }): NovaConfDocument;
  forget(uri: string): void;
  /** The sources the service knows besides the document it is asked about (workspace/: deployments, roles, merges). */
  readonly workspace: Workspace;
  /** The settings the per-file rules of `uri` run with (codes the deployment judges are off in a layered deployment). */
  settingsFor(uri: string): Settings;
  /** Other uris whose diagnostics may change when `uri` changes (same deployment). */
  relatedUris(uri: string): string[];
  /** Per-file diagnostics, plus the cross-file ones that land in this document when it is part of a layered deployment in the workspace. */
  diagnostics(doc: NovaConfDocument): Diagnostic[];
  /** Completion items; with `resolveDocumentation` option names come without documentation (see resolveCompletion). */
  completion(doc: NovaConfDocument, position: Position, options?: CompletionOptions): CompletionList;
  /** `completionItem/resolve`: fills in the documentation an item was sent without. */
  resolveCompletion(item: CompletionItem): CompletionItem;
  /** Where idle-time priming runs a completion and hover on a document (features/completion.ts primePlaces). */
  primePlaces(doc: NovaConfDocument): { key?: Position; group?: string; header?: Position };
  /** An option-name list of the other separator form, built ahead for priming (features/completion.ts). */
  primeOptionNames(release: Release, group: string, hasSeparator: boolean, options: CompletionOptions): CompletionList | undefined;
  hover(doc: NovaConfDocument, position: Position): Hover | null;
  /**
   * Vendor/product names after PCI ids and the value of each `$name` reference (features/inlay-hints.ts; each kind
   * can be turned off), and after device_spec entries what they match on the configured host (none without a host).
   */
  inlayHints(doc: NovaConfDocument, range: Range, options?: InlayHintOptions): InlayHint[];
  codeActions(doc: NovaConfDocument, range: Range, context: CodeActionContext): CodeAction[];
  documentSymbols(doc: NovaConfDocument): DocumentSymbol[];
  foldingRanges(doc: NovaConfDocument): FoldingRange[];
  /** URLs in comments and rule codes in `# nova-conf: disable-…` comments. */
  documentLinks(doc: NovaConfDocument): DocumentLink[];
  /** Section names, option keys and `$name` references (features/semantic-tokens.ts); all of them, or those on the range's lines. */
  semanticTokens(doc: NovaConfDocument, range?: Range): SemanticTokens;
  /** Formatting edits (features/format.ts), verified to leave every section, key and value as Nova reads it; none and a reason otherwise. */
  format(doc: NovaConfDocument, options: FormatOptions, range?: Range): FormatResult;
}

/** Whether two settings are the same: every field identical, the rule levels compared one by one. */
function sameSettings(a: Settings, b: Settings): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof Settings)[]);
  for (const k of keys) {
    if (k === 'rules') {
      const ra = a.rules ?? {};
      const rb = b.rules ?? {};
      const codes = new Set([...Object.keys(ra), ...Object.keys(rb)]);
      for (const c of codes) if (ra[c] !== rb[c]) return false;
    } else if (a[k] !== b[k]) return false;
  }
  return true;
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  let settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  let pciDb: PciIdDatabase | undefined;
  const pciIds = options.pciIds ?? (() => (pciDb ??= bundledPciIds()));
  type Merged = { own: Diagnostic[]; extra: Diagnostic[]; all: Diagnostic[] };
  /**
   * Per uri: the parse of its latest version and what was computed from it. `previous` keeps the lists of the
   * version before (same settings: configure() clears the cache) so that a new version whose findings are the same
   * hands out the same list objects (fileDiagnostics, diagnostics).
   */
  type Cached = { version: number; text: string; release: string; doc: NovaConfDocument; diagnostics?: Diagnostic[]; layered?: boolean; merged?: Merged; previous?: { diagnostics?: Diagnostic[]; layered?: boolean; merged?: Merged } };
  const cache = new Map<string, Cached>();

  const parse = (text: string, uri: string, version: number, undecodable?: { offset: number; byte: number }): NovaConfDocument => {
    const c = cache.get(uri);
    if (c && c.version === version && c.text === text && c.release === settings.release && c.doc.undecodable?.offset === undecodable?.offset) return c.doc;
    const doc = parseDocument(text, uri, version, settings.release, settings.maxDocumentSize, undecodable);
    const previous = c && c.release === settings.release ? { diagnostics: c.diagnostics ?? c.previous?.diagnostics, layered: c.diagnostics ? c.layered : c.previous?.layered, merged: c.merged ?? c.previous?.merged } : undefined;
    cache.set(uri, { version, text, release: settings.release, doc, previous });
    return doc;
  };
  // The deployments hold parsed documents: they are built again whenever the settings object is replaced.
  const workspace = new Workspace(parse, () => settings);
  const deployment = new DeploymentDiagnostics(workspace);
  const settingsFor = (uri: string): Settings => deployment.settingsFor(uri, settings);

  /** The per-file rules only (what quick fixes and fix-all work from). */
  const fileDiagnostics = (doc: NovaConfDocument): Diagnostic[] => {
    const layered = deployment.layered(doc.uri);
    const c = cache.get(doc.uri);
    if (c && c.doc === doc) {
      if (!c.diagnostics || c.layered !== layered) {
        // A keystroke rarely changes the findings: the same content keeps the previous version's list object, whose
        // result id (pull) and JSON (push, frame-writer.ts) are already computed (computeDiagnostics compares).
        const before = c.previous?.layered === layered ? c.previous.diagnostics : undefined;
        c.diagnostics = computeDiagnostics(doc, settingsFor(doc.uri), before);
        c.layered = layered;
      }
      return c.diagnostics;
    }
    return computeDiagnostics(doc, settingsFor(doc.uri));
  };
  const diagnostics = (doc: NovaConfDocument): Diagnostic[] => {
    const own = fileDiagnostics(doc);
    if (workspace.document(doc.uri) !== doc) return own; // stored sources and the virtual documents of other kinds (YAML)
    const extra = deployment.forUri(doc.uri, settings);
    if (extra.length === 0) return own;
    // The same inputs give the same list object (pull diagnostics' result ids are cached per list: workspace/result-ids.ts).
    const c = cache.get(doc.uri);
    const m = c?.doc === doc ? (c.merged ?? c.previous?.merged) : undefined;
    if (m && m.own === own && m.extra === extra) {
      if (c) c.merged = m;
      return m.all;
    }
    const key = (d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}`;
    const have = new Set(own.map(key));
    const all = [...own, ...extra.filter((d) => !have.has(key(d)))];
    all.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    const capped = all.slice(0, settings.maxDiagnostics);
    if (c?.doc === doc) c.merged = { own, extra, all: capped };
    return capped;
  };
  const ctx = (uri?: string): FeatureContext => ({ settings: uri ? settingsFor(uri) : settings, pciIds, diagnostics: fileDiagnostics });

  return {
    get settings() {
      return settings;
    },
    configure(next: Partial<Settings>) {
      const merged = { ...settings, ...next };
      if (sameSettings(settings, merged)) return;
      settings = merged;
      cache.clear();
    },
    invalidate() {
      settings = { ...settings };
      cache.clear();
    },
    parse,
    forget(uri) {
      cache.delete(uri);
    },
    workspace,
    settingsFor,
    relatedUris: (uri) => deployment.related(uri),
    diagnostics,
    completion: (doc, position, options) => hostCompletion(doc, position, ctx(), doCompletion(doc, position, ctx(), options)),
    resolveCompletion,
    primePlaces,
    primeOptionNames,
    hover: (doc, position) => {
      const h = doHover(doc, position, ctx());
      return hostHover(doc, position, ctx(), workspace.document(doc.uri) === doc ? deploymentHover(workspace, doc, position, h) : h);
    },
    inlayHints: (doc, range, options) =>
      [...inlayHints(doc, range, ctx(), options), ...hostInlayHints(doc, range, ctx())].sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character),
    codeActions: (doc, range, context) => doCodeActions(doc, range, context, ctx(doc.uri)),
    documentSymbols,
    foldingRanges,
    documentLinks,
    semanticTokens,
    format: formatDocument,
  };
}

export type { NovaConfDocument } from './document';
export type { FeatureContext } from './types';
export type { Settings, RuleLevel } from './settings';
export { DEFAULT_SETTINGS, isRuleLevel } from './settings';
export { RELEASES, DEFAULT_RELEASE, parseRelease, describeReleases } from './releases';
export type { Release } from './releases';
export { RULES } from './rules/registry';
export { withoutSnippets } from './features/completion';
export { withItemDefaults } from './features/completion-defaults';
export type { CompletionOptions } from './features/completion';
export { SEMANTIC_TOKENS_LEGEND } from './features/semantic-tokens';
export type { InlayHintOptions } from './features/inlay-hints';
export type { FormatOptions, FormatResult } from './features/format';
export { parsePciIds } from './catalog/pciids';
export { resultIdOf } from './workspace/result-ids';
export type { HostInventory } from './host/inventory';
export type { PciIdDatabase } from './catalog/pciids';
