/**
 * Inlay hints through the built server over real stdio (run `npm run build` first): PCI names and `$name` values,
 * and nova-conf.inlayHints.pciNames turning the names off (with a workspace/inlayHint/refresh to the client).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../lsp-client';

const URI = 'file:///work/protocol-inlay-hints/nova.conf';
const TEXT = ['[DEFAULT]', 'my_ip = 192.0.2.10', 'host = $my_ip', '[pci]', 'device_spec = {"vendor_id": "8086", "product_id": "154d"}', ''].join('\n');
const RANGE = { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } };

interface Hint {
  label: string;
  position: { line: number; character: number };
}
let c: LspClient;
let provider: unknown;

before(async () => {
  c = new LspClient();
  c.configuration = {};
  const init = (await c.initialize({ workspace: { configuration: true, inlayHint: { refreshSupport: true } }, textDocument: { inlayHint: {} } })) as { capabilities: { inlayHintProvider?: unknown } };
  provider = init.capabilities.inlayHintProvider;
  c.open(URI, TEXT, 1);
  await c.diagnostics(URI, 1);
});

after(() => c.close());

const labels = (hs: Hint[]) => hs.map((h) => `${h.position.line}:${h.position.character} ${h.label}`);

test('textDocument/inlayHint: vendor and product names after the ids, the value after $my_ip', async () => {
  assert.ok(provider);
  const hs = await c.request<Hint[]>('textDocument/inlayHint', { textDocument: { uri: URI }, range: RANGE });
  const line = TEXT.split('\n')[4];
  assert.deepEqual(labels(hs), [
    '2:13 = 192.0.2.10',
    `4:${line.indexOf('"8086"') + 6} Intel Corporation`,
    `4:${line.indexOf('"154d"') + 6} Ethernet 10G 2P X520 Adapter`,
  ]);
});

test('nova-conf.inlayHints.pciNames = false: the names go, the reference value stays; the client is asked to refresh', async () => {
  c.configuration = { inlayHints: { pciNames: false } };
  const before = c.serverRequests.length;
  c.notify('workspace/didChangeConfiguration', { settings: {} });
  for (let i = 0; i < 100 && !c.serverRequests.slice(before).some((r) => r.method === 'workspace/inlayHint/refresh'); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(c.serverRequests.slice(before).some((r) => r.method === 'workspace/inlayHint/refresh'), 'refresh requested');
  const hs = await c.request<Hint[]>('textDocument/inlayHint', { textDocument: { uri: URI }, range: RANGE });
  assert.deepEqual(labels(hs), ['2:13 = 192.0.2.10']);
});
