/**
 * A plain `node dist/server.js` keeps V8's young generation at its start-up size (server/src/heap-flags.ts):
 * `--semi-space-growth-factor=1` is set from inside the process unless node was given its own young-generation or
 * size flags (the VS Code client's, the launcher's, a user's). The server started plain and with the client's
 * flags is exercised over stdio by server-flags.test.ts and every other protocol test. A message of 1 MB or more
 * (the didOpen of a big document) lifts the limit until the input has been quiet for a second (bigInputLift; main.ts
 * hears each frame's length from framing.ts). The same start and lift apply a higher TurboFan interrupt budget (fewer
 * optimising compiles; docs/performance.md, "Round 13").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { CAPPED_FLAG, LIFTED_FLAG, bigInputLift, plainStartFlags, PLAIN_START_FLAGS, youngRegrowth } from '../../server/src/heap-flags';
import { SERVER_NODE_FLAGS } from '../../client/src/server-flags';

test('a start without memory flags gets the growth limit', () => {
  assert.deepEqual(plainStartFlags([]), PLAIN_START_FLAGS);
  assert.deepEqual(plainStartFlags(['--inspect=9229', '--stack-size=2000']), PLAIN_START_FLAGS, 'flags about other things do not count');
  assert.deepEqual(plainStartFlags([], '--require=/x.cjs'), PLAIN_START_FLAGS);
});

test("the VS Code client's flags, a user's young-generation or size flags (command line or NODE_OPTIONS) are left alone", () => {
  assert.deepEqual(plainStartFlags([...SERVER_NODE_FLAGS]), []);
  for (const f of ['--max-semi-space-size=8', '--max_semi_space_size=8', '--min-semi-space-size=2', '--semi-space-growth-factor=4', '--optimize_for_size', '--max-young-generation-size=4']) {
    assert.deepEqual(plainStartFlags([f]), [], f);
    assert.deepEqual(plainStartFlags([], `--require=/x.cjs ${f}`), [], `NODE_OPTIONS ${f}`);
  }
});

test('a message of 1 MB or more lifts the limit until the input has been quiet for a second; smaller ones never do', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const set: string[] = [];
  const lift = bigInputLift((f) => set.push(f));
  for (const n of [10, 200_000, (1 << 20) - 1]) lift.frame(n);
  lift.touch();
  t.mock.timers.tick(10_000);
  assert.deepEqual(set, [], 'edits and normal documents leave the limit alone');
  assert.equal(lift.lifted, false);

  lift.frame(10_000_000);
  assert.deepEqual(set, [LIFTED_FLAG], "V8's own growth factor while the big document is read and checked");
  // Its body arrives in chunks, more slowly than the quiet period on a busy machine: each chunk restarts the wait.
  for (let i = 0; i < 5; i++) {
    t.mock.timers.tick(900);
    lift.touch();
  }
  lift.frame(2_000_000);
  assert.deepEqual(set, [LIFTED_FLAG], 'a second big message while lifted sets nothing again');
  t.mock.timers.tick(999);
  assert.equal(lift.lifted, true);
  t.mock.timers.tick(1);
  assert.deepEqual(set, [LIFTED_FLAG, CAPPED_FLAG], 'the limit is back a second after the last input');
  assert.equal(lift.lifted, false);
  lift.touch();
  t.mock.timers.tick(60_000);
  assert.deepEqual(set, [LIFTED_FLAG, CAPPED_FLAG], 'input after that changes nothing');
  lift.frame(1 << 20);
  t.mock.timers.tick(1000);
  assert.deepEqual(set, [LIFTED_FLAG, CAPPED_FLAG, LIFTED_FLAG, CAPPED_FLAG], 'the next big document lifts it again');
});

test("this node's V8 reads the growth factor at run time, in both directions (what the limit and its lift rely on)", () => {
  // A child process: the young generation of this test runner is not ours to change.
  // Lifted only until the young generation has grown 4x (so it is still below V8's 16 MB semi-space maximum), then
  // capped again: a burst of surviving objects must not grow it any further. Without the re-cap it reaches 32 MB.
  const probe = `const v8 = require('node:v8');
const size = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const keep = [];
const grow = (n) => { for (let i = 0; i < n; i++) keep.push({ a: i, b: [i] }); };
v8.setFlagsFromString(${JSON.stringify(CAPPED_FLAG)});
grow(400000);
const capped = size();
v8.setFlagsFromString(${JSON.stringify(LIFTED_FLAG)});
for (let k = 0; k < 2000 && size() < 4 * capped; k++) grow(5000);
const lifted = size();
v8.setFlagsFromString(${JSON.stringify(CAPPED_FLAG)});
grow(800000);
console.log(JSON.stringify({ capped, lifted, after: size() }));`;
  const { capped, lifted, after } = JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })) as { capped: number; lifted: number; after: number };
  assert.ok(capped <= 4 * 2 ** 20, `capped: the young generation stays at its start-up size (${capped} bytes)`);
  assert.ok(lifted >= 4 * capped, `lifted: it grows while many objects survive (${capped} -> ${lifted} bytes)`);
  assert.ok(lifted <= 16 * 2 ** 20, `the probe stops the lift before V8's maximum (${lifted} bytes)`);
  // V8 may also shrink it at a full collection when allocation is slow (a loaded host); it must not grow.
  assert.ok(after <= lifted, `capped again: 800,000 more surviving objects do not grow it (${lifted} -> ${after} bytes)`);
});

test("a plain start's interrupt budget: V8 tiers a warm function up later while capped, as soon as before once lifted", () => {
  // V8 reads --interrupt-budget whenever a function's budget runs out, so the capped flags set at run time decide
  // how soon TurboFan is asked (fewer compiles, whose zone memory the worker threads' malloc arenas keep), and a
  // big input gets V8's default back. A child process traces its optimisation decisions (--trace-opt): a function
  // run 45 times (its budget runs out after ~30 at V8's default, after ~4 times that when capped).
  const probe = `const v8 = require('node:v8');
v8.setFlagsFromString(process.env.PROBE_FLAGS);
function work(a) { let s = 0; for (let i = 0; i < 100; i++) s += (a * i) % 7; return s; }
let t = 0;
for (let k = 0; k < 45; k++) t += work(k);
console.log('ran', t);`;
  const marked = (flags: string) => /marking .*JSFunction work .*for optimization/.test(execFileSync(process.execPath, ['--trace-opt', '-e', probe], { encoding: 'utf8', env: { ...process.env, PROBE_FLAGS: flags } }));
  assert.equal(marked('--semi-space-growth-factor=1'), true, "V8's default budget: the function is sent to TurboFan");
  assert.equal(marked(CAPPED_FLAG), false, 'capped: not yet');
  assert.equal(marked(`${CAPPED_FLAG} ${LIFTED_FLAG}`), true, 'lifted for a big input: as soon as by default');
  assert.ok(PLAIN_START_FLAGS.some((f) => f.startsWith('--interrupt-budget=')), 'the plain start sets the budget');
});

test('after an idle collection shrank the young generation, the next input lets it grow back once to its start-up size', () => {
  const set: string[] = [];
  let young = 4 << 20;
  const regrow = youngRegrowth((f) => set.push(f), () => young, 4 << 20);
  regrow.touch();
  regrow.collected();
  regrow.touch();
  assert.deepEqual(set, [], 'a collection that left the young generation at its size changes nothing');
  young = 1 << 20;
  regrow.collected();
  assert.deepEqual(set, [], 'nothing while the editor is idle');
  regrow.touch();
  assert.deepEqual(set, ['--semi-space-growth-factor=2'], 'the next input lets it grow');
  assert.equal(regrow.regrowing, true);
  regrow.touch();
  young = 2 << 20;
  regrow.touch();
  assert.deepEqual(set, ['--semi-space-growth-factor=2'], 'set once, while it is still below its start-up size');
  young = 4 << 20;
  regrow.touch();
  assert.deepEqual(set, ['--semi-space-growth-factor=2', '--semi-space-growth-factor=1'], 'capped again at its start-up size');
  assert.equal(regrow.regrowing, false);
  regrow.touch();
  assert.equal(set.length, 2, 'later input changes nothing');
});
