/**
 * The CLI's output: the report written with fs.writeSync on fd 1 instead of through `process.stdout`, messages
 * on stderr, and the exit.
 *
 * Creating `process.stdout` loads Node's stream modules (net.Socket for a pipe, SyncWriteStream for a file:
 * ~20 modules), a fixed cost of every run that only writes its report once (docs/performance.md "Round 5").
 * Writes stay in order with anything written before, because every stdout write of the CLI goes through here.
 * - EAGAIN (fd 1 is non-blocking, shared with a parent that made it so, and the reader is behind): the rest
 *   goes to `process.stdout`, which waits for the reader; from then on every write does, to keep the order.
 * - EPIPE (the reader has gone, e.g. `nova-conf-lint … | head`): the output is dropped quietly, as other Unix
 *   tools do; the exit status still reports the findings.
 */
import { writeSync } from 'node:fs';

let mode: 'sync' | 'stream' | 'closed' = 'sync';

export function writeStdout(text: string): void {
  if (mode === 'closed' || text.length === 0) return;
  if (mode === 'stream') {
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(1, bytes, at, bytes.length - at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        mode = 'stream';
        process.stdout.write(bytes.subarray(at));
        return;
      }
      if (code === 'EPIPE') {
        mode = 'closed';
        return;
      }
      throw e;
    }
  }
}

let stderrUsed = false;

/** A message on stderr (through `process.stderr`: rare, and a terminal may want it unbuffered). */
export function writeStderr(text: string): void {
  stderrUsed = true;
  process.stderr.write(text);
}

/**
 * Ends the process with this status. When everything was written synchronously (the usual case) it exits at
 * once, skipping Node's teardown of the heap and the environment (~3% of a full-config run's instructions);
 * when the report went to `process.stdout` (EAGAIN) or anything went to stderr (an asynchronous stream on some
 * systems), it sets the exit code and lets Node finish writing first.
 */
export function exitWhenWritten(code: number): void {
  if (mode === 'stream' || stderrUsed) process.exitCode = code;
  else process.exit(code);
}
