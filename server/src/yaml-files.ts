/**
 * CLI inputs: a directory stands for the YAML deployment files below it (`.yaml`/`.yml`,
 * recursively, in name order; hidden folders and node_modules skipped, symbolic links not followed).
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isYamlUri } from './service/sources/yaml/extract';

export function expandInputs(inputs: string[], onEmpty: (dir: string) => void): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    let dir = false;
    try {
      dir = input !== '-' && lstatSync(input).isDirectory();
    } catch {
      // not there: readInput reports it
    }
    if (!dir) {
      out.push(input);
      continue;
    }
    const found: string[] = [];
    walk(input, found, 0);
    if (found.length === 0) onEmpty(input);
    out.push(...found);
  }
  return out;
}

function walk(dir: string, out: string[], depth: number): void {
  if (depth > 32) return;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const p = join(dir, name);
    let st;
    try {
      st = lstatSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) walk(p, out, depth + 1);
    else if (st.isFile() && isYamlUri(name)) out.push(p);
  }
}
