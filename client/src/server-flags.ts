/**
 * Node/V8 flags the VS Code client starts the language server with (docs/performance.md, "Round 4": memory).
 * The bench's editor session (bench/measure.ts `session()`) runs the server with exactly these, so the numbers
 * there are the ones a VS Code user gets.
 *
 * - `--optimize-for-size`: a 1 MB young generation instead of 16 MB, and an old generation grown in smaller steps.
 * - `--no-concurrent-recompilation`: optimising compiles run on the main thread. Concurrent ones run on V8's worker
 *   threads, and each of those keeps its own malloc arena holding the freed compiler memory (~10 MB resident after
 *   a session on a 6,500-line config); didOpen/keystroke latency measured no worse (the compiles are small).
 *
 * Both must be on the command line: set later with v8.setFlagsFromString they do not change an existing heap or
 * compiler thread set.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--optimize-for-size', '--no-concurrent-recompilation', '--expose-gc'];
