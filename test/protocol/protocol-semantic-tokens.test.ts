/** Semantic tokens (full and range) through the built server over real stdio (run `npm run build` first). */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../lsp-client';

const URI = 'file:///work/protocol-semantic-tokens/nova.conf';
const TEXT = ['[pci]', 'passthrough_whitelist = {"vendor_id": "8086"}', 'devicespec = x', '[vnc]', 'server_listen = $my_ip', ''].join('\n');

interface Legend {
  tokenTypes: string[];
  tokenModifiers: string[];
}
let c: LspClient;
let legend: Legend | undefined;

before(async () => {
  c = new LspClient();
  const init = (await c.initialize({ textDocument: { semanticTokens: { requests: { full: true, range: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] } } })) as { capabilities: { semanticTokensProvider?: { legend: Legend; full?: boolean; range?: boolean } } };
  legend = init.capabilities.semanticTokensProvider?.legend;
  assert.equal(init.capabilities.semanticTokensProvider?.full, true);
  assert.equal(init.capabilities.semanticTokensProvider?.range, true);
  c.open(URI, TEXT, 1);
  await c.diagnostics(URI, 1);
});

after(() => c.close());

function decode(data: number[]): string[] {
  assert.ok(legend);
  const lines = TEXT.split('\n');
  const out: string[] = [];
  let line = 0;
  let ch = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    ch = data[i] === 0 ? ch + data[i + 1] : data[i + 1];
    const mods = legend.tokenModifiers.filter((_, b) => (data[i + 4] & (1 << b)) !== 0);
    out.push(`${lines[line].slice(ch, ch + data[i + 2])}:${legend.tokenTypes[data[i + 3]]}${mods.map((m) => `.${m}`).join('')}`);
  }
  return out;
}

test('semanticTokens/full: the deprecated name is struck through, the unknown key is plain, the placeholder is a variable', async () => {
  const r = await c.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
  assert.deepEqual(decode(r.data), [
    'pci:namespace.defaultLibrary',
    'passthrough_whitelist:property.deprecated.defaultLibrary',
    'devicespec:property',
    'vnc:namespace.defaultLibrary',
    'server_listen:property.defaultLibrary',
    '$my_ip:variable.defaultLibrary',
  ]);
});

test('semanticTokens/range: the lines asked for', async () => {
  const r = await c.request<{ data: number[] }>('textDocument/semanticTokens/range', { textDocument: { uri: URI }, range: { start: { line: 3, character: 0 }, end: { line: 4, character: 30 } } });
  assert.deepEqual(decode(r.data), ['vnc:namespace.defaultLibrary', 'server_listen:property.defaultLibrary', '$my_ip:variable.defaultLibrary']);
});
