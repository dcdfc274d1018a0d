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
import { setFlagsFromString as setFlagsPublic } from 'node:v8';

interface LegacyProcess {
  binding?: (name: string) => { setFlagsFromString?: unknown };
  noDeprecation?: boolean;
}

/**
 * V8's setFlagsFromString without `node:v8`: that module loads Node's heap-snapshot helpers and with them its 19
 * stream modules (internal/streams/*), about 8 M instructions and 70 page faults of a CLI run that writes with
 * fs.writeSync and reads no stream (docs/performance.md, Round 19). `node:v8` calls the same function of its native
 * binding, which `process.binding('v8')` returns. That call is deprecated (DEP0111) and Node warns of it at run time:
 * the warning is for our own call, so `process.noDeprecation` keeps it quiet for that call only. Where the binding or
 * its function is missing (a later Node), `node:v8` is used as before (it is bundled as a lazy module: build.mjs).
 */
function setFlagsFromString(flags: string): void {
  const p = process as unknown as LegacyProcess;
  let set: unknown;
  const quiet = p.noDeprecation;
  try {
    p.noDeprecation = true;
    set = p.binding?.('v8').setFlagsFromString;
  } catch {
    set = undefined;
  } finally {
    p.noDeprecation = quiet;
  }
  if (typeof set === 'function') (set as (f: string) => void)(flags);
  else setFlagsPublic(flags);
}

export function tuneForShortRun(): void {
  if (!process.env.NOVA_CONF_CODE_CACHE_MAKER) setFlagsFromString('--interrupt-budget=270336 --semi-space-growth-factor=1');
}
