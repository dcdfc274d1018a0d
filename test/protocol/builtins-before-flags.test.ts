/**
 * A plain `node dist/server.js` sets a V8 flag from inside the process (heap-flags.ts). V8 then rejects the code
 * cache of any Node built-in module loaded later and compiles it from source, at every start: the server loads the
 * built-ins a session needs before it sets the flag (main.ts). A preload records which built-ins load after the
 * first setFlagsFromString, through a session of initialize, didOpen, hover, completion and shutdown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient } from '../lsp-client';
import { ROOT, withProbe } from '../helpers';

const PROBE = `
const v8 = require('node:v8'), fs = require('node:fs');
const set = v8.setFlagsFromString;
let at = -1;
v8.setFlagsFromString = function (flag) { if (at < 0) at = process.moduleLoadList.length; return set.call(this, flag); };
process.on('exit', () => fs.writeFileSync(process.env.PROBE_OUT, JSON.stringify(at < 0 ? null : { after: process.moduleLoadList.slice(at).filter((m) => m.startsWith('NativeModule ')), all: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')) })));
`;

test('a plain start loads no Node built-in module after it sets its V8 flag, through a whole session', async () => {
  await withProbe(PROBE, async (probeEnv, written) => {
    const client = new LspClient(['--stdio'], { ...probeEnv, NOVA_CONF_DEBOUNCE_MS: '0' });
    try {
      await client.initialize({ textDocument: { hover: { contentFormat: ['markdown'] } } });
      const uri = 'file:///builtins/nova.conf';
      client.open(uri, readFileSync(join(ROOT, 'examples', 'nova.conf'), 'utf8'));
      await client.diagnostics(uri);
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } });
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.kill();
    }
    const loaded = written() as { after: string[]; all: string[] } | null;
    assert.ok(loaded, 'the plain start sets its flag');
    assert.deepEqual(loaded.after, [], 'built-ins compiled from source at every start');
    // Nor at all: the server's clock is process.hrtime, not the `performance` global, whose first read loads
    // perf_hooks and 11 more modules (~100 page faults at every start; docs/performance.md, Round 14).
    assert.deepEqual(loaded.all.filter((m) => /perf_hooks|internal\/perf\/performance$/.test(m)), []);
  });
});
