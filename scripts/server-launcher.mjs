// Writes dist/nova-conf-language-server-lean: the language server started with the VS Code client's memory settings
// (client/src/server-flags.json) on POSIX systems, for editors that start a command (Neovim, Helix, Emacs ...).
// Node takes V8 flags only on its command line (docs/performance.md, "Server memory"), so the launcher is a file
// that is both a sh script and a JavaScript module: sh runs its second line, which starts node with the flags and
// the environment on this same file; node skips the `#!` line, reads the second line as a string followed by a
// comment, and loads dist/server.js next to it (node resolves the npm bin symlink to the real file first). No
// `env -S` (busybox's env, on Alpine, has no -S). npm on Windows would make its .cmd shim call /bin/sh, so the
// package's portable command stays `nova-conf-language-server` (dist/server.js); docs/editors.md says which to use.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';

export function writeServerLauncher(out = 'dist/nova-conf-language-server-lean') {
  const { nodeFlags, env } = JSON.parse(readFileSync('client/src/server-flags.json', 'utf8'));
  const safe = /^[A-Za-z0-9_=.-]+$/;
  for (const x of [...nodeFlags, ...Object.entries(env).flat()]) if (!safe.test(x)) throw new Error(`server-launcher: ${x} needs quoting`);
  // A value the user already set wins (${VAR:-default}).
  const exports = Object.entries(env).map(([k, v]) => `export ${k}="\${${k}:-${v}}"; `).join('');
  const text = [
    '#!/bin/sh',
    `':' //; ${exports}exec node ${nodeFlags.join(' ')} "$0" "$@"`,
    '// The nova-conf language server started with the memory settings of the VS Code client (POSIX sh + node; written',
    '// by scripts/server-launcher.mjs from client/src/server-flags.json). sh runs the line above; node reads it as a',
    '// string and a comment, and runs the server next to this file.',
    "require('./server.js');",
    '',
  ].join('\n');
  writeFileSync(out, text);
  chmodSync(out, 0o755);
  return out;
}
