/**
 * Idle-time work in slices (server/src/idle-work.ts): slices run one per event-loop turn, a message that arrives
 * while they run is handled before any further slice, the slices resume only after a quiet period, and stop()
 * (shutdown) drops the rest. The event loop is modelled by a queue of turns and the quiet-period timer is mocked:
 * the assertions are about order, never time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idleWork } from '../../server/src/idle-work';

/** A FIFO of turns, as setImmediate keeps them: vscode-jsonrpc handles a queued message on such a turn too. */
function loop() {
  const turns: (() => void)[] = [];
  return {
    later: (f: () => void) => void turns.push(f),
    /** Runs turns until none is left (turns queued meanwhile included). */
    drain() {
      for (let f = turns.shift(); f; f = turns.shift()) f();
    },
    step() {
      turns.shift()?.();
    },
  };
}

test('a request that arrives while slices run is answered before the next slice, which waits for a quiet period', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const l = loop();
  const log: string[] = [];
  const work = idleWork({ later: l.later, quietMs: 50 });
  work.add([1, 2, 3, 4].map((i) => () => void log.push(`slice ${i}`)));
  l.step();
  assert.deepEqual(log, ['slice 1']);
  // The bytes of a request arrive (the transport touches), and the connection queues its handling for a later
  // turn, behind the turn already booked for slice 2.
  work.touch();
  l.later(() => void log.push('request answered'));
  l.drain();
  assert.deepEqual(log, ['slice 1', 'request answered'], 'no slice between the request and its answer');
  t.mock.timers.tick(49);
  l.drain();
  assert.deepEqual(log, ['slice 1', 'request answered'], 'still within the quiet period');
  // Another message during the quiet period starts it again.
  work.touch();
  t.mock.timers.tick(49);
  l.drain();
  assert.equal(log.length, 2);
  t.mock.timers.tick(1);
  l.drain();
  assert.deepEqual(log, ['slice 1', 'request answered', 'slice 2', 'slice 3', 'slice 4']);
  assert.equal(work.pending, 0);
});

test('work added right after a message (an open) waits for a quiet period before its first slice', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const l = loop();
  const log: string[] = [];
  const work = idleWork({ later: l.later, quietMs: 50 });
  work.touch();
  work.add([() => void log.push('slice')]);
  l.drain();
  assert.deepEqual(log, []);
  t.mock.timers.tick(50);
  l.drain();
  assert.deepEqual(log, ['slice']);
});

test('stop() (shutdown) drops the slices left, also those waiting for a quiet period, and later ones', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const l = loop();
  const log: string[] = [];
  const work = idleWork({ later: l.later, quietMs: 50 });
  work.add([1, 2, 3].map((i) => () => void log.push(`slice ${i}`)));
  l.step();
  work.touch();
  l.drain();
  work.stop();
  t.mock.timers.tick(1000);
  l.drain();
  work.add([() => void log.push('after stop')]);
  l.drain();
  t.mock.timers.tick(1000);
  assert.deepEqual(log, ['slice 1']);
  assert.equal(work.pending, 0);
});

test('a slice that returns a promise holds the next one until it settles; a failing slice is skipped', async () => {
  const l = loop();
  const log: string[] = [];
  const work = idleWork({ later: l.later });
  let settle: () => void = () => {};
  work.add([
    () => new Promise<void>((r) => (settle = () => (log.push('handler done'), r()))),
    () => {
      throw new Error('bad input');
    },
    () => void log.push('slice 3'),
  ]);
  l.drain();
  assert.deepEqual(log, []);
  settle();
  await Promise.resolve();
  await Promise.resolve();
  l.drain();
  assert.deepEqual(log, ['handler done', 'slice 3']);
});
