/**
 * Names from the PCI ID database are shown literally in hover and completion documentation: a vendor or
 * device name with Markdown characters (`*`, `_`, `[`, `<`, backticks, `|`) must not turn into emphasis,
 * links, HTML or code. Over real stdio, with `nova-conf.pciIdsPath` pointing at a crafted pci.ids; the hover
 * Markdown is rendered with markdown-it (CommonMark) and its visible text compared with the names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { LspClient } from '../lsp-client';

// markdown-it (CommonMark) comes with the dev dependencies (through @vscode/vsce); it has no bundled types.
const MarkdownIt = createRequire(__filename)('markdown-it') as new (o: { html: boolean; linkify: boolean }) => { render(md: string): string };
const URI = 'file:///md/nova.conf';
const VENDOR = '*Evil* _Corp_ [click](http://x.test) <b>bold</b> & co';
const DEVICE = '`tick` **10GbE** | SFP+ <img src=x> ~~gone~~ \\*';

/** The visible text of rendered Markdown: tags removed, entities decoded. */
function visible(md: string): { html: string; text: string } {
  const html = new MarkdownIt({ html: true, linkify: false }).render(md);
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return { html, text };
}

test('pci.ids vendor and device names with Markdown characters show literally in hover and completion', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-md-'));
  const c = new LspClient();
  try {
    writeFileSync(join(dir, 'pci.ids'), `# crafted\nabcd  ${VENDOR}\n\t1234  ${DEVICE}\n`);
    c.configuration = { pciIdsPath: join(dir, 'pci.ids') };
    await c.initialize({ workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } });
    const text = '[pci]\ndevice_spec = {"vendor_id": "abcd", "product_id": "1234"}\nalias = {"name": "x", "vendor_id": "abcd", "product_id": "1234"}\n';
    c.open(URI, text);
    await c.diagnostics(URI, 1);
    const hover = async (line: number, key: string) => {
      const character = text.split('\n')[line].indexOf(`"${key}": "`) + key.length + 6;
      return (await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: URI }, position: { line, character } })).contents.value;
    };

    for (const [what, md] of [
      ['device_spec vendor_id', await hover(1, 'vendor_id')],
      ['device_spec product_id', await hover(1, 'product_id')],
      ['alias name', await hover(2, 'name')],
    ] as const) {
      const r = visible(md);
      assert.ok(r.text.includes(what === 'device_spec vendor_id' ? VENDOR : DEVICE), `${what}: the name shows literally\n${md}\n${r.html}`);
      if (what !== 'device_spec vendor_id') assert.ok(r.text.includes(VENDOR), `${what}: the vendor name shows literally\n${r.html}`);
      assert.doesNotMatch(r.html, /<(em|a|img|b|s|del)\b/, `${what}: no markup from the names\n${r.html}`);
    }

    // Completion documentation for product ids of this vendor.
    const line = 'device_spec = {"vendor_id": "abcd", "product_id": "';
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: `[pci]\n${line}"}\n` }] });
    const list = await c.request<{ items: { label: string; documentation?: { value: string } }[] }>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 1, character: line.length } });
    const item = list.items.find((i) => i.label.startsWith('1234'));
    assert.ok(item?.documentation, `a completion item for 1234: ${list.items.map((i) => i.label).join(', ')}`);
    const r = visible(item.documentation.value);
    assert.ok(r.text.includes(DEVICE) && r.text.includes(VENDOR), `completion documentation shows the names literally\n${r.html}`);
    assert.doesNotMatch(r.html, /<(em|a|img|b|s|del)\b/);
    await c.shutdown();
  } finally {
    c.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
