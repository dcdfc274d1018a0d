/**
 * The workspace settings file `.nova-conf.json`, shared by the CLI and the server:
 *   { "release": "2025.2", "rules": { "pci-filter-not-enabled": "off" } }
 */
import { parse as parseJsonc, ParseError } from 'jsonc-parser';
import { SafeFileError, readRegularFile } from './safe-file';
import { RuleLevel, isRuleLevel, describeReleases } from './service/index';
import { describePoints, parseReleaseVersion } from './service/catalog/point-releases';
import type { Settings } from './service/index';

export const CONFIG_FILE = '.nova-conf.json';

/** Limits for reading `.nova-conf.json` (a real one is a few hundred bytes). */
export const CONFIG_FILE_LIMITS = { maxBytes: 1024 * 1024, timeoutMs: 2000 };

/**
 * Shows a value from a settings source in a message only when it looks like a name (a release, a rule
 * code): a settings file linked to a secret must not leak its bytes into logs.
 */
function shown(v: unknown): string {
  return typeof v === 'string' && /^[\w.-]{1,40}$/.test(v) ? JSON.stringify(v) : '(a value that is not a name)';
}

export interface ConfigFileResult {
  settings: Partial<Settings>;
  problems: string[];
}

/** Turns loose settings (from a file, the editor, the command line) into checked Settings, collecting problems. */
export function normalizeSettings(raw: unknown, where: string): ConfigFileResult {
  const problems: string[] = [];
  const settings: Partial<Settings> = {};
  if (raw === null || typeof raw !== 'object') return { settings, problems: raw === undefined ? [] : [`${where}: expected an object`] };
  const r = raw as Record<string, unknown>;
  if (r.release !== undefined && r.release !== '') {
    const rel = typeof r.release === 'string' ? parseReleaseVersion(r.release) : undefined;
    if (rel) {
      settings.release = rel.release;
      settings.point = rel.point; // a series name means its latest point release
    } else problems.push(`${where}: unknown release ${shown(r.release)}; valid: ${describeReleases()}, or a Nova point release (${describePoints()})`);
  }
  if (r.rules !== undefined) {
    if (r.rules === null || typeof r.rules !== 'object') problems.push(`${where}: "rules" must be an object of rule code to level`);
    else {
      const rules: Record<string, RuleLevel> = {};
      for (const [code, level] of Object.entries(r.rules as Record<string, unknown>)) {
        if (isRuleLevel(level)) rules[code] = level;
        else problems.push(`${where}: rule ${shown(code)}: level must be off, error, warning, information or hint`);
      }
      settings.rules = rules;
    }
  }
  return { settings, problems };
}

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
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { settings: {}, problems: [`${path}: not valid JSON${jsonErrorPlace(text)}`] };
  }
  return normalizeSettings(value, path);
}

/** " (line L, column C)" of the first JSON syntax error, without quoting the text. */
function jsonErrorPlace(text: string): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
  const offset = errors[0]?.offset ?? 0;
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return ` (line ${before.length}, column ${before[before.length - 1].length + 1})`;
}

/** Limits for reading a pci.ids file (the full database is about 1.5 MB). */
export const PCI_IDS_LIMITS = { maxBytes: 16 * 1024 * 1024, timeoutMs: 3000 };

export const SYSTEM_PCI_IDS = ['/usr/share/misc/pci.ids', '/usr/share/hwdata/pci.ids'];
