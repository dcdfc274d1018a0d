/**
 * protocol-gate.ts `checkpoint`: a request handler's point between phases. It yields to the event loop (so a
 * `$/cancelRequest` that arrived meanwhile is read) only when input may be waiting, that is when more than
 * YIELD_AFTER_MS passed since input was last read; either way a cancelled request stops there with
 * RequestCancelled. Over stdio, test/protocol/cancel-shutdown-sync.test.ts checks that a running pull on a large
 * document is still cancelled at its next phase.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { YIELD_AFTER_MS, checkpoint, inputRead } from '../../server/src/protocol-gate';

/** Runs `checkpoint(token)` and says whether the event loop ran a setImmediate callback before it resolved. */
async function yielded(token?: CancellationTokenSource): Promise<boolean> {
  let ran = false;
  const immediate = setImmediate(() => (ran = true));
  try {
    await checkpoint(token?.token);
  } finally {
    clearImmediate(immediate);
  }
  return ran;
}

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/**
 * Whether a checkpoint right after `before()` went on without a turn of the event loop. On a loaded machine the
 * process can be descheduled for more than YIELD_AFTER_MS between the two, so a few attempts are allowed.
 */
async function skipsAfter(before: () => Promise<unknown> | void): Promise<boolean> {
  for (let attempt = 0; attempt < 10; attempt++) {
    await before();
    if (!(await yielded())) return true;
  }
  return false;
}

test('right after input was read, a checkpoint does not yield; after a longer phase it does', async () => {
  assert.ok(await skipsAfter(inputRead), 'no turn of the event loop right after a read');
  inputRead();
  busy(YIELD_AFTER_MS + 2);
  assert.equal(await yielded(), true, 'a phase longer than YIELD_AFTER_MS is followed by a turn of the event loop');
  // The yield counts as a read: the next phase, if short, goes on without another turn.
  assert.ok(
    await skipsAfter(async () => {
      busy(YIELD_AFTER_MS + 2);
      await checkpoint(undefined);
    }),
  );
});

test('a cancelled request stops at its checkpoint whether or not the checkpoint yields', async () => {
  const cancelled = new CancellationTokenSource();
  cancelled.cancel();
  const isCancelled = (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled;
  inputRead();
  await assert.rejects(checkpoint(cancelled.token), isCancelled);
  busy(YIELD_AFTER_MS + 2);
  await assert.rejects(checkpoint(cancelled.token), isCancelled);
});

test('a cancellation that arrives while a long phase runs is seen at the next checkpoint', async () => {
  const source = new CancellationTokenSource();
  inputRead();
  // What the connection does when the $/cancelRequest is read: the event loop delivers it once the handler yields.
  setImmediate(() => source.cancel());
  busy(YIELD_AFTER_MS + 2);
  await assert.rejects(checkpoint(source.token), (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
});
