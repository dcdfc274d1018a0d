/** Document links and the outline through the built server over real stdio (run `npm run build` first). */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../lsp-client';

const URI = 'file:///work/protocol-links/nova.conf';
const TEXT = ['[pci]', '# docs: https://docs.openstack.org/nova/latest/admin/pci-passthrough.html', '# nova-conf: disable-next-line alias-missing-ids', 'alias = {"name": "a"}', ''].join('\n');

interface Link {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  target?: string;
}

let c: LspClient;
let caps: { documentLinkProvider?: unknown };

before(async () => {
  c = new LspClient();
  const init = (await c.initialize({})) as { capabilities: { documentLinkProvider?: unknown } } | undefined;
  caps = init?.capabilities ?? {};
  c.open(URI, TEXT, 1);
  await c.diagnostics(URI, 1);
});

after(() => c.close());

test('textDocument/documentLink: the URL of a comment and the rule code of a disable comment', async () => {
  assert.ok(caps.documentLinkProvider, 'the server announces document links');
  const links = await c.request<Link[]>('textDocument/documentLink', { textDocument: { uri: URI } });
  const lines = TEXT.split('\n');
  const got = links.map((l) => [lines[l.range.start.line].slice(l.range.start.character, l.range.end.character), l.target]);
  assert.equal(got.length, 2, JSON.stringify(got));
  assert.deepEqual(got[0], ['https://docs.openstack.org/nova/latest/admin/pci-passthrough.html', 'https://docs.openstack.org/nova/latest/admin/pci-passthrough.html']);
  assert.equal(got[1][0], 'alias-missing-ids');
  assert.match(String(got[1][1]), /docs\/rules\.md#alias-missing-ids$/);
});

test('textDocument/documentSymbol: the outline names the alias', async () => {
  const symbols = await c.request<{ name: string; children: { name: string; detail?: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
  assert.deepEqual(symbols[0].children.map((s) => s.name), ['alias a']);
});
