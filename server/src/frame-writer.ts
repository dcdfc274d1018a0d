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
import { AbstractMessageWriter, Message, MessageWriter } from 'vscode-languageserver/node';

export class FrameWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (error: Error) => this.fireError(error));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let frame: Buffer;
    try {
      frame = encodeFrame(msg);
    } catch (error) {
      this.fireError(error as Error);
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      this.out.write(frame, (error?: Error | null) => {
        if (!error) return resolve();
        this.errorCount++;
        this.fireError(error, msg, this.errorCount);
        reject(error);
      });
    });
  }

  end(): void {
    this.out.end();
  }
}

/** `Content-Length: N\r\n\r\n` and the message's JSON (UTF-8), in one buffer. */
export function encodeFrame(msg: unknown): Buffer {
  const json = JSON.stringify(msg);
  const length = Buffer.byteLength(json, 'utf8');
  const header = `Content-Length: ${length}\r\n\r\n`;
  const frame = Buffer.allocUnsafe(header.length + length);
  frame.write(header, 0, 'latin1');
  frame.write(json, header.length, 'utf8');
  return frame;
}
