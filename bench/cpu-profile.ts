/**
 * A language server's --cpu-prof profile read back with names in the source's own terms: each frame of the bundle
 * mapped through DIST/server.js.map to `function server/src/file.ts:line`, Node's own frames as `function url`.
 * Shared by bench/server-profile.ts (didOpen) and bench/keystroke-profile.ts (keystrokes).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';

export interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }
export interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

export interface MappedProfile {
  /** The profile's file. */
  path: string;
  prof: Profile;
  /** A node's frame as `function place`, or one of V8's pseudo-frames ('(garbage collector)', '(idle)', …). */
  nameOf(id: number): string;
  /** A node's frames from the leaf to the root, named as nameOf does. */
  stackOf(id: number): string[];
}

/** The one .cpuprofile in `dir`, written by `server` (a dist/server.js). */
export function readServerProfile(dir: string, server: string): MappedProfile {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile in ${dir}`);
  const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
  // The bundle's source is the payload's first part; its map is DIST/server.js.map (scripts/code-cache.mjs keeps the
  // source as built). A split build (dist/server.js a loader, the bundle in server.payload) compiles the bundle
  // without its first line (the #! banner): the profile's lines are one less than the map's.
  const map = new SourceMap(JSON.parse(readFileSync(server + '.map', 'utf8')));
  const shift = existsSync(server.replace(/\.js$/, '.payload')) ? 1 : 0;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const ch of n.children ?? []) parent.set(ch, n.id);
  const names = new Map<number, string>();
  const nameOf = (id: number): string => {
    let s = names.get(id);
    if (s) return s;
    const f = byId.get(id)!.callFrame;
    if (['(garbage collector)', '(idle)', '(program)', '(root)'].includes(f.functionName)) s = f.functionName;
    else if (!f.url && !f.functionName) s = '(anon)';
    else if (!f.url || f.url.startsWith('node:')) s = `${f.functionName || '(anon)'} ${f.url.replace(/^node:internal\//, '')}`;
    else if (f.url.includes('server') || f.url.includes('evalmachine')) {
      const e = map.findEntry(f.lineNumber + shift, f.columnNumber) as { originalSource?: string; originalLine?: number; name?: string };
      s = e.originalSource ? `${e.name || f.functionName || '(anon)'} ${e.originalSource.replace(/^.*?(server\/src|node_modules)\//, '$1/')}:${(e.originalLine ?? 0) + 1}` : `${f.functionName} ${f.url}:${f.lineNumber}`;
    } else s = `${f.functionName} ${f.url}`;
    names.set(id, s);
    return s;
  };
  const stackOf = (id: number): string[] => {
    const out: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) out.push(nameOf(cur));
    return out;
  };
  return { path: join(dir, file), prof, nameOf, stackOf };
}
