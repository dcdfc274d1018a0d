/**
 * Over --stdio the loader (dist/server.js) answers `initialize` before it compiles the server's bundle
 * (server/src/early-start.ts; docs/performance.md, Round 17), then hands what it read to the server. These sessions
 * run over real stdio and check that the early answer is the server's own, that nothing read early is lost or
 * answered twice, and that what the early path does not take behaves as before.
 *
 * Whether the early path answered is seen by a preload (NODE_OPTIONS): it notes how many writes to stdout came
 * before the bundle was compiled. NOVA_CONF_EARLY_INITIALIZE=0 turns the early path off (the loader reads it): the
 * reference runs use it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, withProbe } from '../helpers';
import { SERVER } from '../lsp-client';
import { SERVER_NODE_FLAGS } from '../../client/src/server-flags';

type Json = Record<string, unknown>;

const PROBE = `
const vm = require('node:vm'), fs = require('node:fs');
let writes = 0, before = null;
const d = Object.getOwnPropertyDescriptor(process, 'stdout');
Object.defineProperty(process, 'stdout', { configurable: true, enumerable: d.enumerable, get() {
  const s = d.get.call(process);
  if (!s.probed) { s.probed = true; const w = s.write; s.write = function (...a) { writes++; return w.apply(this, a); }; }
  return s;
} });
const Script = vm.Script;
vm.Script = class extends Script { constructor(source, options) { if (before === null && /server\\.js$/.test(String(options && options.filename))) before = writes; super(source, options); } };
process.on('exit', () => fs.writeFileSync(process.env.PROBE_OUT, JSON.stringify({ writesBeforeCompile: before })));
`;

const splitServer = existsSync(join(ROOT, 'dist', 'server.payload'));
const skip = !splitServer && 'dist/server.js was built without a code cache (no loader)';

function frame(m: Json): Buffer {
  const body = Buffer.from(JSON.stringify(m), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);
}

/** A raw stdio session: every message the server writes is kept, in order; the server's requests are answered. */
class Session {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly messages: Json[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private buf = Buffer.alloc(0);
  private waiters: { pred: (m: Json) => boolean; resolve: (m: Json) => void }[] = [];

  constructor(env: Record<string, string>, nodeArgs: readonly string[] = [], command?: string, args: readonly string[] = ['--stdio']) {
    this.proc = spawn(command ?? process.execPath, command ? args : [...nodeArgs, SERVER, ...args], { env: { ...process.env, NOVA_CONF_DEBOUNCE_MS: '0', ...env }, stdio: 'pipe' });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.proc.stdout.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (;;) {
        const end = this.buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const len = Number(/Content-Length: (\d+)/.exec(this.buf.subarray(0, end).toString('latin1'))?.[1]);
        if (this.buf.length < end + 4 + len) return;
        const msg = JSON.parse(this.buf.subarray(end + 4, end + 4 + len).toString('utf8')) as Json;
        this.buf = this.buf.subarray(end + 4 + len);
        this.messages.push(msg);
        if (msg.method !== undefined && msg.id !== undefined) {
          const items = (msg.params as { items?: unknown[] } | undefined)?.items;
          this.write(frame({ jsonrpc: '2.0', id: msg.id, result: msg.method === 'workspace/configuration' ? (items ?? []).map(() => null) : null }));
        }
        this.waiters = this.waiters.filter((w) => !(w.pred(msg) && (w.resolve(msg), true)));
      }
    });
  }

  write(...frames: Buffer[]): void {
    this.proc.stdin.write(Buffer.concat(frames));
  }

  waitFor(pred: (m: Json) => boolean, what: string): Promise<Json> {
    const seen = this.messages.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} in 15 s; stderr: ${this.stderr}`)), 15000);
      this.waiters.push({ pred, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  response(id: number): Promise<Json> {
    return this.waitFor((m) => m.id === id && m.method === undefined, `response to ${id}`);
  }

  /** shutdown and exit; the exit code. */
  async end(id = 99): Promise<number | null> {
    this.write(frame({ jsonrpc: '2.0', id, method: 'shutdown', params: null }));
    await this.response(id);
    this.write(frame({ jsonrpc: '2.0', method: 'exit', params: null }));
    return this.exited;
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }

  /** How many responses carry each id. */
  responseCounts(): Map<unknown, number> {
    const counts = new Map<unknown, number>();
    for (const m of this.messages) if (m.method === undefined && m.id !== undefined) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
    return counts;
  }
}

/** Runs `body` with the probe; gives back how many writes the server made before its bundle was compiled. */
async function probed(body: (env: Record<string, string>) => Promise<void>): Promise<number | null> {
  let before: number | null = null;
  await withProbe(PROBE, async (env, written) => {
    await body(env);
    before = (written() as { writesBeforeCompile: number | null }).writesBeforeCompile;
  });
  return before;
}

const initialize = (id: number, capabilities: Json, initializationOptions?: unknown) =>
  frame({ jsonrpc: '2.0', id, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities, initializationOptions } });

/** The initialize result of one session (ended with shutdown/exit), and whether it was written before the bundle was compiled. */
async function initializeResult(env: Record<string, string>, capabilities: Json, initializationOptions?: unknown, nodeArgs: readonly string[] = [], command?: string) {
  let result: unknown;
  let code: number | null = null;
  const before = await probed(async (probeEnv) => {
    const s = new Session({ ...probeEnv, ...env }, nodeArgs, command);
    try {
      s.write(initialize(1, capabilities, initializationOptions));
      result = (await s.response(1)).result;
      s.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
      code = await s.end();
      assert.deepEqual([...s.responseCounts()], [[1, 1], [99, 1]], 'one response per request');
      // FrameWriter compares the server's own answer with the one the loader wrote, and says so when they differ.
      assert.doesNotMatch(s.stderr, /differs/);
    } finally {
      s.kill();
    }
  });
  return { result, early: before !== null && before > 0, code };
}

const CAPABILITY_SETS: [string, Json, unknown][] = [
  ['no capabilities', {}, undefined],
  ['pull diagnostics', { textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: true } } }, undefined],
  ['push diagnostics, no workspace/configuration', { textDocument: { publishDiagnostics: { relatedInformation: true } }, workspace: { configuration: false } }, undefined],
  [
    'workspace/configuration, completion resolve, settings in initializationOptions',
    { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { completion: { completionItem: { snippetSupport: true, resolveSupport: { properties: ['documentation'] } } }, hover: { contentFormat: ['markdown'] } } },
    { release: '2026.1', rules: { 'unknown-option': 'hint' }, inlayHints: false },
  ],
];

test('over --stdio, initialize is answered before the bundle is compiled, with the result the server gives with the early path off, for several clients', { skip }, async () => {
  for (const [name, capabilities, options] of CAPABILITY_SETS) {
    const late = await initializeResult({ NOVA_CONF_EARLY_INITIALIZE: '0' }, capabilities, options);
    const early = await initializeResult({}, capabilities, options);
    assert.equal(late.early, false, `${name}: the early path is off`);
    assert.equal(early.early, true, `${name}: initialize answered before the bundle was compiled`);
    assert.deepEqual(early.result, late.result, name);
    assert.equal(early.code, 0, name);
  }
  // The pull/push choice is the one thing the result depends on: both ways are covered above.
  const pull = await initializeResult({}, CAPABILITY_SETS[1][1]);
  assert.ok((pull.result as { capabilities: Json }).capabilities.diagnosticProvider);
});

test('the early answer also with the VS Code client\'s node flags and through the lean launcher', { skip }, async () => {
  const late = await initializeResult({ NOVA_CONF_EARLY_INITIALIZE: '0' }, CAPABILITY_SETS[1][1]);
  const flags = await initializeResult({}, CAPABILITY_SETS[1][1], undefined, SERVER_NODE_FLAGS);
  assert.equal(flags.early, true, 'client flags: answered before the bundle was compiled');
  assert.deepEqual(flags.result, late.result);
  const launcher = join(ROOT, 'dist', 'nova-conf-language-server-lean');
  if (process.platform !== 'win32' && existsSync(launcher)) {
    const lean = await initializeResult({}, CAPABILITY_SETS[1][1], undefined, [], launcher);
    assert.equal(lean.early, true, 'lean launcher: answered before the bundle was compiled');
    assert.deepEqual(lean.result, late.result);
  }
});

const CONF = '[DEFAULT]\nnot_an_option = 1\n';

/** initialize, initialized and didOpen in one write; the diagnostics published for the document, and the session's facts. */
async function oneWrite(initializationOptions?: unknown) {
  let diagnostics: { code: string; severity: number }[] = [];
  let counts: [unknown, number][] = [];
  let code: number | null = null;
  const before = await probed(async (probeEnv) => {
    const s = new Session(probeEnv);
    try {
      const uri = 'file:///early/nova.conf';
      s.write(
        initialize(1, { workspace: { configuration: false } }, initializationOptions),
        frame({ jsonrpc: '2.0', method: 'initialized', params: {} }),
        frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'nova-conf', version: 1, text: CONF } } }),
        frame({ jsonrpc: '2.0', id: 2, method: 'textDocument/documentSymbol', params: { textDocument: { uri } } }),
      );
      const published = await s.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Json).uri === uri, 'diagnostics');
      diagnostics = (published.params as { diagnostics: { code: string; severity: number }[] }).diagnostics;
      await s.response(2);
      code = await s.end();
      counts = [...s.responseCounts()];
    } finally {
      s.kill();
    }
  });
  return { diagnostics, counts, code, early: before !== null && before > 0 };
}

test('initialize, initialized and didOpen sent in one write: the document gets its diagnostics, settings from initializationOptions apply, one response per request', { skip }, async () => {
  const plain = await oneWrite();
  assert.equal(plain.early, true, 'answered before the bundle was compiled');
  assert.deepEqual(plain.diagnostics.map((d) => [d.code, d.severity]), [['unknown-option', 2]]);
  assert.deepEqual(plain.counts, [[1, 1], [2, 1], [99, 1]]);
  assert.equal(plain.code, 0);
  const set = await oneWrite({ rules: { 'unknown-option': 'hint' } });
  assert.equal(set.early, true);
  assert.deepEqual(set.diagnostics.map((d) => [d.code, d.severity]), [['unknown-option', 4]], 'the rule level from initializationOptions');
  assert.deepEqual(set.counts, [[1, 1], [2, 1], [99, 1]]);
});

test('an initialize frame that arrives in pieces, with --clientProcessId (vscode-languageclient\'s stdio arguments), is answered early; the session goes on', { skip }, async () => {
  const before = await probed(async (probeEnv) => {
    const s = new Session(probeEnv, [], undefined, ['--stdio', `--clientProcessId=${process.pid}`]);
    try {
      const init = initialize(1, { textDocument: { diagnostic: {} } });
      const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
      for (const [from, to] of [[0, 10], [10, 40], [40, init.length]]) {
        s.write(init.subarray(from, to));
        await pause();
      }
      const result = (await s.response(1)).result as { capabilities: Json };
      assert.ok(result.capabilities.diagnosticProvider);
      s.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }), frame({ jsonrpc: '2.0', id: 2, method: 'textDocument/diagnostic', params: { textDocument: { uri: 'file:///early/none.conf' } } }));
      await s.response(2);
      assert.equal(await s.end(), 0);
      assert.deepEqual([...s.responseCounts()], [[1, 1], [2, 1], [99, 1]]);
    } finally {
      s.kill();
    }
  });
  assert.ok(before !== null && before > 0, 'answered before the bundle was compiled');
});

test('shutdown and exit sent with initialize, before the server is loaded, end it as they do with the early path off', { skip }, async () => {
  for (const env of [{ NOVA_CONF_EARLY_INITIALIZE: '0' }, {}] as Record<string, string>[]) {
    const before = await probed(async (probeEnv) => {
      const s = new Session({ ...probeEnv, ...env });
      try {
        s.write(initialize(1, {}), frame({ jsonrpc: '2.0', method: 'initialized', params: {} }), frame({ jsonrpc: '2.0', id: 2, method: 'shutdown', params: null }), frame({ jsonrpc: '2.0', method: 'exit', params: null }));
        assert.equal(await s.exited, 0, JSON.stringify(env));
        assert.deepEqual([...s.responseCounts()], [[1, 1], [2, 1]], JSON.stringify(env));
      } finally {
        s.kill();
      }
    });
    assert.equal(before !== null && before > 0, env.NOVA_CONF_EARLY_INITIALIZE !== '0', `${JSON.stringify(env)}: whether initialize was answered before the bundle was compiled`);
    // exit without shutdown: status 1, as the specification asks.
    const t = new Session(env);
    try {
      t.write(initialize(1, {}), frame({ jsonrpc: '2.0', method: 'exit', params: null }));
      assert.equal(await t.exited, 1, JSON.stringify(env));
    } finally {
      t.kill();
    }
  }
});

test('a first frame that is not initialize, or is malformed, or input that ends early: the server answers as with the early path off', { skip }, async () => {
  const run = async (env: Record<string, string>, first: Buffer, end = false) => {
    let messages: Json[] = [];
    let code: number | null = null;
    const before = await probed(async (probeEnv) => {
      const s = new Session({ ...probeEnv, ...env });
      try {
        s.write(first);
        if (end) {
          s.proc.stdin.end();
          code = await s.exited;
          messages = s.messages;
          return;
        }
        s.write(initialize(7, {}));
        await s.response(7);
        code = await s.end();
        messages = s.messages.filter((m) => m.method === undefined).map((m) => ({ id: m.id, error: (m.error as Json | undefined)?.code, result: m.result === undefined ? undefined : 'result' }));
      } finally {
        s.kill();
      }
    });
    return { messages, code, early: before !== null && before > 0 };
  };
  const cases: [string, Buffer, boolean][] = [
    ['a request before initialize', frame({ jsonrpc: '2.0', id: 3, method: 'textDocument/hover', params: {} }), false],
    ['a malformed frame', Buffer.from('Content-Length: x\r\n\r\n{}', 'latin1'), false],
    ['a body that is not JSON', Buffer.from('Content-Length: 5\r\n\r\n{nope', 'latin1'), false],
    ['initialize without capabilities', frame({ jsonrpc: '2.0', id: 4, method: 'initialize', params: { processId: null } }), false],
    ['half a frame, then the end of the input', initialize(1, {}).subarray(0, 30), true],
  ];
  for (const [name, first, end] of cases) {
    const late = await run({ NOVA_CONF_EARLY_INITIALIZE: '0' }, first, end);
    const early = await run({}, first, end);
    assert.equal(early.early, false, `${name}: not answered before the bundle was compiled`);
    assert.deepEqual(early.messages, late.messages, name);
    assert.equal(early.code, late.code, name);
  }
});

test('a bundle that fails to load after initialize was answered: the client is told (window/showMessage) and the server exits with status 1', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-early-'));
  try {
    for (const f of ['package.json', 'pciids.txt']) if (existsSync(join(ROOT, 'dist', f))) copyFileSync(join(ROOT, 'dist', f), join(dir, f));
    const loader = readFileSync(SERVER, 'utf8');
    writeFileSync(join(dir, 'server.js'), loader);
    // The bundle's first statements replaced by a throw (same length), and the caches zeroed so that V8 compiles
    // the changed source (the loader still takes the early path: it decides by V8 version and flags).
    const payload = readFileSync(join(ROOT, 'dist', 'server.payload'));
    const sourceLength = Number(/useCache \? (\d+) :/.exec(loader)?.[1]);
    assert.ok(sourceLength > 0 && sourceLength < payload.length);
    const head = '"use strict";var ';
    const at = payload.indexOf(head);
    const stmtEnd = payload.indexOf(';', at + head.length) + 1;
    const broken = 'throw new Error("broken bundle");';
    assert.ok(at > 0 && at < 200 && stmtEnd - at >= broken.length, payload.subarray(0, 200).toString('latin1'));
    payload.write(broken.padEnd(stmtEnd - at, ' '), at, 'latin1');
    payload.fill(0, sourceLength);
    writeFileSync(join(dir, 'server.payload'), payload);
    assert.equal(statSync(join(dir, 'server.payload')).size, payload.length);
    const run = (env: Record<string, string>) => {
      const p = spawn(process.execPath, [join(dir, 'server.js'), '--stdio'], { env: { ...process.env, ...env }, stdio: 'pipe' });
      let out = '';
      let err = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.stderr.on('data', (d: Buffer) => (err += d.toString()));
      p.stdin.write(initialize(1, {}));
      return new Promise<{ code: number | null; out: string; err: string }>((resolve) => p.on('exit', (code) => resolve({ code, out, err })));
    };
    const late = await run({ NOVA_CONF_EARLY_INITIALIZE: '0' });
    assert.notEqual(late.code, 0);
    assert.equal(late.out, '', 'early path off: nothing answered');
    const early = await run({});
    assert.equal(early.code, 1);
    const bodies = early.out.split(/Content-Length: \d+\r\n\r\n/).filter(Boolean).map((b) => JSON.parse(b) as Json);
    assert.equal(bodies.length, 2, early.out);
    assert.equal(bodies[0].id, 1);
    assert.equal(bodies[1].method, 'window/showMessage');
    assert.equal((bodies[1].params as Json).type, 1);
    assert.match(String((bodies[1].params as Json).message), /failed to start.*broken bundle/s);
    assert.match(early.err, /broken bundle/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
