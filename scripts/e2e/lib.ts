/** Shared helpers for the editor e2e runners: paths, bounded waits, process groups, the pass/fail tally. */
import { ChildProcess, SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const E2E = join(ROOT, '.e2e');
export const CODE_SERVER = join(E2E, 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const SERVER_JS = join(ROOT, 'dist', 'server.js');
/** Chromium flags that keep it quiet on a machine without network (and without a GPU or sandbox). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--window-size=1400,900',
];

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls fn until truthy or timeout; returns the last value. */
export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs: number, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let v = await fn();
  while (!v && Date.now() < end) {
    await sleep(everyMs);
    v = await fn();
  }
  return v;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

/** Process groups started here and not yet stopped: ended on exit whatever happens. */
const groups = new Set<number>();
process.on('exit', () => {
  for (const pid of groups) tryKill(-pid, 'SIGKILL');
});

/** Starts a process in its own process group so it and its children can be ended by that id alone. */
export function startGroup(cmd: string, args: string[], opts: SpawnOptions = {}): ChildProcess {
  const child = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid) groups.add(child.pid);
  child.stdout?.on('data', () => {});
  child.stderr?.on('data', () => {});
  return child;
}

/** Ends the process group started by startGroup: SIGTERM, then SIGKILL after a bounded grace period. */
export async function stopGroup(child: ChildProcess | undefined, graceMs = 3000): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) {
    if (child?.pid) {
      groups.delete(child.pid);
      tryKill(-child.pid, 'SIGKILL');
    }
    return;
  }
  const pid = child.pid;
  groups.delete(pid);
  tryKill(-pid, 'SIGTERM');
  const exited = await waitFor(() => child.exitCode !== null || child.signalCode !== null, graceMs, 50);
  tryKill(-pid, 'SIGKILL'); // stragglers in the group (extension host, language server, renderer)
  if (!exited) await waitFor(() => child.exitCode !== null || child.signalCode !== null, 1000, 50);
}

function tryKill(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** Runs a command to completion with a time bound; returns status and output. */
export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {}): { status: number | null; out: string; err: string; ms: number; timedOut: boolean } {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 60_000, input: opts.input ?? '', encoding: 'utf8', killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { status: r.status, out: r.stdout ?? '', err: (r.stderr ?? '') + (r.error && !timedOut ? String(r.error) : ''), ms: Date.now() - t0, timedOut };
}

export function ensureDir(p: string): string {
  mkdirSync(p, { recursive: true });
  return p;
}

/** The newest nova-conf-<version>.vsix in the repository root, if any. */
export function findVsix(): string | undefined {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const p = join(ROOT, `nova-conf-${version}.vsix`);
  return existsSync(p) ? p : undefined;
}

export function newestMtime(dir: string): number {
  let m = 0;
  for (const f of readdirSync(dir)) m = Math.max(m, statSync(join(dir, f)).mtimeMs);
  return m;
}

/** Counts named checks and prints the closing `N passed, N failed` line. */
export class Tally {
  passed = 0;
  failed = 0;
  skipped = 0;
  readonly timings: [string, number][] = [];
  constructor(private readonly prefix: string) {}

  ok(name: string, detail = ''): void {
    this.passed++;
    console.log(`  ok    ${this.prefix}/${name}${detail ? `: ${detail}` : ''}`);
  }
  fail(name: string, detail = ''): void {
    this.failed++;
    console.log(`  FAIL  ${this.prefix}/${name}${detail ? `: ${detail}` : ''}`);
  }
  skip(name: string, reason: string): void {
    this.skipped++;
    console.log(`  skip  ${this.prefix}/${name}: ${reason}`);
  }
  record(name: string, ok: boolean, detail = ''): void {
    if (ok) this.ok(name, detail);
    else this.fail(name, detail);
  }
  time(label: string, ms: number): void {
    this.timings.push([label, ms]);
  }
  /** Prints timings and the closing line; returns the exit code. */
  finish(): number {
    if (this.timings.length) console.log(`timings: ${this.timings.map(([l, ms]) => `${l} ${(ms / 1000).toFixed(1)} s`).join(', ')}`);
    console.log(`${this.passed} passed, ${this.failed} failed${this.skipped ? `, ${this.skipped} skipped` : ''}`);
    return this.failed > 0 ? 1 : 0;
  }
}
