/**
 * The web extension's language server (dist/web/server.js) in headless Chromium: a page starts the bundle as a
 * web worker, exactly as the browser client (client/src/browser.ts) does under vscode.dev / github.dev, and talks
 * LSP to it over postMessage: initialize, didOpen of a bad nova.conf -> publishDiagnostics, hover, completion,
 * a configured host reported as unavailable, shutdown. The page is served from 127.0.0.1 (a worker cannot be
 * started from file:); the worker can fetch nothing else, so anything it needs must be in its bundle.
 *
 * Usage: node --import tsx scripts/e2e/web-worker.ts   (after `npm run build`; Debian chromium, no network)
 * Prints `N passed, N failed` last and exits 1 on any failure.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, ROOT, Tally } from './lib';

const tally = new Tally('web-worker');
const BUNDLE = join(ROOT, 'dist', 'web', 'server.js');

// A URI of github.dev's virtual file system: the server must not need a file: URI.
const URI = 'vscode-vfs://github/example/deploy/etc/nova/nova.conf';
// Line 1: an alias whose device_type Nova refuses (type-VFF); line 3: a device_spec naming Intel (8086).
const TEXT = ['[pci]', 'alias = {"name": "a1", "vendor_id": "8086", "product_id": "154d", "device_type": "type-VFF"}', '', 'device_spec = {"vendor_id": "8086", "product_id": "154c"}', ''].join('\n');

// The repository's .nova-conf.json as the web client reads it through the editor and sends it along.
const CONFIG_FILE = { rules: { 'pci-filter-not-enabled': 'off' } };

/** The page: starts the worker and exposes a minimal LSP client (requests, notifications, server->client requests). */
const PAGE = `<!doctype html><meta charset="utf-8"><title>nova-conf web worker</title><script>
const worker = new Worker('/server.js');
const pending = new Map();
let nextId = 1;
window.lspLog = { diagnostics: [], messages: [], errors: [], configuration: {}, requests: [] };
worker.onerror = (e) => window.lspLog.errors.push(String(e.message || e));
worker.onmessage = (e) => {
  const m = e.data;
  if (m.id !== undefined && m.method) {
    // server -> client request
    window.lspLog.requests.push(m.method);
    if (m.method === 'window/showMessageRequest') window.lspLog.messages.push(m.params);
    let result = null;
    if (m.method === 'workspace/configuration') result = m.params.items.map(() => window.lspLog.configuration);
    worker.postMessage({ jsonrpc: '2.0', id: m.id, result });
  } else if (m.id !== undefined) {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (p) m.error ? p.reject(new Error(m.error.message)) : p.resolve(m.result);
  } else if (m.method === 'textDocument/publishDiagnostics') window.lspLog.diagnostics.push(m.params);
  else if (m.method === 'window/showMessage' || m.method === 'window/logMessage') window.lspLog.messages.push(m.params);
};
window.lsp = {
  request: (method, params) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ jsonrpc: '2.0', id, method, params });
  }),
  notify: (method, params) => worker.postMessage({ jsonrpc: '2.0', method, params }),
};
</script>`;

function serve(): Promise<{ server: Server; url: string }> {
  const bundle = readFileSync(BUNDLE);
  const server = createServer((req, res) => {
    if (req.url === '/server.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(bundle);
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(PAGE);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    resolve({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/` });
  }));
}

interface Diag { code?: string | number; range: { start: { line: number } }; message: string }

async function main(): Promise<number> {
  if (!existsSync(BUNDLE)) {
    tally.fail('bundle', `${BUNDLE} missing: run npm run build`);
    return tally.finish();
  }
  if (!existsSync(CHROMIUM)) {
    tally.fail('chromium', `${CHROMIUM} missing: bash scripts/e2e/install.sh apt`);
    return tally.finish();
  }
  const { server, url } = await serve();
  // playwright gives the browser a fresh temporary profile and removes it on close
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
  try {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url);
    type Page = typeof page;
    const ev = <T>(p: Page, fn: string): Promise<T> => p.evaluate(fn) as Promise<T>;

    // initialize: the same capabilities as the node server; the client announces workspace/configuration.
    let t0 = Date.now();
    const init = await ev<{ capabilities: Record<string, unknown>; serverInfo?: { name: string } }>(page, `lsp.request('initialize', { processId: null, rootUri: 'vscode-vfs://github/example/deploy', workspaceFolders: [{ uri: 'vscode-vfs://github/example/deploy', name: 'deploy' }], capabilities: { workspace: { configuration: true } }, initializationOptions: { configFiles: { 'vscode-vfs://github/example/deploy': ${JSON.stringify(JSON.stringify(CONFIG_FILE))} } } })`);
    const initMs = Date.now() - t0;
    tally.record('initialize', Boolean(init.capabilities.hoverProvider && init.capabilities.completionProvider && init.serverInfo?.name === 'nova-conf-language-server'), `${init.serverInfo?.name}, answered in ${initMs} ms (worker start included)`);
    tally.time('initialize', initMs);

    // A host configured in the user's settings: the worker cannot read it and says so.
    await ev(page, `(window.lspLog.configuration = { release: '', host: '/srv/compute-0.json' }, lsp.notify('initialized', {}))`);

    t0 = Date.now();
    await ev(page, `lsp.notify('textDocument/didOpen', { textDocument: { uri: ${JSON.stringify(URI)}, languageId: 'nova-conf', version: 1, text: ${JSON.stringify(TEXT)} } })`);
    await page.waitForFunction(`window.lspLog.diagnostics.some((d) => d.uri === ${JSON.stringify(URI)})`, undefined, { timeout: 20_000 }).catch(() => undefined);
    const diagMs = Date.now() - t0;
    const published = await ev<{ uri: string; diagnostics: Diag[] }[]>(page, 'window.lspLog.diagnostics');
    const diags = published.filter((p) => p.uri === URI).at(-1)?.diagnostics ?? [];
    const bad = diags.find((d) => d.code === 'alias-bad-device-type');
    tally.record('publishDiagnostics', Boolean(bad && bad.range.start.line === 1), bad ? `alias-bad-device-type on line ${bad.range.start.line + 1} after ${diagMs} ms (${diags.length} diagnostics: ${[...new Set(diags.map((d) => d.code))].join(', ')})` : `got ${diags.map((d) => d.code).join(', ') || 'nothing'}`);
    tally.time('didOpen -> diagnostics', diagMs);
    tally.record('.nova-conf.json from the client applied', diags.length > 0 && !diags.some((d) => d.code === 'pci-filter-not-enabled'), 'pci-filter-not-enabled turned off by the file');

    // Hover on the option name: the option's documentation.
    const hoverKey = await ev<{ contents: unknown } | null>(page, `lsp.request('textDocument/hover', { textDocument: { uri: ${JSON.stringify(URI)} }, position: { line: 1, character: 2 } })`);
    tally.record('hover option', /\[pci\] alias/.test(JSON.stringify(hoverKey?.contents ?? '')), JSON.stringify(hoverKey?.contents ?? null).slice(0, 100));

    // Hover on "8086": the vendor name comes from the pci.ids snapshot compiled into the worker bundle.
    const col = TEXT.split('\n')[3].indexOf('8086') + 1;
    const hoverId = await ev<{ contents: unknown } | null>(page, `lsp.request('textDocument/hover', { textDocument: { uri: ${JSON.stringify(URI)} }, position: { line: 3, character: ${col} } })`);
    tally.record('hover vendor (bundled pci.ids)', /Intel/.test(JSON.stringify(hoverId?.contents ?? '')), JSON.stringify(hoverId?.contents ?? null).slice(0, 120));

    // Completion: section names inside '[', and the device types inside the bad value.
    const sections = await ev<{ items: { label: string }[] } | null>(page, `lsp.request('textDocument/completion', { textDocument: { uri: ${JSON.stringify(URI)} }, position: { line: 0, character: 1 } })`);
    tally.record('completion section', Boolean(sections?.items.some((i) => i.label === 'pci')), `${sections?.items.length ?? 0} items`);
    const dtCol = TEXT.split('\n')[1].indexOf('type-VFF') + 1;
    const types = await ev<{ items: { label: string }[] } | null>(page, `lsp.request('textDocument/completion', { textDocument: { uri: ${JSON.stringify(URI)} }, position: { line: 1, character: ${dtCol} } })`);
    const labels = (types?.items ?? []).map((i) => i.label);
    tally.record('completion device_type', labels.some((l) => /type-VF/.test(l)) && labels.some((l) => /type-PF/.test(l)), labels.slice(0, 5).join(', '));

    // The configured host: reported as unavailable, not silently ignored.
    await page.waitForFunction(`window.lspLog.messages.some((m) => /desktop extension/.test(m.message))`, undefined, { timeout: 5_000 }).catch(() => undefined);
    const messages = await ev<{ type: number; message: string }[]>(page, 'window.lspLog.messages');
    const hostMsg = messages.find((m) => /desktop extension/.test(m.message));
    tally.record('host setting reported unavailable', Boolean(hostMsg && hostMsg.type === 2), hostMsg?.message ?? `messages: ${messages.map((m) => m.message).join(' | ').slice(0, 200)}`);

    // A code action: the quick fix for the bad device_type, verified in the worker like on node.
    const actions = await ev<{ title: string }[]>(page, `lsp.request('textDocument/codeAction', { textDocument: { uri: ${JSON.stringify(URI)} }, range: ${JSON.stringify(bad?.range ?? { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } })}, context: { diagnostics: ${JSON.stringify(bad ? [bad] : [])} } })`);
    tally.record('quick fix', actions.some((a) => /type-VF/.test(a.title)), actions.map((a) => a.title).join(' | ').slice(0, 120));

    const shutdown = await ev<unknown>(page, `lsp.request('shutdown', null).then((r) => r === null ? 'null' : JSON.stringify(r))`);
    tally.record('shutdown', shutdown === 'null', String(shutdown));
    const errors = [...pageErrors, ...(await ev<string[]>(page, 'window.lspLog.errors'))];
    tally.record('no worker errors', errors.length === 0, errors.join(' | ').slice(0, 300));
  } catch (e) {
    tally.fail('run', (e as Error).message);
  } finally {
    await browser.close();
    server.close();
  }
  return tally.finish();
}

void main().then((code) => process.exit(code));
