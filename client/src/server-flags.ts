import flags from './server-flags.json';

/**
 * How the VS Code client starts the language server process (docs/performance.md, "Round 4": memory). The bench's
 * editor session (bench/measure.ts `session()`) starts it the same way, so the numbers there are the ones a VS Code
 * user gets.
 *
 * - `--optimize-for-size`: a 1–2 MB young generation instead of 16 MB, and an old generation grown in smaller steps.
 * - `--no-concurrent-recompilation`: optimising compiles run on the main thread. Concurrent ones run on V8's worker
 *   threads, and each of those keeps its own malloc arena holding the freed compiler memory (~10 MB resident after
 *   a session on a 6,500-line config); didOpen/keystroke latency measured no worse (the compiles are small).
 * - `--expose-gc`: lets the server collect once when it goes quiet after work (server/src/idle-gc.ts).
 *
 * The flags must be on the command line: set later with v8.setFlagsFromString they do not change an existing heap
 * or compiler thread set. They live in server-flags.json because the build reads them too: dist/server.js carries
 * a second V8 code cache made under exactly these flags (scripts/code-cache.mjs; V8 rejects a cache made under
 * other flags), used when the node that runs it is the one that built it.
 */
export const SERVER_NODE_FLAGS: readonly string[] = flags.nodeFlags;

/**
 * Environment added to the server's. glibc raises its mmap threshold to the size of the largest block freed so far
 * (Node reads the 1.2 MB server bundle into one), after which it keeps up to twice that of free memory at the top
 * of the heap instead of returning it: a fixed 128 KB threshold keeps the heap ~2 MB smaller. Other C libraries
 * ignore the variable.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = flags.env;
