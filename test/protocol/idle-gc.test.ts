/**
 * The server's idle collection (server/src/idle-gc.ts): with `gc` available (node --expose-gc, as the VS Code
 * client starts it) a full collection runs once the server has had no message for the quiet period, and a second
 * one 300 ms later, once per burst; the quiet period is short when the heap grew by megabytes since the last
 * collection; without `gc` nothing is scheduled. Timers and the heap figure are mocked: no timing assertions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idleCollector } from '../../server/src/idle-gc';

test('without gc (a plain `node dist/server.js`) there is no idle collector', () => {
  assert.equal(idleCollector(undefined), undefined);
});

test('two collections after each burst of messages, once the server has been quiet for the period', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let calls = 0;
  const idle = idleCollector(() => calls++, { idleMs: 1500 });
  assert.ok(idle);
  t.mock.timers.tick(10_000);
  assert.equal(calls, 0, 'no collection before any message');

  // A burst: messages 500 ms apart keep postponing it.
  for (let i = 0; i < 5; i++) {
    idle.touch();
    t.mock.timers.tick(500);
  }
  assert.equal(calls, 0, 'no collection while messages keep arriving');
  t.mock.timers.tick(999);
  assert.equal(calls, 0, 'still quiet for less than 1.5 s');
  t.mock.timers.tick(1);
  assert.equal(calls, 1, 'one collection 1.5 s after the last message');
  t.mock.timers.tick(300);
  assert.equal(calls, 2, 'and a second one 300 ms later');
  t.mock.timers.tick(60_000);
  assert.equal(calls, 2, 'no further collection while nothing happens');

  idle.touch();
  t.mock.timers.tick(1500);
  assert.equal(calls, 3, 'the next burst gets its own collection');
  idle.touch(); // a message between the two collections cancels the second
  t.mock.timers.tick(1499);
  assert.equal(calls, 3);
  t.mock.timers.tick(1);
  assert.equal(calls, 4, 'the quiet period starts again from that message');
  t.mock.timers.tick(300);
  assert.equal(calls, 5);
  assert.equal(idle.runs, 5);
});

test('after megabytes of growth the collection comes sooner; small growth waits for the full quiet period', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const MB = 2 ** 20;
  let heap = 10 * MB;
  let calls = 0;
  // A collection brings the heap back to 8 MB, as a full collection after closing a document would.
  const idle = idleCollector(() => (calls++, (heap = 8 * MB)), { idleMs: 1500, soonMs: 300, growth: 2 * MB, heapUsed: () => heap });
  assert.ok(idle);

  // Start-up and the first open: 10 MB in use, more than 2 MB above "nothing collected yet".
  idle.touch();
  t.mock.timers.tick(299);
  assert.equal(calls, 0);
  t.mock.timers.tick(1);
  assert.equal(calls, 1, 'collected 300 ms after the last message');
  t.mock.timers.tick(300);
  assert.equal(calls, 2, 'and once more 300 ms later');

  // A few hovers: 0.5 MB more than after the last collection, not worth collecting soon.
  heap += MB / 2;
  idle.touch();
  t.mock.timers.tick(300);
  assert.equal(calls, 2, 'small growth: no collection after 300 ms');
  t.mock.timers.tick(1199);
  assert.equal(calls, 2);
  t.mock.timers.tick(1);
  assert.equal(calls, 3, 'but one at the end of the full quiet period');
  t.mock.timers.tick(300);
  assert.equal(calls, 4);

  // Reopening a large document: 3 MB more; a message during the short wait restarts it.
  heap += 3 * MB;
  idle.touch();
  t.mock.timers.tick(200);
  idle.touch();
  t.mock.timers.tick(299);
  assert.equal(calls, 4, 'a message restarts the short wait');
  t.mock.timers.tick(1);
  assert.equal(calls, 5, 'collected 300 ms after the last message');
  t.mock.timers.tick(300);
  assert.equal(calls, 6);
  assert.equal(idle.runs, 6);
});

test('an idle editor\'s periodic requests (workspace/diagnostic every 2 s) do not bring two full collections each', (t) => {
  const mock = t.mock.timers;
  mock.enable({ apis: ['setTimeout'] });
  const KB = 1024;
  let old = 20_000 * KB;
  let calls = 0;
  // Each request leaves ~100 KB in the old generation (measured: an all-unchanged workspace answer); a collection
  // frees it again.
  const idle = idleCollector(() => (calls++, (old = 20_000 * KB)), { idleMs: 1500, soonMs: 300, growth: 2048 * KB, heapUsed: () => old, oldUsed: () => old, minGrowth: 1024 * KB });
  assert.ok(idle);
  // Mocked timers fire what a timer callback schedules only on a later tick: advance in 100 ms steps.
  const wait = (ms: number) => {
    for (let t = 0; t < ms; t += 100) mock.tick(100);
  };
  // Warm: the last collection happened at 20 MB (start-up garbage counts as growth until then).
  idle.touch();
  wait(2000);
  assert.equal(calls, 2, 'start-up: the heap grew by megabytes');
  old = 20_000 * KB;

  for (let i = 0; i < 5; i++) {
    old += 100 * KB;
    idle.touch();
    wait(2000);
  }
  assert.equal(calls, 2, 'five idle pulls, 500 KB of old-generation growth: no collection');
  for (let i = 0; i < 6; i++) {
    old += 100 * KB;
    idle.touch();
    wait(2000);
  }
  assert.equal(calls, 4, 'past 1 MB of growth the quiet period collects (twice) again');
  old += 100 * KB;
  idle.touch();
  wait(2000);
  assert.equal(calls, 4, 'and the count starts again from that collection');
});
