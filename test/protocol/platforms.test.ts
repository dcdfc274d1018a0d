/**
 * startServer() on its two platforms (server/src/platform*.ts), in process over a stream pair, on the same
 * workspace folder: the node platform reads the folder's .nova-conf.json, the user's pci.ids and a host snapshot;
 * the browser platform (the web worker of vscode.dev / github.dev) reads nothing from disk, takes vendor names from
 * the bundled snapshot and says that host checks are unavailable. The worker bundle itself runs in Chromium in
 * scripts/e2e/web-worker.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PassThrough } from 'node:stream';
import { ProposedFeatures, StreamMessageReader, StreamMessageWriter, createConnection } from 'vscode-languageserver/node';
import { createMessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Hover } from 'vscode-languageserver-types';
import { startServer } from '../../server/src/server';
import { nodePlatform } from '../../server/src/platform-node';
import { browserPlatform } from '../../server/src/platform-browser';
import type { ServerPlatform } from '../../server/src/platform';

const TEXT = '[pci]\nalias = {"name": "a1", "vendor_id": "8086", "product_id": "154d", "device_type": "type-VFF"}\n';

/** A folder with a .nova-conf.json that turns alias-bad-device-type off, a pci.ids naming 8086 differently, and nova.conf. */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-platforms-'));
  writeFileSync(join(dir, '.nova-conf.json'), JSON.stringify({ rules: { 'alias-bad-device-type': 'off' } }));
  writeFileSync(join(dir, 'pci.ids'), '8086  Vendor From The User File\n\t154d  Device From The User File\n');
  writeFileSync(join(dir, 'nova.conf'), TEXT);
  return { dir, uri: pathToFileURL(join(dir, 'nova.conf')).href, folder: pathToFileURL(dir).href };
}

async function session(platform: ServerPlatform, ws: ReturnType<typeof workspace>, settings: Record<string, unknown>, initializationOptions: Record<string, unknown> = {}, after?: (client: ReturnType<typeof createMessageConnection>, published: Diagnostic[][]) => Promise<void>) {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server, platform);
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: Diagnostic[][] = [];
  const messages: string[] = [];
  const hostStatus: { error?: string }[] = [];
  client.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    if (p.uri === ws.uri) published.push(p.diagnostics);
  });
  client.onNotification('nova-conf/host', (s: { error?: string }) => hostStatus.push(s));
  client.onRequest('window/showMessageRequest', (p: { message: string }) => (messages.push(p.message), null));
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  await client.sendRequest('initialize', { processId: null, rootUri: ws.folder, workspaceFolders: [{ uri: ws.folder, name: 'ws' }], capabilities: { workspace: { configuration: true } }, initializationOptions });
  await client.sendNotification('initialized', {});
  await client.sendNotification('textDocument/didOpen', { textDocument: { uri: ws.uri, languageId: 'nova-conf', version: 1, text: TEXT } });
  const deadline = Date.now() + 20_000;
  while (!published.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const col = TEXT.split('\n')[1].indexOf('8086') + 1;
  const hover = (await client.sendRequest('textDocument/hover', { textDocument: { uri: ws.uri }, position: { line: 1, character: col } })) as Hover | null;
  const result = { codes: (published.at(-1) ?? []).map((d) => d.code), hover: JSON.stringify(hover?.contents ?? null), messages, hostStatus };
  await after?.(client, published);
  await client.sendRequest('shutdown');
  client.dispose();
  server.dispose();
  toServer.end();
  toClient.end();
  return result;
}

test('node platform: reads the folder settings file, the user pci.ids and reports a missing host snapshot', async () => {
  const ws = workspace();
  try {
    const r = await session(nodePlatform({}), ws, { pciIdsPath: join(ws.dir, 'pci.ids'), host: join(ws.dir, 'no-such-host.json') });
    assert.ok(!r.codes.includes('alias-bad-device-type'), `.nova-conf.json turned the rule off: ${r.codes.join(', ')}`);
    assert.match(r.hover, /Vendor From The User File/);
    assert.ok(r.hostStatus.some((s) => s.error && !/desktop extension/.test(s.error)), 'the snapshot was tried and its error reported');
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
});

test('browser platform: no disk — settings file and pci.ids path not read, bundled vendor names, host checks reported unavailable', async () => {
  const ws = workspace();
  try {
    const r = await session(browserPlatform(), ws, { pciIdsPath: join(ws.dir, 'pci.ids'), host: join(ws.dir, 'host.json') });
    assert.ok(r.codes.includes('alias-bad-device-type'), `the settings file is not read in the browser: ${r.codes.join(', ')}`);
    assert.match(r.hover, /Intel Corporation/, 'vendor names from the snapshot compiled into the bundle');
    assert.doesNotMatch(r.hover, /User File/);
    assert.ok(r.messages.some((m) => /desktop extension/.test(m)), `a warning names the limit: ${r.messages.join(' | ')}`);
    assert.ok(r.hostStatus.some((s) => s.error && /desktop extension/.test(s.error)), 'the status item shows it too');
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
});

test('browser platform: the .nova-conf.json text the web client sends is applied, at start and when it changes', async () => {
  const ws = workspace();
  try {
    const off = JSON.stringify({ rules: { 'alias-bad-device-type': 'off' } });
    let later: string[] = [];
    const r = await session(browserPlatform(), ws, {}, { configFiles: { [ws.folder]: off } }, async (client, published) => {
      // the file is deleted (the client sends null): the rule is back
      const n = published.length;
      await client.sendNotification('nova-conf/configFiles', { [ws.folder]: null });
      const deadline = Date.now() + 10_000;
      while (published.length === n && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
      later = (published.at(-1) ?? []).map((d) => String(d.code));
    });
    assert.ok(!r.codes.includes('alias-bad-device-type'), `the client's .nova-conf.json turned the rule off: ${r.codes.join(', ')}`);
    assert.ok(later.includes('alias-bad-device-type'), `after the file is gone the rule reports again: ${later.join(', ')}`);
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
});

test('node platform: a client-sent .nova-conf.json is ignored (the server reads the file itself)', async () => {
  const ws = workspace();
  try {
    writeFileSync(join(ws.dir, '.nova-conf.json'), '{}');
    const r = await session(nodePlatform({}), ws, {}, { configFiles: { [ws.folder]: JSON.stringify({ rules: { 'alias-bad-device-type': 'off' } }) } });
    assert.ok(r.codes.includes('alias-bad-device-type'), `the file on disk wins: ${r.codes.join(', ')}`);
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }
});

test('node platform: .nova-conf.json of a virtual-workspace folder comes from the client, a file: folder is read from disk', () => {
  const p = nodePlatform({});
  const on = JSON.stringify({ release: '2024.1' });
  p.clientConfigFiles({ 'vscode-vfs://github/example/deploy': on, 'file:///nowhere/ws': on });
  assert.equal(p.readConfigFile('vscode-vfs://github/example/deploy')?.settings.release, '2024.1');
  assert.equal(p.readConfigFile('file:///nowhere/ws'), undefined, 'no file on disk, and the client cannot stand in for it');
  p.clientConfigFiles({ 'vscode-vfs://github/example/deploy': null });
  assert.equal(p.readConfigFile('vscode-vfs://github/example/deploy'), undefined, 'deleted');
  p.clientConfigFiles({ 'vscode-vfs://github/example/deploy': '{"release": ' });
  assert.match(p.readConfigFile('vscode-vfs://github/example/deploy')?.problems.join() ?? '', /not valid JSON \(line 1, column \d+\)/);
});

test('both platforms read nova-conf.host / useLocalHost the same way (one configuredHost): trimmed path, blank host falls back to the local machine, bad types ignored', () => {
  const sources = (platform: ServerPlatform, raws: unknown[]) => {
    const seen: (string | null)[] = [];
    const host = platform.hostSource({ info: () => {}, warn: () => {}, status: (s) => seen.push(s.source) });
    for (const raw of raws) host.update(raw);
    return seen;
  };
  const missing = join(tmpdir(), 'nova-conf-no-such-host.json');
  // Each setting differs from the one before, so each produces one status on both platforms; the node platform
  // tries to read the missing snapshot and reports it, the browser says it cannot read hosts: both name the source.
  const raws: unknown[] = [{ host: `  ${missing}  ` }, { host: 5 }, { host: `\t${missing}\n`, useLocalHost: true }, { host: '   ', useLocalHost: 'yes' }, { host: missing }];
  const browser = sources(browserPlatform(), raws);
  assert.deepEqual(browser, [missing, null, missing, null, missing]);
  const node = sources(nodePlatform(), raws);
  assert.deepEqual(node, browser);
});
