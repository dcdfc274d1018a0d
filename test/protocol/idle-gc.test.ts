/**
 * The server's idle collection (server/src/idle-gc.ts): with `gc` available (node --expose-gc, as the VS Code
 * client starts it) a full collection runs once the server has had no message for the quiet period, and a second
 * one 300 ms later, once per burst; without `gc` nothing is scheduled. Timers are mocked: no timing assertions.
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
  const idle = idleCollector(() => calls++, 1500);
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
