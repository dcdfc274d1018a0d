/** The built server over real stdio: lifecycle, diagnostics at exact positions, edits, symbols. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../lsp-client';

const URI = 'file:///work/nova.conf';
const TEXT = [
  '[DEFAULT]',
  'debug = true',
  '',
  '[pci]',
  'device_spec = {',
  '    "vendor_id": "8086",',
  '    "product_id": "154d",',
  "    'address': \"0000:0a:00.*\"",
  '    }',
  'bogus line',
  '',
].join('\n');

test('initialize, diagnostics for an INI error and a JSON error inside a multi-line device_spec, edits, symbols, shutdown', async () => {
  const c = new LspClient();
  try {
    const init = await c.initialize({});
    const caps = init.capabilities as Record<string, unknown>;
    assert.equal((caps.textDocumentSync as { change: number }).change, 2, 'incremental sync');
    assert.ok(caps.hoverProvider && caps.completionProvider && caps.codeActionProvider && caps.documentSymbolProvider && caps.foldingRangeProvider);

    c.open(URI, TEXT, 1);
    const first = await c.diagnostics(URI, 1);
    const json = first.diagnostics.find((d) => d.code === 'json-invalid');
    assert.ok(json, JSON.stringify(first.diagnostics));
    assert.deepEqual(json.range.start, { line: 7, character: 4 }, 'the single quote of line 8, column 5');
    assert.equal(json.severity, 1);
    const ini = first.diagnostics.find((d) => d.code === 'ini-no-separator');
    assert.ok(ini);
    assert.deepEqual(ini.range, { start: { line: 9, character: 0 }, end: { line: 9, character: 10 } });

    // Fix the quote with an incremental edit: the JSON error goes, the INI error stays.
    const n = c.notifications.length;
    c.notify('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 7, character: 4 }, end: { line: 7, character: 13 } }, text: '"address"' }],
    });
    const second = await c.diagnostics(URI, 2, n);
    assert.deepEqual(second.diagnostics.map((d) => d.code).filter((x) => x !== 'pci-filter-not-enabled'), ['ini-no-separator']);

    const symbols = await c.request<{ name: string; children: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.deepEqual(symbols.map((s) => s.name), ['[DEFAULT]', '[pci]']);
    assert.deepEqual(symbols[1].children.map((s) => s.name), ['device_spec']);

    const folds = await c.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.ok(folds.some((f) => f.startLine === 4 && f.endLine === 8), JSON.stringify(folds));

    assert.equal(await c.shutdown(), 0);
  } finally {
    c.kill();
  }
});

test('pull diagnostics when the client supports them', async () => {
  const c = new LspClient();
  try {
    await c.initialize({ textDocument: { diagnostic: { dynamicRegistration: false } } });
    c.open(URI, '[pci]\nalias = {"name": "a", "device_type": "type-pf"}\n');
    const report = await c.request<{ kind: string; items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri: URI } });
    assert.equal(report.kind, 'full');
    assert.ok(report.items.some((d) => d.code === 'alias-bad-device-type'));
    assert.ok(!c.notifications.some((m) => m.method === 'textDocument/publishDiagnostics'), 'no push when pull is used');
    await c.shutdown();
  } finally {
    c.kill();
  }
});

test('workspace/configuration selects the release and rule levels', async () => {
  const c = new LspClient();
  try {
    c.configuration = { release: 'zed', rules: { 'pci-filter-not-enabled': 'off' } };
    await c.initialize({ workspace: { configuration: true } });
    // managed="maybe" is accepted verbatim before 2025.1 (zed), refused from 2025.1.
    c.open(URI, '[pci]\ndevice_spec = {"vendor_id": "10de", "managed": "maybe"}\n');
    const d = await c.diagnostics(URI, 1);
    assert.deepEqual(d.diagnostics.map((x) => x.code), []);
    await c.shutdown();
  } finally {
    c.kill();
  }
});

test('a request for an unknown document and garbage positions do not kill the server', async () => {
  const c = new LspClient();
  try {
    await c.initialize({});
    assert.equal(await c.request('textDocument/hover', { textDocument: { uri: 'file:///nope.conf' }, position: { line: 0, character: 0 } }), null);
    c.open(URI, '[pci]\n');
    await c.diagnostics(URI, 1);
    await c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 9999, character: 9999 } });
    const symbols = await c.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.equal(symbols.length, 1);
    await c.shutdown();
  } finally {
    c.kill();
  }
});

test('without a system pci.ids, vendor names come from the snapshot shipped next to the server (dist/pciids.txt)', async () => {
  const c = new LspClient();
  try {
    c.configuration = { pciIdsPath: '/nonexistent/pci.ids' };
    await c.initialize({ workspace: { configuration: true } });
    c.open(URI, '[pci]\ndevice_spec = {"vendor_id": "15b3"}\n');
    await c.diagnostics(URI, 1);
    const h = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 30 } });
    assert.match(h.contents.value, /Mellanox/);
    await c.shutdown();
  } finally {
    c.kill();
  }
});
