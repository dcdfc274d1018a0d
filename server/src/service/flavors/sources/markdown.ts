/**
 * Flavor specs in the fenced code blocks of Markdown: shell blocks (`sh`, `bash`,
 * `shell`, `console`, `zsh` or no info string) are read as command lines; `yaml`
 * and `hcl`/`terraform` blocks with the YAML and Terraform readers.
 */
import type { FlavorSourceKind, FlavorSpec } from '../model';
import { extractShell } from './shell';
import { extractTerraform } from './terraform';
import { extractYaml } from './yaml';

export interface Fence {
  info: string;
  /** Offsets of the block's content (from the line after the opening fence to the closing fence). */
  start: number;
  end: number;
}

export function fencedBlocks(text: string): Fence[] {
  const out: Fence[] = [];
  const re = /^( {0,3})(`{3,}|~{3,})([^\n]*)$/gm;
  let open: { fence: string; info: string; start: number } | undefined;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const fence = m[2];
    const info = m[3].trim();
    if (!open) {
      if (fence[0] === '`' && info.includes('`')) continue;
      const nl = text.indexOf('\n', m.index);
      open = { fence, info: info.split(/\s+/)[0].replace(/^\{?\.?/, '').replace(/\}$/, '').toLowerCase(), start: nl < 0 ? text.length : nl + 1 };
    } else if (fence[0] === open.fence[0] && fence.length >= open.fence.length && info === '') {
      out.push({ info: open.info, start: open.start, end: m.index });
      open = undefined;
    }
  }
  if (open) out.push({ info: open.info, start: open.start, end: text.length });
  return out;
}

const SHELL = new Set(['', 'sh', 'bash', 'shell', 'console', 'zsh', 'shell-session', 'shellsession', 'text']);

export function extractMarkdown(text: string): { specs: FlavorSpec[]; kinds: FlavorSourceKind[] } {
  const specs: FlavorSpec[] = [];
  for (const f of fencedBlocks(text)) {
    if (SHELL.has(f.info)) specs.push(...extractShell(text, f.start, f.end, 'markdown'));
    else if (f.info === 'yaml' || f.info === 'yml') specs.push(...extractYaml(text, f.start, f.end).specs.map((s) => ({ ...s, kind: 'markdown' as const })));
    else if (f.info === 'hcl' || f.info === 'terraform' || f.info === 'tf') specs.push(...extractTerraform(text, f.start, f.end).map((s) => ({ ...s, kind: 'markdown' as const })));
  }
  return { specs, kinds: specs.length ? ['markdown'] : [] };
}
