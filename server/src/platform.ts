/**
 * What the language server needs from the place it runs in, so that startServer() itself never touches a
 * file system: node (dist/server.js, platform-node.ts) reads the disk as before; the web worker
 * (dist/web/server.js, platform-browser.ts: vscode.dev / github.dev) has no disk at all.
 *
 * This module and everything startServer() imports must stay free of node built-ins: scripts/build.mjs
 * bundles them for the browser and fails on any `node:*` import (test/package/web-build.test.ts).
 */
import type { FileEvent } from 'vscode-languageserver';
import type { HostInventory } from './service/host/inventory';
import type { LanguageService, PciIdDatabase, Settings } from './service/index';
import { parseConfigText, type ConfigFileResult } from './settings-input';
import type { HostSettingEvents } from './host-setting';

/** A workspace folder's files, as far as the platform can read them. */
export interface WorkspaceFiles {
  /** Nova configs and flavor documents under a workspace folder (a uri), open or not. */
  scanFolder(folderUri: string): { uri: string; text: string; kind: 'nova-conf' | 'flavor' }[];
  /** One file's text, or undefined when it cannot be read (gone, not a regular file, too large, not UTF-8). */
  readText(uri: string): string | undefined;
  /**
   * One file of a workspace folder as scanFolder would find it (a file-watcher event), or undefined when the scan
   * would not (gone, outside the folder or below a skipped one, neither a nova config nor a flavor document).
   */
  readFolderFile(folderUri: string, uri: string): { text: string; kind: 'nova-conf' | 'flavor' } | undefined;
}

/** The nova configs of the workspace the deployment rules see (server/src/workspace-index.ts on node). */
export interface WorkspaceIndexer {
  /** nova-conf.workspace.index: whether the folders are read (false where they cannot be). */
  readonly indexing: boolean;
  /** Turns folder reading on or off; off drops every file that is not open. Returns whether anything changed. */
  setEnabled(on: boolean): boolean;
  /** Reads the folders' nova configs into the service's workspace; returns how many files were read. */
  index(folderUris: readonly string[]): number;
  /** An editor's text replaces the disk's while the document is open. */
  opened(uri: string, text: string, version: number): void;
  /** Back to the disk's text (or out of the workspace) when the editor closes. */
  closed(uri: string): void;
  /** Applies file-watcher events; returns the uris whose deployments changed. */
  changed(events: readonly FileEvent[]): string[];
}

/** nova-conf.host / nova-conf.useLocalHost (server/src/host-setting.ts on node). */
export interface HostSource {
  readonly inventory: HostInventory | undefined;
  /** Applies the raw client settings (`{host, useLocalHost}`); reloads when the source changed, or always with `reload`. */
  update(raw: unknown, reload?: boolean): void;
}

/** What the host settings ask for: a snapshot path or filesystem root, the live machine (`/`), or nothing. */
export function configuredHost(raw: unknown): string | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.host === 'string' && r.host.trim() !== '') return r.host.trim();
  if (r.useLocalHost === true) return '/';
  return undefined;
}

export interface ServerPlatform {
  /** Shown in logs; `browser` also tells the features that nothing can be read from disk. */
  readonly name: 'node' | 'browser';
  /** Analysis limits (node: NOVA_CONF_MAX_DOCUMENT_SIZE for the benchmark). */
  readonly limits: Partial<Settings>;
  /** Milliseconds between the last keystroke and the diagnostics. */
  readonly debounceMs: number;
  /** The `.nova-conf.json` of a workspace folder (a uri); undefined when there is none or it cannot be read here. */
  readConfigFile(folderUri: string): ConfigFileResult | undefined;
  /**
   * The user's pci.ids (`nova-conf.pciIdsPath`) or the machine's; undefined: the server uses the snapshot it
   * bundles. `warn` says why a file the user named was not used.
   */
  readPciIds(path: string | undefined, warn: (message: string) => void): PciIdDatabase | undefined;
  /** The host the host rules judge against, from the client's settings. */
  hostSource(events: HostSettingEvents): HostSource;
  /** The workspace index of the deployment rules. */
  workspaceIndex(service: LanguageService): WorkspaceIndexer;
  /** Files of the workspace folders (flavor documents and alias names across files); undefined: open documents only. */
  readonly files: WorkspaceFiles | undefined;
  /**
   * The texts of the folders' `.nova-conf.json` as the client read them through the editor's file system
   * (`{ [folderUri]: text | null }`, in initializationOptions.configFiles and the nova-conf/configFiles
   * notification), for folders the platform cannot read itself (the browser; virtual workspaces on node).
   */
  clientConfigFiles(files: unknown): void;
  /**
   * Calls `listener` whenever bytes of a message arrive, before the message is handled (node: stdin data, an IPC
   * message), so that idle-time work (idle-work.ts) gives way to it. Absent: that work only yields a turn per slice.
   */
  onIncoming?(listener: () => void): void;
  /**
   * Makes ahead what the transport keeps of an answer's result (node stdio: the JSON bytes of a completion list's
   * frozen items, frame-writer.ts), so the first answer that sends it does not. Absent: nothing to make.
   */
  prepareAnswer?(result: unknown): void;
}

/** The same limit as the node server's read of `.nova-conf.json` (config-file.ts CONFIG_FILE_LIMITS). */
const MAX_CONFIG_CHARS = 1024 * 1024;

/** `.nova-conf.json` texts sent by the client, kept per folder uri and checked like the file on disk. */
export class ClientConfigFiles {
  private readonly texts = new Map<string, string>();
  /** `accepts`: which folder uris the client may supply (node reads file: folders itself). */
  constructor(private readonly accepts: (folderUri: string) => boolean = () => true) {}

  update(files: unknown): void {
    if (!files || typeof files !== 'object') return;
    for (const [uri, text] of Object.entries(files as Record<string, unknown>)) {
      if (!this.accepts(uri)) continue;
      if (typeof text === 'string') this.texts.set(uri, text);
      else if (text === null) this.texts.delete(uri);
    }
  }

  read(folderUri: string): ConfigFileResult | undefined {
    const text = this.texts.get(folderUri);
    if (text === undefined) return undefined;
    const where = `${folderUri.replace(/\/$/, '')}/.nova-conf.json`;
    if (text.length > MAX_CONFIG_CHARS) return { settings: {}, problems: [`${where}: larger than ${MAX_CONFIG_CHARS} characters; not read`] };
    return parseConfigText(text, where);
  }
}

export { CONFIG_FILES_NOTIFICATION } from './config-files-notification';

/**
 * An index of the open editors only, for a platform that cannot read the folder: the deployment rules see the
 * nova configs that are open (YAML views are kept by the YAML features, not here, as on node).
 */
export class OpenEditorsIndex implements WorkspaceIndexer {
  constructor(private readonly service: LanguageService) {}
  readonly indexing = false;
  setEnabled(): boolean {
    return false;
  }
  index(): number {
    return 0;
  }
  opened(uri: string, text: string, version: number): void {
    if (/\.ya?ml$/i.test(uri)) return;
    this.service.workspace.set(uri, text, undefined, version);
  }
  closed(uri: string): void {
    this.service.workspace.delete(uri);
  }
  changed(): string[] {
    return [];
  }
}
