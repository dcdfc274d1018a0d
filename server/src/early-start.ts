/**
 * The stdio server's first answer, given before the server is loaded. The loader (dist/server.js, written by
 * scripts/code-cache.mjs) embeds this module as a small bundle of its own: over `--stdio` it reads the input until
 * the first complete frame; when that is a well-formed `initialize` request, the result (capabilities.ts, the same
 * function server.ts answers with) is written at once, in one write framed as FrameWriter frames it, and only then
 * is the server's bundle read, compiled and run (docs/performance.md, Round 17: the compile, the cache's
 * deserialisation and the modules' bodies, ~70 ms on the bench host, no longer come before the reply).
 *
 * Hand-over: every byte read here (the initialize frame and whatever followed it) is left for the server in
 * `takeEarlyInput()`. main.ts gives those chunks to the FramingReader first, so the connection reads the same
 * `initialize` request and server.ts's onInitialize runs with it as before (settings, folders, capabilities, the
 * readiness timer); the connection's own response to that request id is not written a second time
 * (FrameWriter.answeredEarly). Anything else (a first frame that is not a well-formed initialize, input that ends
 * before a frame) is handed over unanswered: the server deals with it as it does today.
 */
import type { ClientCapabilities } from 'vscode-languageserver';
import { initializeResult } from './capabilities';

/** What the loader read before the server was loaded (main.ts takes it). */
export interface EarlyInput {
  /** The chunks read from stdin, in order, as they were read. */
  chunks: Buffer[];
  /** Stdin ended (or failed) before a complete frame arrived: no more input will come. */
  ended: boolean;
  /** The request answered here, and the JSON written for it (compared with the server's own answer). */
  answered?: { id: number | string; json: string };
}

const HANDOFF = Symbol.for('nova-conf.early-input');

/** The input the loader read, once (undefined when the server was not started through the early path). */
export function takeEarlyInput(): EarlyInput | undefined {
  const g = globalThis as { [HANDOFF]?: EarlyInput };
  const early = g[HANDOFF];
  delete g[HANDOFF];
  return early;
}

/** The largest initialize frame answered here; a larger one is left to the server (framing.ts reads any size). */
const MAX_EARLY_FRAME = 1 << 20;
const MAX_HEADER = 8192;

/**
 * The first frame of `buf`: its message when a whole frame starting at byte 0 is there (header lines of the form
 * `Name: value`, a Content-Length in digits, a JSON body); 'more' while it may still be arriving; undefined for
 * anything this path does not take (noise before the header, a malformed header, a body that is not JSON, a
 * frame over MAX_EARLY_FRAME). Stricter than framing.ts: what it accepts, framing.ts reads as the same message.
 */
export function firstMessage(buf: Buffer): { message: unknown } | 'more' | undefined {
  const end = buf.subarray(0, MAX_HEADER + 4).indexOf('\r\n\r\n', 0, 'latin1');
  if (end < 0) return buf.length > MAX_HEADER ? undefined : 'more';
  let length = -1;
  for (const line of buf.toString('latin1', 0, end).split('\r\n')) {
    const m = /^([A-Za-z0-9-]+):(.*)$/.exec(line);
    if (!m) return undefined;
    if (m[1].toLowerCase() === 'content-length') {
      const v = m[2].trim();
      if (!/^\d{1,8}$/.test(v)) return undefined;
      length = Number(v);
    }
  }
  if (length < 0 || length > MAX_EARLY_FRAME) return undefined;
  if (buf.length < end + 4 + length) return 'more';
  try {
    return { message: JSON.parse(buf.toString('utf8', end + 4, end + 4 + length)) as unknown };
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The reply to `message` when it is a well-formed `initialize` request (an id, params with a capabilities object,
 * the fields server.ts's onInitialize reads of the shapes it reads them as), else undefined.
 */
export function earlyReply(message: unknown): { id: number | string; json: string; frame: Buffer } | undefined {
  if (!isObject(message) || message.method !== 'initialize') return undefined;
  const id = message.id;
  if (typeof id !== 'number' && typeof id !== 'string') return undefined;
  const params = message.params;
  if (!isObject(params) || !isObject(params.capabilities)) return undefined;
  const folders = params.workspaceFolders;
  if (folders !== undefined && folders !== null && !(Array.isArray(folders) && folders.every(isObject))) return undefined;
  const capabilities = params.capabilities as ClientCapabilities;
  const properties: unknown = capabilities.textDocument?.completion?.completionItem?.resolveSupport?.properties;
  if (properties !== undefined && properties !== null && !Array.isArray(properties) && typeof properties !== 'string') return undefined;
  const json = JSON.stringify({ jsonrpc: '2.0', id, result: initializeResult(capabilities) });
  const length = Buffer.byteLength(json, 'utf8');
  const header = `Content-Length: ${length}\r\n\r\n`;
  const frame = Buffer.allocUnsafe(header.length + length);
  frame.write(header, 0, 'latin1');
  frame.write(json, header.length, 'utf8');
  return { id, json, frame };
}

/**
 * Reads `input` until its first complete frame (or its end), answers it when it is `initialize`, leaves what was
 * read for the server and calls `load` (which compiles and runs the server's bundle; main.ts takes the input).
 * A load that fails after the answer was sent is reported to the client (window/showMessage, and stderr) and the
 * process exits with status 1: the client, told the server started, would otherwise wait on a dead one in silence.
 */
export function start(load: () => void, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const handOver = (ended: boolean, answered?: EarlyInput['answered']) => {
    input.removeListener('data', onData);
    input.removeListener('end', onEnd);
    input.removeListener('error', onEnd);
    (globalThis as { [HANDOFF]?: EarlyInput })[HANDOFF] = { chunks, ended, answered };
    if (!answered) return load();
    try {
      load();
    } catch (error) {
      const text = `nova-conf: the language server failed to start after answering initialize: ${(error as Error)?.stack ?? String(error)}`;
      const json = JSON.stringify({ jsonrpc: '2.0', method: 'window/showMessage', params: { type: 1, message: text } });
      try {
        output.write(`Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`);
      } finally {
        process.stderr.write(`${text}\n`);
        process.exitCode = 1;
        // Exits once the message is written (stdout to a pipe is written synchronously on Linux and macOS).
        setImmediate(() => process.exit(1));
      }
    }
  };
  const onData = (chunk: Buffer | string) => {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    chunks.push(b);
    size += b.length;
    const first = firstMessage(chunks.length === 1 ? b : Buffer.concat(chunks, size));
    if (first === 'more') return;
    const reply = first && earlyReply(first.message);
    if (reply) output.write(reply.frame);
    handOver(false, reply && { id: reply.id, json: reply.json });
  };
  const onEnd = () => handOver(true);
  input.on('data', onData);
  input.on('end', onEnd);
  input.on('error', onEnd);
}
