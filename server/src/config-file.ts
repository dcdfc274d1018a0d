/**
 * The workspace settings file `.nova-conf.json`, shared by the CLI and the server:
 *   { "release": "2025.2", "rules": { "pci-filter-not-enabled": "off" } }
 */
import { SafeFileError, readRegularFile } from './safe-file';
import { ConfigFileResult, parseConfigText } from './settings-input';

// The checks without file access live in settings-input.ts (the browser build uses them too).
export { type ConfigFileResult, normalizeSettings, parseConfigText } from './settings-input';

export const CONFIG_FILE = '.nova-conf.json';

/** Limits for reading `.nova-conf.json` (a real one is a few hundred bytes). */
export const CONFIG_FILE_LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 2000 };

/**
 * Reads `.nova-conf.json` (or --config FILE): a regular file only (a FIFO, a device or a directory is
 * refused without blocking), at most CONFIG_FILE_LIMITS.maxBytes, within a time limit. Undefined when the
 * file does not exist. Problems name the file and the reason and never quote its content.
 */
export function readConfigFile(path: string): ConfigFileResult | undefined {
  let text: string;
  try {
    text = readRegularFile(path, CONFIG_FILE_LIMITS).buffer.toString('utf8');
  } catch (e) {
    if (e instanceof SafeFileError && e.problem === 'missing') return undefined;
    return { settings: {}, problems: [e instanceof SafeFileError ? e.message : `cannot read ${path}`] };
  }
  return parseConfigText(text, path);
}

/** Limits for reading a pci.ids file (the full database is about 1.5 MB). */
export const PCI_IDS_LIMITS = { maxBytes: 16 * 1024 * 1024, timeoutMs: 3000 };

export const SYSTEM_PCI_IDS = ['/usr/share/misc/pci.ids', '/usr/share/hwdata/pci.ids'];
