/**
 * One full garbage collection when the server goes quiet after work (docs/performance.md, "Round 4": memory).
 *
 * Parsing a large config leaves megabytes of garbage that V8 collects only when it next needs room, so a server
 * that stops after a burst of edits keeps those pages resident. With `gc` available (node started with
 * `--expose-gc`, as the VS Code client does: client/src/server-flags.ts) the server runs one collection once it
 * has seen no message for `idleMs`, and a second one `AFTER_MS` later (the first one's concurrent sweeping has then
 * emptied more pages, which the second releases: ~0.8 MB); with V8's --optimize-for-size that returns the burst's
 * pages to the system. A message in between cancels the second one.
 * Without `gc` (a plain `node dist/server.js`) this does nothing: V8's default young generation grows back to
 * 16 MB after a forced collection, so forcing one there costs memory instead of saving it.
 */
export interface IdleCollector {
  /** Call on every incoming message: (re)starts the quiet-period timer. */
  touch(): void;
  /** Collections run so far, two per quiet period (for tests and logging). */
  readonly runs: number;
}

const AFTER_MS = 300;

export function idleCollector(gc: (() => unknown) | undefined, idleMs = 1500): IdleCollector | undefined {
  if (typeof gc !== 'function') return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let runs = 0;
  const schedule = (ms: number, then: () => void) => {
    timer = setTimeout(then, ms);
    // A pending collection never keeps the process alive on its own.
    timer.unref?.();
  };
  const collect = (again: boolean) => {
    timer = undefined;
    runs++;
    gc();
    if (again) schedule(AFTER_MS, () => collect(false));
  };
  return {
    touch() {
      if (timer) clearTimeout(timer);
      schedule(idleMs, () => collect(true));
    },
    get runs() {
      return runs;
    },
  };
}
