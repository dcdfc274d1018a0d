/**
 * The VS Code client's pull-diagnostics middleware (client/src/diagnostic-pull.ts): vscode-languageclient 9 turns the
 * answer to a pull it cancelled into an empty full report and stores it, so the problems shown blinked empty after
 * overlapping pulls. A cancelled pull must report "unchanged"; any other answer passes through as it is.
 * (The workbench e2e check diagnostics-steady-while-typing sees the same through the real client.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keepDiagnosticsOnCancel } from '../../client/src/diagnostic-pull';

type Token = { isCancellationRequested: boolean; onCancellationRequested: () => { dispose(): void } };
const token = (cancelled: boolean): Token => ({ isCancellationRequested: cancelled, onCancellationRequested: () => ({ dispose() {} }) });
const doc = { uri: 'file:///x/nova.conf' } as never;
const shown = { kind: 'full', items: [{ message: 'vendor_id "80g6" is not a hexadecimal number' }] };
// What vscode-languageclient's own provider returns once the pull's token is cancelled.
const emptyFull = { kind: 'full', items: [] };

test('a pull cancelled while in flight reports unchanged, not an empty list', async () => {
  const t = token(false);
  const next = async () => {
    t.isCancellationRequested = true; // a newer pull cancelled this one while the server answered
    return emptyFull as never;
  };
  const r = (await keepDiagnosticsOnCancel(doc, 'r1', t as never, next)) as unknown as { kind: string; resultId?: string };
  assert.equal(r.kind, 'unChanged');
  assert.equal(r.resultId, 'r1');
});

test('a pull that was not cancelled passes its report through, empty or not', async () => {
  assert.deepEqual(await keepDiagnosticsOnCancel(doc, undefined, token(false) as never, async () => shown as never), shown);
  assert.deepEqual(await keepDiagnosticsOnCancel(doc, undefined, token(false) as never, async () => emptyFull as never), emptyFull);
});

test('a cancellation thrown by the pull is left to the client (it asks again)', async () => {
  const err = new Error('cancelled');
  await assert.rejects(
    keepDiagnosticsOnCancel(doc, undefined, token(true) as never, async () => {
      throw err;
    }),
    (e) => e === err,
  );
});
