/** A YAML deployment file over real LSP stdio: diagnostics, a quick fix, hover and completion at YAML positions. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Hover, TextEdit } from 'vscode-languageserver-types';
import { LspClient } from '../lsp-client';
import { find, fixture } from './yaml-helpers';

const URI = 'file:///work/deploy/openstack-controlplane.yaml';

test('RHOSO control plane over stdio: error at the YAML token, quick fix keeps the block indentation, diagnostic gone after the edit', async () => {
  const text = fixture('rhoso-controlplane.yaml');
  const c = new LspClient();
  try {
    await c.initialize({});
    c.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text } });
    const first = await c.diagnostics(URI, 1);
    const d = first.diagnostics.find((x) => x.code === 'json-invalid');
    assert.ok(d, JSON.stringify(first.diagnostics));
    const pos = find(text, "'product_id'");
    assert.deepEqual(d.range.start, { line: pos.line - 1, character: pos.column - 1 });

    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    const edits = fix.edit!.changes![URI] as TextEdit[];
    const next = TextDocument.applyEdits(TextDocument.create(URI, 'yaml', 1, text), edits);
    assert.equal(next, text.replace("'product_id'", '"product_id"'));

    const n = c.notifications.length;
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })) });
    const second = await c.diagnostics(URI, 2, n);
    // Valid now, the compute template's device_spec joins the deployment view: the alias nova-api has is missing there.
    assert.deepEqual(second.diagnostics.map((x) => x.code), ['alias-mismatch', 'filter-removed']);
    assert.match(second.diagnostics[0].message, /not for nova-compute.*#spec\.nova\.template\.cellTemplates\.cell1\.novaComputeTemplates\.compute-ironic\.customServiceConfig/);

    // Hover on an option name inside the block scalar, completion of a value inside it.
    const alias = find(text, 'alias =');
    const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: alias.line - 1, character: alias.column } });
    assert.ok(hover && JSON.stringify(hover.contents).includes('alias'), JSON.stringify(hover));
    assert.equal(hover.range?.start.line, alias.line - 1);
    const dt = find(text, 'type-PF');
    const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: URI }, position: { line: dt.line - 1, character: dt.column - 1 } });
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('type-VF'), JSON.stringify(labels));
    const vf = list.items.find((i) => i.label === 'type-VF')!;
    const te = vf.textEdit as TextEdit;
    assert.equal(te.range.start.line, dt.line - 1);
  } finally {
    await c.shutdown();
  }
});

test('a YAML file with no Nova form gets an empty diagnostics list over stdio', async () => {
  const c = new LspClient();
  try {
    await c.initialize({});
    const uri = 'file:///work/deploy/app.yaml';
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: fixture('k8s-deployment.yaml') } });
    assert.deepEqual((await c.diagnostics(uri, 1)).diagnostics, []);
    const hover = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 22, character: 6 } });
    assert.equal(hover, null);
  } finally {
    await c.shutdown();
  }
});
