/**
 * Before `initialize` (LSP specification, "Initialize Request"): a request is answered with the error
 * ServerNotInitialized (-32002) and is not run; a notification is dropped, except `exit`, which ends the
 * server. Over real stdio against the built server (protocol-gate.ts ShutdownGate).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../lsp-client';

const URI = 'file:///early/nova.conf';
const TEXT = '[pci]\nalias = {"name": "a", "vendor_id": "8086", "product_id": "154d"}\nbogus_option = 1\n';
type RpcError = Error & { data?: { code?: number; message?: string } };
const codeOf = (p: Promise<unknown>) => p.then(() => 'result', (e: RpcError) => e.data?.code ?? `error ${e.message}`);

test('requests before initialize get ServerNotInitialized; notifications before it are dropped; initialize still works', async () => {
  const c = new LspClient(['--stdio'], { NOVA_CONF_DEBOUNCE_MS: '0' });
  try {
    c.open(URI, TEXT); // dropped: the server must not know this document after initialize
    assert.equal(await codeOf(c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 2 } }, 5000)), -32002);
    assert.equal(await codeOf(c.request('textDocument/documentSymbol', { textDocument: { uri: URI } }, 5000)), -32002);
    assert.equal(await codeOf(c.request('shutdown', null, 5000)), -32002);
    assert.equal(await codeOf(c.request('nova-conf/no-such-method', {}, 5000)), -32002);
    assert.equal(c.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics').length, 0, 'the early didOpen was not processed');

    const init = await c.initialize({});
    assert.ok(init.capabilities, 'initialize is answered normally after the refused requests');
    // The early didOpen was dropped: the document is unknown, so no symbols.
    const early = await c.request<unknown[] | null>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.ok(early === null || early.length === 0, `the document opened before initialize is unknown, got ${JSON.stringify(early)}`);
    // Opened now, it is checked as usual.
    c.open(URI, TEXT, 2);
    const diags = await c.diagnostics(URI, 2);
    assert.ok(diags.diagnostics.length > 0, 'the document opened after initialize is checked');
    assert.equal(await c.shutdown(), 0);
  } finally {
    c.kill();
  }
});

test('exit before initialize ends the server', async () => {
  const c = new LspClient(['--stdio']);
  try {
    const exited = new Promise<number | null>((resolve) => c.proc.on('exit', (code) => resolve(code)));
    c.notify('exit', null);
    const code = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 10000))]);
    assert.notEqual(code, 'still running');
  } finally {
    c.kill();
  }
});
