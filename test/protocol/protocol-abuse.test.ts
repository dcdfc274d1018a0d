/**
 * Protocol abuse over real stdio against the built server (run `npm run build` first):
 * malformed frames, invalid JSON-RPC, unknown methods, requests before initialize,
 * absurd positions, edits for unopened documents, out-of-order versions, 10,000
 * rapid edits, cancellation, huge and hostile documents. After each, the server
 * must still be alive and answer a normal request correctly. Peak RSS (VmHWM) is
 * printed per scenario and only checked against a generous bound.
 *
 * Also: the server makes no network connections and opens no files except its
 * own code, documents, `.nova-conf.json` and the PCI ID database (strace, optional).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, SERVER } from '../lsp-client';

const SMALL_URI = 'file:///abuse/small.conf';
const SMALL = '[DEFAULT]\ndebug = true\n\n[pci]\nalias = {"name": "a", "vendor_id": "8086", "product_id": "154d"}\n';
const GB = 1024 * 1024 * 1024;
const peaks: Record<string, number> = {};

/** VmHWM (peak resident set) of the server process, in bytes. */
function peakRss(c: LspClient): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${c.proc.pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The server is alive and answers documentSymbol on a small document correctly. */
async function assertHealthy(c: LspClient, what: string, timeoutMs = 20000): Promise<void> {
  assert.equal(c.proc.exitCode, null, `${what}: the server exited\n${c.stderr}`);
  c.open(SMALL_URI, SMALL, 1);
  const symbols = await c.request<{ name: string; children: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri: SMALL_URI } }, timeoutMs);
  assert.deepEqual(symbols.map((s) => s.name), ['[DEFAULT]', '[pci]'], what);
  assert.deepEqual(symbols[1].children.map((s) => s.name), ['alias a'], what); // the outline names each alias
  c.notify('textDocument/didClose', { textDocument: { uri: SMALL_URI } });
  const rss = peakRss(c);
  peaks[what] = rss;
  process.stdout.write(`# ${what}: peak RSS ${(rss / 1024 / 1024).toFixed(0)} MB\n`);
  assert.ok(rss < 1.5 * GB, `${what}: peak RSS ${rss} bytes`);
}

async function withServer(fn: (c: LspClient) => Promise<void>, env: NodeJS.ProcessEnv = {}): Promise<void> {
  assert.ok(existsSync(SERVER), 'dist/server.js is missing: run `npm run build` first');
  const c = new LspClient(['--stdio'], { NOVA_CONF_DEBOUNCE_MS: '0', ...env });
  try {
    await fn(c);
  } finally {
    c.kill();
  }
}

const uri = (n: string) => `file:///abuse/${n}.conf`;

// ------------------------------------------------------------------ JSON-RPC level

test('requests before initialize are answered ServerNotInitialized, and initialize still works afterwards', async () => {
  await withServer(async (c) => {
    const answered = (p: Promise<unknown>) => p.then(() => 'result', (e: Error & { data?: { code?: number } }) => e.data?.code);
    assert.equal(await answered(c.request('textDocument/documentSymbol', { textDocument: { uri: SMALL_URI } }, 5000)), -32002);
    assert.equal(await answered(c.request('textDocument/hover', { textDocument: { uri: SMALL_URI }, position: { line: 0, character: 0 } }, 5000)), -32002);
    c.notify('textDocument/didOpen', { textDocument: { uri: SMALL_URI, languageId: 'nova-conf', version: 1, text: SMALL } });
    await c.initialize({});
    await assertHealthy(c, 'requests before initialize');
  });
});

test('invalid JSON-RPC: bad JSON, wrong types, unknown methods, null and missing params', async () => {
  await withServer(async (c) => {
    await c.initialize({});
    c.sendRaw('{not json');
    c.sendRaw('[]');
    c.sendRaw('"a string"');
    c.sendRaw('null');
    c.sendRaw({ jsonrpc: '1.0', id: 'x', method: 42 });
    c.sendRaw({ jsonrpc: '2.0', id: { nested: true }, method: 'textDocument/hover' });
    c.sendRaw('{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{"textDocument":{"uri":"\\ud800"},"position":{"line":"x"}}}');
    c.notify('no/such/notification', { a: 1 });
    c.notify('$/unknownProtocolNotification', null);
    await assert.rejects(c.request('no/such/method', {}), /Unhandled method|not found|no\/such\/method/i);
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/documentSymbol', 'textDocument/foldingRange']) {
      for (const params of [null, {}, { textDocument: null }, { textDocument: { uri: 42 }, position: null, range: 'x', context: 7 }]) {
        await c.request(method, params, 5000).catch(() => undefined);
      }
    }
    c.notify('textDocument/didOpen', null);
    c.notify('textDocument/didOpen', { textDocument: { uri: uri('n'), text: 42 } });
    c.notify('textDocument/didChange', { textDocument: { uri: uri('n') }, contentChanges: 'nope' });
    c.notify('workspace/didChangeConfiguration', { settings: { 'nova-conf': { release: 42, rules: 'all' } } });
    await assertHealthy(c, 'invalid JSON-RPC');
  });
});

for (const [name, bytes] of [
  ['a header line without a colon', Buffer.from('garbage line\r\n\r\n')],
  ['a non-numeric Content-Length', Buffer.from('Content-Length: abc\r\n\r\n{}')],
  ['a header block without Content-Length', Buffer.from('Content-Type: application/json\r\n\r\n{}')],
  ['a Content-Length shorter than the body', Buffer.from('Content-Length: 5\r\n\r\n{"jsonrpc":"2.0","id":99,"method":"x"}')],
  ['4 KB of binary garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))],
] as const) {
  test(`broken framing (${name}): the server stays alive and exits cleanly when the client goes away`, async () => {
    await withServer(async (c) => {
      await c.initialize({});
      c.proc.stdin.write(bytes);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(c.proc.exitCode, null, c.stderr);
      const exited = new Promise<number | null>((resolve) => c.proc.on('exit', (code) => resolve(code)));
      c.proc.stdin.end();
      assert.notEqual(await exited, undefined, 'exits when stdin closes');
    });
  });
  test(`broken framing (${name}): the server resynchronises and answers the next request`, async () => {
    await withServer(async (c) => {
      await c.initialize({});
      c.proc.stdin.write(bytes);
      c.proc.stdin.write('\r\n\r\n');
      await assertHealthy(c, `framing: ${name}`, 3000);
    });
  });
}

test('cancellation of in-flight requests: every request still gets an answer (result or RequestCancelled)', async () => {
  await withServer(async (c) => {
    await c.initialize({});
    const big = '[pci]\n' + 'device_spec = {"vendor_id": "8086", "product_id": "154d", "address": "0000:0a:00.*"}\n'.repeat(3000);
    c.open(uri('cancel'), big);
    const answers: Promise<unknown>[] = [];
    for (let i = 0; i < 50; i++) {
      const before = (c as unknown as { nextId: number }).nextId;
      const p = c.request('textDocument/completion', { textDocument: { uri: uri('cancel') }, position: { line: 1 + i, character: 16 } }, 30000);
      c.notify('$/cancelRequest', { id: before });
      c.notify('$/cancelRequest', { id: before + 100000 }); // an id that does not exist
      answers.push(p.then(() => 'result', (e: Error & { data?: { code?: number } }) => (e.data?.code === -32800 ? 'cancelled' : `error ${e.message}`)));
    }
    const got = await Promise.all(answers);
    assert.ok(got.every((g) => g === 'result' || g === 'cancelled'), JSON.stringify(got));
    await assertHealthy(c, 'cancellation');
  });
});

// ------------------------------------------------------------------ documents

test('positions far outside the document, negative and non-integer', async () => {
  await withServer(async (c) => {
    await c.initialize({});
    c.open(uri('pos'), SMALL);
    const td = { uri: uri('pos') };
    for (const position of [{ line: 1e9, character: 1e9 }, { line: 2 ** 31 - 1, character: 0 }, { line: -1, character: -5 }, { line: 0, character: 1e9 }, { line: 1.5, character: 2.5 }]) {
      await c.request('textDocument/hover', { textDocument: td, position });
      const comp = await c.request<{ items: unknown[] } | unknown[] | null>('textDocument/completion', { textDocument: td, position });
      assert.ok(comp === null || Array.isArray(comp) || Array.isArray(comp.items));
      const actions = await c.request<unknown[]>('textDocument/codeAction', { textDocument: td, range: { start: position, end: { line: 1e9, character: 0 } }, context: { diagnostics: [{ range: { start: position, end: position }, message: 'x', code: 'json-invalid', source: 'nova-conf' }] } });
      assert.ok(Array.isArray(actions));
    }
    await assertHealthy(c, 'far positions');
  });
});

test('didChange/didClose for an unopened document, out-of-order versions, edits past the end', async () => {
  await withServer(async (c) => {
    await c.initialize({});
    c.notify('textDocument/didChange', { textDocument: { uri: uri('never'), version: 2 }, contentChanges: [{ text: '[pci]\n' }] });
    c.notify('textDocument/didClose', { textDocument: { uri: uri('never') } });
    c.notify('textDocument/didSave', { textDocument: { uri: uri('never') } });
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri: uri('never') } }), []);
    c.open(uri('ver'), '[DEFAULT]\n', 5);
    c.notify('textDocument/didChange', { textDocument: { uri: uri('ver'), version: 3 }, contentChanges: [{ text: '[pci]\n' }] });
    c.notify('textDocument/didChange', { textDocument: { uri: uri('ver'), version: 3 }, contentChanges: [{ range: { start: { line: 99, character: 99 }, end: { line: 120, character: 0 } }, text: 'x = 1\n' }] });
    c.notify('textDocument/didChange', { textDocument: { uri: uri('ver'), version: 4 }, contentChanges: [{ range: { start: { line: 0, character: 50 }, end: { line: 0, character: 2 } }, text: '' }] });
    c.open(uri('ver'), '[DEFAULT]\nhost = a\n', 1); // opened twice
    const symbols = await c.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: uri('ver') } });
    assert.ok(Array.isArray(symbols));
    await assertHealthy(c, 'unopened and out-of-order');
  });
});

test('10,000 rapid incremental edits: the final text is what the server analyses', async () => {
  await withServer(async (c) => {
    await c.initialize({});
    const u = uri('rapid');
    c.open(u, '[pci]\n', 1);
    let v = 1;
    for (let i = 0; i < 10000; i++) {
      // Type "x" and delete it again, 5,000 times, on line 1.
      c.notify('textDocument/didChange', {
        textDocument: { uri: u, version: ++v },
        contentChanges: i % 2 === 0 ? [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'x' }] : [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: '' }],
      });
    }
    c.notify('textDocument/didChange', { textDocument: { uri: u, version: ++v }, contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'alias = {"name": "z"}\n[DEFAULT]\n' }] });
    const symbols = await c.request<{ name: string; children: { name: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri: u } }, 60000);
    assert.deepEqual(symbols.map((s) => s.name), ['[pci]', '[DEFAULT]']);
    assert.deepEqual(symbols[0].children.map((s) => s.name), ['alias z']);
    const last = await c.diagnostics(u, v);
    assert.equal(last.version, v);
    await assertHealthy(c, '10,000 edits');
  });
});

const BLOCK = '[DEFAULT]\n# a comment line that pads the file\nhost = compute-1\ndebug = true\n\n[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154d", "address": "0000:0a:00.*"}\nalias = {"name": "nic", "vendor_id": "8086", "product_id": "154d"}\n\n';

async function survives(c: LspClient, docs: [string, string][]): Promise<void> {
  for (const [name, text] of docs) {
    const u = uri(name.replace(/\W+/g, '-'));
    const t0 = Date.now();
    c.open(u, text);
    const since = c.notifications.length;
    const d = await c
      .waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === u, 300000, since)
      .catch(() => undefined);
    // Diagnostics may be capped but must arrive; then hover/completion in the middle of the text.
    assert.ok(d, `${name}: no diagnostics published`);
    await c.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 1, character: 20 } }, 120000);
    await c.request('textDocument/completion', { textDocument: { uri: u }, position: { line: 1, character: 20 } }, 120000);
    await c.request('textDocument/foldingRange', { textDocument: { uri: u } }, 120000);
    c.notify('textDocument/didClose', { textDocument: { uri: u } });
    await assertHealthy(c, name, 120000);
    process.stdout.write(`# ${name}: open to healthy again in ${Date.now() - t0} ms\n`);
  }
}

test('a 5 MB document (a large real-world size) is analysed within the memory bound', { timeout: 300_000 }, async () => {
  await withServer(async (c) => {
    await c.initialize({});
    await survives(c, [['5 MB document', BLOCK.repeat(Math.ceil((5 * 1024 * 1024) / BLOCK.length))]]);
  });
});

test('a 50 MB document is survived within the memory bound (< 1.5 GB peak RSS)', { timeout: 600_000 }, async () => {
  await withServer(async (c) => {
    await c.initialize({});
    await survives(c, [['50 MB document', BLOCK.repeat(Math.ceil((50 * 1024 * 1024) / BLOCK.length))]]);
  });
});

test('hostile documents: 100,000 nested brackets, binary garbage, lone surrogates, a 1 MB line', { timeout: 600_000 }, async () => {
  await withServer(async (c) => {
    await c.initialize({});
    const docs: [string, string][] = [
      ['100,000 nested brackets', '[pci]\ndevice_spec = ' + '['.repeat(100000) + ']'.repeat(100000) + '\n'],
      ['100,000 unclosed braces', '[pci]\ndevice_spec = ' + '{"a":'.repeat(100000) + '\n'],
      ['binary garbage', Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 2654435761) % 256)).toString('latin1')],
      ['lone surrogates', '[pci]\nalias = {"name": "\uD800\uDC00\uDFFF\uD800"}\n\uDC00[DEFAULT]\n\uD800 = \uDFFF\n'],
      ['1 MB single line', '[DEFAULT]\nhost = ' + 'h'.repeat(1 << 20) + '\n[pci]\nalias = {"name": "' + 'n'.repeat(1 << 20) + '"}\n'],
    ];
    await survives(c, docs);
  });
});

test('a device_spec id of one million hex digits is answered promptly', { timeout: 120_000 }, async () => {
  await withServer(async (c) => {
    await c.initialize({});
    const u = uri('hex');
    c.open(u, `[pci]\ndevice_spec = {"vendor_id": "${'f'.repeat(1 << 20)}", "product_id": "154d"}\n`);
    await assertHealthy(c, 'one million hex digits', 20000);
  });
});

test('a pathological regex in a device_spec address is answered (the pattern is checked, never run)', { timeout: 120_000 }, async () => {
  await withServer(async (c) => {
    await c.initialize({});
    const u = uri('regex');
    c.open(u, `[pci]\ndevice_spec = {"address": {"bus": "(a+)+$${'a'.repeat(50)}", "slot": "${'('.repeat(20000)}", "function": "(x+x+)+y"}, "physical_network": "p"}\n`);
    const d = await c.diagnostics(u, 1);
    assert.ok(d.diagnostics.length > 0);
    await assertHealthy(c, 'pathological regex');
  });
});

test('$name loops in the served document are reported, not followed', async () => {
  await withServer(async (c) => {
    await c.initialize({});
    const u = uri('loop');
    c.open(u, '[DEFAULT]\nhost = $my_ip\nmy_ip = $host\n');
    const d = await c.diagnostics(u, 1);
    assert.ok(d.diagnostics.length > 0, JSON.stringify(d));
    await assertHealthy(c, '$ loop');
  });
});

// ------------------------------------------------------------------ what the server touches

function haveStrace(): boolean {
  return spawnSync('strace', ['-V'], { encoding: 'utf8' }).status === 0;
}

test('the server connects to nothing and opens only its code, the workspace folder\'s nova configs, .nova-conf.json and the PCI ID database', { skip: haveStrace() ? false : 'strace is not installed (apt-get install strace)', timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-strace-'));
  try {
    const log = join(dir, 'trace.log');
    const ws = join(dir, 'ws');
    spawnSync('mkdir', ['-p', ws]);
    writeFileSync(join(ws, '.nova-conf.json'), JSON.stringify({ release: '2025.2' }));
    writeFileSync(join(ws, 'nova.conf'), SMALL);
    // Run the built server under strace, driven by a tiny stdio client.
    const script = join(dir, 'drive.cjs');
    writeFileSync(
      script,
      `const { spawn } = require('node:child_process');
const p = spawn('strace', ['-f', '-qq', '-e', 'trace=open,openat,connect', '-o', ${JSON.stringify(log)}, process.execPath, ${JSON.stringify(SERVER)}, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
let buf = '';
const send = (m) => { const b = Buffer.from(JSON.stringify(m)); p.stdin.write('Content-Length: ' + b.length + '\\r\\n\\r\\n'); p.stdin.write(b); };
let asked = false;
p.stdout.on('data', (d) => { buf += d; if (!asked && buf.includes('"id":3')) { asked = true; send({ jsonrpc: '2.0', id: 4, method: 'shutdown' }); send({ jsonrpc: '2.0', method: 'exit' }); } });
send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: ${JSON.stringify(pathToFileURL(ws).href)}, capabilities: {} } });
send({ jsonrpc: '2.0', method: 'initialized', params: {} });
send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: ${JSON.stringify(pathToFileURL(join(ws, 'nova.conf')).href)}, languageId: 'nova-conf', version: 1, text: ${JSON.stringify(SMALL)} } } });
send({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri: ${JSON.stringify(pathToFileURL(join(ws, 'nova.conf')).href)} }, position: { line: 4, character: 30 } } });
send({ jsonrpc: '2.0', id: 3, method: 'textDocument/completion', params: { textDocument: { uri: ${JSON.stringify(pathToFileURL(join(ws, 'nova.conf')).href)} }, position: { line: 4, character: 10 } } });
// Done when the server exits after shutdown and exit (one that hangs is killed after 60 s, and the test fails).
const stop = setTimeout(() => p.kill(), 60000);
p.on('exit', (code, signal) => { clearTimeout(stop); process.stdout.write(JSON.stringify({ code, signal, answered: buf.includes('"id":3') })); });
`,
    );
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 90000 });
    assert.equal(r.error, undefined);
    assert.deepEqual(JSON.parse(r.stdout), { code: 0, signal: null, answered: true }, 'the session ran to its end: completion answered, then shutdown and exit');
    const trace = readFileSync(log, 'utf8');
    const connects = trace.split('\n').filter((l) => /\bconnect\(/.test(l) && !/ENOENT|AF_UNIX/.test(l));
    assert.deepEqual(connects, [], 'no network connections');
    const opened = [...trace.matchAll(/open(?:at)?\([^"]*"([^"]+)"[^)]*\)\s*=\s*(-?\d+)/g)].filter((m) => Number(m[2]) >= 0).map((m) => m[1]);
    const allowed = (p: string) =>
      p === SERVER ||
      p === join(SERVER, '..', 'server.payload') ||
      p.startsWith('/proc/') ||
      p.startsWith('/sys/') ||
      p.startsWith('/dev/') ||
      /^\/(usr\/)?lib|^\/etc\/(ld\.so|localtime|ssl\/)/.test(p) || // node's own start-up (plain `node -e ''` opens the same)
      p === process.execPath ||
      p.endsWith('.nova-conf.json') ||
      /pci\.ids$/.test(p) ||
      p.endsWith('/package.json') ||
      p === join(SERVER, '..') ||
      p.endsWith('server.js.map') ||
      // the workspace index (server/src/workspace-index.ts): the folder and the nova configs in it
      p === ws ||
      p === join(ws, 'nova.conf');
    const unexpected = [...new Set(opened)].filter((p) => !allowed(p));
    process.stdout.write(`# strace: ${new Set(opened).size} distinct paths opened, ${connects.length} connections\n`);
    assert.deepEqual(unexpected, [], 'files opened that are neither code, documents, settings nor the PCI ID database');
    assert.ok(opened.some((p) => p.endsWith('.nova-conf.json')), 'reads the workspace settings file');
    assert.ok(!opened.some((p) => p.endsWith('nova.conf') && p !== join(ws, 'nova.conf')), 'reads no nova config outside its workspace folder');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('peak memory summary', () => {
  process.stdout.write(`# peak RSS by scenario (MB): ${JSON.stringify(Object.fromEntries(Object.entries(peaks).map(([k, v]) => [k, Math.round(v / 1024 / 1024)])))}\n`);
});
