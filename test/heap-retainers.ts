/**
 * Reads a V8 heap snapshot (the JSON of `v8.getHeapSnapshot()`) and explains why a string is still in memory:
 * for each matching string, the shortest chain of strong references from the snapshot's root to it. Used by
 * the retention tests so that a failure names the cache (or V8 structure) that holds a closed document's text.
 */
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { getHeapSnapshot } from 'node:v8';
import { createLanguageService } from '../server/src/service/index';

export interface HeapSnapshot {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** Takes a heap snapshot of this process (V8 runs a full garbage collection first) and parses it. */
export async function takeHeapSnapshot(): Promise<HeapSnapshot> {
  const chunks: Buffer[] = [];
  for await (const c of getHeapSnapshot()) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as HeapSnapshot;
}

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

/** Indexes of the string nodes whose name (a flat string's first 1,024 characters) satisfies `isTarget`. */
export function findStrings(snap: HeapSnapshot, isTarget: (s: string) => boolean): number[] {
  const { meta } = snap.snapshot;
  const nf = meta.node_fields.length;
  const typeOff = meta.node_fields.indexOf('type');
  const nameOff = meta.node_fields.indexOf('name');
  const nodeTypes = meta.node_types[0];
  const out: number[] = [];
  for (let i = 0; i * nf < snap.nodes.length; i++) {
    const type = nodeTypes[snap.nodes[i * nf + typeOff]!]!;
    if (STRING_TYPES.has(type) && isTarget(snap.strings[snap.nodes[i * nf + nameOff]!]!)) out.push(i);
  }
  return out;
}

export interface Explanation {
  /**
   * `strong`: reachable from the root through JavaScript objects (a cache, a closure, a module: a real retention);
   * `code`: only through compiled code (a constant optimised code embeds, feedback, bytecode): it stays until that
   * code is thrown away; `compiler`: only through the handles of a compile job (gone when the job ends);
   * `weak`: only through weak references; `unreachable`: garbage the snapshot still listed.
   */
  kind: 'strong' | 'code' | 'compiler' | 'weak' | 'unreachable';
  /** The shortest such path from the root, one line per edge: `holder type:holder name --edge type:edge name-->`. */
  path: string;
}

/**
 * Why each target node (at most `max`) is in the snapshot. For `strong`, three kinds of edges are not followed:
 * weak ones and shortcuts; edges out of the snapshot's `code` nodes (compiled and optimized code with the
 * constants it embeds, bytecode, feedback vectors, shared function infos: what V8 keeps about functions, not
 * data of ours); and the root edges named in `compilerRoots`: all edges of a synthetic root (`{ root: "(Handle
 * scope)" }`, which holds the handles of a compile job running on a background thread), or those of its edges
 * whose name matches (`{ root: "(Strong roots)", edge: /IdentityMap/ }`: the compiler's canonical handle maps).
 * A module-level Map is reachable from its module and its functions' contexts without any of these. `code` follows
 * the code nodes' edges but not the compiler roots; `compiler` follows both; `weak` everything.
 */
export function explainStrings(
  snap: HeapSnapshot,
  targets: number[],
  options: { compilerRoots?: { root: string; edge?: RegExp }[]; max?: number } = {},
): Explanation[] {
  const { meta } = snap.snapshot;
  const nf = meta.node_fields.length;
  const ef = meta.edge_fields.length;
  const nType = meta.node_fields.indexOf('type');
  const nName = meta.node_fields.indexOf('name');
  const nEdges = meta.node_fields.indexOf('edge_count');
  const eType = meta.edge_fields.indexOf('type');
  const eName = meta.edge_fields.indexOf('name_or_index');
  const eTo = meta.edge_fields.indexOf('to_node');
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const { nodes, edges, strings } = snap;
  const count = nodes.length / nf;
  const firstEdge = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) {
    firstEdge[i] = e;
    e += nodes[i * nf + nEdges]! * ef;
    firstEdge[i + 1] = e;
  }
  const weak = edgeTypes.indexOf('weak');
  const shortcut = edgeTypes.indexOf('shortcut');
  const synthetic = nodeTypes.indexOf('synthetic');
  const code = nodeTypes.indexOf('code');
  const compilerRoots = options.compilerRoots ?? [];
  /** Whether edge `e` of node `n` is (part of) a compiler root. */
  const isCompilerRoot = (n: number, e: number): boolean =>
    nodes[n * nf + nType] === synthetic &&
    compilerRoots.some((r) => {
      if (r.root === strings[nodes[n * nf + nName]!]) return r.edge !== undefined && edgeName(e).search(r.edge) >= 0;
      return r.edge === undefined && r.root === strings[nodes[edges[e + eTo]! + nName]!] && nodes[edges[e + eTo]! + nType] === synthetic;
    });
  const edgeName = (e: number): string => {
    const et = edgeTypes[edges[e + eType]!]!;
    return et === 'element' || et === 'hidden' ? `[${edges[e + eName]}]` : String(strings[edges[e + eName]!]);
  };

  function bfs(followWeak: boolean, followCode: boolean, followCompiler: boolean): { parent: Int32Array; via: Int32Array } {
    const parent = new Int32Array(count).fill(-2);
    const via = new Int32Array(count).fill(-1);
    parent[0] = -1;
    const queue = new Int32Array(count);
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const n = queue[head]!;
      if (!followCode && nodes[n * nf + nType] === code) continue;
      for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += ef) {
        const t = edges[e + eType]!;
        if (t === shortcut || (!followWeak && t === weak)) continue;
        const to = edges[e + eTo]! / nf;
        if (parent[to] !== -2 || (!followCompiler && isCompilerRoot(n, e))) continue;
        parent[to] = n;
        via[to] = e;
        queue[tail++] = to;
      }
    }
    return { parent, via };
  }

  const label = (n: number): string =>
    `${nodeTypes[nodes[n * nf + nType]!]}:${JSON.stringify(String(strings[nodes[n * nf + nName]!]).slice(0, 60))}`;
  function path(search: { parent: Int32Array; via: Int32Array }, target: number): string {
    const steps: string[] = [];
    for (let n = target; n > 0 && steps.length < 60; n = search.parent[n]!) {
      const e = search.via[n]!;
      steps.push(`${label(search.parent[n]!)} --${edgeTypes[edges[e + eType]!]}:${edgeName(e)}-->`);
    }
    return `  ${steps.reverse().join('\n  ')}\n  => ${label(target)}`;
  }

  const searches: Record<'strong' | 'code' | 'compiler' | 'weak', ReturnType<typeof bfs> | undefined> = {
    strong: bfs(false, false, false),
    code: undefined,
    compiler: undefined,
    weak: undefined,
  };
  const out: Explanation[] = [];
  for (const t of targets.slice(0, options.max ?? 3)) {
    let found: Explanation | undefined;
    for (const kind of ['strong', 'code', 'compiler', 'weak'] as const) {
      const search = (searches[kind] ??= kind === 'code' ? bfs(false, true, false) : kind === 'compiler' ? bfs(false, true, true) : bfs(true, true, true));
      if (search.parent[t] !== -2) {
        found = { kind, path: path(search, t) };
        break;
      }
    }
    out.push(found ?? { kind: 'unreachable', path: `  ${label(t)}` });
  }
  return out;
}

/**
 * Fails the test if a string starting with `marker` (a closed document's first line) is still held by a cache of ours
 * or by compiled code, naming the path that holds it. V8 itself may hold the text for a moment after the document is
 * closed: a compile still running on a background
 * thread holds handles to what it reads (the snapshot's "(Handle scope)" root, and the canonical handle maps among
 * its "(Strong roots)"); it lets go when the job ends. explainStrings (above) tells that apart from the two
 * retentions that fail the test at once, with the path:
 * - `strong`: a cache of ours (a module-level Map is reachable without going through compiled code or those handles);
 * - `code`: a constant in compiled code. TurboFan used to inline document.ts's per-document `positionAt` closure into
 *   completion's `edit` and fold the text it captured into the optimised code, where it stayed until that code ran
 *   with another document (Round 7); the document's helpers are methods now, so no optimised code holds a text.
 * A text held only by a compile job is looked for again after a pause (a background compile is usually done by
 * then) and otherwise reported in the test's diagnostics.
 */
export async function assertNotRetained(t: TestContext, marker: string): Promise<void> {
  const ATTEMPTS = 3;
  for (let attempt = 1; ; attempt++) {
    const why = await whatHolds(marker);
    if (why.length === 0) {
      if (attempt > 1) t.diagnostic(`the text was held by a compile job only, and was gone at attempt ${attempt}`);
      return;
    }
    const held = why.filter((w) => w.kind === 'strong' || w.kind === 'code');
    assert.equal(held.length, 0, `the closed document's text is still reachable (${held.map((w) => w.kind).join(', ')}):\n${held.map((w) => w.path).join('\n')}`);
    if (attempt === ATTEMPTS) {
      t.diagnostic(`the text is held by a compile job only (${why.map((w) => w.kind).join(', ')}):\n${why.map((w) => w.path).join('\n')}`);
      return;
    }
    // Time for a background compile to finish; running JavaScript lets the main thread install it.
    await sleep(200 * attempt);
    for (let i = 0; i < 1e5; i++) Math.sqrt(i);
  }
}

/** Roots through which only V8's compiler holds objects (seen holding the text in failed runs under load). */
const V8_COMPILER_ROOTS = [{ root: '(Handle scope)' }, { root: '(Strong roots)', edge: /IdentityMap/ }];

/** What holds strings starting with `marker` (the snapshot, with its copy of their names, is dropped on return). */
async function whatHolds(marker: string): Promise<Explanation[]> {
  // Not references held by a cache: V8's last-match record of the last regular expression run (on the text),
  // and stack slots of the finished calls (back to the event loop first).
  /./.test('reset');
  await new Promise((resolve) => setImmediate(resolve));
  const snap = await takeHeapSnapshot();
  // A string node is named after its first 1,024 characters.
  const alive = findStrings(snap, (s) => s.startsWith(marker) && s.length > marker.length + 500);
  return alive.length === 0 ? [] : explainStrings(snap, alive, { compilerRoots: V8_COMPILER_ROOTS });
}

/**
 * Opens `text` as `uri` in a fresh language service, computes its diagnostics and closes it; returns how many
 * findings it had. The service and the document are locals of this call, so after it returns only the caches
 * shared across documents can still hold the text (what the retention tests look for).
 */
export function diagnoseAndForget(text: string, uri: string): number {
  const svc = createLanguageService();
  const found = svc.diagnostics(svc.parse(text, uri, 1)).length;
  svc.forget(uri);
  return found;
}
