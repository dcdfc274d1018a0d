/**
 * Adapter side (file system): finds the nova configs and flavor documents of a folder,
 * for the language server's workspace view and for the CLI's directory arguments.
 * Bounded: at most `maxFiles` files of at most 2 MB, no symlinked directories, and
 * dependency, VCS and build folders are skipped.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { flavorFormat, mayHoldFlavors } from './service/flavors/index';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.terraform', '.tox', '.venv', 'venv', '__pycache__', 'dist', 'out', 'build', '.cache']);
const MAX_SIZE = 2 * 1024 * 1024;

export type FileKind = 'nova-conf' | 'flavor';

/** Is this path, with this text, a nova config we should read? (`*.conf` named like nova, in a nova.conf.d, or with a [pci] section.) */
export function isNovaConfig(path: string, text: string): boolean {
  if (extname(path) !== '.conf') return false;
  const name = basename(path).toLowerCase();
  return name.startsWith('nova') || /nova[^/]*\.conf\.d\//.test(path) || /^\s*\[pci\]\s*$/m.test(text);
}

export function classifyFile(path: string, text: string): FileKind | undefined {
  if (isNovaConfig(path, text)) return 'nova-conf';
  const f = flavorFormat(path, text);
  return f && mayHoldFlavors(f, text) ? 'flavor' : undefined;
}

const CANDIDATE = /\.(conf|ya?ml|tf|sh|bash|md|markdown)$/i;

/** Files under `root` that are nova configs or flavor documents, sorted by path. */
export function scanFolder(root: string, maxFiles = 5000): { path: string; text: string; kind: FileKind }[] {
  const out: { path: string; text: string; kind: FileKind }[] = [];
  let seen = 0;
  const walk = (dir: string, depth: number): void => {
    if (depth > 12 || seen >= maxFiles) return;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) {
      if (seen >= maxFiles) return;
      const p = join(dir, n);
      let st;
      try {
        st = lstatSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(n) && !(n.startsWith('.') && n !== '.')) walk(p, depth + 1);
        continue;
      }
      if (!st.isFile() || !CANDIDATE.test(n) || st.size > MAX_SIZE) continue;
      seen++;
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(p));
      } catch {
        continue;
      }
      const kind = classifyFile(p, text);
      if (kind) out.push({ path: p, text, kind });
    }
  };
  walk(root, 0);
  return out;
}
