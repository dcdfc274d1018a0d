/**
 * The young generation of a plain `node dist/server.js` (docs/performance.md, "Round 5": server memory).
 *
 * Started without memory flags (Neovim, Helix, Emacs running `nova-conf-language-server`), V8 doubles the young
 * generation whenever a collection sees many survivors, and a language server's open documents do survive: after
 * the bench's editor session it was 16 MB, after four such sessions 32 MB (RSS 86 MB, then 105-123 MB). V8 reads
 * `--semi-space-growth-factor` each time it grows the young generation, so this flag, unlike the heap sizes and
 * compiler threads, works when set from inside the process: with 1 the young generation keeps its start-up size
 * (RSS 75 MB after one session and after four; server CPU +5%, didOpen/keystroke latency unchanged).
 * It is set after the bundle is loaded: V8 hashes its flags into code caches, and the bundle's own cache was
 * checked against the start-up hash (a built-in module loaded later is compiled from source instead of from
 * Node's cache: `crypto`, `child_process`, rarely used here).
 * Not set when node got a young-generation or size flag on its command line (the VS Code client's
 * `--optimize-for-size`, the nova-conf-language-server-lean launcher, a user's own choice): those stay as given.
 */
export const PLAIN_START_FLAGS: readonly string[] = ['--semi-space-growth-factor=1', '--interrupt-budget=270336'];

/**
 * The second flag above: four times V8's interrupt budget (Node 20: 67,584 bytes of bytecode run before a function
 * is considered for TurboFan), as cli-tiering.ts does for the CLI. Each TurboFan compile runs on one of V8's worker
 * threads and frees its zone memory into that thread's malloc arena, which glibc keeps up to its trim threshold
 * (raised to ~1 MB in a plain start by the first large zone freed; docs/performance.md, "Round 12"): with fewer
 * compiles, functions that are hot only briefly stay in V8's baseline tiers. Tried for that memory, which it did not
 * move above the bench host's noise; kept because the real6k opens took 5-22% less server CPU (the compiles ran on
 * the same two cores; docs/performance.md, "Round 13": rss13). Code that stays hot (an open's parser and rules) is
 * still optimised, a little later. Read at run time like the growth factor; lifted with it for big inputs (below).
 */
export const DEFAULT_INTERRUPT_BUDGET = 67584;

const SIZED = /^--(optimize[-_]for[-_]size|max[-_]semi[-_]space[-_]size|min[-_]semi[-_]space[-_]size|semi[-_]space[-_]growth[-_]factor|max[-_]young[-_]generation[-_]size)(=|$)/;

/** The V8 flags to set in a server started with `execArgv` (node's own arguments): none when it chose sizes itself. */
export function plainStartFlags(execArgv: readonly string[], nodeOptions = ''): readonly string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  return given.some((a) => SIZED.test(a)) ? [] : PLAIN_START_FLAGS;
}

/** V8's own growth factor and interrupt budget, given back while a big input is worked on (one string: setFlagsFromString takes several). */
export const LIFTED_FLAG = `--semi-space-growth-factor=2 --interrupt-budget=${DEFAULT_INTERRUPT_BUDGET}`;
/** The limits again once the big input has been dealt with. */
export const CAPPED_FLAG = PLAIN_START_FLAGS.join(' ');

export interface BigInputOptions {
  /** A message of at least this many bytes lifts the limit (a didOpen of a document of about 1 MB or more). */
  bytes?: number;
  /** How long after the last input (any chunk, once lifted) the limit is set again (ms). */
  quietMs?: number;
}

export interface BigInputLift {
  /** Call with the length of every incoming message (framing.ts hands over each Content-Length). */
  frame(length: number): void;
  /** Call on every chunk of input: while lifted, the quiet period starts again (a big body arrives in many chunks). */
  touch(): void;
  /** Whether the limit is lifted now (for tests and logging). */
  readonly lifted: boolean;
}

/**
 * The limit above costs big documents time: a 10 MB didOpen makes ~90 MB of model, all of it allocated young, and
 * with the start-up young generation V8 copies it out in ~130 scavenges per open instead of ~12 (docs/performance.md,
 * "Round 6": the 10 MB PCI file); and its few long checks want TurboFan's code as soon as V8's default budget would
 * give it (cli-tiering.ts: 10 MB inputs did not gain from a higher budget). So a message of `bytes` or more (the didOpen, or a paste, of a big document;
 * edits are incremental and small) gives V8 its own growth factor back until the input has been quiet for `quietMs`
 * (the body's chunks and later messages restart the wait; the checks of an opened document run right after its
 * message, so they are done by then); then the limit is set again. Sessions on normal documents never lift it. V8 does not shrink a grown young
 * generation again, so a server that has opened a big document keeps the size it reached (at most V8's default
 * 16 MB semi-spaces, what every plain start had before the limit).
 */
export function bigInputLift(setFlag: (flag: string) => void, options: BigInputOptions = {}): BigInputLift {
  const { bytes: threshold = 1 << 20, quietMs = 1000 } = options;
  let lifted = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const restore = () => {
    timer = undefined;
    lifted = false;
    setFlag(CAPPED_FLAG);
  };
  const wait = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(restore, quietMs);
    // A pending reset never keeps the process alive on its own.
    timer.unref?.();
  };
  return {
    frame(length: number) {
      if (length < threshold) return;
      if (!lifted) setFlag(LIFTED_FLAG);
      lifted = true;
      wait();
    },
    touch() {
      if (lifted) wait();
    },
    get lifted() {
      return lifted;
    },
  };
}

export interface YoungRegrowth {
  /** Call when a collection has finished: notes whether it left the young generation below its start-up size. */
  collected(): void;
  /** Call on every chunk of input: lets the young generation grow once, then caps it again at its start-up size. */
  touch(): void;
  /** Whether the young generation is being let grow back now (for tests and logging). */
  readonly regrowing: boolean;
}

/**
 * The young generation's start-up size back after a memory-reducing idle collection (idle-gc.ts
 * reducingCollection; docs/performance.md, "Round 18": rss18). That collection shrinks a plain start's semi-spaces
 * from 2 MB (what the bundle's module bodies grew them to) to V8's initial 1 MB, and with the growth factor capped at
 * 1 (above) they would stay there: more scavenges per open, which cost the 6,500-line didOpen ~1 ms at its median
 * when the cap was set before the module bodies ran (Round 12). So on the next input the growth factor is 2 until
 * V8's next growth step has brought the young generation back to `startSize` (its size when main.ts ran), checked on
 * each chunk, and then 1 again. V8 grows it only when a scavenge's survivors since its last growth exceed its size,
 * so one step is all a chunk's work gets.
 */
export function youngRegrowth(setFlag: (flag: string) => void, youngSize: () => number, startSize: number): YoungRegrowth {
  let shrunk = false;
  let regrowing = false;
  return {
    collected() {
      shrunk = youngSize() < startSize;
    },
    touch() {
      if (!shrunk) return;
      if (youngSize() >= startSize) {
        shrunk = false;
        if (regrowing) setFlag('--semi-space-growth-factor=1');
        regrowing = false;
      } else if (!regrowing) {
        regrowing = true;
        setFlag('--semi-space-growth-factor=2');
      }
    },
    get regrowing() {
      return regrowing;
    },
  };
}
