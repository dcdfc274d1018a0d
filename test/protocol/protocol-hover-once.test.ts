/**
 * Hover on a diagnostic shows its problem once, through the built server over real stdio (run `npm run build`
 * first): the editor puts the diagnostic above the hover, so the hover keeps only the facts.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../lsp-client';

const URI = 'file:///work/protocol-hover-once/nova.conf';
const TEXT = ['[pci]', 'device_spec = {"vendor_id": "80g6"}', 'device_spec = {"address": "0000:0a:00.9"}', 'alias = {"name": "a", "vendor_id": "10de", "product_id": "1db4"}', ''].join('\n');

let c: LspClient;
let diagnostics: { range: { start: { line: number; character: number } }; code: string; message: string }[] = [];

interface HoverResult {
  contents: { value: string };
}

before(async () => {
  c = new LspClient();
  await c.initialize({});
  c.open(URI, TEXT, 1);
  diagnostics = (await c.diagnostics(URI, 1)).diagnostics;
});

after(() => c.close());

function at(needle: string, delta = 1): { line: number; character: number } {
  const lines = TEXT.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  return { line, character: lines[line].indexOf(needle) + delta };
}

test('a value that only has a problem: no hover, the diagnostic says it', async () => {
  const d = diagnostics.find((x) => x.code === 'device-spec-id-not-hex');
  assert.ok(d, JSON.stringify(diagnostics));
  const h = await c.request<HoverResult | null>('textDocument/hover', { textDocument: { uri: URI }, position: at('80g6') });
  assert.equal(h, null);
});

test('an address with a problem: the hover decodes it and leaves the problem to the diagnostic', async () => {
  const d = diagnostics.find((x) => x.code === 'device-spec-address-too-large');
  assert.ok(d, JSON.stringify(diagnostics));
  const h = await c.request<HoverResult | null>('textDocument/hover', { textDocument: { uri: URI }, position: at('0000:0a:00.9') });
  assert.ok(h);
  assert.match(h.contents.value, /bus 0x0a, slot 0x00, function 9/);
  assert.doesNotMatch(h.contents.value, /refuses|above its maximum/);
});

test('a value without a diagnostic keeps its full hover', async () => {
  const h = await c.request<HoverResult | null>('textDocument/hover', { textDocument: { uri: URI }, position: at('1db4') });
  assert.ok(h);
  assert.match(h.contents.value, /GV100GL/);
});
