/**
 * A plain start collects garbage when the editor goes quiet (idle-gc.ts reducingCollection, or plainCollection),
 * except while a big input has lifted the young-generation limit (heap-flags.ts bigInputLift; main.ts). The server
 * yields to timers during a long check, so a quiet-period collection could otherwise start a full collection of a
 * big document's heap in the middle of its checks (docs/performance.md, Round 12). A preload records, in order, the
 * lift's flags and every collection it asks for, through a session with a small document and then one of over 1 MB.
 * Timer order makes this deterministic: the quiet-period timer (300 ms) and the lift's (1 s) restart on the same
 * input, so the first collection after the big document always falls inside the lift.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LspClient } from '../lsp-client';
import { ROOT, withProbe } from '../helpers';
import { CAPPED_FLAG, LIFTED_FLAG } from '../../server/src/heap-flags';

const PROBE = `
const v8 = require('node:v8'), vm = require('node:vm'), fs = require('node:fs');
const { lifted, capped } = JSON.parse(process.env.PROBE_FLAGS);
const events = [];
const set = v8.setFlagsFromString;
v8.setFlagsFromString = function (flag) {
  if (flag === lifted) events.push('lifted');
  else if (flag === capped) events.push('capped');
  return set.call(this, flag);
};
const measure = vm.measureMemory;
vm.measureMemory = function (...args) { events.push('collect'); return measure.apply(this, args); };
// The memory-reducing collection (idle-gc.ts reducingCollection) is asked for through the inspector binding's connection.
const { Connection } = process.binding('inspector');
const dispatch = Connection.prototype.dispatch;
Connection.prototype.dispatch = function (message) { if (message.includes('HeapProfiler.collectGarbage')) events.push('collect'); return dispatch.call(this, message); };
process.on('exit', () => fs.writeFileSync(process.env.PROBE_OUT, JSON.stringify(events)));
`;

test('a plain start runs no quiet-period collection while a big document lifts the heap limit, and does for a small one', async () => {
  await withProbe(PROBE, async (probeEnv, written) => {
    const env = { ...probeEnv, PROBE_FLAGS: JSON.stringify({ lifted: LIFTED_FLAG, capped: CAPPED_FLAG }), NOVA_CONF_DEBOUNCE_MS: '0' };
    const client = new LspClient(['--stdio'], env);
    const example = readFileSync(join(ROOT, 'examples', 'nova.conf'), 'utf8');
    try {
      await client.initialize({});
      client.open('file:///big-idle/small.conf', example);
      await client.diagnostics('file:///big-idle/small.conf');
      await sleep(1200);
      // Over 1 MB of configuration in one didOpen (the lift's threshold is the message's length).
      const big = example.repeat(Math.ceil((1.3 * 2 ** 20) / example.length));
      client.open('file:///big-idle/big.conf', big);
      await client.diagnostics('file:///big-idle/big.conf');
      await sleep(1800);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
    const events = written() as string[];
    const lift = events.indexOf('lifted');
    assert.ok(events.slice(0, lift).includes('collect'), `the small document's quiet period collects: ${events.join(' ')}`);
    assert.ok(lift >= 0 && events.indexOf('capped', lift) > lift, `the big document lifts the limit, and it comes back: ${events.join(' ')}`);
    assert.deepEqual(events.slice(lift, events.indexOf('capped', lift)).filter((e) => e === 'collect'), [], `no collection while lifted: ${events.join(' ')}`);
  });
});
