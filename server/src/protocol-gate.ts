/**
 * Protocol rules the LSP adapter enforces below its handlers (issue 19):
 *
 *  - Before `initialize`, every request is answered with ServerNotInitialized (-32002) and every notification
 *    but `exit` is dropped, as the specification asks (`ShutdownGate` again, so no handler runs early).
 *  - After `shutdown`, every request (another `shutdown` included) is answered with InvalidRequest, as the
 *    specification asks; only notifications (`exit`) still reach the server. Done in the message reader
 *    (`ShutdownGate`), so it covers every handler, present and future.
 *  - `$/cancelRequest` is honoured: a request still queued when its cancellation arrives is answered with
 *    RequestCancelled without running (`CANCEL_UNDISPATCHED`); a running handler reaches `checkpoint(token)`
 *    between its phases (parse, diagnostics, feature), which yields to the event loop when input may be
 *    waiting (more than YIELD_AFTER_MS since it was last read), so the cancellation can be read, and then
 *    throws RequestCancelled.
 *  - `textDocument/didChange` with a range that does not fit the document is not applied (`syncedDocuments`):
 *    the document is marked out of sync, its edits are ignored until a change with the full text or a
 *    reopen, and features answer nothing for it instead of working on corrupted text.
 */
import {
  CancellationToken,
  ConnectionStrategy,
  DataCallback,
  Disposable,
  ErrorCodes,
  Event,
  LSPErrorCodes,
  Message,
  MessageReader,
  MessageWriter,
  PartialMessageInfo,
  RequestMessage,
  ResponseError,
  ResponseMessage,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyChange } from './document-lines';

// ---------------------------------------------------------------------------------------------- shutdown

/** The specification's ServerNotInitialized error code (not exported by vscode-jsonrpc's ErrorCodes under that name). */
export const SERVER_NOT_INITIALIZED = -32002;

/**
 * Wraps the connection's reader: before `initialize`, requests are refused with ServerNotInitialized and
 * notifications other than `exit` are dropped; after `shutdown`, requests are refused with InvalidRequest.
 */
export class ShutdownGate implements MessageReader {
  private shutdown = false;
  private initialized = false;

  constructor(
    private readonly inner: MessageReader,
    private readonly writer: MessageWriter,
  ) {}

  get onError(): Event<Error> {
    return this.inner.onError;
  }
  get onClose(): Event<void> {
    return this.inner.onClose;
  }
  get onPartialMessage(): Event<PartialMessageInfo> {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((msg: Message) => {
      inputRead();
      if (!this.initialized) {
        if (Message.isRequest(msg)) {
          if (msg.method !== 'initialize') {
            this.refuse(msg.id, SERVER_NOT_INITIALIZED, `the server is not initialized: ${msg.method} refused (send initialize first)`);
            return;
          }
          this.initialized = true;
        } else if (Message.isNotification(msg) && msg.method !== 'exit') {
          return; // dropped, as the specification asks; `exit` still ends an uninitialized server
        }
      }
      if (Message.isRequest(msg)) {
        if (this.shutdown) {
          this.refuse(msg.id, ErrorCodes.InvalidRequest, `the server is shutting down: ${msg.method} refused (only the exit notification is accepted after shutdown)`);
          return;
        }
        if (msg.method === 'shutdown') this.shutdown = true;
      }
      callback(msg);
    });
  }

  private refuse(id: RequestMessage['id'], code: number, message: string): void {
    const response: ResponseMessage = { jsonrpc: '2.0', id, error: { code, message } };
    void this.writer.write(response).catch(() => undefined);
  }

  dispose(): void {
    this.inner.dispose();
  }
}

// ---------------------------------------------------------------------------------------------- cancellation

/** Answers a request that is cancelled while still queued, without running it. */
export const CANCEL_UNDISPATCHED: ConnectionStrategy = {
  cancelUndispatched: (message: Message): ResponseMessage | undefined => {
    const id = (message as RequestMessage).id;
    return { jsonrpc: '2.0', id, error: { code: LSPErrorCodes.RequestCancelled, message: 'request cancelled' } };
  },
};

export function cancelledError(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/** setImmediate on node; a web worker (the browser build) has none, and a zero timeout also lets messages in. */
const yieldToEventLoop: (f: () => void) => unknown = typeof setImmediate === 'function' ? setImmediate : (f) => setTimeout(f, 0);

/**
 * How long a handler may run after the event loop last read input before a checkpoint yields to read it again
 * (ms). A request handler starts right after its message was read, and most phases take microseconds (a hover or
 * a completion on a parsed document): yielding there cannot find a cancellation that matters, and each yield
 * costs a turn of the event loop (a poll system call, an immediate and a promise: docs/performance.md, Round 8,
 * open6b). A phase that ran longer (a parse, the rules on a large document) is followed by a yield.
 */
export const YIELD_AFTER_MS = 1;

/**
 * A millisecond clock. On node it is process.hrtime: reading the `performance` global there loads perf_hooks and 11
 * more built-in modules, ~100 page faults and 3-5 ms of every start on the bench host (docs/performance.md, Round 14);
 * a web worker (the browser build) has only `performance`.
 */
const hrtime = typeof process === 'object' && typeof process?.hrtime === 'function' ? process.hrtime : undefined;
const now: () => number = hrtime
  ? () => {
      const [s, ns] = hrtime();
      return s * 1e3 + ns / 1e6;
    }
  : () => performance.now();
/** When input was last read (ShutdownGate sees each message as the reader delivers it) or a checkpoint last yielded. */
let readAt = -Infinity;

/** Notes that the event loop has just read input (called for every message the connection's reader delivers). */
export function inputRead(): void {
  readAt = now();
}

/**
 * A point between two phases of a request: when more than YIELD_AFTER_MS passed since input was last read, lets
 * the event loop read pending messages (a `$/cancelRequest` among them); then throws RequestCancelled if this
 * request was cancelled. Transports without ShutdownGate (sockets, the browser worker) note no reads, so their
 * first checkpoint after a pause always yields.
 */
export async function checkpoint(token: CancellationToken | undefined): Promise<void> {
  if (now() - readAt > YIELD_AFTER_MS) {
    await new Promise<void>((resolve) => yieldToEventLoop(resolve));
    readAt = now();
  }
  if (token?.isCancellationRequested) throw cancelledError();
}

// ---------------------------------------------------------------------------------------------- didChange

type Pos = { line: number; character: number };

function isPos(p: unknown): p is Pos {
  const q = p as Pos | undefined;
  return !!q && Number.isInteger(q.line) && Number.isInteger(q.character) && q.line >= 0 && q.character >= 0;
}

/**
 * Why an incremental change cannot be applied to `doc`, or undefined when it can. A range must be two
 * non-negative integer positions, start not after end, on lines of the document (the position just after
 * the last line, character 0, also means the end). A character past the end of its line is allowed: the
 * specification says it means the end of the line.
 */
export function invalidChange(doc: TextDocument, change: TextDocumentContentChangeEvent): string | undefined {
  if (typeof (change as { text?: unknown }).text !== 'string') return 'the change has no text';
  if (!('range' in change) || change.range === undefined) return undefined;
  const { start, end } = change.range as { start: unknown; end: unknown };
  if (!isPos(start) || !isPos(end)) return 'the range is not two non-negative integer positions';
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return `the range is inverted (${start.line}:${start.character} after ${end.line}:${end.character})`;
  const lines = doc.lineCount;
  const beyond = (p: Pos) => p.line > lines || (p.line === lines && p.character > 0);
  if (beyond(start) || beyond(end)) return `the range reaches line ${Math.max(start.line, end.line) + 1}, but the document has ${lines} line${lines === 1 ? '' : 's'}`;
  return undefined;
}

export interface OutOfSync {
  uri: string;
  version: number;
  reason: string;
}

/**
 * The document store configuration for `new TextDocuments(...)`: creates documents as usual, applies only
 * changes that fit, and tracks documents that lost sync. `onOutOfSync` runs once when a document loses sync.
 */
export function syncedDocuments(onOutOfSync: (o: OutOfSync) => void) {
  const lost = new Map<string, OutOfSync>();
  return {
    lost,
    isOutOfSync: (uri: string) => lost.has(uri),
    configuration: {
      create(uri: string, languageId: string, version: number, content: string): TextDocument {
        lost.delete(uri);
        return TextDocument.create(uri, languageId, version, content);
      },
      update(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
        // A change carrying the full text resynchronises: apply from the last one of those.
        let from = 0;
        for (let i = changes.length - 1; i >= 0; i--) {
          const c = changes[i] as { range?: unknown; text?: unknown };
          if (c && c.range === undefined && typeof c.text === 'string') {
            from = i;
            lost.delete(doc.uri);
            break;
          }
        }
        if (lost.has(doc.uri)) return TextDocument.update(doc, [], version);
        for (let i = from; i < changes.length; i++) {
          const why = invalidChange(doc, changes[i]);
          if (why) {
            const o = { uri: doc.uri, version, reason: why };
            lost.set(doc.uri, o);
            onOutOfSync(o);
            return TextDocument.update(doc, [], version);
          }
          // As TextDocument.update, with the new text as one sequential string (document-lines.ts).
          doc = applyChange(doc, changes[i], version);
        }
        return TextDocument.update(doc, [], version);
      },
    },
  };
}
