/**
 * The workspace settings file `.nova-conf.json`, shared by the CLI and the server:
 *   { "release": "2025.2", "rules": { "pci-filter-not-enabled": "off" } }
 */
import { readFileSync } from 'node:fs';
import { RuleLevel, isRuleLevel, parseRelease, describeReleases } from './service/index';
import type { Settings } from './service/index';

export const CONFIG_FILE = '.nova-conf.json';

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
    const rel = typeof r.release === 'string' ? parseRelease(r.release) : undefined;
    if (rel) settings.release = rel;
    else problems.push(`${where}: unknown release ${JSON.stringify(r.release)}; valid: ${describeReleases()}`);
  }
  if (r.rules !== undefined) {
    if (r.rules === null || typeof r.rules !== 'object') problems.push(`${where}: "rules" must be an object of rule code to level`);
    else {
      const rules: Record<string, RuleLevel> = {};
      for (const [code, level] of Object.entries(r.rules as Record<string, unknown>)) {
        if (isRuleLevel(level)) rules[code] = level;
        else problems.push(`${where}: rule ${code}: level must be off, error, warning, information or hint`);
      }
      settings.rules = rules;
    }
  }
  return { settings, problems };
}

export function readConfigFile(path: string): ConfigFileResult | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return normalizeSettings(JSON.parse(text), path);
  } catch (e) {
    return { settings: {}, problems: [`${path}: not valid JSON (${(e as Error).message})`] };
  }
}

export const SYSTEM_PCI_IDS = ['/usr/share/misc/pci.ids', '/usr/share/hwdata/pci.ids'];
