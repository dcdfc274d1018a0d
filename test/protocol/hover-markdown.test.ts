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

/** The text of each `<code>` element in rendered Markdown, entities decoded. */
function codeSpans(md: string): string[] {
  const html = new MarkdownIt({ html: true, linkify: false }).render(md);
  return [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) =>
    m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'),
  );
}

test('document values and keys with backticks stay whole inside hover and completion code spans', async () => {
  const c = new LspClient();
  try {
    await c.initialize({ workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } });
    const lines = [
      '[DEFAULT]',
      'my_ip = 10.`0`.0.1',
      'host = x$my_ip',
      '[pci]',
      'alias = {"name": "g`p``u", "device_type": "type-`PF`", "numa_policy": "legacy", "resource_class": "CUSTOM_`A`"}',
      'device_spec = {"vendor_id": "8086", "address": "0`0:*:*.*"}',
      'alias = {"name": "',
    ];
    const text = `${lines.join('\n')}\n`;
    c.open(URI, text);
    await c.diagnostics(URI, 1);
    const hover = async (line: number, needle: string) => {
      const character = lines[line].indexOf(needle) + 1;
      assert.ok(character > 0, needle);
      const h = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line, character } });
      assert.ok(h, `a hover at ${needle}`);
      return h.contents.value;
    };
    const cases: [string, string, string[]][] = [
      ['$name reference', await hover(2, '$my_ip'), ['$my_ip', '10.`0`.0.1']],
      ['alias name', await hover(4, 'g`p'), ['g`p``u', '"g`p``u:1"', 'type-`PF`', 'CUSTOM_`A`']],
      ['device_spec address', await hover(5, '0`0:'), ['0`0:*:*.*', '0`0']],
    ];
    for (const [what, md, values] of cases) {
      const spans = codeSpans(md);
      for (const v of values) assert.ok(spans.includes(v), `${what}: ${JSON.stringify(v)} is one whole code span\n${md}\n${JSON.stringify(spans)}`);
    }

    // Completion of an alias name offers the other line's name, documented in a code span.
    const list = await c.request<{ items: { label: string; documentation?: { value: string } }[] }>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 6, character: lines[6].length } });
    const item = list.items.find((i) => i.label === 'g`p``u');
    assert.ok(item?.documentation, `a completion item for the existing alias: ${list.items.map((i) => i.label).join(', ')}`);
    assert.ok(codeSpans(item.documentation.value).includes('g`p``u'), item.documentation.value);

    // A Jinja template: the placeholder's text, backticks included, is one code span.
    const J2 = 'file:///md/nova.conf.j2';
    const jline = "my_ip = {{ host_ip | default('`x`') }}";
    c.open(J2, `[DEFAULT]\n${jline}\n`);
    await c.diagnostics(J2, 1);
    const jh = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: J2 }, position: { line: 1, character: jline.indexOf('host_ip') } });
    assert.ok(jh, 'a hover on the Jinja placeholder');
    assert.ok(codeSpans(jh.contents.value).includes("{{ host_ip | default('`x`') }}"), jh.contents.value);
    await c.shutdown();
  } finally {
    c.kill();
  }
});
