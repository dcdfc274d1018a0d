/**
 * Work the server does while the editor is quiet, in small slices that give way to every incoming message
 * (docs/performance.md, Round 11: a server's first option-name completion builds its lists when nothing else is
 * waiting, so the first Ctrl+Space does not).
 *
 * Slices run one per event-loop turn (setImmediate between them). The transport calls `touch()` when bytes of a
 * message arrive (platform.ts `onIncoming`; node: stdin data or an IPC message), before vscode-jsonrpc handles the
 * message, which it does on a later setImmediate. A slice whose turn comes after a touch does not run: the work
 * waits until `quietMs` have passed with no message, so a request queued while priming is answered before any
 * further slice runs, and a burst of messages (typing, the editor's requests after an open) pushes the work back
 * until the burst ends. Without a transport that touches (the browser, tests' stream pairs), each slice still
 * yields a turn, so a message waits for at most one slice.
 *
 * `stop()` (the server's shutdown) drops what is left for good. A slice that throws is skipped: priming must never
 * take the server down.
 *
 * No node built-ins: startServer() imports this module (platform.ts).
 */
export interface IdleWork {
  /**
   * Queues slices behind those still waiting. Ignored after stop(). A slice that returns a promise (a request
   * handler run ahead) holds the next slice back until it settles.
   */
  add(slices: readonly (() => unknown)[]): void;
  /** A message (or part of one) arrived: the next slice waits for a quiet period. */
  touch(): void;
  /** No more slices, now or later (shutdown). */
  stop(): void;
  /** Slices waiting to run. */
  readonly pending: number;
}

export interface IdleWorkOptions {
  /** How long no message must arrive before the slices resume after a touch (ms). */
  quietMs?: number;
  /** Runs `f` on a later turn of the event loop (default: setImmediate, or setTimeout 0 where there is none). */
  later?: (f: () => void) => void;
  /** Runs `f` after `ms` without keeping the process alive; returns what `cancel` takes. */
  after?: (f: () => void, ms: number) => unknown;
  cancel?: (handle: unknown) => void;
}

const defaultLater = (f: () => void): void => {
  const si = (globalThis as { setImmediate?: (f: () => void) => unknown }).setImmediate;
  if (si) si(f);
  else setTimeout(f, 0);
};

const defaultAfter = (f: () => void, ms: number): unknown => {
  const t = setTimeout(f, ms);
  // A pending resume never keeps the process alive on its own.
  (t as { unref?: () => void }).unref?.();
  return t;
};

export function idleWork(options: IdleWorkOptions = {}): IdleWork {
  const { quietMs = 50, later = defaultLater, after = defaultAfter } = options;
  const cancel = options.cancel ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let queue: (() => unknown)[] = [];
  let stopped = false;
  // A turn is booked for the next slice (`later`), or a slice's promise has not settled yet.
  let booked = false;
  // A message arrived since the last slice ran.
  let touched = false;
  // The quiet-period timer, while the slices wait for one.
  let waiting: unknown;

  const book = () => {
    if (booked || stopped || waiting !== undefined || !queue.length) return;
    booked = true;
    later(turn);
  };
  const wait = () => {
    if (waiting !== undefined) cancel(waiting);
    waiting = after(() => {
      waiting = undefined;
      touched = false;
      book();
    }, quietMs);
  };
  function turn(): void {
    booked = false;
    if (stopped) return;
    if (touched) return wait();
    const slice = queue.shift();
    if (!slice) return;
    let result: unknown;
    try {
      result = slice();
    } catch {
      // skipped: see above
    }
    if (result instanceof Promise) {
      booked = true;
      const next = () => {
        booked = false;
        book();
      };
      result.then(next, next);
    } else book();
  }
  return {
    add(slices) {
      if (stopped) return;
      queue.push(...slices);
      book();
    },
    touch() {
      if (stopped) return;
      // Also with nothing queued: work added right after a message (priming after an open's diagnostics) waits
      // for a quiet period first.
      touched = true;
      // Already waiting for quiet: the period starts again.
      if (waiting !== undefined) wait();
    },
    stop() {
      stopped = true;
      queue = [];
      if (waiting !== undefined) cancel(waiting);
      waiting = undefined;
    },
    get pending() {
      return queue.length;
    },
  };
}
