/**
 * Settings from a file, the editor or the command line, checked without touching the file system (the node
 * server, the CLI and the web-worker server share it; config-file.ts adds the careful disk read).
 */
import { parse as parseJsonc, ParseError } from 'jsonc-parser';
import { RuleLevel, isRuleLevel, describeReleases } from './service/index';
import { describePoints, parseReleaseVersion } from './service/catalog/point-releases';
import type { Settings } from './service/index';

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

/** The text of a `.nova-conf.json` (named `where` in problems): JSON, then normalizeSettings. */
export function parseConfigText(text: string, where: string): ConfigFileResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { settings: {}, problems: [`${where}: not valid JSON${jsonErrorPlace(text)}`] };
  }
  return normalizeSettings(value, where);
}

/** " (line L, column C)" of the first JSON syntax error, without quoting the text. */
function jsonErrorPlace(text: string): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
  const offset = errors[0]?.offset ?? 0;
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return ` (line ${before.length}, column ${before[before.length - 1].length + 1})`;
}
