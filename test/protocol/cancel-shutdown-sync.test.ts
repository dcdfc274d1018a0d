/**
 * Protocol rules over real stdio (issue 19): `$/cancelRequest` is honoured (queued and running requests),
 * requests after `shutdown` get InvalidRequest, and a didChange whose range does not fit the document is
 * not applied (the document is marked out of sync until its full text arrives) instead of corrupting text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../lsp-client';

const URI = 'file:///proto/nova.conf';
type RpcError = Error & { data?: { code?: number; message?: string } };
const outcome = (p: Promise<unknown>) => p.then(() => 'result', (e: RpcError) => (e.data?.code === -32800 ? 'cancelled' : e.data?.code === -32600 ? 'invalid' : `error ${e.message}`));

function frame(msg: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(msg), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

async function withServer(fn: (c: LspClient) => Promise<void>): Promise<void> {
  const c = new LspClient();
  try {
    await fn(c);
  } finally {
    c.kill();
  }
}

test('100 completions, each cancelled right after it is sent: all 100 answered RequestCancelled, none computed', async () => {
  await withServer(async (c) => {
    await c.initialize({});
    c.open(URI, '[pci]\n' + 'device_spec = {"vendor_id": "8086", "product_id": "154d"}\n'.repeat(2000));
    await c.diagnostics(URI, 1);
    const answers: Promise<string>[] = [];
    const pending = (c as unknown as { pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }> }).pending;
    for (let i = 0; i < 100; i++) {
      const id = 10000 + i;
      answers.push(outcome(new Promise((resolve, reject) => pending.set(id, { resolve, reject }))));
      // The request and its cancellation in one write, as a client cancelling at once sends them.
      c.proc.stdin.write(Buffer.concat([frame({ jsonrpc: '2.0', id, method: 'textDocument/completion', params: { textDocument: { uri: URI }, position: { line: 1 + i, character: 16 } } }), frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } })]));
    }
    const got = await Promise.all(answers);
    assert.deepEqual(got.filter((g) => g !== 'cancelled'), [], 'every cancelled completion is answered RequestCancelled');
    // Not cancelled: a normal answer.
    const list = await c.request<{ items: unknown[] }>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 1, character: 16 } });
    assert.ok(list.items.length > 0);
    await c.shutdown();
  });
});

test('a running diagnostic pull on a large document stops at its next phase when cancelled', async () => {
  await withServer(async (c) => {
    await c.initialize({ textDocument: { diagnostic: {} } });
    const block = '[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154d", "address": "0000:0a:00.*"}\nalias = {"name": "nic", "vendor_id": "8086", "product_id": "154d"}\n';
    const big = block.repeat(Math.floor((6 * 1024 * 1024) / block.length));
    c.open(URI, big);
    const id = (c as unknown as { nextId: number }).nextId;
    const pull = outcome(c.request('textDocument/diagnostic', { textDocument: { uri: URI } }, 120000));
    setTimeout(() => c.notify('$/cancelRequest', { id }), 150);
    assert.equal(await pull, 'cancelled');
    // The server is still responsive and a fresh pull completes.
    const report = await c.request<{ items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri: URI } }, 120000);
    assert.ok(Array.isArray(report.items));
    await c.shutdown();
  });
});

test('after shutdown, requests are answered InvalidRequest (a second shutdown too); exit still ends the server', async () => {
  await withServer(async (c) => {
    await c.initialize({});
    c.open(URI, '[DEFAULT]\ndebug = true\n');
    await c.diagnostics(URI, 1);
    assert.equal(await c.request('shutdown', null), null);
    const td = { textDocument: { uri: URI } };
    const got = await Promise.all([
      outcome(c.request('textDocument/hover', { ...td, position: { line: 1, character: 2 } })),
      outcome(c.request('textDocument/documentSymbol', td)),
      outcome(c.request('textDocument/completion', { ...td, position: { line: 1, character: 2 } })),
      outcome(c.request('shutdown', null)),
    ]);
    assert.deepEqual(got, ['invalid', 'invalid', 'invalid', 'invalid']);
    c.notify('exit', null);
    const code = await new Promise<number | null>((resolve) => (c.proc.exitCode !== null ? resolve(c.proc.exitCode) : c.proc.on('exit', resolve)));
    assert.equal(code, 0);
  });
});

test('a didChange with a range outside the document is not applied: the document is out of sync until its full text arrives', async () => {
  await withServer(async (c) => {
    await c.initialize({});
    const symbols = async () => (await c.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: URI } })).map((s) => s.name);
    c.open(URI, '[DEFAULT]\ndebug = true\n');
    await c.diagnostics(URI, 1);
    // Per the specification a character past the end of its line means the end of the line: applied.
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 99 }, end: { line: 1, character: 99 } }, text: '\n[pci]' }] });
    await c.diagnostics(URI, 2);
    assert.deepEqual(await symbols(), ['[DEFAULT]', '[pci]']);

    const n = c.notifications.length;
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 3 }, contentChanges: [{ range: { start: { line: 99, character: 0 }, end: { line: 120, character: 0 } }, text: '[libvirt]\n' }] });
    const d = await c.diagnostics(URI, undefined, n);
    assert.equal(d.diagnostics.length, 1);
    assert.match(d.diagnostics[0].message, /lost track of this document's text/);
    const log = await c.waitFor((m) => m.method === 'window/logMessage' && /out of sync/.test(String((m.params as { message: string }).message)), 5000, n);
    assert.match(String((log.params as { message: string }).message), /reaches line 121, but the document has 4 lines/);
    assert.deepEqual(await symbols(), [], 'no answer from a copy that may be corrupt');
    const hover = await c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 2 } });
    assert.equal(hover, null);

    // Further incremental edits are ignored, inverted or malformed ranges too.
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 4 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' }] });
    assert.deepEqual(await symbols(), []);

    // The full text resynchronises.
    const m = c.notifications.length;
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 5 }, contentChanges: [{ text: '[pci]\nalias = {"name": "a", "vendor_id": "8086", "product_id": "154d"}\n' }] });
    const after = await c.diagnostics(URI, 5, m);
    assert.ok(!after.diagnostics.some((x) => /lost track/.test(x.message)));
    assert.deepEqual(await symbols(), ['[pci]']);

    // Inverted range: refused as well; reopening resynchronises.
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 6 }, contentChanges: [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 1 } }, text: '' }] });
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 7 }, contentChanges: [{ range: { start: { line: -1, character: 0 }, end: { line: 0, character: 1.5 } }, text: '' }] });
    assert.deepEqual(await symbols(), []);
    c.notify('textDocument/didClose', { textDocument: { uri: URI } });
    c.open(URI, '[DEFAULT]\n', 8);
    assert.deepEqual(await symbols(), ['[DEFAULT]']);
    await c.shutdown();
  });
});
