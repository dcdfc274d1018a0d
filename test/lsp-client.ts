/**
 * A minimal LSP client over real stdio for protocol tests: spawns the built
 * server (dist/server.js), frames JSON-RPC messages, and collects notifications.
 */
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers';

export const SERVER = join(ROOT, 'dist', 'server.js');

type Json = Record<string, unknown>;

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly notifications: Json[] = [];
  /** Requests the server sent (each answered: configuration items, else null). */
  readonly serverRequests: Json[] = [];
  private waiters: { pred: (m: Json) => boolean; resolve: (m: Json) => void }[] = [];
  stderr = '';

  /**
   * `nodeArgs` go before the script: node/V8 flags such as the VS Code client's (client/src/server-flags.ts).
   * `command`, when given, is started instead of node and dist/server.js (a launcher such as
   * dist/nova-conf-language-server-lean), with `args` only.
   */
  constructor(args: string[] = ['--stdio'], env: NodeJS.ProcessEnv = {}, nodeArgs: readonly string[] = [], command?: string) {
    const argv = command ? args : [...nodeArgs, SERVER, ...args];
    this.proc = spawn(command ?? process.execPath, argv, { env: { ...process.env, ...env }, stdio: 'pipe' });
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const headerEnd = this.buf.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buf.subarray(0, headerEnd).toString('ascii'));
      if (!m) throw new Error('bad header from server');
      const len = Number(m[1]);
      if (this.buf.length < headerEnd + 4 + len) return;
      const body = JSON.parse(this.buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8')) as Json;
      this.buf = this.buf.subarray(headerEnd + 4 + len);
      this.dispatch(body);
    }
  }

  private dispatch(msg: Json): void {
    if (msg.id !== undefined && (msg.result !== undefined || msg.error !== undefined) && msg.method === undefined) {
      const p = this.pending.get(msg.id as number);
      if (p) {
        this.pending.delete(msg.id as number);
        if (msg.error) p.reject(Object.assign(new Error(String((msg.error as Json).message)), { data: msg.error }));
        else p.resolve(msg.result);
      }
      return;
    }
    if (msg.id !== undefined && msg.method) {
      // A request from the server (workspace/configuration, client/registerCapability, window/showMessageRequest …).
      this.serverRequests.push(msg);
      const result = msg.method === 'workspace/configuration' ? ((msg.params as Json).items as unknown[]).map(() => this.configuration) : null;
      this.sendRaw({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    this.notifications.push(msg);
    this.waiters = this.waiters.filter((w) => {
      if (w.pred(msg)) {
        w.resolve(msg);
        return false;
      }
      return true;
    });
  }

  /** What the client answers to workspace/configuration. */
  configuration: unknown = null;

  sendRaw(msg: Json | string): void {
    const body = Buffer.from(typeof msg === 'string' ? msg : JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs = 10000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in ${timeoutMs} ms\n${this.stderr}`)), timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.sendRaw({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.sendRaw({ jsonrpc: '2.0', method, params });
  }

  /** Waits for a notification matching pred (including ones that already arrived after `since`). */
  waitFor(pred: (m: Json) => boolean, timeoutMs = 10000, since = 0): Promise<Json> {
    const already = this.notifications.slice(since).find(pred);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching notification in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** Waits for publishDiagnostics of uri (optionally for a document version). */
  diagnostics(uri: string, version?: number, since = 0): Promise<{ uri: string; version?: number; diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: number; code: string; message: string; data?: Json }[] }> {
    return this.waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Json).uri === uri && (version === undefined || (m.params as Json).version === version),
      10000,
      since,
    ).then((m) => m.params as never);
  }

  async initialize(capabilities: Json = {}, initializationOptions?: unknown, rootUri: string | null = null): Promise<Json> {
    const result = await this.request<Json>('initialize', { processId: process.pid, rootUri, capabilities, initializationOptions });
    this.notify('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'nova-conf', version, text } });
  }

  async shutdown(): Promise<number | null> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    return new Promise((resolve) => {
      if (this.proc.exitCode !== null) return resolve(this.proc.exitCode);
      this.proc.on('exit', (code) => resolve(code));
    });
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }

  /** Orderly shutdown + exit; the process is killed if that fails (the usual `after` of a test file). */
  async close(): Promise<void> {
    try {
      await this.shutdown();
    } finally {
      this.kill();
    }
  }
}
