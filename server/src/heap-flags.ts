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
export const PLAIN_START_FLAGS: readonly string[] = ['--semi-space-growth-factor=1'];

const SIZED = /^--(optimize[-_]for[-_]size|max[-_]semi[-_]space[-_]size|min[-_]semi[-_]space[-_]size|semi[-_]space[-_]growth[-_]factor|max[-_]young[-_]generation[-_]size)(=|$)/;

/** The V8 flags to set in a server started with `execArgv` (node's own arguments): none when it chose sizes itself. */
export function plainStartFlags(execArgv: readonly string[], nodeOptions = ''): readonly string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  return given.some((a) => SIZED.test(a)) ? [] : PLAIN_START_FLAGS;
}
