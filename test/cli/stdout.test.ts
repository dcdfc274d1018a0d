/**
 * nova-conf-lint writes its report to fd 1 directly (server/src/cli-stdout.ts), not through process.stdout.
 * Whatever stdout is, the report must arrive whole and in order: a pipe read slowly, a file, a non-blocking
 * pipe shared with the reader (EAGAIN: the writer hands over to process.stdout), and a reader that goes away
 * early (EPIPE: no stack trace, the exit status still tells whether there are errors).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');

/** A config with 4,000 unknown options and one error: a text report of ~450 KB, several pipe buffers. */
function bigReport(dir: string): string {
  const file = join(dir, 'many.conf');
  const lines = ['[DEFAULT]', ...Array.from({ length: 4000 }, (_, i) => `not_an_option_${i} = x`), '[pci]', "device_spec = {'vendor_id': '8086'}"];
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function reference(file: string) {
  const r = spawnSync(process.execPath, [CLI, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /1 file checked: 1 error, 4000 warnings/);
  return r.stdout;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a large report arrives whole through a pipe read late and through a file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-stdout-'));
  try {
    const file = bigReport(dir);
    const expected = reference(file);
    assert.ok(expected.length > 256 * 1024);
    // Pipe: nothing is read for 300 ms, so the CLI blocks on a full pipe first.
    const child = spawn(process.execPath, [CLI, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    await sleep(300);
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdout.resume();
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(status, 1, stderr);
    assert.equal(Buffer.concat(chunks).toString('utf8'), expected);
    // A file.
    const out = join(dir, 'report.txt');
    const fd = openSync(out, 'w');
    const r = spawnSync(process.execPath, [CLI, file], { stdio: ['ignore', fd, 'pipe'] });
    closeSync(fd);
    assert.equal(r.status, 1);
    assert.equal(readFileSync(out, 'utf8'), expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a non-blocking stdout (EAGAIN) still gets the whole report, in order', { skip: process.platform === 'win32' && 'FIFOs' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-stdout-'));
  try {
    const file = bigReport(dir);
    const expected = reference(file);
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // Both ends non-blocking; the CLI's fd 1 shares the writer's O_NONBLOCK, so its writes hit EAGAIN once
    // the FIFO's buffer is full and nobody reads yet.
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    const child = spawn(process.execPath, [CLI, file], { stdio: ['ignore', writer, 'pipe'] });
    closeSync(writer);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d));
    let status: number | null | undefined;
    child.on('close', (s) => (status = s));
    await sleep(300);
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(65536);
    for (;;) {
      let n: number;
      try {
        n = readSync(reader, buf, 0, buf.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        await sleep(5);
        continue;
      }
      if (n === 0) break; // every writer has closed: the CLI has exited
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    closeSync(reader);
    while (status === undefined) await sleep(5);
    assert.equal(status, 1, stderr);
    assert.equal(stderr, '');
    assert.equal(Buffer.concat(chunks).toString('utf8'), expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a reader that goes away early (EPIPE): no stack trace, the exit status still reports the errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-stdout-'));
  try {
    const file = bigReport(dir);
    const child = spawn(process.execPath, [CLI, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(status, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
