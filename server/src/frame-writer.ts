/**
 * The stdio message writer: each LSP message leaves as one frame (`Content-Length` header and JSON body in one
 * buffer) in one write.
 *
 * vscode-jsonrpc's StreamMessageWriter queues every message behind a semaphore that runs on the next event-loop
 * turn (setImmediate), encodes it through a promise, writes the header, waits for that write's callback, then
 * writes the body: two writes per message, so the client is woken twice, and the body waits for a turn of the
 * server's loop. Here the message is serialised and written at once, in the order `write` is called; stream writes
 * keep that order, so no queue is needed. The bytes on the wire are the same (header `Content-Length: N\r\n\r\n`,
 * UTF-8 JSON without spaces).
 */
import type { Writable } from 'node:stream';
import { AbstractMessageWriter, Message, MessageWriter } from 'vscode-languageserver/node';

export class FrameWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (error: Error) => this.fireError(error));
    out.on('close', () => this.fireClose());
  }

  /** The request the loader answered before the server was loaded (early-start.ts), and the JSON it wrote. */
  private early?: { id: number | string; json: string };

  /**
   * The loader already answered request `id` (`initialize`) with `json`: the connection's own response to it is not
   * written. One that differs (it should not: both come from capabilities.ts) is reported on stderr.
   */
  answeredEarly(id: number | string, json: string, report: (text: string) => void = (t) => process.stderr.write(`${t}\n`)): void {
    this.early = { id, json };
    this.report = report;
  }

  private report?: (text: string) => void;

  write(msg: Message): Promise<void> {
    const early = this.early;
    if (early && (msg as { id?: unknown }).id === early.id && (msg as { method?: unknown }).method === undefined) {
      this.early = undefined;
      const json = messageJson(msg);
      if (json !== early.json) this.report?.(`nova-conf: the server's answer to initialize differs from the one sent before it was loaded: ${json}`);
      return Promise.resolve();
    }
    let frame: Buffer | Buffer[];
    try {
      frame = encodeFrameParts(msg);
    } catch (error) {
      this.fireError(error as Error);
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      const done = (error?: Error | null) => {
        if (!error) return resolve();
        this.errorCount++;
        this.fireError(error, msg, this.errorCount);
        reject(error);
      };
      if (Buffer.isBuffer(frame)) {
        this.out.write(frame, done);
        return;
      }
      // A frame in parts (a kept item list in the middle): one corked write of all of them, which a pipe or
      // socket sends as one writev, without copying the kept bytes into a new 15 KB buffer per answer. Against
      // the copy: option-name p95 lower in 5 of 5 pairs; a server's first such answer runs Node's writev path
      // cold, ~0.4 ms more (docs/performance.md, Round 12).
      const cork = (this.out as Partial<Pick<Writable, 'cork' | 'uncork'>>).cork?.bind(this.out);
      cork?.();
      for (let i = 0; i < frame.length - 1; i++) this.out.write(frame[i]);
      this.out.write(frame[frame.length - 1], done);
      if (cork) (this.out as Writable).uncork();
    });
  }

  end(): void {
    this.out.end();
  }
}

/**
 * The JSON (UTF-8 bytes) of diagnostics lists already published, per list object. The language service hands out
 * the same list object for a new version whose findings did not change (service/index.ts), so a keystroke's
 * publishDiagnostics copies the bytes of the list it sent for the version before instead of serialising it again.
 */
const listBytes = new WeakMap<object, Buffer>();
const PUBLISH = 'textDocument/publishDiagnostics';
const COMMA = 0x2c;

/** A publishDiagnostics message as its JSON before the list, the list's bytes, and what follows (`}}`). */
function publishParts(msg: unknown): { head: string; list: Buffer } | undefined {
  const m = msg as { method?: unknown; params?: { diagnostics?: unknown } };
  const list = m.method === PUBLISH ? m.params?.diagnostics : undefined;
  if (!Array.isArray(list) || list.length === 0 || !lastKeyIs(m, 'params') || !lastKeyIs(m.params!, 'diagnostics')) return undefined;
  let bytes = listBytes.get(list);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(list), 'utf8');
    listBytes.set(list, bytes);
  }
  // `"diagnostics":[]}}` ends the message written with an empty list: the list's JSON goes in place of the brackets.
  const shell = JSON.stringify({ ...m, params: { ...m.params, diagnostics: [] } });
  return { head: shell.slice(0, -4), list: bytes };
}

function lastKeyIs(o: object, key: string): boolean {
  let last: string | undefined;
  for (const k in o) last = k;
  return last === key && typeof (o as { toJSON?: unknown }).toJSON !== 'function';
}

/**
 * The JSON (UTF-8 bytes) of frozen list items, per item object. A frozen object whose nested objects are frozen too
 * and that has no accessors and no toJSON always serialises to the same text, so it is serialised once: the
 * option-name completion items (service/features/completion.ts) are made once per release and section, frozen,
 * and sent in every option-name answer after that (a [DEFAULT] answer is ~120-370 of them). JSON.stringify of those
 * items and the UTF-8 encoding of the text were about a third of the server's instructions per completion.
 */
const itemBytes = new WeakMap<object, Buffer>();

/** Whether `v`'s JSON cannot change: a primitive, or a frozen plain object or array of such values without accessors or toJSON. */
function fixedJson(v: unknown, depth = 0): boolean {
  if (typeof v !== 'object' || v === null) return typeof v !== 'function';
  if (depth > 8 || !Object.isFrozen(v) || typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== Array.prototype) return false;
  for (const d of Object.values(Object.getOwnPropertyDescriptors(v))) if (!('value' in d) || !fixedJson(d.value, depth + 1)) return false;
  return true;
}

/** The bytes of a frozen item's JSON (made and kept on first use), or undefined when its JSON could change. */
function frozenItemBytes(item: unknown): Buffer | undefined {
  if (typeof item !== 'object' || item === null || !Object.isFrozen(item)) return undefined;
  let bytes = itemBytes.get(item);
  if (bytes === undefined) {
    if (!fixedJson(item)) return undefined;
    bytes = Buffer.from(JSON.stringify(item), 'utf8');
    itemBytes.set(item, bytes);
  }
  return bytes;
}

/**
 * The JSON (UTF-8 bytes, without the brackets) of frozen arrays of such items, per array: completion.ts hands out
 * the same frozen array of option-name items while the same options are left out of the list, so a repeated
 * answer is written from these bytes without copying them (FrameWriter.write).
 */
const arrayBytes = new WeakMap<object, Buffer>();

/** The item bytes of a list, and the commas between them, as one buffer. */
function joined(items: Buffer[], bytes: number): Buffer {
  const out = Buffer.allocUnsafeSlow(bytes);
  let at = 0;
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out[at++] = COMMA;
    at += items[i].copy(out, at);
  }
  return out;
}

/**
 * A response whose result ends with an `items` array of frozen items (a completion list): its JSON before the
 * items, and each item's bytes (or, for a frozen array, the bytes of all of them in one buffer). Undefined for
 * anything else, or when an item is not frozen: the first item decides at once for lists made per request.
 */
function itemsParts(msg: unknown): { head: string; items: Buffer[]; bytes: number } | undefined {
  const m = msg as { id?: unknown; method?: unknown; result?: unknown };
  if (m.method !== undefined || m.id === undefined || typeof m.result !== 'object' || m.result === null) return undefined;
  const list = (m.result as { items?: unknown }).items;
  if (!Array.isArray(list) || list.length < 2) return undefined;
  const kept = arrayBytes.get(list);
  if (kept === undefined && frozenItemBytes(list[0]) === undefined) return undefined;
  if (!lastKeyIs(m, 'result') || !lastKeyIs(m.result, 'items')) return undefined;
  // `"items":[]}}` ends the message written with no items: the items go between the brackets.
  const shell = JSON.stringify({ ...m, result: { ...m.result, items: [] } });
  if (kept !== undefined) return { head: shell.slice(0, -3), items: [kept], bytes: kept.length };
  const items = new Array<Buffer>(list.length);
  let bytes = list.length - 1; // the commas
  for (let i = 0; i < list.length; i++) {
    const b = frozenItemBytes(list[i]);
    if (b === undefined) return undefined;
    items[i] = b;
    bytes += b.length;
  }
  if (Object.isFrozen(list)) {
    const all = joined(items, bytes);
    arrayBytes.set(list, all);
    return { head: shell.slice(0, -3), items: [all], bytes };
  }
  return { head: shell.slice(0, -3), items, bytes };
}

/** The message's JSON, exactly as JSON.stringify(msg) writes it (what encodeFrame sends). */
export function messageJson(msg: unknown): string {
  const p = publishParts(msg);
  if (p) return `${p.head}${p.list.toString('utf8')}}}`;
  const q = itemsParts(msg);
  return q ? `${q.head}${q.items.map((b) => b.toString('utf8')).join(',')}]}}` : JSON.stringify(msg);
}

/** `Content-Length: N\r\n\r\n` and the message's JSON (UTF-8), in one buffer. */
export function encodeFrame(msg: unknown): Buffer {
  const published = publishFrame(msg);
  if (published) return published;
  const q = itemsParts(msg);
  return q ? itemsFrame(q) : plainFrame(msg);
}

/** The frame of a publishDiagnostics notification whose list bytes are kept, or undefined for any other message. */
function publishFrame(msg: unknown): Buffer | undefined {
  const p = publishParts(msg);
  if (!p) return undefined;
  const headLength = Buffer.byteLength(p.head, 'utf8');
  const length = headLength + p.list.length + 2;
  const header = `Content-Length: ${length}\r\n\r\n`;
  const frame = Buffer.allocUnsafe(header.length + length);
  frame.write(header, 0, 'latin1');
  frame.write(p.head, header.length, 'utf8');
  p.list.copy(frame, header.length + headLength);
  frame.write('}}', header.length + headLength + p.list.length, 'latin1');
  return frame;
}

/**
 * What FrameWriter writes: the frame of `encodeFrame`, or, for a list whose item bytes are kept as one buffer, the
 * frame in three parts (header and the JSON before the items, the kept bytes, the closing brackets) with the same
 * bytes in the same order.
 */
export function encodeFrameParts(msg: unknown): Buffer | Buffer[] {
  const q = itemsParts(msg); // undefined for notifications (publishDiagnostics) and results without a list
  if (q === undefined) return publishFrame(msg) ?? plainFrame(msg);
  if (q.items.length !== 1 || q.bytes < 2048) return itemsFrame(q);
  const headLength = Buffer.byteLength(q.head, 'utf8');
  const header = `Content-Length: ${headLength + q.bytes + 3}\r\n\r\n`;
  const first = Buffer.allocUnsafe(header.length + headLength);
  first.write(header, 0, 'latin1');
  first.write(q.head, header.length, 'utf8');
  return [first, q.items[0], CLOSE];
}

/** `]}}`: what ends a list response after its items. */
const CLOSE = Buffer.from(']}}', 'latin1');

function itemsFrame(q: { head: string; items: Buffer[]; bytes: number }): Buffer {
  const headLength = Buffer.byteLength(q.head, 'utf8');
  const length = headLength + q.bytes + 3;
  const header = `Content-Length: ${length}\r\n\r\n`;
  const frame = Buffer.allocUnsafe(header.length + length);
  let at = frame.write(header, 0, 'latin1');
  at += frame.write(q.head, at, 'utf8');
  for (let i = 0; i < q.items.length; i++) {
    if (i > 0) frame[at++] = COMMA;
    at += q.items[i].copy(frame, at);
  }
  frame.write(']}}', at, 'latin1');
  return frame;
}

function plainFrame(msg: unknown): Buffer {
  const json = JSON.stringify(msg);
  const length = Buffer.byteLength(json, 'utf8');
  const header = `Content-Length: ${length}\r\n\r\n`;
  const frame = Buffer.allocUnsafe(header.length + length);
  frame.write(header, 0, 'latin1');
  frame.write(json, header.length, 'utf8');
  return frame;
}
