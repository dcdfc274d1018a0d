/**
 * FrameWriter.answeredEarly: when the loader has answered `initialize` (early-start.ts), the connection's own
 * response to that id is not written again, once; one that differs from what the loader wrote is reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { FrameWriter } from '../../server/src/frame-writer';

test('the response to the request answered early is not written a second time, and a different one is reported', async () => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (d: Buffer) => chunks.push(d));
  const reports: string[] = [];
  const report = (t: string) => void reports.push(t);
  const writer = new FrameWriter(out);
  const result = { capabilities: { hoverProvider: true } };
  writer.answeredEarly(1, JSON.stringify({ jsonrpc: '2.0', id: 1, result }), report);
  // A notification and a request from the server with the same id are written as usual.
  await writer.write({ jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } } as never);
  await writer.write({ jsonrpc: '2.0', id: 1, method: 'workspace/configuration', params: { items: [] } } as never);
  await writer.write({ jsonrpc: '2.0', id: 1, result } as never);
  assert.deepEqual(reports, []);
  // Only once: a later response with that id (a second initialize) is written.
  await writer.write({ jsonrpc: '2.0', id: 1, result } as never);
  const text = Buffer.concat(chunks).toString('utf8');
  assert.equal(text.match(/Content-Length/g)?.length, 3, text);
  assert.equal(text.match(/"result"/g)?.length, 1, text);

  const other = new FrameWriter(new PassThrough());
  other.answeredEarly('a', JSON.stringify({ jsonrpc: '2.0', id: 'a', result }), report);
  await other.write({ jsonrpc: '2.0', id: 'a', error: { code: -32603, message: 'failed' } } as never);
  assert.equal(reports.length, 1);
  assert.match(reports[0], /differs from the one sent before it was loaded/);
});
