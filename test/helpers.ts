/** Shared test helpers: a language service, caret-marked fixtures, and where the shared data lives. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { createLanguageService, LanguageService } from '../server/src/service/index';
import type { Release } from '../server/src/service/releases';

export const ROOT = resolve(__dirname, '..');
/** shared/ sits beside the repository (in CI too); NOVA_CONF_SHARED overrides. */
export const SHARED = resolve(process.env.NOVA_CONF_SHARED ?? join(ROOT, '..', 'shared'));
export const HAVE_SHARED = existsSync(join(SHARED, 'data', 'nova-cases.json'));
/** Files of shared/data vendored under test/data (so a clone without shared/ still runs them); test/data/vendored.test.ts keeps them identical. */
export const VENDORED = ['nova-cases.json'] as const;
export const NOVA_CASES = join(ROOT, 'test', 'data', 'nova-cases.json');

export function service(release?: Release, rules: Record<string, 'off' | 'error' | 'warning' | 'information' | 'hint'> = {}): LanguageService {
  return createLanguageService({ settings: { ...(release ? { release } : {}), rules } });
}

let n = 0;
export function lint(text: string, release?: Release, rules?: Record<string, 'off' | 'error' | 'warning' | 'information' | 'hint'>): Diagnostic[] {
  const s = service(release, rules);
  return s.diagnostics(s.parse(text, `file:///test/${n++}.conf`, 1));
}

export function codes(ds: Diagnostic[]): string[] {
  return ds.map((d) => String(d.code));
}

export function errors(ds: Diagnostic[]): Diagnostic[] {
  return ds.filter((d) => d.severity === 1);
}

/** Splits a fixture with one `|` caret into text and position. */
export function caret(fixture: string): { text: string; position: Position } {
  const i = fixture.indexOf('|');
  if (i < 0) throw new Error('fixture has no caret');
  const text = fixture.slice(0, i) + fixture.slice(i + 1);
  const before = text.slice(0, i).split(/\r\n|\r|\n/);
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

/** A language service whose workspace holds `files` (path under `root` -> text), set in the order given. */
export function workspaceService(root: string, files: Record<string, string>, settings: Parameters<typeof createLanguageService>[0] = {}): LanguageService {
  const s = createLanguageService(settings);
  for (const [rel, text] of Object.entries(files)) s.workspace.set(root + rel, text);
  return s;
}

/**
 * Runs `session` with a preload probe: `source` is written to a fresh temporary folder, `env` loads it into a spawned
 * node (NODE_OPTIONS) and names the file it should write at exit (PROBE_OUT), and `written()` parses that file.
 * The folder is removed afterwards.
 */
export async function withProbe(source: string, session: (env: Record<string, string>, written: () => unknown) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-probe-'));
  try {
    const probe = join(dir, 'probe.cjs');
    const out = join(dir, 'out.json');
    writeFileSync(probe, source);
    await session({ NODE_OPTIONS: `--require ${probe}`, PROBE_OUT: out }, () => JSON.parse(readFileSync(out, 'utf8')) as unknown);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
