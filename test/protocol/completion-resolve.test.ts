/**
 * completionItem/resolve over stdio: a client that declares it resolves `documentation` (VS Code does) gets option
 * names without their documentation — a [DEFAULT] list is ~370 options — and the documentation of the item the
 * user looks at on resolve; a client that does not declare it gets the documentation inline, as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, MarkupContent } from 'vscode-languageserver-types';
import { LspClient } from '../lsp-client';

const URI = 'file:///etc/nova/nova.conf';
const TEXT = '[DEFAULT]\n\n[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n';

async function keyCompletion(capabilities: Parameters<LspClient["initialize"]>[0]): Promise<{ c: LspClient; list: CompletionList; bytes: number }> {
  const c = new LspClient();
  await c.initialize(capabilities);
  c.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'nova-conf', version: 1, text: TEXT } });
  await c.diagnostics(URI, 1);
  const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 1, character: 0 } });
  return { c, list, bytes: JSON.stringify(list).length };
}

test('resolveSupport for documentation: option names come without it, resolve gives what an inline client gets', async () => {
  const lazy = await keyCompletion({ textDocument: { completion: { completionItem: { snippetSupport: true, resolveSupport: { properties: ['documentation', 'detail'] } } } } });
  const inline = await keyCompletion({ textDocument: { completion: { completionItem: { snippetSupport: true } } } });
  try {
    const debugLazy = lazy.list.items.find((i) => i.label === 'debug');
    const debugInline = inline.list.items.find((i) => i.label === 'debug');
    assert.ok(debugLazy && debugInline);
    assert.equal(debugLazy.documentation, undefined);
    assert.ok(debugLazy.data, 'the item says what to resolve');
    assert.deepEqual(lazy.list.items.map((i) => i.label), inline.list.items.map((i) => i.label), 'the same items');
    assert.ok(lazy.bytes < inline.bytes * 0.6, `answer shrinks: ${lazy.bytes} vs ${inline.bytes} characters`);
    const resolved = await lazy.c.request<CompletionItem>('completionItem/resolve', debugLazy);
    assert.deepEqual(resolved.documentation, debugInline.documentation);
    assert.match((resolved.documentation as MarkupContent).value, /\*\*\[DEFAULT\] debug\*\*/);
    // An item of another origin (no data of ours) comes back as it was.
    const foreign = { label: 'x', data: { other: 1 } };
    assert.deepEqual(await lazy.c.request<CompletionItem>('completionItem/resolve', foreign), foreign);
  } finally {
    await lazy.c.shutdown();
    await inline.c.shutdown();
  }
});
