/**
 * A plain `node dist/server.js` has no `gc` (no --expose-gc), but once a burst of work has left megabytes of garbage
 * it collects when the input goes quiet, as the VS Code client's server does with `gc` (server/src/idle-gc.ts
 * plainCollection; docs/performance.md, "Round 12"): without that V8 keeps closed documents' memory until the old
 * generation next grows by its step. A preload reports each full (major) collection with the wall clock; one must
 * come once the input has stopped, without Node's ExperimentalWarning for the call that asks for it reaching the
 * server's stderr (the editor's log).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient } from '../lsp-client';
import { ROOT, withProbe } from '../helpers';
import { connectInspector, reducingCollection } from '../../server/src/idle-gc';

const PROBE = `
const { PerformanceObserver, constants } = require('node:perf_hooks'), fs = require('node:fs'), vm = require('node:vm');
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.detail && e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) fs.writeSync(2, 'probe: major gc at ' + Date.now() + '\\n');
}).observe({ entryTypes: ['gc'] });
// V8 also collects on its own (an incremental marking that ends after the burst): the server's request is told apart.
const measure = vm.measureMemory;
vm.measureMemory = function (...args) { fs.writeSync(2, 'probe: asked at ' + Date.now() + '\\n'); return measure.apply(this, args); };
// The memory-reducing collection (reducingCollection) is asked for through the inspector binding's connection.
const { Connection } = process.binding('inspector');
const dispatch = Connection.prototype.dispatch;
Connection.prototype.dispatch = function (message) { if (message.includes('HeapProfiler.collectGarbage')) fs.writeSync(2, 'probe: asked at ' + Date.now() + '\\n'); return dispatch.call(this, message); };
`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a plain start collects its garbage once a burst of opens and closes has gone quiet, and says nothing about it on stderr', async () => {
  await withProbe(PROBE, async (env) => {
    const client = new LspClient(['--stdio'], { ...env, NOVA_CONF_DEBOUNCE_MS: '0' });
    try {
      await client.initialize({});
      // Small documents (56 KB: each is checked in a few milliseconds, well within the server's 0.3 s quiet period,
      // so the burst has no quiet moment), opened and closed one after another: megabytes of models and texts that
      // nothing refers to any more once the burst is over.
      const text = readFileSync(join(ROOT, 'examples', 'nova.conf'), 'utf8').repeat(40);
      let quiet = 0;
      for (let i = 0; i < 12; i++) {
        const uri = `file:///plain-gc/${i}.conf`;
        client.open(uri, text);
        await client.diagnostics(uri);
        client.notify('textDocument/didClose', { textDocument: { uri } });
        quiet = Date.now();
      }
      const after = (what: string) => [...client.stderr.matchAll(new RegExp(`^probe: ${what} at (\\d+)$`, 'gm'))].map((m) => Number(m[1])).filter((t) => t >= quiet);
      // Waits for the server's request and the collection after it; gives up after 10 s.
      const done = () => after('asked').length > 0 && after('major gc').some((t) => t >= after('asked')[0]);
      for (let waited = 0; !done() && waited < 10_000; waited += 100) await sleep(100);
      assert.ok(after('asked').length > 0, `the server asked for no collection once the input stopped:\n${client.stderr}`);
      assert.ok(done(), `no full collection after the server asked for one:\n${client.stderr}`);
      assert.doesNotMatch(client.stderr, /ExperimentalWarning|measureMemory/);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
  });
});

test('plainCollection() frees what nothing refers to, without --expose-gc and without a warning', () => {
  // A child process: the test runner's own heap is not the subject. WeakRefs are cleared by a full collection only.
  const script = `const { plainCollection } = require(${JSON.stringify(join(ROOT, 'server', 'src', 'idle-gc.ts'))});
const collect = plainCollection();
let big = Array.from({ length: 200000 }, (_, i) => ({ i }));
const ref = new WeakRef(big);
big = undefined;
setTimeout(() => {
  collect();
  const check = (n) => (ref.deref() === undefined ? console.log('freed') : n > 0 ? setTimeout(() => check(n - 1), 50) : console.log('kept'));
  setTimeout(() => check(100), 0);
}, 0);`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', cwd: ROOT });
  assert.equal(typeof globalThis.gc, 'undefined');
  assert.equal(r.stdout.trim(), 'freed', r.stderr);
  assert.doesNotMatch(r.stderr, /ExperimentalWarning/);
});

test('plainCollection() gives back old-space pages left half empty, with --optimize-for-size only while it runs', () => {
  // A child process without --expose-gc. 120,000 small objects are promoted to the old generation, then every other
  // one dies: after a first collection the pages they share are about half free. V8 moves a page's survivors out only
  // when the page is 70% free, or 20% with --optimize-for-size (docs/performance.md, "Round 14"): without the flag
  // the pages stay as they are, ~20% of the old space free (4-7 MB here); with it, under 10%. A collection is over
  // when its measurement answers, which is when the flag is taken back.
  const script = `const v8 = require('node:v8');
const { plainCollection } = require(${JSON.stringify(join(ROOT, 'server', 'src', 'idle-gc.ts'))});
const flags = [];
let answered;
const collect = plainCollection((f) => { flags.push(f); v8.setFlagsFromString(f); if (f.startsWith('--no-')) answered(); });
const collected = () => new Promise((resolve) => { answered = resolve; collect(); });
const keep = [];
for (let i = 0; i < 120000; i++) keep.push({ i, a: [i, i + 1, i + 2], s: 'x'.repeat(8) + i });
setTimeout(async () => {
  for (let i = 0; i < keep.length; i += 2) keep[i] = null;
  await collected();
  await collected();
  const old = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space');
  console.log(JSON.stringify({ flags, size: old.space_size, free: old.space_size - old.space_used_size, kept: keep.length }));
}, 100);`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { flags: string[]; size: number; free: number };
  assert.deepEqual(out.flags, ['--optimize-for-size', '--no-optimize-for-size', '--optimize-for-size', '--no-optimize-for-size']);
  assert.ok(out.free < 0.14 * out.size, `old space ${(out.size / 2 ** 20).toFixed(2)} MB with ${(out.free / 2 ** 20).toFixed(2)} MB free after two collections`);
  assert.doesNotMatch(r.stderr, /ExperimentalWarning/);
});

test('reducingCollection() frees what nothing refers to and shrinks a grown young generation, then says so', () => {
  // A child process with V8's default young generation, grown by a burst of surviving allocations: the collection
  // gives the young generation back (to V8's initial size) and clears what only a WeakRef held.
  const script = `const v8 = require('node:v8');
const { reducingCollection } = require(${JSON.stringify(join(ROOT, 'server', 'src', 'idle-gc.ts'))});
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
let keep = [];
for (let i = 0; i < 300000; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 50000) keep = keep.slice(25000); }
const ref = new WeakRef(keep);
keep = undefined;
const before = young();
const collect = reducingCollection(() => console.log('fallback'), () => setTimeout(() => console.log(JSON.stringify({ before, after: young(), freed: ref.deref() === undefined })), 0));
setTimeout(collect, 0);`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { before: number; after: number; freed: boolean };
  assert.ok(out.before >= 4 << 20, `the young generation grew first: ${out.before}`);
  assert.ok(out.after <= out.before / 4, `young generation ${out.before} -> ${out.after} bytes`);
  assert.equal(out.freed, true);
  assert.equal(r.stderr, '');
});

test('reducingCollection() falls back to the other collection where Node has no inspector', () => {
  let fallbacks = 0;
  const collect = reducingCollection(() => fallbacks++, () => assert.fail('no collection was asked for'), () => undefined);
  collect();
  collect();
  assert.equal(fallbacks, 2);
});

test("connectInspector() calls back each command when its reply has come, over Node's binding or, without it, the inspector module", async () => {
  const proc = process as unknown as { binding?: unknown };
  const binding = proc.binding;
  for (const via of ['binding', 'module']) {
    if (via === 'module') proc.binding = undefined;
    try {
      const post = connectInspector();
      assert.ok(post, `this Node has an inspector (${via})`);
      // The collection answers later (V8 runs it in a task); an ordinary command answers at once. Each reply reaches its own callback.
      const replies: string[] = [];
      await new Promise<void>((resolve) => {
        post('HeapProfiler.collectGarbage', () => {
          replies.push('collected');
          resolve();
        });
        post('Runtime.getIsolateId', () => replies.push('isolate id'));
      });
      assert.deepEqual(replies.sort(), ['collected', 'isolate id'], via);
    } finally {
      proc.binding = binding;
    }
  }
});
