/**
 * The node entry of the language server (dist/server.js, `nova-conf-language-server`): checks the arguments,
 * builds the stdio/IPC connection and starts the server on it with the node platform (platform-node.ts).
 */
import {
  Connection,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  createConnection,
} from 'vscode-languageserver/node';
import { FrameWriter } from './frame-writer';
import { FramingReader } from './framing';
import { idleCollector, plainCollection, reducingCollection } from './idle-gc';
import { type BigInputLift, bigInputLift, plainStartFlags, youngRegrowth } from './heap-flags';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { CANCEL_UNDISPATCHED, ShutdownGate } from './protocol-gate';
import { nodePlatform } from './platform-node';
import { startServer } from './server';
import { VERSION } from './version';
import { type EarlyInput, takeEarlyInput } from './early-start';

/** Bytes in use in V8's old generation: every heap space but the young ones (new_space, new_large_object_space). */
function oldUsed(): number {
  let n = 0;
  for (const s of getHeapSpaceStatistics()) if (!s.space_name.startsWith('new_')) n += s.space_used_size;
  return n;
}

/** Bytes of V8's young generation (its semi-spaces as committed: new_space's size). */
function youngSize(): number {
  for (const s of getHeapSpaceStatistics()) if (s.space_name === 'new_space') return s.space_size;
  return 0;
}

/** The command line entry (dist/server.js): checks the arguments, builds the stdio/IPC connection and starts the server on it. */
function main(): void {
  if (process.argv.includes('--version')) {
    process.stdout.write(`nova-conf-language-server ${VERSION}\n`);
    process.exit(0);
  }
  if (process.argv.includes('--help') || !process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
    process.stdout.write('Usage: nova-conf-language-server --stdio | --node-ipc | --socket=PORT\nThe nova.conf language server (Language Server Protocol). Editors start it; see the README.\n');
    process.exit(process.argv.includes('--help') ? 0 : 2);
  }
  // Started without memory flags: keep V8's young generation at its start-up size (heap-flags.ts). Not in the
  // build's code-cache session, whose cache must carry the start-up flag hash (scripts/code-cache.mjs).
  const capped = process.env.NOVA_CONF_CODE_CACHE_MAKER ? [] : plainStartFlags(process.execArgv, process.env.NODE_OPTIONS);
  // V8 checks a hash of its flags against every code cache, Node's own built-in modules' included, so a built-in
  // first loaded after setFlagsFromString is compiled from source (docs/performance.md, Round 11): every built-in a
  // session needs is loaded by now (test/protocol/builtins-before-flags.test.ts). The server's clock no longer reads
  // the `performance` global, which loaded perf_hooks and 11 more modules (protocol-gate.ts; Round 14).
  for (const f of capped) setFlagsFromString(f);
  // A plain start's idle collection shrinks the young generation; the next input lets it grow back (heap-flags.ts).
  const regrow = capped.length && !globalThis.gc ? youngRegrowth(setFlagsFromString, youngSize, youngSize()) : undefined;
  // ... except while a big document arrives and is checked (heap-flags.ts bigInputLift; stdio frames only).
  const lift = capped.length ? bigInputLift(setFlagsFromString) : undefined;
  // Over --stdio the loader may have read the first frames already, and answered `initialize` (early-start.ts).
  const early = process.argv.includes('--stdio') ? takeEarlyInput() : undefined;
  const connection: Connection = gatedConnection(lift, early);
  // The chunks the loader read count as input for the two hooks below, as if they had come now.
  if (lift && process.argv.includes('--stdio')) {
    for (const _ of early?.chunks ?? []) lift.touch();
    process.stdin.on('data', lift.touch);
    if (regrow) process.stdin.on('data', regrow.touch);
  }
  // With --expose-gc (the VS Code client's flags), collections after each burst of messages (idle-gc.ts). In a
  // plain start, with its young generation capped, the measured collection (plainCollection) and, at most once per
  // 10 s, a memory-reducing one instead (reducingCollection: it shrinks the young generation and compacts, in two
  // or more full collections whose pause delays a request that arrives meanwhile; idle-gc.ts `reduce`); neither
  // while a big document is worked on: the server yields to timers during long checks, and a full collection of
  // its 100+ MB heap there would slow the open down (docs/performance.md, "Round 12" and "Round 18").
  const measured = regrow ? plainCollection() : undefined;
  const reducing = measured && regrow ? reducingCollection(measured, regrow.collected) : undefined;
  const unlessBig = (f: () => void) => () => (lift?.lifted ? undefined : f());
  const idle = idleCollector(globalThis.gc ?? (measured && unlessBig(measured)), {
    heapUsed: () => process.memoryUsage().heapUsed,
    oldUsed,
    ...(reducing ? { reduce: { gc: unlessBig(reducing), everyMs: 10_000 } } : {}),
  });
  if (idle && process.argv.includes('--stdio')) {
    for (const _ of early?.chunks ?? []) idle.touch();
    process.stdin.on('data', idle.touch);
  }
  else if (idle && process.argv.includes('--node-ipc')) {
    process.on('message', idle.touch);
    if (regrow) process.on('message', regrow.touch);
  }
  // The reader above ends when stdin ends; exit like the default stdio transport does.
  const ended = () => setTimeout(() => process.exit(0), 100).unref();
  if (early?.ended) ended();
  else process.stdin.on('end', ended);
  process.on('uncaughtException', (e) => connection.console.error(`nova-conf: unexpected error: ${e.stack ?? String(e)}`));
  startServer(connection, nodePlatform());
}

// Over stdio, a guard drops malformed frames so one broken message cannot leave the server deaf, and each
// message leaves in one write (frame-writer.ts).
// The shutdown gate refuses requests after `shutdown`; queued requests cancelled by the client are answered
// without running (protocol-gate.ts). Other transports (--socket, --pipe) get the cancellation strategy only.
function gatedConnection(lift?: BigInputLift, early?: EarlyInput): Connection {
  if (process.argv.includes('--stdio')) {
    const writer = new FrameWriter(process.stdout);
    if (early?.answered) writer.answeredEarly(early.answered.id, early.answered.json);
    const reader = new FramingReader(process.stdin, (reason) => process.stderr.write(`nova-conf: dropped input: ${reason}\n`), lift && ((n) => lift.frame(n)), early);
    return createConnection(ProposedFeatures.all, new ShutdownGate(reader, writer), writer, CANCEL_UNDISPATCHED);
  }
  if (process.argv.includes('--node-ipc')) {
    const writer = new IPCMessageWriter(process);
    return createConnection(ProposedFeatures.all, new ShutdownGate(new IPCMessageReader(process), writer), writer, CANCEL_UNDISPATCHED);
  }
  return createConnection(ProposedFeatures.all, CANCEL_UNDISPATCHED);
}

main();
