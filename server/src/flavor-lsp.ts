/**
 * LSP adapter for flavor documents and alias names across files: keeps a FlavorWorkspace
 * in step with the open documents and the files of the workspace folder, and answers
 * diagnostics, completion, hover, definition, references and rename for them.
 */
import type { CompletionList, Diagnostic, Hover, Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService, NovaConfDocument } from './service/index';
import {
  FlavorWorkspace, aliasDefinition, aliasReferences, aliasUsageDiagnostics, flavorCompletion, flavorDiagnostics, flavorFormat,
  flavorHover, prepareAliasRename, renameAlias,
} from './service/flavors/index';
import type { WorkspaceFiles } from './platform';
import { UriSet, uriUnder } from './service/uri-key';

/** A file-watcher event (workspace/didChangeWatchedFiles): type 1 created, 2 changed, 3 deleted. */
export interface WatchedFile {
  uri: string;
  type: number;
}
const DELETED = 3;

export class FlavorLsp {
  readonly ws: FlavorWorkspace;
  /** Sets of uris matched whatever their spelling: an editor's `%40` is the scan's `@` (uri-key.ts). */
  private open = new UriSet();
  /** Files read from disk by scan() or a watched-file event; dropped when nova-conf.workspace.index is turned off. */
  private scanned = new UriSet();
  /** The folders scan() read (uris ending in '/'): watched-file events are applied only to files under them. */
  private folders = new Set<string>();
  /** nova-conf.workspace.index: when false, a closed document leaves the workspace instead of being re-read. */
  indexing = true;

  /** `files`: the platform's access to the workspace folder's files (none: only open documents count). */
  constructor(private readonly service: LanguageService, private readonly files?: WorkspaceFiles) {
    this.ws = new FlavorWorkspace(service.settings.release);
  }

  private sync(): void {
    this.ws.setRelease(this.service.settings.release);
  }

  /** Reads the nova configs and flavor documents of a workspace folder (a uri; open documents win). */
  scan(folderUri: string): void {
    this.sync();
    this.folders.add(folderUri.endsWith('/') ? folderUri : folderUri + '/');
    for (const f of this.files?.scanFolder(folderUri) ?? []) {
      const uri = f.uri;
      if (this.open.has(uri)) continue;
      this.scanned.add(uri);
      this.ws.set(uri, f.text, { format: f.kind === 'nova-conf' ? 'nova-conf' : undefined });
    }
  }

  /**
   * Applies file-watcher events (files changed on disk outside the editor: a git checkout, another tool) as scan()
   * would have read the files: a created or changed file is read again (or leaves the workspace when it is no longer
   * a nova config or flavor document), a deleted file or folder drops what it contributed. Open documents keep their
   * editor text. The caller compares the open documents' reports afterwards (server.ts), so no signature is taken.
   */
  watched(events: readonly WatchedFile[]): void {
    if (!this.indexing || !this.files) return;
    this.sync();
    for (const e of events) {
      const folder = this.open.has(e.uri) ? undefined : [...this.folders].find((f) => uriUnder(e.uri, f));
      if (!folder) continue;
      if (e.type === DELETED) {
        // A deleted folder arrives as one event: everything read from under it goes.
        this.forgetFile(e.uri);
        for (const uri of [...this.scanned]) if (uriUnder(uri, e.uri) && !this.open.has(uri)) this.forgetFile(uri);
        continue;
      }
      const f = this.files.readFolderFile(folder, e.uri);
      if (!f) this.forgetFile(e.uri);
      else {
        this.scanned.add(e.uri);
        this.ws.set(e.uri, f.text, { format: f.kind === 'nova-conf' ? 'nova-conf' : undefined });
      }
    }
  }

  private forgetFile(uri: string): void {
    this.scanned.delete(uri);
    this.ws.delete(uri);
  }

  private signature(): string {
    return JSON.stringify([this.ws.definitions().map((d) => `${d.uri}#${d.name}#${d.role}`), this.ws.usages().map((u) => `${u.uri}#${u.name}`)]);
  }

  private changed = false;

  /** Brings an open document into the workspace; notes when alias names across files changed. */
  update(td: TextDocument): void {
    this.sync();
    this.open.add(td.uri);
    const text = td.getText();
    const format = flavorFormat(td.uri, text, td.languageId);
    // Alias names across files matter only once the workspace has a flavor document.
    const relevant = format !== undefined || this.ws.flavorDocuments().length > 0;
    const before = relevant ? this.signature() : '';
    if (format) this.ws.set(td.uri, text, { format, languageId: td.languageId });
    else this.ws.set(td.uri, text, { nova: this.service.parse(text, td.uri, td.version) });
    if (relevant && this.signature() !== before) this.changed = true;
  }

  /** True once after alias names across files changed (the other open documents need new diagnostics). */
  takeChanged(): boolean {
    const c = this.changed;
    this.changed = false;
    return c;
  }

  /** Drops every document that is not open (nova-conf.workspace.index turned off). */
  dropUnopened(): void {
    const relevant = this.ws.flavorDocuments().length > 0;
    const before = relevant ? this.signature() : '';
    for (const uri of this.scanned) if (!this.open.has(uri)) this.ws.delete(uri);
    this.scanned.clear();
    if (relevant && this.signature() !== before) this.changed = true;
  }

  /** A closed document falls back to its file on disk, or leaves the workspace. */
  closed(uri: string): void {
    this.open.delete(uri);
    // As in update(): without a flavor document nothing reads alias names across files (the signature of a 10 MB
    // PCI file's 12,864 aliases cost two walks over them per close).
    const relevant = this.ws.flavorDocuments().length > 0;
    const before = relevant ? this.signature() : '';
    // nova-conf.workspace.index off: a closed document leaves the workspace instead of being re-read
    const text = this.indexing ? this.files?.readText(uri) : undefined;
    if (text === undefined) this.forgetFile(uri);
    else {
      this.scanned.add(uri);
      this.ws.set(uri, text, { format: flavorFormat(uri, text) ?? 'nova-conf' });
    }
    if (relevant && this.signature() !== before) this.changed = true;
  }

  /** A flavor format (YAML, Terraform, shell, Markdown) rather than a nova config. */
  isFlavor(td: TextDocument): boolean {
    return flavorFormat(td.uri, td.getText(), td.languageId) !== undefined;
  }

  /**
   * The flavor side's diagnostics of an open document: extra-spec and alias checks for a
   * flavor document, unused-alias hints for a nova config (pass its parse).
   */
  diagnostics(td: TextDocument, nova?: NovaConfDocument): Diagnostic[] {
    this.update(td);
    const settings = this.service.settings;
    if (nova) return aliasUsageDiagnostics(nova, settings, this.ws);
    const f = this.ws.flavorDocument(td.uri);
    return f ? flavorDiagnostics(f, settings, this.ws) : [];
  }

  /** Whether the position is on an extra spec of a flavor document (flavor completion and hover apply). */
  onSpec(td: TextDocument, p: Position): boolean {
    this.update(td);
    const f = this.ws.flavorDocument(td.uri);
    if (!f) return false;
    const o = td.offsetAt(p);
    return f.specs.some((s) => (o >= s.keyStart && o <= s.keyEnd) || (o >= s.valueStart && o <= s.valueEnd));
  }

  private offset(td: TextDocument, p: Position): number {
    return td.offsetAt(p);
  }

  completion(td: TextDocument, p: Position): CompletionList | null {
    this.update(td);
    const f = this.ws.flavorDocument(td.uri);
    return f ? flavorCompletion(f, this.offset(td, p), this.service.settings.release, this.ws) : { isIncomplete: false, items: [] };
  }

  hover(td: TextDocument, p: Position): Hover | null {
    this.update(td);
    const f = this.ws.flavorDocument(td.uri);
    return f ? flavorHover(f, this.offset(td, p), this.service.settings.release, this.ws) : null;
  }

  definition(td: TextDocument, p: Position): Location[] {
    this.update(td);
    return aliasDefinition(this.ws, td.uri, this.offset(td, p));
  }

  references(td: TextDocument, p: Position, includeDeclaration: boolean): Location[] {
    this.update(td);
    return aliasReferences(this.ws, td.uri, this.offset(td, p), includeDeclaration);
  }

  prepareRename(td: TextDocument, p: Position): { range: Range; placeholder: string } | null {
    this.update(td);
    const r = prepareAliasRename(this.ws, td.uri, this.offset(td, p));
    return r && 'range' in r ? r : null;
  }

  rename(td: TextDocument, p: Position, newName: string): WorkspaceEdit | { error: string } | null {
    this.update(td);
    return renameAlias(this.ws, td.uri, this.offset(td, p), newName) ?? null;
  }
}
