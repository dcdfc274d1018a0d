/**
 * A guard in front of the LSP stdio reader. vscode-jsonrpc stops reading after
 * a malformed frame (a header without a colon, a bad Content-Length, a body that
 * is not JSON, binary noise), leaving the server alive but deaf. This stream
 * passes well-formed frames through unchanged and drops anything else, then
 * resynchronises at the next `Content-Length:` header.
 */
import { Transform, TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = Buffer.from('Content-Length:');
/** Headers longer than this cannot be real; the bytes are dropped. */
const MAX_HEADER = 8192;

export class FramingGuard extends Transform {
  private buf: Buffer = Buffer.alloc(0);
  /** Frames dropped so far (for logging). */
  dropped = 0;

  constructor(private readonly onDrop: (reason: string) => void = () => {}) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    this.drain();
    cb();
  }

  private discard(reason: string, upTo: number): void {
    this.dropped++;
    this.onDrop(reason);
    // Skip at least one byte, then to the next header start, if any.
    const next = this.buf.indexOf(CONTENT_LENGTH, Math.max(1, upTo));
    this.buf = next >= 0 ? this.buf.subarray(next) : this.buf.subarray(Math.max(0, this.buf.length - CONTENT_LENGTH.length + 1));
  }

  private drain(): void {
    for (;;) {
      if (this.buf.length === 0) return;
      const start = this.buf.indexOf(CONTENT_LENGTH);
      // Anything before a header start is noise (headers may start with other fields, e.g. Content-Type).
      const headerStart = this.headerStart(start);
      if (headerStart < 0) {
        if (this.buf.length > MAX_HEADER) this.discard('no Content-Length header', this.buf.length);
        return;
      }
      if (headerStart > 0) {
        this.discard('bytes outside a frame', headerStart);
        continue;
      }
      const end = this.buf.indexOf(HEADER_END);
      if (end < 0) {
        if (this.buf.length > MAX_HEADER) this.discard('header too long', 1);
        return;
      }
      const header = this.buf.subarray(0, end).toString('ascii');
      let length = -1;
      let ok = true;
      for (const line of header.split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) ok = false;
        else if (line.slice(0, colon).trim().toLowerCase() === 'content-length') {
          const v = line.slice(colon + 1).trim();
          length = /^\d{1,10}$/.test(v) ? Number(v) : -1;
        }
      }
      if (!ok || length < 0) {
        this.discard('malformed header', end + HEADER_END.length);
        continue;
      }
      const bodyStart = end + HEADER_END.length;
      if (this.buf.length < bodyStart + length) return; // wait for the rest of the body
      const body = this.buf.subarray(bodyStart, bodyStart + length);
      let valid: boolean;
      try {
        const msg: unknown = JSON.parse(body.toString('utf8'));
        valid = typeof msg === 'object' && msg !== null;
      } catch {
        valid = false;
      }
      if (!valid) {
        this.discard('body is not a JSON-RPC message', bodyStart);
        continue;
      }
      this.push(this.buf.subarray(0, bodyStart + length));
      this.buf = this.buf.subarray(bodyStart + length);
    }
  }

  /** Where the header containing the Content-Length found at `cl` starts (other header lines may precede it). */
  private headerStart(cl: number): number {
    if (cl < 0) return -1;
    // Walk back over whole header lines ("Name: value\r\n") that precede Content-Length.
    let s = cl;
    for (;;) {
      const prevEnd = s - 2;
      if (prevEnd < 0 || this.buf[prevEnd] !== 13 || this.buf[prevEnd + 1] !== 10) return s;
      const lineStart = this.buf.lastIndexOf(10, prevEnd - 1) + 1;
      const line = this.buf.subarray(lineStart, prevEnd).toString('latin1');
      if (!/^[A-Za-z-]+:/.test(line) || this.buf.subarray(lineStart, prevEnd + 2).includes(HEADER_END)) return s;
      s = lineStart;
    }
  }
}
