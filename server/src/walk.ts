/**
 * Finds the nova configs under a directory, for the CLI and the language server's
 * workspace index: files whose name and place make them a nova config
 * (service/workspace/layout.ts decides). Never follows a symbolic link; skips
 * VCS and dependency directories; bounded in depth and count.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isNovaConfigPath } from './service/workspace/index';

const SKIP_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', '.tox', '.venv', 'venv', '__pycache__', '.e2e']);

export interface WalkOptions {
  maxDepth?: number;
  maxFiles?: number;
}

/** Nova config files under `dir`, sorted; the directory itself must exist. */
export function findNovaConfigs(dir: string, options: WalkOptions = {}): { files: string[]; truncated: boolean } {
  const maxDepth = options.maxDepth ?? 12;
  const maxFiles = options.maxFiles ?? 5000;
  const files: string[] = [];
  let truncated = false;
  const visit = (d: string, depth: number) => {
    if (truncated) return;
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return; // unreadable directory: nothing to index there
    }
    for (const name of names) {
      const p = join(d, name);
      let st;
      try {
        st = lstatSync(p);
      } catch {
        continue;
      }
      if (st.isSymbolicLink()) continue;
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name) && depth < maxDepth) visit(p, depth + 1);
      } else if (st.isFile() && isNovaConfigPath(p.split('\\').join('/'))) {
        if (files.length >= maxFiles) {
          truncated = true;
          return;
        }
        files.push(p);
      }
    }
  };
  visit(dir, 0);
  return { files, truncated };
}
