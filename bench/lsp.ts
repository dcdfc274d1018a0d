/**
 * A minimal LSP client over real stdio for the benchmark: spawns the built
 * server, frames JSON-RPC messages (Content-Length headers, as in
 * test/lsp-client.ts) and stamps every incoming message with its arrival time.
 */
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { VSCODE_COMPLETION } from '../test/vscode-capabilities';

type Json = Record<string, unknown>;

export interface Position {
  line: number;
  character: number;
}

/** What vscode-languageclient 9 declares for completion (test/vscode-capabilities.ts). */
export const VSCODE_CAPABILITIES: Json = { textDocument: { completion: VSCODE_COMPLETION } };

/** The same without `completionList.itemDefaults` (clients older than LSP 3.17, as many editors' are). */
export const NO_ITEM_DEFAULTS_CAPABILITIES: Json = (() => {
  const c = structuredClone(VSCODE_CAPABILITIES) as { textDocument: { completion: Json } };
  delete c.textDocument.completion.completionList;
  return c;
})();

/**
 * The first item of a completion answer as the client holds it (LSP 3.17 `itemDefaults` applied: the default range
 * as its textEdit, the default data as its data), when it still needs `completionItem/resolve` (it has data and no
 * documentation); undefined otherwise.
 */
export function firstItemToResolve(result: unknown): Json | undefined {
  const list = result as { items?: Json[]; itemDefaults?: { editRange?: unknown; data?: unknown } } | Json[] | null;
  const items = Array.isArray(list) ? list : (list?.items ?? []);
  const first = items[0];
  if (!first) return undefined;
  const d = Array.isArray(list) ? undefined : list?.itemDefaults;
  const item: Json = { ...first };
  if (item.textEdit === undefined && d?.editRange !== undefined) {
    item.textEdit = { range: d.editRange, newText: item.textEditText ?? item.label };
    delete item.textEditText;
  }
  if (item.data === undefined && d?.data !== undefined) item.data = d.data;
  return item.data !== undefined && item.documentation === undefined ? item : undefined;
}

export class BenchClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly spawnedAt: number;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected = -1;
  private headerLen = 0;
  private nextId = 1;
  private pending = new Map<number, (v: { result: unknown; at: number }) => void>();
  private waiters: { pred: (m: Json) => boolean; resolve: (v: { msg: Json; at: number }) => void }[] = [];
  stderr = '';
  /** Called for each request the server sends (before it is answered with null): bench/pull-idle.ts counts diagnostic refreshes. */
  onServerRequest?: (method: string, params: unknown) => void;

  /** `serverJs` is run with this node; a path not ending in `.js` (a launcher such as dist/nova-conf-language-server-lean) is run as a command. */
  constructor(serverJs: string, env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []) {
    this.spawnedAt = performance.now();
    const direct = !serverJs.endsWith('.js');
    if (direct && nodeArgs.length) throw new Error(`${serverJs} is started as a command: no node arguments`);
    this.proc = spawn(direct ? serverJs : process.execPath, direct ? ['--stdio'] : [...nodeArgs, serverJs, '--stdio'], { env: { ...process.env, ...env }, stdio: 'pipe' });
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
  }

  private onData(d: Buffer): void {
    const at = performance.now();
    this.chunks.push(d);
    this.buffered += d.length;
    for (;;) {
      if (this.expected < 0) {
        const buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
        this.chunks = [buf];
        const headerEnd = buf.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const m = /Content-Length: (\d+)/i.exec(buf.subarray(0, headerEnd).toString('ascii'));
        if (!m) throw new Error('bad header from server');
        this.expected = Number(m[1]);
        this.headerLen = headerEnd + 4;
      }
      if (this.buffered < this.headerLen + this.expected) return;
      const buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      const body = JSON.parse(buf.subarray(this.headerLen, this.headerLen + this.expected).toString('utf8')) as Json;
      const rest = buf.subarray(this.headerLen + this.expected);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
      this.expected = -1;
      this.dispatch(body, at);
    }
  }

  private dispatch(msg: Json, at: number): void {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id as number);
      this.pending.delete(msg.id as number);
      p?.({ result: msg.result ?? msg.error, at });
      return;
    }
    if (msg.id !== undefined && msg.method) {
      this.send({ jsonrpc: '2.0', id: msg.id, result: null });
      this.onServerRequest?.(msg.method as string, msg.params);
      return;
    }
    this.waiters = this.waiters.filter((w) => {
      if (!w.pred(msg)) return true;
      w.resolve({ msg, at });
      return false;
    });
  }

  /**
   * Frames and writes one message; returns the time (performance.now()) taken after the message was serialised and
   * framed, right before its bytes were written to the pipe. Every timed call here starts its clock there, so the
   * client's own JSON.stringify and UTF-8 encoding (~1.1 ms for the 222 KB didOpen of the 6,500-line config, ~80 ms
   * for 10 MB) are not counted as the server's time. The clock starts before the write, not after it: the server
   * can read (and answer) while `write` runs, and a client that lost its core right after the write would start
   * the clock late and report less than the server's time (seen at load 5: 0.1 ms "didOpens").
   */
  send(msg: Json): number {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    const framed = Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    const at = performance.now();
    this.proc.stdin.write(framed);
    return at;
  }

  /** Sends a request; resolves with the result and the time (ms) from writing it to the pipe to the answer's arrival. */
  request(method: string, params: unknown, timeoutMs = 60000): Promise<{ result: unknown; ms: number; at: number }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in ${timeoutMs} ms\n${this.stderr}`)), timeoutMs);
      let t0 = 0;
      this.pending.set(id, ({ result, at }) => {
        clearTimeout(timer);
        resolve({ result, ms: at - t0, at });
      });
      t0 = this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Sends a notification; returns the time right before its bytes were written to the pipe (see `send`). */
  notify(method: string, params: unknown): number {
    return this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the arrival time of the next publishDiagnostics for uri (and version, when given). */
  nextDiagnostics(uri: string, version?: number, timeoutMs = 600000): Promise<{ at: number; count: number }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} in ${timeoutMs} ms\n${this.stderr}`)), timeoutMs);
      this.waiters.push({
        pred: (m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Json).uri === uri && (version === undefined || (m.params as Json).version === version),
        resolve: ({ msg, at }) => {
          clearTimeout(timer);
          resolve({ at, count: ((msg.params as Json).diagnostics as unknown[]).length });
        },
      });
    });
  }

  /** `capabilities` defaults to the completion capabilities VS Code's client (vscode-languageclient 9) declares. */
  async initialize(capabilities: Json = VSCODE_CAPABILITIES): Promise<number> {
    const r = await this.request('initialize', { processId: process.pid, rootUri: null, capabilities });
    this.notify('initialized', {});
    return r.at - this.spawnedAt;
  }

  /** didOpen → first publishDiagnostics, in ms (from writing the serialised message to the pipe to the publish's arrival). */
  async open(uri: string, text: string, version = 1, timeoutMs?: number): Promise<{ ms: number; count: number }> {
    const wait = this.nextDiagnostics(uri, version, timeoutMs);
    const t0 = this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'nova-conf', version, text } });
    const d = await wait;
    return { ms: d.at - t0, count: d.count };
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** One incremental edit → publishDiagnostics of the new version, in ms. */
  async edit(uri: string, version: number, start: Position, end: Position, text: string): Promise<number> {
    const wait = this.nextDiagnostics(uri, version);
    const t0 = this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start, end }, text }] });
    return (await wait).at - t0;
  }

  /** CPU time (user + system, all threads) the server used so far, from /proc (Linux), in ms; NaN elsewhere. */
  cpuMs(): number {
    try {
      const stat = readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      return NaN;
    }
  }

  /** Resident set size and its peak, from /proc (Linux), in MB. */
  memory(): { rss: number; peak: number } {
    try {
      const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
      return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
    } catch {
      return { rss: NaN, peak: NaN };
    }
  }

  async stop(): Promise<void> {
    try {
      await this.request('shutdown', null, 10000);
      this.notify('exit', null);
    } catch {
      // fall through to kill
    }
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill('SIGKILL');
        resolve();
      }, 2000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}
