/**
 * A workspace folder on disk and a server started on it, for protocol tests over real stdio: the files are written
 * under a fresh temporary directory, and the server gets it as its root and only workspace folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client';

export interface FolderSandbox {
  dir: string;
  /** The file: uri of a path relative to the folder. */
  uri(rel: string): string;
  /** Removes the folder and everything in it. */
  remove(): void;
}

/** Writes `files` (relative path -> text) into a new temporary folder whose name starts with `prefix`. */
export function folderSandbox(files: Record<string, string>, prefix = 'nova-conf-ws-'): FolderSandbox {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return { dir, uri: (rel) => pathToFileURL(join(dir, rel)).href, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface FolderStart {
  capabilities?: Record<string, unknown>;
  initializationOptions?: unknown;
  /** What the client answers to workspace/configuration (LspClient.configuration). */
  configuration?: unknown;
  /** Node flags before dist/server.js (e.g. `--require` a probe). */
  nodeArgs?: readonly string[];
}

/** Starts dist/server.js without a diagnostics debounce, initialized with `dir` as its root and workspace folder. */
export async function startInFolder(dir: string, opts: FolderStart = {}): Promise<LspClient> {
  const c = new LspClient(['--stdio'], { NOVA_CONF_DEBOUNCE_MS: '0' }, opts.nodeArgs);
  if (opts.configuration !== undefined) c.configuration = opts.configuration;
  const root = pathToFileURL(dir).href;
  await c.request('initialize', { processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }], initializationOptions: opts.initializationOptions, capabilities: opts.capabilities ?? {} });
  c.notify('initialized', {});
  return c;
}

/** A kolla-ansible tree whose nova-api and nova-compute define alias a16 with other products (alias-mismatch). */
export const KOLLA_API = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n';
export const KOLLA_COMPUTE = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "2236"}\n';
export const KOLLA_ALIAS_MISMATCH: Readonly<Record<string, string>> = {
  'etc/kolla/config/nova/nova-api.conf': KOLLA_API,
  'etc/kolla/config/nova/nova-compute.conf': KOLLA_COMPUTE,
  'etc/kolla/config/nova/nova-scheduler.conf': '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
};

/** Runs `fn` with a server started on a folder holding `files`; the server is killed and the folder removed after. */
export async function inFolder<T>(files: Record<string, string>, opts: FolderStart, fn: (c: LspClient, ws: FolderSandbox) => Promise<T>): Promise<T> {
  const ws = folderSandbox(files);
  try {
    const c = await startInFolder(ws.dir, opts);
    try {
      return await fn(c, ws);
    } finally {
      c.kill();
    }
  } finally {
    ws.remove();
  }
}
