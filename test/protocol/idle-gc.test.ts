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

test('a costlier reducing collection runs at most once per 10 s: the usual ones in between, and it once 10 s have passed if all stays quiet', (t) => {
  // A plain start's memory-reducing collection pauses the server for two full collections (server/src/main.ts): a
  // request arriving then waits. Someone typing gets it at most once per 10 s; an editor left alone still gets it.
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let clock = 0;
  const tick = (ms: number) => {
    clock += ms;
    t.mock.timers.tick(ms);
  };
  const calls: string[] = [];
  const idle = idleCollector(() => calls.push('usual'), { idleMs: 1500, reduce: { gc: () => calls.push('reducing'), everyMs: 10_000, now: () => clock } });
  assert.ok(idle);
  idle.touch();
  tick(1500);
  assert.deepEqual(calls, ['reducing'], 'the first quiet period: one reducing collection, and no second one after it');
  tick(60_000);
  assert.deepEqual(calls, ['reducing'], 'nothing more while nothing happens');

  // Work again 2 s after it (the clock is at 61.5 s: more than 10 s since; so this quiet period reduces too).
  idle.touch();
  tick(1500);
  assert.deepEqual(calls, ['reducing', 'reducing']);
  // A burst 3 s later: the quiet period gets the usual two, then the reducing one when 10 s have passed since the last.
  tick(3000);
  idle.touch();
  tick(1500);
  assert.deepEqual(calls.slice(2), ['usual']);
  tick(300);
  assert.deepEqual(calls.slice(2), ['usual', 'usual']);
  // The last reducing one was at 63 s, the clock is at 67.8 s.
  tick(73_000 - 67_800 - 1);
  assert.deepEqual(calls.slice(2), ['usual', 'usual'], 'not before 10 s since the last reducing one');
  tick(1);
  assert.deepEqual(calls.slice(2), ['usual', 'usual', 'reducing'], 'then the reducing one, the editor having stayed quiet');

  // A message before the deferred one cancels it; the next quiet period starts over (last reducing one at 73 s).
  tick(1000);
  idle.touch();
  tick(1500);
  tick(300);
  assert.deepEqual(calls.slice(5), ['usual', 'usual']);
  idle.touch(); // at 75.8 s, before the deferred one (83 s)
  tick(1500);
  tick(300);
  assert.deepEqual(calls.slice(5), ['usual', 'usual', 'usual', 'usual'], 'the new quiet period (77.3 s) is within 10 s: the usual two');
  tick(83_000 - 77_600 - 1);
  assert.equal(calls.length, 9);
  tick(1);
  assert.deepEqual(calls.slice(9), ['reducing'], 'and the reducing one at 83 s, all having stayed quiet since');
  tick(60_000);
  assert.equal(calls.length, 10, 'nothing more while nothing happens');
});
