/**
 * The node platform of the language server (dist/server.js): the settings file, pci.ids, host snapshots and
 * the workspace folders are read from disk, each with the limits of safe-file.ts / workspace-index.ts.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parsePciIds, PciIdDatabase } from './service/index';
import { CONFIG_FILE, PCI_IDS_LIMITS, SYSTEM_PCI_IDS, readConfigFile } from './config-file';
import { SafeFileError, readRegularFile } from './safe-file';
import { HostSetting } from './host-setting';
import { limitsFromEnv } from './limits';
import { WorkspaceIndex, readDiskText } from './workspace-index';
import { readFolderFile, scanFolder } from './workspace-files';
import { encodeFrame } from './frame-writer';
import { ClientConfigFiles, type ServerPlatform, type WorkspaceFiles } from './platform';

const pathOf = (uri: string): string | undefined => {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
};

/** Workspace files on disk: regular files only (no symlinks followed), at most 16 MB, strict UTF-8. */
export const nodeFiles: WorkspaceFiles = {
  scanFolder(folderUri) {
    const root = pathOf(folderUri);
    return root ? scanFolder(root).map((f) => ({ uri: pathToFileURL(f.path).href, text: f.text, kind: f.kind })) : [];
  },
  readText(uri) {
    const path = pathOf(uri);
    return path ? readDiskText(path) : undefined;
  },
  readFolderFile(folderUri, uri) {
    const root = pathOf(folderUri);
    const path = pathOf(uri);
    return root && path ? readFolderFile(root, path) : undefined;
  },
};

export function nodePlatform(env: NodeJS.ProcessEnv = process.env): ServerPlatform {
  // Folders that are not on this disk (a virtual workspace: GitHub Repositories) get .nova-conf.json from the client.
  const clientFiles = new ClientConfigFiles((uri) => !uri.startsWith('file:'));
  return {
    name: 'node',
    limits: limitsFromEnv(env),
    debounceMs: Number(env.NOVA_CONF_DEBOUNCE_MS ?? 50),
    readConfigFile(folderUri) {
      const root = pathOf(folderUri);
      return root ? readConfigFile(join(root, CONFIG_FILE)) : clientFiles.read(folderUri);
    },
    clientConfigFiles: (files) => clientFiles.update(files),
    readPciIds(path, warn): PciIdDatabase | undefined {
      for (const p of path ? [path] : SYSTEM_PCI_IDS) {
        try {
          // A regular file only, size- and time-limited: never a FIFO or a device (see safe-file.ts).
          const db = parsePciIds(readRegularFile(p, PCI_IDS_LIMITS).buffer.toString('utf8'));
          if (db.vendorCount > 0) return db;
        } catch (e) {
          // not there (try the next one); say why when the user named this file
          if (path && !(e instanceof SafeFileError && e.problem === 'missing')) warn(`nova-conf: pciIdsPath not used: ${e instanceof SafeFileError ? e.message : 'unreadable'}`);
        }
      }
      return undefined;
    },
    hostSource: (events) => new HostSetting(events),
    workspaceIndex: (service) => new WorkspaceIndex(service),
    files: nodeFiles,
    // The transports main.ts builds: stdio (frame-writer.ts writes the answers) and IPC.
    onIncoming(listener) {
      if (process.argv.includes('--stdio')) process.stdin.on('data', listener);
      else if (process.argv.includes('--node-ipc')) process.on('message', listener);
    },
    prepareAnswer: process.argv.includes('--stdio') ? (result) => void encodeFrame({ jsonrpc: '2.0', id: 0, result }) : undefined,
  };
}
