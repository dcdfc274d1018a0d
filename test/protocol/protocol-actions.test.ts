/** Code actions over real stdio: request a quick fix, apply its WorkspaceEdit, send didChange, see the diagnostic go. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { LspClient } from '../lsp-client';

const URI = 'file:///work/actions/nova.conf';
const TEXT = [
  '[pci]',
  "alias = {'name': 'gpu', 'vendor_id': '10de', 'product_id': '1db4', 'device_type': 'type-PCI'}",
  '',
  '[filter_scheduler]',
  'enabled_filters = ComputeFilter, PciPassthroughFilter',
  '',
].join('\r\n');

test('quickfix over stdio: the returned edit removes the diagnostic after didChange', async () => {
  const c = new LspClient();
  try {
    const init = await c.initialize({});
    const kinds = ((init.capabilities as Record<string, unknown>).codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.ok(kinds.includes('quickfix') && kinds.includes('source.fixAll.nova-conf'));
    c.open(URI, TEXT, 1);
    const first = await c.diagnostics(URI, 1);
    const d = first.diagnostics.find((x) => x.code === 'json-invalid');
    assert.ok(d, JSON.stringify(first.diagnostics));

    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(!actions.some((a) => a.title.startsWith('Disable json-invalid')), 'no "disable" for a file Nova cannot read');
    const edits = fix.edit!.changes![URI] as TextEdit[];
    const next = TextDocument.applyEdits(TextDocument.create(URI, 'nova-conf', 1, TEXT), edits);
    assert.ok(next.includes('alias = {"name": "gpu", "vendor_id": "10de", "product_id": "1db4", "device_type": "type-PCI"}\r\n'), next);

    const n = c.notifications.length;
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })) });
    const second = await c.diagnostics(URI, 2, n);
    assert.deepEqual(second.diagnostics.map((x) => x.code), []);

    // Nothing left: source.fixAll offers nothing.
    const all = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.deepEqual(all, []);
    assert.equal(await c.shutdown(), 0);
  } finally {
    c.kill();
  }
});

test('source.fixAll.nova-conf over stdio fixes everything safe in one edit', async () => {
  const c = new LspClient();
  try {
    await c.initialize({});
    const text = '[pci]\npassthrough_whitelist = {"vendor_id": "8086", "product_id": "154d",}\nalias = {"name": "n", "vendor_id": "0x8086", "product_id": "154d", "device_type": "type-pf"}\n';
    c.open(URI, text, 1);
    const first = await c.diagnostics(URI, 1);
    assert.ok(first.diagnostics.length >= 4, JSON.stringify(first.diagnostics.map((x) => x.code)));
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.nova-conf'] } });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.nova-conf');
    const edits = actions[0].edit!.changes![URI] as TextEdit[];
    const n = c.notifications.length;
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: TextDocument.applyEdits(TextDocument.create(URI, 'nova-conf', 1, text), edits) }] });
    const second = await c.diagnostics(URI, 2, n);
    assert.deepEqual(second.diagnostics.map((x) => x.code), []);
    await c.shutdown();
  } finally {
    c.kill();
  }
});
