/**
 * The stdio writer (server/src/frame-writer.ts): each message is one write of header and body, with the length in
 * UTF-8 bytes; a failed write rejects and is reported through onError, as vscode-jsonrpc's writer does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import type { Message } from 'vscode-languageserver/node';
import { FrameWriter, encodeFrame } from '../../server/src/frame-writer';

test('a frame is the Content-Length header (UTF-8 bytes) and the JSON body', () => {
  const msg = { jsonrpc: '2.0', id: 1, result: { label: 'débit · ✓', n: [1, 2] } };
  const frame = encodeFrame(msg).toString('utf8');
  const body = JSON.stringify(msg);
  assert.equal(frame, `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  assert.notEqual(Buffer.byteLength(body), body.length, 'the fixture has multi-byte characters');
});

test('one write per message, in the order written', async () => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (d: Buffer) => chunks.push(d));
  const w = new FrameWriter(out);
  await Promise.all([w.write({ jsonrpc: '2.0', id: 1, result: 'a' } as Message), w.write({ jsonrpc: '2.0', method: 'm', params: { x: 'é' } } as Message)]);
  assert.equal(chunks.length, 2);
  assert.equal(chunks[0].toString(), 'Content-Length: 37\r\n\r\n{"jsonrpc":"2.0","id":1,"result":"a"}');
  assert.match(chunks[1].toString(), /^Content-Length: \d+\r\n\r\n\{"jsonrpc":"2.0","method":"m","params":\{"x":"é"\}\}$/);
});

test('a failed write rejects and fires onError; a message that cannot be serialised too', async () => {
  const out = new Writable({ write: (_c, _e, cb) => cb(new Error('EPIPE')) });
  out.on('error', () => {}); // the stream also emits it; the writer reports it once per write below
  const w = new FrameWriter(out);
  const errors: unknown[] = [];
  w.onError((e) => errors.push(e));
  await assert.rejects(w.write({ jsonrpc: '2.0', id: 1, result: null } as Message), /EPIPE/);
  const cyclic: Record<string, unknown> = { jsonrpc: '2.0', id: 2 };
  cyclic.result = cyclic;
  await assert.rejects(w.write(cyclic as unknown as Message), /circular/);
  assert.ok(errors.length >= 2, `onError fired: ${errors.length}`);
});
