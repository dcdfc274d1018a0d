/**
 * The nova-conf language service: pure functions over a parsed document. No LSP
 * connection, no file system, no editor API: the LSP server, the CLI and the
 * tests all call this.
 */
import type { CodeAction, CodeActionContext, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, Position, Range } from 'vscode-languageserver-types';
import { NovaConfDocument, parseDocument } from './document';
import { computeDiagnostics } from './features/diagnostics';
import { documentSymbols, foldingRanges } from './features/symbols';
import { doCompletion } from './features/completion';
import { doHover } from './features/hover';
import { doCodeActions } from './features/actions';
import { DEFAULT_SETTINGS, Settings } from './settings';
import { PciIdDatabase, bundledPciIds } from './catalog/pciids';

export interface LanguageServiceOptions {
  settings?: Partial<Settings>;
  /** The PCI ID database to use; defaults to the snapshot bundled with the server, loaded on first use. */
  pciIds?: () => PciIdDatabase;
}

export interface LanguageService {
  readonly settings: Settings;
  configure(settings: Partial<Settings>): void;
  /** Parses the text, or returns the cached parse of this uri/version under the current settings. */
  parse(text: string, uri: string, version: number): NovaConfDocument;
  forget(uri: string): void;
  diagnostics(doc: NovaConfDocument): Diagnostic[];
  completion(doc: NovaConfDocument, position: Position): CompletionList;
  hover(doc: NovaConfDocument, position: Position): Hover | null;
  codeActions(doc: NovaConfDocument, range: Range, context: CodeActionContext): CodeAction[];
  documentSymbols(doc: NovaConfDocument): DocumentSymbol[];
  foldingRanges(doc: NovaConfDocument): FoldingRange[];
}

export interface FeatureContext {
  settings: Settings;
  pciIds: () => PciIdDatabase;
  diagnostics: (doc: NovaConfDocument) => Diagnostic[];
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  let settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  let pciDb: PciIdDatabase | undefined;
  const pciIds = options.pciIds ?? (() => (pciDb ??= bundledPciIds()));
  const cache = new Map<string, { version: number; text: string; release: string; doc: NovaConfDocument; diagnostics?: Diagnostic[] }>();

  const diagnostics = (doc: NovaConfDocument): Diagnostic[] => {
    const c = cache.get(doc.uri);
    if (c && c.doc === doc) return (c.diagnostics ??= computeDiagnostics(doc, settings));
    return computeDiagnostics(doc, settings);
  };
  const ctx = (): FeatureContext => ({ settings, pciIds, diagnostics });

  return {
    get settings() {
      return settings;
    },
    configure(next: Partial<Settings>) {
      settings = { ...settings, ...next };
      cache.clear();
    },
    parse(text, uri, version) {
      const c = cache.get(uri);
      if (c && c.version === version && c.text === text && c.release === settings.release) return c.doc;
      const doc = parseDocument(text, uri, version, settings.release, settings.maxDocumentSize);
      cache.set(uri, { version, text, release: settings.release, doc });
      return doc;
    },
    forget(uri) {
      cache.delete(uri);
    },
    diagnostics,
    completion: (doc, position) => doCompletion(doc, position, ctx()),
    hover: (doc, position) => doHover(doc, position, ctx()),
    codeActions: (doc, range, context) => doCodeActions(doc, range, context, ctx()),
    documentSymbols,
    foldingRanges,
  };
}

export type { NovaConfDocument } from './document';
export type { Settings, RuleLevel } from './settings';
export { DEFAULT_SETTINGS, isRuleLevel } from './settings';
export { RELEASES, DEFAULT_RELEASE, parseRelease, describeReleases } from './releases';
export type { Release } from './releases';
export { RULES } from './rules/registry';
export { parsePciIds } from './catalog/pciids';
export type { PciIdDatabase } from './catalog/pciids';
