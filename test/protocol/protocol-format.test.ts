/**
 * Document and range formatting through the built server over real stdio (run `npm run build` first): edits that
 * keep every value, none for a Jinja template (with the reason in the log) or for YAML.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { LspClient } from '../lsp-client';

const URI = 'file:///work/protocol-format/nova.conf';
const TEXT = ['[DEFAULT]', 'debug=true   ', '[pci]', 'device_spec = {', '  "vendor_id": "8086",', '  "product_id": "154d"}', ''].join('\n');
const OPTIONS = { tabSize: 4, insertSpaces: true };

let c: LspClient;
let caps: { documentFormattingProvider?: unknown; documentRangeFormattingProvider?: unknown } = {};

before(async () => {
  c = new LspClient();
  const init = (await c.initialize({})) as { capabilities: typeof caps };
  caps = init.capabilities;
  c.open(URI, TEXT, 1);
  await c.diagnostics(URI, 1);
});

after(() => c.close());

const apply = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x', 'nova-conf', 1, text), edits);

test('textDocument/formatting: spacing around "=", continuation indent, trailing whitespace', async () => {
  assert.ok(caps.documentFormattingProvider && caps.documentRangeFormattingProvider);
  const edits = await c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: URI }, options: OPTIONS });
  assert.equal(apply(TEXT, edits), ['[DEFAULT]', 'debug = true', '[pci]', 'device_spec = {', '    "vendor_id": "8086",', '    "product_id": "154d"}', ''].join('\n'));
});

test('textDocument/rangeFormatting: only the lines asked for', async () => {
  const edits = await c.request<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri: URI }, range: { start: { line: 3, character: 0 }, end: { line: 5, character: 10 } }, options: OPTIONS });
  assert.equal(apply(TEXT, edits), ['[DEFAULT]', 'debug=true   ', '[pci]', 'device_spec = {', '    "vendor_id": "8086",', '    "product_id": "154d"}', ''].join('\n'));
});

test('a Jinja template: no edits, the log says why; YAML: no edits', async () => {
  const j2 = 'file:///work/protocol-format/nova.conf.j2';
  c.open(j2, '[DEFAULT]\ndebug={{ nova_debug }}  \n', 1);
  const since = c.notifications.length;
  assert.deepEqual(await c.request('textDocument/formatting', { textDocument: { uri: j2 }, options: OPTIONS }), []);
  const log = await c.waitFor((m) => m.method === 'window/logMessage' && /not formatting .*Jinja/.test(String((m.params as { message: string }).message)), 5000, since);
  assert.ok(log);
  const yaml = 'file:///work/protocol-format/values.yaml';
  c.notify('textDocument/didOpen', { textDocument: { uri: yaml, languageId: 'yaml', version: 1, text: 'conf:\n  nova:\n    DEFAULT:\n      debug: true\n' } });
  assert.deepEqual(await c.request('textDocument/formatting', { textDocument: { uri: yaml }, options: OPTIONS }), []);
});
