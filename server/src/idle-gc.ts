/**
 * Full garbage collections when the server goes quiet after work (docs/performance.md, "Round 4" and "Round 5":
 * memory).
 *
 * Parsing a config leaves garbage that V8 collects only when it next needs room: for a small heap V8 lets the old
 * generation grow by at least 8 MB between full collections, so a server that stops after a burst of opens or
 * edits can keep up to ~8 MB of dead documents resident. With `gc` available (node started with `--expose-gc`, as
 * the VS Code client does: client/src/server-flags.ts) the server collects once it has seen no message for a
 * while, and a second time `AFTER_MS` later (the first one's concurrent sweeping has then emptied more pages,
 * which the second releases: ~0.8 MB); with V8's --optimize-for-size that returns the burst's pages to the system.
 * How long "a while" is depends on how much there is to gain: `soonMs` when the heap has grown by `growth` bytes
 * or more since the last collection (a closed or reopened large document, a burst of edits: megabytes come back
 * for a few milliseconds of work), `idleMs` otherwise. A message in between cancels what is pending.
 * The quiet-period collection is skipped when the old generation grew by less than `minGrowth` since the last
 * collection: an idle editor's periodic requests (VS Code's client repeats workspace/diagnostic 2 s after each
 * answer, forever) leave only short-lived garbage, which the scavenger frees, and two full collections after each
 * of them cost more CPU than the pulls themselves (docs/performance.md, "Round 6": pull diagnostics).
 * A plain `node dist/server.js` has no `gc`; main.ts gives it `plainCollection()` below instead, because there the
 * young generation keeps its start-up size (heap-flags.ts). Before that limit (Round 5) a forced collection let
 * V8's default young generation grow back to 16 MB and more, costing memory instead of saving it.
 */
import type { Session } from 'node:inspector';
import { setFlagsFromString } from 'node:v8';
import { measureMemory } from 'node:vm';
export interface IdleCollector {
  /** Call on every incoming message: (re)starts the quiet-period timer. */
  touch(): void;
  /** Collections run so far, two per quiet period (for tests and logging). */
  readonly runs: number;
}

export interface IdleOptions {
  /** Quiet period before collecting when the heap grew by less than `growth` (ms). */
  idleMs?: number;
  /** Quiet period before collecting when the heap grew by `growth` or more (ms). */
  soonMs?: number;
  /** Heap growth since the last collection that makes a collection worth doing sooner (bytes). */
  growth?: number;
  /** Bytes in use on the heap now (node: v8.getHeapStatistics().used_heap_size); without it only `idleMs` applies. */
  heapUsed?: () => number;
  /** Bytes in use in the old generation (node: the heap spaces other than the new ones); without it `minGrowth` does not apply. */
  oldUsed?: () => number;
  /** Old-generation growth since the last collection below which the quiet-period collection is skipped (bytes). */
  minGrowth?: number;
  /**
   * A costlier collection that gives more back (a plain start's memory-reducing one: reducingCollection below), run
   * instead of `gc` at most once per `everyMs`: on a quiet period when the last one is that long ago (alone: it
   * is already two full collections), otherwise `gc` as usual and then this one once `everyMs` has passed since
   * the last, if no message came in between. Its pause (two full collections, 30-70 ms after a session) then
   * delays a request at most once per `everyMs` while someone works, and an editor left alone still ends with its
   * memory given back (docs/performance.md, "Round 18").
   */
  reduce?: { gc: () => void; everyMs: number; now?: () => number };
}

const AFTER_MS = 300;

export function idleCollector(gc: (() => unknown) | undefined, options: IdleOptions = {}): IdleCollector | undefined {
  if (typeof gc !== 'function') return undefined;
  const { idleMs = 1500, soonMs = 300, growth = 2 * 2 ** 20, heapUsed, oldUsed, minGrowth = 2 ** 20, reduce } = options;
  const now = reduce?.now ?? Date.now;
  let reducedAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let runs = 0;
  // Heap in use after the last collection (0 before the first: start-up's own garbage counts as growth).
  let base = 0;
  let oldBase = 0;
  const schedule = (ms: number, then: () => void) => {
    timer = setTimeout(then, ms);
    // A pending collection never keeps the process alive on its own.
    timer.unref?.();
  };
  const collect = (again: boolean) => {
    timer = undefined;
    runs++;
    const reducing = reduce !== undefined && now() - reducedAt >= reduce.everyMs;
    if (reducing) reducedAt = now();
    (reducing ? reduce.gc : gc)();
    if (heapUsed) base = heapUsed();
    if (oldUsed) oldBase = oldUsed();
    if (reducing) return;
    if (again) schedule(AFTER_MS, () => collect(false));
    else if (reduce) schedule(Math.max(0, reducedAt + reduce.everyMs - now()), () => collect(false));
  };
  const worthIt = () => heapUsed !== undefined && heapUsed() - base >= growth;
  /** The quiet-period collection, unless the old generation has hardly grown since the last one. */
  const quiet = () => {
    if (oldUsed && oldUsed() - oldBase < minGrowth) timer = undefined;
    else collect(true);
  };
  return {
    touch() {
      if (timer) clearTimeout(timer);
      if (!heapUsed || soonMs >= idleMs) return schedule(idleMs, quiet);
      schedule(soonMs, () => (worthIt() ? collect(true) : schedule(idleMs - soonMs, quiet)));
    },
    get runs() {
      return runs;
    },
  };
}

/**
 * A full collection without `--expose-gc`, for a plain start (docs/performance.md, "Round 12"): V8 runs one to
 * answer `vm.measureMemory({ execution: 'eager' })` (posted as a task, so it runs right after the timer's callback).
 * After the bench's session it releases 4-6 MB: the closed documents' large arrays and strings, which V8 would
 * otherwise keep until the old generation grows by its next step. Node marks the call experimental and says so
 * once on stderr; that warning is kept out of the server's log. Undefined where the call is missing.
 *
 * The collection also compacts (docs/performance.md, "Round 14"): `--optimize-for-size` is set for its duration
 * (`setFlags`, node: v8.setFlagsFromString) and taken back when the measurement answers. V8 reads the flag when it
 * picks the pages to evacuate: with it, a page with 20% or more free space is moved (at most 6 MB), without it
 * only one with 70% or more. V8 picks them by what its previous full collection left live on each page: after a
 * session, the pages that the closed documents' models left partly free between long-lived objects (code
 * metadata, feedback, the open document). Their survivors are moved together and the emptied pages go back to
 * the system (~1-2 MB after the bench's session). Marking stays incremental and sweeping concurrent; only a flag
 * V8 reads in its heuristics is touched, never one that changes how marking is split between threads (Round 13:
 * that aborted V8). Used only by a plain start: main.ts gives node started with memory flags of its own none of this.
 * Since Round 18 a plain start also has reducingCollection() below, at most once per 10 s (main.ts; `reduce` above),
 * and this one in between, and from then on where the inspector is missing.
 */
export function plainCollection(setFlags: (flags: string) => void = setFlagsFromString): (() => void) | undefined {
  if (typeof measureMemory !== 'function') return undefined;
  return () => {
    const emit = process.emitWarning;
    process.emitWarning = () => undefined;
    let set = false;
    const back = () => {
      if (set) setFlags('--no-optimize-for-size');
      set = false;
    };
    try {
      setFlags('--optimize-for-size');
      set = true;
      measureMemory({ execution: 'eager' }).then(back, back);
    } catch {
      // Not collected this time: nothing else depends on it.
      back();
    } finally {
      process.emitWarning = emit;
    }
  };
}

/** Sends one inspector command (no parameters) and calls `done` when its reply has come. */
export type InspectorPost = (method: string, done: () => void) => void;

interface InspectorBinding {
  Connection?: new (onMessage: (message: string) => void) => { dispatch(message: string): void };
}

/**
 * A connection to the process's own inspector: Node's binding when it is there (what `inspector.Session` wraps;
 * the module itself loads `worker_threads` and five more built-ins, whose compiling touched ~0.5 MB more of the
 * node executable's pages: docs/performance.md, "Round 18"), else the `node:inspector` module, else undefined.
 */
export function connectInspector(): InspectorPost | undefined {
  try {
    const binding = (process as unknown as { binding?: (name: string) => InspectorBinding }).binding?.('inspector');
    if (typeof binding?.Connection === 'function') {
      const waiting = new Map<number, () => void>();
      let last = 0;
      const connection = new binding.Connection((message) => {
        const id = (JSON.parse(message) as { id?: unknown }).id;
        const done = typeof id === 'number' ? waiting.get(id) : undefined;
        if (done) {
          waiting.delete(id as number);
          done();
        }
      });
      return (method, done) => {
        waiting.set(++last, done);
        connection.dispatch(JSON.stringify({ id: last, method }));
      };
    }
  } catch {
    // No binding by that name (another Node): the module below.
  }
  const inspector = process.getBuiltinModule?.('node:inspector');
  if (!inspector) return undefined;
  const session: Session = new inspector.Session();
  session.connect();
  return (method, done) => session.post(method, () => done());
}

/**
 * A memory-reducing full collection for a plain start (docs/performance.md, "Round 18": rss18): what V8 runs on a
 * low-memory notification, asked for through the process's own inspector (`HeapProfiler.collectGarbage`; no port
 * is opened, nothing is enabled). Unlike the collection of `plainCollection()` it shrinks the young generation back
 * to V8's initial 1 MB semi-space and uncommits the unused half, compacts the old generation's fragmented pages and
 * gives the freed pages back at once: ~4 MB fewer of V8's pages after the bench's session (new space 4 MB -> 1 MB).
 * V8 runs it in a task posted right after the call, as two or more full collections (no incremental marking);
 * `collected` is called when it is over. The young generation then grows back on the next burst of work (main.ts:
 * youngRegrowth in heap-flags.ts), so the opens keep their scavenge rate.
 *
 * The connection is made at the first collection, not at start (it is not on the start-up path), and stays open for
 * the process's life: V8 11.3 (Node 20) deadlocks when a session is disconnected from inside the reply to this
 * command, and a connection with no domain enabled costs nothing while idle. Where there is no inspector (a Node
 * built without it), `fallback` collects instead, from then on.
 */
export function reducingCollection(
  fallback: (() => void) | undefined,
  collected: () => void = () => undefined,
  connect: () => InspectorPost | undefined = connectInspector,
): () => void {
  let post: InspectorPost | undefined;
  let failed = false;
  return () => {
    if (failed) return fallback?.();
    try {
      post ??= connect();
      if (!post) throw new Error('no inspector');
      post('HeapProfiler.collectGarbage', collected);
    } catch {
      // No inspector here: the measured collection from now on.
      failed = true;
      fallback?.();
    }
  };
}
