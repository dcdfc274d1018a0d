/**
 * The option catalogue (options.index.json, made from options.data.json) is read the first time a document needs it, not while
 * the language server starts: made at start-up it was young allocation that the start's scavenges copied before the
 * initialize result (docs/performance.md, Round 15). The server runs in process here (as in in-process.test.ts), so
 * Node's module cache says whether the catalogue has been read: not by the initialize request, and by the first
 * didOpen, whose diagnostics need it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { ProposedFeatures, StreamMessageReader, StreamMessageWriter, createConnection } from 'vscode-languageserver/node';
import { createMessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { startServer } from '../../server/src/server';
import { nodePlatform } from '../../server/src/platform-node';

const catalogueRead = () => Object.keys(require.cache).some((k) => k.endsWith('options.index.json'));

test('the server answers initialize without reading the option catalogue, and reads it for the first document', async () => {
  assert.equal(catalogueRead(), false, 'the catalogue was read when the server modules loaded');
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server, nodePlatform());
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: Diagnostic[][] = [];
  let wake = () => {};
  client.onNotification('textDocument/publishDiagnostics', (p: { diagnostics: Diagnostic[] }) => {
    published.push(p.diagnostics);
    wake();
  });
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  try {
    await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    await client.sendNotification('initialized', {});
    assert.equal(catalogueRead(), false, 'the catalogue was read before the initialize result');
    const diagnostics = new Promise<void>((r) => (wake = r));
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///lazy/nova.conf', languageId: 'nova-conf', version: 1, text: '[DEFAULT]\ndebgu = true\n' } });
    await diagnostics;
    assert.equal(catalogueRead(), true);
    // The catalogue's answer: a misspelt option of [DEFAULT] is reported.
    assert.ok(published.at(-1)!.some((d) => /debgu/.test(d.message)), JSON.stringify(published.at(-1)));
  } finally {
    await client.sendRequest('shutdown');
    client.dispose();
    server.dispose();
    toServer.end();
    toClient.end();
  }
});
