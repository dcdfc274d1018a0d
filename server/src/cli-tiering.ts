/**
 * V8 tiering for the CLI (cli.ts calls tuneForShortRun() once the modules are loaded, before any rule runs).
 *
 * V8 sends a function to its optimising compiler (TurboFan) once it has run through an "interrupt budget" of
 * bytecode (67,584 bytes by default in Node 20's V8). A lint of an ordinary config is over in ~100 ms, before
 * most such compilations pay back: on the bench's full config TurboFan was ~20% of the whole process's
 * instructions (valgrind; docs/performance.md "Round 5"). With 4x the budget only code that stays hot is
 * optimised: the full config and 1 MB inputs take 20-25% less CPU, 10 MB inputs about the same (8x saved a
 * little more on small inputs but cost ~5% on 10 MB ones). The language server, a long-running process,
 * keeps V8's default.
 *
 * The same call keeps the young generation at its size (`--semi-space-growth-factor=1`, as the language server's plain
 * start does: heap-flags.ts). V8 otherwise doubles it whenever a scavenge's survivors fill it, up to 8 MB on the full
 * config and 16 MB on a 1 MB PCI file, and every new page of it is touched for the first time: on a host where start-up
 * is page-fault bound that cost ~500 faults and ~10% of the CPU on the full config, 7-10% on 1 and 10 MB inputs
 * (docs/performance.md, Round 16). More scavenges (7 instead of 4 on the full config), each over less memory.
 *
 * Both flags are read whenever V8 decides (to tier up, to grow), so setting them at run time works. But V8 keeps a
 * hash of its flags and rejects any code cache made under another hash, Node's own built-in modules included: a built-in
 * first loaded after this call is compiled from source. Hence the call comes after module loading, and the
 * report is written without `process.stdout` (cli-stdout.ts), which would load the stream modules. The build's
 * cache-making run (scripts/code-cache.mjs sets NOVA_CONF_CODE_CACHE_MAKER) keeps the default, so that the
 * bundle's cache is made under the flags it is read with.
 */
import { setFlagsFromString } from 'node:v8';

export function tuneForShortRun(): void {
  if (!process.env.NOVA_CONF_CODE_CACHE_MAKER) setFlagsFromString('--interrupt-budget=270336 --semi-space-growth-factor=1');
}
