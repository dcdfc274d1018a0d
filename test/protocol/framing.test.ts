/**
 * The stdio framing guard (server/src/framing.ts): the decoder on its own, and
 * the built server over real stdio (run `npm run build` first). Reproducers from
 * issue #19: a lower-case `content-length:` header was dropped, a 10-digit
 * Content-Length wedged the reader for good.
 */
import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { FrameDecoder, FrameEvent, KEEP_MIN, KEEP_MS, MAX_CONTENT_LENGTH, findContentLength } from '../../server/src/framing';
import { LspClient, SERVER } from '../lsp-client';

function frame(body: string, name = 'Content-Length'): Buffer {
  const b = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`${name}: ${b.length}\r\n\r\n`, 'latin1'), b]);
}

function decode(chunks: Buffer[]): FrameEvent[] {
  const out: FrameEvent[] = [];
  const d = new FrameDecoder((e) => out.push(e));
  for (const c of chunks) d.push(c);
  return out;
}

const messages = (events: FrameEvent[]): unknown[] => events.filter((e) => e.kind === 'message').map((e) => (e.kind === 'message' ? (e.message as unknown) : undefined));

test('decoder: the same messages whatever the chunk boundaries (every split point, and one byte at a time)', () => {
  const stream = Buffer.concat([
    frame('{"jsonrpc":"2.0","id":1,"method":"a","params":{"text":"héllo\\r\\n\\r\\nContent-Length: 3"}}'),
    Buffer.concat([Buffer.from('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n'), frame('{"jsonrpc":"2.0","method":"b"}')]),
    frame('{"jsonrpc":"2.0","id":3,"method":"c"}', 'content-length'),
  ]);
  const whole = messages(decode([stream]));
  assert.deepEqual(whole.map((m) => (m as { method: string }).method), ['a', 'b', 'c']);
  for (let i = 1; i < stream.length; i++) {
    assert.deepEqual(messages(decode([stream.subarray(0, i), stream.subarray(i)])), whole, `split at ${i}`);
  }
  assert.deepEqual(messages(decode([...stream].map((b) => Buffer.from([b])))), whole);
});

test('decoder: each accepted frame\'s Content-Length is handed over once, before its body has arrived (main.ts: big inputs)', () => {
  const lengths: number[] = [];
  const out: FrameEvent[] = [];
  const d = new FrameDecoder((e) => out.push(e), (n) => lengths.push(n));
  const big = frame(`{"id":1,"text":"${'x'.repeat(5000)}"}`);
  const bodyLength = big.length - big.indexOf('\r\n\r\n') - 4;
  d.push(big.subarray(0, 100));
  assert.deepEqual(lengths, [bodyLength], 'known from the header alone');
  assert.equal(out.length, 0, 'the body is still to come');
  d.push(big.subarray(100));
  d.push(Buffer.from(`Content-Length: ${MAX_CONTENT_LENGTH + 1}\r\n\r\n`));
  d.push(frame('{"id":2}'));
  assert.deepEqual(lengths, [bodyLength, 8], 'a frame over the limit is dropped, not handed over');
  assert.deepEqual(messages(out).map((m) => (m as { id: number }).id), [1, 2]);
});

test('decoder: big bodies one after another (a reopened or re-sent document) each read exactly, with one body buffer kept for a while only', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const out: FrameEvent[] = [];
    const d = new FrameDecoder((e) => out.push(e));
    const send = (text: string) => {
      const f = frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { text } } }));
      for (let i = 0; i < f.length; i += 65536) d.push(f.subarray(i, i + 65536));
    };
    const texts = [
      'a'.repeat(KEEP_MIN + 500_000),
      // Shorter than the first: none of the first body's bytes may show through.
      `${'b'.repeat(KEEP_MIN + 1000)}\n[pci]\n`,
      // Not ASCII (UTF-8 decoded) in the kept buffer, a multi-byte character across a chunk boundary.
      `${'c'.repeat(65536 - 80)}é€${'d'.repeat(KEEP_MIN)}`,
      // Longer than the kept buffer: a new one.
      'e'.repeat(3 * KEEP_MIN + 7),
    ];
    for (const t of texts) send(t);
    assert.deepEqual(messages(out).map((m) => (m as { params: { textDocument: { text: string } } }).params.textDocument.text), texts);
    const kept = d.keptBytes;
    assert.ok(kept >= 3 * KEEP_MIN + 7 && kept <= 4 * KEEP_MIN, `one body's buffer is kept (${kept} bytes)`);
    mock.timers.tick(KEEP_MS - 1);
    assert.equal(d.keptBytes, kept, 'still kept before the quiet period ends');
    send('f'.repeat(KEEP_MIN));
    mock.timers.tick(KEEP_MS - 1);
    assert.equal(d.keptBytes, kept, 'a big body in between starts the quiet period again');
    mock.timers.tick(1);
    assert.equal(d.keptBytes, 0, 'let go after a quiet period');
    // Small messages (every normal session) never keep a buffer, whatever their chunking.
    const small = new FrameDecoder(() => {});
    const f = frame(JSON.stringify({ id: 1, text: 'x'.repeat(KEEP_MIN - 200) }));
    for (let i = 0; i < f.length; i += 65536) small.push(f.subarray(i, i + 65536));
    assert.equal(small.keptBytes, 0);
  } finally {
    mock.timers.reset();
  }
});

test('decoder: header names in any letter case', () => {
  for (const name of ['content-length', 'CONTENT-LENGTH', 'Content-length']) {
    assert.deepEqual(messages(decode([frame('{"id":1}', name)])), [{ id: 1 }], name);
  }
  assert.equal(findContentLength(Buffer.from('xx CoNtEnT-LeNgTh: 5'), 0), 3);
  assert.equal(findContentLength(Buffer.from('content-length 5: x'), 0), -1);
});

test('decoder: a Content-Length above the limit is rejected at once and the next frame is read', () => {
  for (const n of [String(MAX_CONTENT_LENGTH + 1), '9999999999', '99999999999999999999999']) {
    const events = decode([Buffer.from(`Content-Length: ${n}\r\n\r\n{"id":1,`), frame('{"id":2}')]);
    assert.equal(events[0].kind, 'drop', n);
    assert.match(events[0].kind === 'drop' ? events[0].reason : '', /exceeds the limit/);
    assert.deepEqual(messages(events), [{ id: 2 }], n);
  }
  // Exactly at the limit is a frame like any other (its body is awaited).
  const atLimit = decode([Buffer.from(`Content-Length: ${MAX_CONTENT_LENGTH}\r\n\r\n{`)]);
  assert.deepEqual(atLimit, []);
});

test('decoder: malformed frames are dropped one by one and reading resumes at the next header', () => {
  const events = decode([
    Buffer.from('garbage line\r\n\r\n'),
    Buffer.from('Content-Length: abc\r\n\r\n{}'),
    frame('{not json'),
    frame('null'),
    Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919 + 13) % 256)),
    frame('{"id":9}'),
  ]);
  assert.deepEqual(messages(events), [{ id: 9 }]);
  assert.ok(events.filter((e) => e.kind === 'drop').length >= 4);
});

test('decoder: a body split over many chunks arrives whole', () => {
  const text = 'x'.repeat(3_000_000);
  const f = frame(JSON.stringify({ id: 5, text }));
  const chunks: Buffer[] = [];
  for (let i = 0; i < f.length; i += 65536) chunks.push(f.subarray(i, i + 65536));
  const got = messages(decode(chunks)) as { id: number; text: string }[];
  assert.equal(got.length, 1);
  assert.equal(got[0].text.length, text.length);
});

test('decoder: a split body is decoded as UTF-8 unless it is all ASCII, and the next frame in its last chunk is read', () => {
  // The decoder reads an ASCII-only body as Latin-1 (the same text, decoded faster); any other byte must still take
  // the UTF-8 decoder: multi-byte characters split between chunks, and a stray byte that is not UTF-8 (U+FFFD, as
  // before, not the Latin-1 character).
  const text = `${'x'.repeat(200_000)}é€😀${'y'.repeat(70_000)}`;
  const bad = Buffer.concat([Buffer.from('{"id":7,"text":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
  const stream = Buffer.concat([
    frame(JSON.stringify({ id: 5, text })),
    frame(JSON.stringify({ id: 6, text: 'x'.repeat(100_000) })),
    Buffer.from(`Content-Length: ${bad.length}\r\n\r\n`),
    bad,
  ]);
  const cut = stream.indexOf(Buffer.from('€')) + 1; // inside the euro sign's three bytes
  const chunks = [stream.subarray(0, 65536), stream.subarray(65536, cut), stream.subarray(cut, cut + 65536)];
  for (let i = cut + 65536; i < stream.length; i += 65536) chunks.push(stream.subarray(i, i + 65536));
  for (const parts of [chunks, [stream]]) {
    const got = messages(decode(parts)) as { id: number; text: string }[];
    assert.deepEqual(got.map((m) => m.id), [5, 6, 7]);
    assert.equal(got[0].text, text);
    assert.equal(got[1].text.length, 100_000);
    assert.equal(got[2].text, 'caf\ufffd');
  }
});

// ------------------------------------------------------------------ over real stdio

const SMALL_URI = 'file:///framing/small.conf';
const SMALL = '[DEFAULT]\ndebug = true\n\n[pci]\nalias = {"name": "a", "vendor_id": "8086", "product_id": "154d"}\n';

async function withServer(fn: (c: LspClient) => Promise<void>): Promise<void> {
  assert.ok(existsSync(SERVER), 'dist/server.js is missing: run `npm run build` first');
  const c = new LspClient(['--stdio'], { NOVA_CONF_DEBOUNCE_MS: '0' });
  try {
    await c.initialize({});
    await fn(c);
  } finally {
    c.kill();
  }
}

async function symbols(c: LspClient, uri = SMALL_URI): Promise<string[]> {
  const s = await c.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } }, 5000);
  return s.map((x) => x.name);
}

function rawRequest(c: LspClient, id: number, method: string, params: unknown, headerName: string): void {
  c.proc.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', id, method, params }), headerName));
}

test('stdio: a request framed with a lower-case content-length header is answered', async () => {
  await withServer(async (c) => {
    c.open(SMALL_URI, SMALL);
    const answer = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer in 5 s: the frame was dropped')), 5000);
      c.proc.stdout.on('data', (d: Buffer) => {
        if (d.includes('"id":4242')) {
          clearTimeout(timer);
          resolve(d.toString());
        }
      });
    });
    rawRequest(c, 4242, 'textDocument/documentSymbol', { textDocument: { uri: SMALL_URI } }, 'content-length');
    assert.match(String(await answer), /\[DEFAULT\]/);
  });
});

test('stdio: a 10-digit Content-Length does not wedge the server; it answers the next request', async () => {
  await withServer(async (c) => {
    c.proc.stdin.write('Content-Length: 9999999999\r\n\r\n{"jsonrpc":"2.0","method":"textDocument/didOpen","params":');
    c.open(SMALL_URI, SMALL);
    assert.deepEqual(await symbols(c), ['[DEFAULT]', '[pci]']);
    assert.match(c.stderr, /exceeds the limit/);
  });
});

test('stdio: a document sent in many small writes arrives intact', async () => {
  await withServer(async (c) => {
    const text = SMALL + '\n[filter_scheduler]\n' + '# filler line for a long document\n'.repeat(30000) + 'enabled_filters = PciPassthroughFilter\n';
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: SMALL_URI, languageId: 'nova-conf', version: 1, text } } }));
    c.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    for (let i = 0; i < body.length; i += 4096) c.proc.stdin.write(body.subarray(i, i + 4096));
    assert.deepEqual(await symbols(c), ['[DEFAULT]', '[pci]', '[filter_scheduler]']);
  });
});
