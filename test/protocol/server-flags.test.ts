/**
 * The VS Code client starts the server with node/V8 flags and an environment that cut its memory
 * (client/src/server-flags.ts).
 * If this Node refused one of them ("bad option"), the extension's server would never start: here the built
 * server runs with exactly those flags over real stdio and answers as usual (diagnostics, hover, completion).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { LspClient } from '../lsp-client';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../client/src/server-flags';

const URI = 'file:///flags/nova.conf';
const TEXT = '[pci]\nalias = {"name": "a1", "vendor_id": "8086", "product_id": "154d", "device_type": "type-VFF"}\n';

test("the server runs with the VS Code client's node flags and environment", async () => {
  assert.ok(SERVER_NODE_FLAGS.length > 0);
  const c = new LspClient(['--stdio'], { NOVA_CONF_DEBOUNCE_MS: '0', ...SERVER_ENV }, SERVER_NODE_FLAGS);
  try {
    await c.initialize({});
    if (process.platform === 'linux') {
      const argv = readFileSync(`/proc/${c.proc.pid}/cmdline`, 'utf8').split('\0');
      for (const f of SERVER_NODE_FLAGS) assert.ok(argv.includes(f), `${f} reached the server process: ${argv.join(' ')}`);
    }
    c.open(URI, TEXT);
    const d = await c.diagnostics(URI, 1);
    const bad = d.diagnostics.find((x) => x.code === 'alias-bad-device-type');
    assert.deepEqual(bad?.range, { start: { line: 1, character: 81 }, end: { line: 1, character: 91 } }, JSON.stringify(d.diagnostics));
    const hover = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 2 } });
    assert.match(hover?.contents.value ?? '', /alias/);
    const items = await c.request<{ label: string }[] | { items: { label: string }[] }>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 2, character: 0 } });
    const labels = (Array.isArray(items) ? items : items.items).map((i) => i.label);
    assert.ok(labels.includes('device_spec'), `completion in [pci] offers device_spec: ${labels.slice(0, 10).join(', ')}`);
    assert.equal(await c.shutdown(), 0);
  } finally {
    c.kill();
  }
});
