/**
 * The LSP server in process: startServer() over a pair of streams, driven by a
 * vscode-jsonrpc client connection. The same handlers as the stdio bundle
 * (test/protocol/protocol.test.ts), without a child process, so a protocol test
 * can set breakpoints and run fast.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { ProposedFeatures, StreamMessageReader, StreamMessageWriter, createConnection } from 'vscode-languageserver/node';
import { createMessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Hover } from 'vscode-languageserver-types';
import { startServer } from '../../server/src/server';
import { nodePlatform } from '../../server/src/platform-node';

function inProcess() {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server, nodePlatform());
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: { uri: string; diagnostics: Diagnostic[] }[] = [];
  const waiters: (() => void)[] = [];
  client.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    published.push(p);
    waiters.splice(0).forEach((w) => w());
  });
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  const diagnosticsFor = async (uri: string): Promise<Diagnostic[]> => {
    for (;;) {
      const hit = published.filter((p) => p.uri === uri).at(-1);
      if (hit) return hit.diagnostics;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  const close = async () => {
    await client.sendRequest('shutdown');
    client.dispose();
    server.dispose();
    toServer.end();
    toClient.end();
  };
  return { client, diagnosticsFor, close };
}

const URI = 'file:///in-process/nova.conf';
const TEXT = '[pci]\nalias = {"name": "a1", "vendor_id": "8086", "product_id": "154d", "device_type": "type-VFF"}\n';

test('in process: initialize, publish diagnostics, hover and completion over a stream pair', async () => {
  const { client, diagnosticsFor, close } = inProcess();
  try {
    const init = (await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} })) as { capabilities: Record<string, unknown> };
    assert.ok(init.capabilities.hoverProvider && init.capabilities.completionProvider && init.capabilities.codeActionProvider);
    await client.sendNotification('initialized', {});
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'nova-conf', version: 1, text: TEXT } });
    const diags = await diagnosticsFor(URI);
    const bad = diags.find((d) => d.code === 'alias-bad-device-type');
    assert.ok(bad, `expected alias-bad-device-type, got ${diags.map((d) => d.code).join(', ')}`);
    assert.equal(bad.range.start.line, 1);

    const hover = (await client.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 3 } })) as Hover | null;
    assert.match(JSON.stringify(hover?.contents), /\[pci\] alias/);

    const completion = (await client.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position: { line: 0, character: 1 } })) as { items: { label: string }[] };
    assert.ok(completion.items.some((i) => i.label === 'pci'), 'section names are offered inside the brackets');

    const actions = (await client.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range: bad.range, context: { diagnostics: [bad] } })) as { title: string }[];
    assert.ok(actions.some((a) => /type-VF/.test(a.title)), `expected a fix to type-VF, got ${actions.map((a) => a.title).join(' | ')}`);
  } finally {
    await close();
  }
});
