/**
 * The stdio writer (server/src/frame-writer.ts): each message is one write of header and body, with the length in
 * UTF-8 bytes; a failed write rejects and is reported through onError, as vscode-jsonrpc's writer does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import type { Message } from 'vscode-languageserver/node';
import { FrameWriter, encodeFrame, messageJson } from '../../server/src/frame-writer';

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

/** What a client reads from a frame: the header's length in UTF-8 bytes and the body. */
function splitFrame(frame: Buffer): { length: number; body: string } {
  const text = frame.toString('utf8');
  const m = /^Content-Length: (\d+)\r\n\r\n/.exec(text);
  assert.ok(m, 'a Content-Length header');
  const body = frame.subarray(Buffer.byteLength(m[0])).toString('utf8');
  assert.equal(Number(m[1]), Buffer.byteLength(body), 'Content-Length counts the body bytes');
  return { length: Number(m[1]), body };
}

const frozenItem = (label: string, extra: Record<string, unknown> = {}) =>
  Object.freeze({ label, kind: 10, detail: `str · default: ${label} ✓ "q" \\ \n`, sortText: `0${label}`, ...extra });

test('a completion answer of frozen items is sent byte for byte as JSON.stringify writes it, first and later times', () => {
  const items = [
    frozenItem('a'),
    frozenItem('é', { data: Object.freeze({ nco: '2026.1|pci|é' }) }),
    frozenItem('c', { tags: Object.freeze([1]), textEditText: 'c = ' }),
    frozenItem('d'),
  ];
  const response = (id: number, list: unknown[]) => ({ jsonrpc: '2.0', id, result: { isIncomplete: false, itemDefaults: { editRange: { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } }, data: { nco: '2026.1|DEFAULT' } }, items: list } });
  for (const [id, list] of [[1, items], [2, items], [3, [items[3], items[0], items[2]]], [4, [items[1], items[1]]]] as const) {
    const msg = response(id, [...list]);
    assert.equal(splitFrame(encodeFrame(msg)).body, JSON.stringify(msg), `answer ${id}`);
    assert.equal(messageJson(msg), JSON.stringify(msg));
  }
});

test('items whose JSON could change are serialised each time: not frozen, nested values not frozen, accessors, toJSON', () => {
  let current = 'one';
  const nested = { nco: 'x' };
  const withNested = Object.freeze({ label: 'n', data: nested });
  const withGetter = Object.freeze(Object.defineProperty({ label: 'g' }, 'detail', { enumerable: true, get: () => current }));
  const withToJson = Object.freeze({ label: 't', toJSON: () => ({ label: current }) });
  const plain = { label: 'p' };
  for (const list of [[frozenItem('a'), withNested], [frozenItem('a'), withGetter], [frozenItem('a'), withToJson], [plain, frozenItem('a')], [frozenItem('a'), plain]]) {
    for (const value of ['one', 'two']) {
      current = value;
      nested.nco = value;
      plain.label = value;
      const msg = { jsonrpc: '2.0', id: 1, result: { isIncomplete: false, items: list } };
      assert.equal(splitFrame(encodeFrame(msg)).body, JSON.stringify(msg), `${JSON.stringify(msg)}`);
      assert.equal(messageJson(msg), JSON.stringify(msg));
    }
  }
});

test('a result whose items are not its last key, or a request carrying items, is plain JSON.stringify', () => {
  const items = [frozenItem('a'), frozenItem('b')];
  const cases = [
    { jsonrpc: '2.0', id: 1, result: { items, isIncomplete: false } },
    { jsonrpc: '2.0', id: 2, result: { isIncomplete: false, items }, extra: 1 },
    { jsonrpc: '2.0', id: 3, method: 'x', params: { items } },
    { jsonrpc: '2.0', id: 4, result: items },
  ];
  for (const msg of cases) assert.equal(splitFrame(encodeFrame(msg)).body, JSON.stringify(msg));
});

test('a frozen list of frozen items is written as JSON.stringify writes it, first and later times, in any answer', async () => {
  const items = Object.freeze(Array.from({ length: 40 }, (_, i) => frozenItem(`opt_${i}_é`, i % 3 ? {} : { data: Object.freeze({ nco: `2026.1|pci|o${i}` }) })));
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (d: Buffer) => chunks.push(d));
  const w = new FrameWriter(out);
  const answer = (id: number, line: number) => ({ jsonrpc: '2.0', id, result: { isIncomplete: false, itemDefaults: { editRange: { start: { line, character: 0 }, end: { line, character: 2 } }, data: { nco: '2026.1|DEFAULT' } }, items } });
  const sent = [answer(1, 3), answer(22, 4), { jsonrpc: '2.0', id: 3, result: 'between' }, answer(333, 5)];
  for (const m of sent) await w.write(m as unknown as Message);
  const expected = sent.map((m) => {
    const body = JSON.stringify(m);
    return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  });
  assert.equal(Buffer.concat(chunks).toString('utf8'), expected.join(''));
  assert.equal(splitFrame(encodeFrame(answer(4, 6))).body, JSON.stringify(answer(4, 6)), 'encodeFrame agrees');
});
