/**
 * The language server's side of the workspace layer: reads the nova configs of
 * the workspace folders into the service's workspace, keeps open editors' texts
 * in place of the disk, and applies file-watcher events. All disk access of the
 * workspace index is here; the service itself never reads a file.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import type { LanguageService } from './service/index';
import { isNovaConfigPath } from './service/workspace/index';
import { UriSet, uriUnder } from './service/uri-key';
import { findNovaConfigs } from './walk';

/** Larger files are not indexed (the service would not analyse them either). */
const MAX_BYTES = 16 * 1024 * 1024;

/**
 * A workspace file's text, or undefined when it is not there, not a regular file (symlinks are not followed), over
 * 16 MB, unreadable or not UTF-8. A missing file is the usual case (a closed editor of a file never saved, a deleted
 * file's watcher event) and is answered without an exception: `lstatSync` then returns undefined.
 */
export function readDiskText(path: string): string | undefined {
  try {
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st?.isFile() || st.size > MAX_BYTES) return undefined;
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(path));
  } catch {
    return undefined; // unreadable or not UTF-8: its own diagnostics say so once it is opened
  }
}

export class WorkspaceIndex {
  /** Open editors' uris, matched whatever their spelling (an editor's `%40` against the scan's `@`: uri-key.ts). */
  private readonly open = new UriSet();
  private folders: string[] = [];
  /** `nova-conf.workspace.index`: when off, only open editors are in the workspace and the disk is never read. */
  private enabled = true;

  constructor(private readonly service: LanguageService) {}

  /**
   * Turns folder indexing on or off (nova-conf.workspace.index). Off drops every file that is not open;
   * on reads the folders again. Returns whether anything changed.
   */
  setEnabled(on: boolean): boolean {
    if (on === this.enabled) return false;
    this.enabled = on;
    if (on) this.index(this.folders.map((f) => pathToFileURL(f).href));
    else for (const u of this.service.workspace.uris()) if (!this.open.has(u)) this.service.workspace.delete(u);
    return true;
  }

  get indexing(): boolean {
    return this.enabled;
  }

  /** Reads every nova config under the folders (file: uris). Returns how many files were indexed. */
  index(folderUris: readonly string[]): number {
    this.folders = folderUris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    if (!this.enabled) return 0;
    let n = 0;
    for (const dir of this.folders) {
      for (const path of findNovaConfigs(dir).files) {
        const uri = pathToFileURL(path).href;
        if (this.open.has(uri)) continue;
        const text = readDiskText(path);
        if (text === undefined) continue;
        this.service.workspace.set(uri, text);
        n++;
      }
    }
    return n;
  }

  private inFolders(path: string): boolean {
    return this.folders.some((f) => path === f || path.startsWith(f.endsWith('/') ? f : f + '/'));
  }

  /** An editor's text replaces the disk's while the document is open. */
  opened(uri: string, text: string, version: number): void {
    this.open.add(uri);
    if (/\.ya?ml$/i.test(uri)) return;
    this.service.workspace.set(uri, text, undefined, version);
  }

  /** Back to the disk's text (or out of the workspace) when the editor closes. */
  closed(uri: string): void {
    this.open.delete(uri);
    this.reloadFromDisk(uri);
  }

  private reloadFromDisk(uri: string): void {
    if (!uri.startsWith('file:') || !this.enabled) {
      this.service.workspace.delete(uri);
      return;
    }
    const path = fileURLToPath(uri);
    const text = this.inFolders(path) && isNovaConfigPath(path.split('\\').join('/')) ? readDiskText(path) : undefined;
    if (text === undefined) this.service.workspace.delete(uri);
    else this.service.workspace.set(uri, text);
  }

  /** Applies watcher events; returns the uris whose deployments changed. */
  changed(events: readonly FileEvent[]): string[] {
    const touched: string[] = [];
    for (const e of events) {
      if (!e.uri.startsWith('file:') || this.open.has(e.uri)) continue;
      if (e.type === FileChangeType.Deleted) {
        // A deleted directory arrives as one event: drop everything under it.
        for (const u of this.service.workspace.uris()) {
          if (uriUnder(u, e.uri) && !this.open.has(u)) {
            touched.push(...this.service.relatedUris(u), u);
            this.service.workspace.delete(u);
          }
        }
        continue;
      }
      touched.push(...this.service.relatedUris(e.uri));
      this.reloadFromDisk(e.uri);
      touched.push(e.uri, ...this.service.relatedUris(e.uri));
    }
    return [...new Set(touched)];
  }
}
