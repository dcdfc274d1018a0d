/**
 * The LSP stdio reader, with a guard built in. vscode-jsonrpc's stream reader
 * stops reading after a malformed frame (a header without a colon, a bad
 * Content-Length, a body that is not JSON, binary noise), leaving the server
 * alive but deaf; it also waits for the body of any Content-Length, however
 * large. This reader frames the stream itself:
 *
 *  - header names are case-insensitive (`content-length:` is a Content-Length);
 *  - a frame whose Content-Length exceeds MAX_CONTENT_LENGTH (well above the
 *    16 MB analysis cap, far below memory) is rejected without waiting for its
 *    body, so a 10-digit length cannot wedge the reader;
 *  - anything malformed is dropped and the reader resynchronises at the next
 *    `Content-Length:` header;
 *  - linear in the input: a body that arrives in several chunks is copied once,
 *    chunk by chunk, into a buffer of its Content-Length (no concatenation per
 *    chunk; for a body of 1 MB or more, the buffer is kept for the next such
 *    body for 5 s), and each body is decoded and parsed once (the message handed on is
 *    the parsed object). A body of ASCII bytes only (every nova.conf we have
 *    seen) is decoded as Latin-1, which for ASCII is the same text: Node makes
 *    that string with one copy (an external string above ~1 MB), where its
 *    UTF-8 decoder walks every byte (40 ms for a 10 MB didOpen, as long as its
 *    JSON.parse). Any other byte takes the UTF-8 decoder, as before. A body of
 *    128 KB to 1 MB with a document's text is parsed in parts (text-cut.ts);
 *    an ASCII one of 1 MB or more has its text's escapes undone in its own
 *    buffer and only the text decoded (text-cut.ts, parseBig).
 */
import { isAscii } from 'node:buffer';
import type { Readable } from 'node:stream';
import { parseBig, parseCut } from './text-cut';
import { AbstractMessageReader, DataCallback, Disposable, Message } from 'vscode-languageserver/node';

/** Header blocks longer than this cannot be real; the bytes are dropped. */
export const MAX_HEADER = 8192;
/** The largest body accepted (bytes). Larger frames are dropped unread. */
export const MAX_CONTENT_LENGTH = 64 * 1024 * 1024;
/**
 * A body of at least this many bytes that arrives in several chunks is collected into a buffer that is kept for
 * the next such body (see FrameDecoder.spare): a reopened, re-sent or pasted big document.
 */
export const KEEP_MIN = 1 << 20;
/** How long a kept body buffer waits for the next big body before it is let go (ms). */
export const KEEP_MS = 5000;

const COLON = 58;
const NAME = 'content-length';

/**
 * Where the header block starting at 0 ends (the index of its CR LF CR LF);
 * -1 when it may still arrive, -2 when the block is already too long.
 */
function headerEnd(buf: Buffer): number {
  const i = buf.subarray(0, MAX_HEADER + 4).indexOf('\r\n\r\n', 0, 'latin1');
  return i >= 0 ? i : buf.length > MAX_HEADER ? -2 : -1;
}

/**
 * The start of the next `Content-Length:` header name at or after `from`, in
 * any letter case, or -1. Scans colons, so its cost is linear in the bytes.
 */
export function findContentLength(buf: Buffer, from: number): number {
  for (let i = buf.indexOf(COLON, from + NAME.length); i >= 0; i = buf.indexOf(COLON, i + 1)) {
    const s = i - NAME.length;
    let k = 0;
    while (k < NAME.length && (buf[s + k] | 0x20) === NAME.charCodeAt(k)) k++;
    if (k === NAME.length) return s;
  }
  return -1;
}

export type FrameEvent = { kind: 'message'; message: Message } | { kind: 'drop'; reason: string };

const EMPTY = Buffer.alloc(0);

/** The bytes of `buf` from `from` on; none left gives a shared empty buffer, so an emptied view does not keep a large message's chunk alive. */
function rest(buf: Buffer, from: number): Buffer {
  return from >= buf.length ? EMPTY : buf.subarray(from);
}

/**
 * The framing state machine, independent of streams: feed it chunks, it calls
 * `emit` for every message and every dropped frame, in order.
 */
export class FrameDecoder {
  /** Unframed bytes: a partial header block, or noise being skipped. Never more than MAX_HEADER plus one chunk. */
  private head: Buffer = Buffer.alloc(0);
  /** The body being collected (when `need` >= 0): a buffer of its Content-Length, filled up to `have`. */
  private into: Buffer = EMPTY;
  private have = 0;
  /** Length of the body being collected, or -1 while reading headers. */
  private need = -1;
  /**
   * The buffer the last big body (KEEP_MIN bytes or more) was collected in, kept for the next one for KEEP_MS.
   * A fresh 10 MB buffer can be ~2,500 pages the kernel has to hand over (and zero) on first touch, 15-23 us each
   * on the bench host (docs/performance.md, Rounds 11 and 12); a kept one has its pages already. At most one
   * buffer, of at most MAX_CONTENT_LENGTH rounded up to KEEP_MIN, and none in a session without big messages.
   */
  private spare: Buffer = EMPTY;
  private spareTimer: ReturnType<typeof setTimeout> | undefined;

  /** `sized` hears each accepted frame's Content-Length before its body is read (main.ts: big inputs, heap-flags.ts). */
  constructor(
    private readonly emit: (e: FrameEvent) => void,
    private readonly sized?: (length: number) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.need >= 0) {
      const take = Math.min(chunk.length, this.need - this.have);
      chunk.copy(this.into, this.have, 0, take);
      this.have += take;
      if (this.have < this.need) return;
      const all = this.into;
      this.into = EMPTY;
      this.have = 0;
      this.need = -1;
      this.body(all);
      // The message is parsed (its strings are copies), so the buffer is free for the next big body.
      if (all.length >= KEEP_MIN) this.keep(all);
      this.head = rest(chunk, take);
    } else {
      this.head = this.head.length ? Buffer.concat([this.head, chunk]) : chunk;
    }
    this.drain();
  }

  /** Bytes held for the next big body (0 when none is kept): for tests and logging. */
  get keptBytes(): number {
    return this.spare === EMPTY ? 0 : this.spare.buffer.byteLength;
  }

  /** A buffer for a body of `length` bytes: the kept one when it is large enough. */
  private bodyBuffer(length: number): Buffer {
    if (length < KEEP_MIN) return Buffer.allocUnsafe(length);
    const spare = this.spare;
    this.spare = EMPTY;
    if (spare.buffer.byteLength - spare.byteOffset >= length) return Buffer.from(spare.buffer, spare.byteOffset, length);
    // Rounded up to a whole KEEP_MIN so that the same document, a little longer after an edit, fits next time.
    const size = Math.min(Math.ceil(length / KEEP_MIN) * KEEP_MIN, MAX_CONTENT_LENGTH);
    return Buffer.from(Buffer.allocUnsafeSlow(Math.max(size, length)).buffer, 0, length);
  }

  private keep(buf: Buffer): void {
    this.spare = buf;
    if (this.spareTimer) clearTimeout(this.spareTimer);
    this.spareTimer = setTimeout(() => {
      this.spare = EMPTY;
      this.spareTimer = undefined;
    }, KEEP_MS);
    // A kept buffer never keeps the process alive on its own.
    this.spareTimer.unref?.();
  }

  private drop(reason: string, from: number): void {
    this.emit({ kind: 'drop', reason });
    const next = findContentLength(this.head, from);
    // No header in sight: keep only a tail that could be the start of one.
    this.head = next >= 0 ? this.head.subarray(next) : this.head.subarray(Math.max(from, this.head.length - NAME.length));
  }

  private body(bytes: Buffer): void {
    let message: unknown;
    try {
      const encoding = isAscii(bytes) ? 'latin1' : 'utf8';
      // A body of a few hundred KB with a document's text: parsed without a string of the whole body (text-cut.ts);
      // one of 1 MB or more, ASCII: the text's escapes undone in this buffer, no string of the whole body either.
      message = parseCut(bytes, encoding) ?? (encoding === 'latin1' ? parseBig(bytes) : undefined) ?? JSON.parse(bytes.toString(encoding));
    } catch {
      message = undefined;
    }
    if (typeof message === 'object' && message !== null) this.emit({ kind: 'message', message: message as Message });
    else this.emit({ kind: 'drop', reason: 'body is not a JSON-RPC message' });
  }

  private drain(): void {
    while (this.need < 0 && this.head.length > 0) {
      const buf = this.head;
      const end = headerEnd(buf);
      if (end === -1) return; // the rest of the header block is still to come
      if (end === -2) {
        this.drop('header too long', 1);
        continue;
      }
      let length = -1;
      let ok = true;
      const lines = buf.toString('latin1', 0, end).split('\r\n');
      for (const line of lines) {
        const colon = line.indexOf(':');
        const name = colon > 0 ? line.slice(0, colon) : '';
        if (!/^[A-Za-z0-9-]+$/.test(name)) {
          ok = false;
          break;
        }
        if (name.toLowerCase() === NAME) {
          const v = line.slice(colon + 1).trim();
          length = /^\d+$/.test(v) ? (v.length > 15 ? Infinity : Number(v)) : -1;
        }
      }
      if (!ok || length < 0) {
        this.drop('malformed header', 1);
        continue;
      }
      const bodyStart = end + 4;
      if (length > MAX_CONTENT_LENGTH) {
        this.drop(`Content-Length ${Number.isFinite(length) ? length : 'of more than 15 digits'} exceeds the limit of ${MAX_CONTENT_LENGTH} bytes`, bodyStart);
        continue;
      }
      this.sized?.(length);
      if (buf.length - bodyStart >= length) {
        this.body(buf.subarray(bodyStart, bodyStart + length));
        this.head = rest(buf, bodyStart + length);
        continue;
      }
      // Collect the rest of the body into one buffer of its length: each byte is copied once.
      this.need = length;
      this.into = this.bodyBuffer(length);
      this.have = buf.copy(this.into, 0, bodyStart);
      this.head = EMPTY;
    }
  }
}

/** A MessageReader for `createConnection` that reads LSP frames from a stream through FrameDecoder. */
export class FramingReader extends AbstractMessageReader {
  /** Frames dropped so far (for logging and tests). */
  dropped = 0;

  constructor(
    private readonly input: Readable,
    private readonly onDrop: (reason: string) => void = () => {},
    /** Called with each frame's Content-Length once its header is read. */
    private readonly onFrame?: (length: number) => void,
    /**
     * Input read from the stream before this reader (the loader's early initialize answer, early-start.ts): read
     * first, as if the stream had delivered it; `ended`: the stream has already ended, so the reader closes after it.
     */
    private early?: { chunks: Buffer[]; ended: boolean },
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const decoder = new FrameDecoder((e) => {
      if (e.kind === 'message') callback(e.message);
      else {
        this.dropped++;
        this.onDrop(e.reason);
      }
    }, this.onFrame);
    const onData = (chunk: Buffer | string) => {
      try {
        decoder.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      } catch (error) {
        this.fireError(error);
      }
    };
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('close', onClose);
    this.input.on('end', onClose);
    const early = this.early;
    this.early = undefined;
    if (early) {
      for (const chunk of early.chunks) onData(chunk);
      if (early.ended) onClose();
    }
    return Disposable.create(() => {
      this.input.off('data', onData);
      this.input.off('error', onError);
      this.input.off('close', onClose);
      this.input.off('end', onClose);
    });
  }
}
