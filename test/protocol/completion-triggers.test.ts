/**
 * Completion trigger characters over stdio: a comma is not one. Typing `"device_type": "type-PCI",` and Enter at the
 * end of a continuation line must give a new line; with ',' as a trigger, VS Code opened the key list on the comma
 * and Enter accepted its first key instead (seen in the workbench e2e).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../lsp-client';

test('LSP: completion triggers on quotes, brackets, ":" , "=" and space, not on ","', async () => {
  const c = new LspClient();
  try {
    const r = await c.request<{ capabilities: { completionProvider: { triggerCharacters: string[] } } }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    const triggers = r.capabilities.completionProvider.triggerCharacters;
    assert.ok(!triggers.includes(','), `"," triggers completion: ${JSON.stringify(triggers)}`);
    for (const t of ['"', ':', '=']) assert.ok(triggers.includes(t), `${t} should still trigger completion`);
  } finally {
    c.kill();
  }
});

type Item = { label: string; textEdit?: { range: { start: { line: number; character: number }; end: { line: number; character: number } } } };

/**
 * Typing a space after a complete value (`debug = true `) sends completion with trigger character " ". Before, the
 * server answered with `true`/`false` edits ending before the space: an edit range must contain the cursor (LSP), and
 * where a client accepted it the line became `debug = truetrue`. After a list's comma the space still opens the
 * list of the next item.
 */
test('LSP: a space typed after a complete value opens nothing; after a list comma it opens the next items', async () => {
  const c = new LspClient();
  try {
    await c.initialize({ textDocument: { completion: { completionItem: { snippetSupport: true } } } });
    const uri = 'file:///t/trigger-space.conf';
    const lines = ['[DEFAULT]', 'debug = true', '[filter_scheduler]', 'enabled_filters = ComputeFilter', '[libvirt]', 'cpu_mode = custom'];
    c.open(uri, lines.join('\n'));
    const typed = ['[DEFAULT]', 'debug = true ', '[filter_scheduler]', 'enabled_filters = ComputeFilter, ', '[libvirt]', 'cpu_mode = custom '];
    c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: typed.join('\n') }] });
    const ask = (line: number) =>
      c.request<{ items: Item[] } | Item[] | null>('textDocument/completion', {
        textDocument: { uri },
        position: { line, character: typed[line].length },
        context: { triggerKind: 2, triggerCharacter: ' ' },
      });
    const items = (r: { items: Item[] } | Item[] | null): Item[] => (r === null ? [] : Array.isArray(r) ? r : r.items);
    assert.deepEqual(items(await ask(1)).map((i) => i.label), [], 'after "debug = true "');
    assert.deepEqual(items(await ask(5)).map((i) => i.label), [], 'after "cpu_mode = custom "');
    const next = items(await ask(3));
    assert.ok(next.some((i) => i.label === 'PciPassthroughFilter'), `after the comma: ${JSON.stringify(next.map((i) => i.label).slice(0, 5))}`);
    for (const i of next) {
      const r = i.textEdit!.range;
      assert.ok(r.start.line === 3 && r.end.line === 3 && r.start.character <= typed[3].length && r.end.character >= typed[3].length, `${i.label}: ${JSON.stringify(r)}`);
    }
  } finally {
    c.kill();
  }
});

test('LSP: the quote that closes a JSON value opens nothing; asked for explicitly, the next key comes with its comma', async () => {
  const c = new LspClient();
  try {
    await c.initialize({ textDocument: { completion: { completionItem: { snippetSupport: true } } } });
    const uri = 'file:///t/trigger-quote.conf';
    const line = 'device_spec = {"vendor_id": "10de"';
    c.open(uri, `[pci]\n${line}`);
    const ask = (context: unknown) =>
      c.request<{ items: Item[] } | null>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: line.length }, context });
    const typedQuote = await ask({ triggerKind: 2, triggerCharacter: '"' });
    assert.deepEqual((typedQuote?.items ?? []).map((i) => i.label), []);
    const invoked = await ask({ triggerKind: 1 });
    const product = invoked?.items.find((i) => i.label === 'product_id') as (Item & { textEdit: { newText: string } }) | undefined;
    assert.ok(product, JSON.stringify(invoked?.items.map((i) => i.label)));
    assert.match(product.textEdit.newText, /^, "product_id"/);
  } finally {
    c.kill();
  }
});
