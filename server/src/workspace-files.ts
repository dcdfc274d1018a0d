/**
 * Adapter side (file system): finds the nova configs and flavor documents of a folder,
 * for the language server's workspace view and for the CLI's directory arguments.
 * Bounded: at most `maxFiles` files of at most 2 MB, no symlinked directories, and
 * dependency, VCS and build folders are skipped.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, sep } from 'node:path';
import { FLAVOR_EXTENSIONS, flavorFormat, mayHoldFlavors } from './service/flavors/index';

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

const CANDIDATE = new RegExp(`\\.(conf|${FLAVOR_EXTENSIONS.join('|')})$`, 'i');
const MAX_DEPTH = 12;

/** Whether the scan walks into a folder of this name (dependency, VCS, build and hidden folders are skipped). */
const walksInto = (name: string): boolean => !SKIP_DIRS.has(name) && !(name.startsWith('.') && name !== '.');

type Found = { path: string; text: string; kind: FileKind };

/** One candidate file as the scan reads it: a regular file (no symlink) of at most 2 MB, strict UTF-8, classified. */
function readCandidate(p: string, st: { isFile(): boolean; size: number }): Found | undefined {
  if (!st.isFile() || st.size > MAX_SIZE) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(p));
  } catch {
    return undefined;
  }
  const kind = classifyFile(p, text);
  return kind ? { path: p, text, kind } : undefined;
}

/** Files under `root` that are nova configs or flavor documents, sorted by path. */
export function scanFolder(root: string, maxFiles = 5000): Found[] {
  const out: Found[] = [];
  let seen = 0;
  const walk = (dir: string, depth: number): void => {
    if (depth > MAX_DEPTH || seen >= maxFiles) return;
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
        if (walksInto(n)) walk(p, depth + 1);
        continue;
      }
      if (!st.isFile() || !CANDIDATE.test(n) || st.size > MAX_SIZE) continue;
      seen++;
      const f = readCandidate(p, st);
      if (f) out.push(f);
    }
  };
  walk(root, 0);
  return out;
}

/**
 * One file under `root` as scanFolder would find it (for a file-watcher event), or undefined when the scan would
 * not: outside `root`, below a folder the scan skips or deeper than it goes, not a candidate name, gone, a symbolic
 * link, too large, not UTF-8, or neither a nova config nor a flavor document. (The scan's file-count bound is not
 * applied: a watched file is one file.)
 */
export function readFolderFile(root: string, path: string): Found | undefined {
  const rel = relative(root, path);
  if (rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return undefined;
  const parts = rel.split(sep);
  const name = parts.pop() as string;
  if (parts.length > MAX_DEPTH || !parts.every(walksInto) || !CANDIDATE.test(name)) return undefined;
  try {
    // A symbolic link to a folder on the way is not followed by the scan either.
    let dir = root;
    for (const d of parts) {
      dir = join(dir, d);
      if (!lstatSync(dir).isDirectory()) return undefined;
    }
    const st = lstatSync(path, { throwIfNoEntry: false });
    return st ? readCandidate(path, st) : undefined;
  } catch {
    return undefined;
  }
}
