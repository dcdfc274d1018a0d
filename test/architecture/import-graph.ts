/** The import graph of server/src/service, read from the source text (relative imports only, `import type` included). */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const SERVICE = resolve(__dirname, '..', '..', 'server', 'src', 'service');

export function sourceFiles(dir = SERVICE): string[] {
  return readdirSync(dir)
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? sourceFiles(p) : /\.ts$/.test(f) ? [p] : [];
    })
    .sort();
}

const IMPORT = /^\s*(?:import|export)\b[^'";]*?\bfrom\s*'([^']+)'|^\s*import\s*'([^']+)'/gm;

/** Every module specifier a file imports or re-exports from. */
export function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) out.push(m[1] ?? m[2]);
  return out;
}

function resolveRelative(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const c of [`${base}.ts`, join(base, 'index.ts'), base]) if (existsSync(c) && statSync(c).isFile()) return c;
  return undefined;
}

/** file (relative to the service folder) -> the service files it imports (relative too). */
export function importGraph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of sourceFiles()) {
    const deps = specifiers(f)
      .filter((s) => s.startsWith('.'))
      .map((s) => resolveRelative(f, s))
      .filter((p): p is string => p !== undefined && p.endsWith('.ts') && p.startsWith(SERVICE))
      .map((p) => relative(SERVICE, p));
    g.set(relative(SERVICE, f), [...new Set(deps)]);
  }
  return g;
}

/** The import circles of a graph, each as the path that closes it (first node repeated at the end). */
export function cycles(g: Map<string, string[]>): string[][] {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (n: string) => {
    state.set(n, 1);
    stack.push(n);
    for (const d of g.get(n) ?? []) {
      const s = state.get(d);
      if (s === 1) found.push([...stack.slice(stack.indexOf(d)), d]);
      else if (s === undefined) visit(d);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of g.keys()) if (!state.has(n)) visit(n);
  return found;
}
