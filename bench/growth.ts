/**
 * Growth across input sizes, for the families marked `growth` in bench/families.ts:
 * the CLI (whole process), the CLI with --fix (fix-all on a fresh copy, whole
 * process) and the server's didOpen → publishDiagnostics, per size. Each is
 * timed as wall-clock time and as CPU time of the measured process (user +
 * system): on a shared, loaded machine the wall-clock time mostly measures the
 * other processes, CPU time what our code costs. The analysis cap is lifted
 * (NOVA_CONF_MAX_DOCUMENT_SIZE) so that 50 MB inputs are analysed too.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BenchClient } from './lsp';
import { CLI, Input, OUT, ROOT, SERVER, log, reps } from './measure';

/** Environment for every growth run: no analysis cap, room for a 50 MB document. */
const ENV = { NOVA_CONF_MAX_DOCUMENT_SIZE: String(2 ** 30), NOVA_CONF_DEBOUNCE_MS: '0', NODE_OPTIONS: '--max-old-space-size=8192' };
const TIME = '/usr/bin/time';

export interface Timing {
  /** Wall-clock ms (median over the samples). */
  wall: number;
  /** CPU ms of the measured process (median), NaN when it could not be read. */
  cpu: number;
  n: number;
}

export interface GrowthRow {
  id: string;
  family: string;
  bytes: number;
  lines: number;
  cli: Timing;
  fix: Timing;
  open: Timing;
  /** Peak RSS of the server after the open, MB. */
  serverPeak: number;
}

const median = (xs: number[]) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.some((x) => !Number.isFinite(x))) return Infinity; // stopped at the limit
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** A run that takes longer than this is stopped and reported as "> limit" (a quadratic path, most likely). */
export const LIMIT_MS = 420_000;

/** Runs `node argv` once; wall ms, and CPU ms through /usr/bin/time when it is installed. Stopped after LIMIT_MS. */
function timed(argv: string[]): Promise<{ wall: number; cpu: number; code: number | null; stopped?: boolean }> {
  const useTime = existsSync(TIME);
  const report = join(OUT, 'time.txt');
  const cmd = useTime ? TIME : process.execPath;
  const args = useTime ? ['-f', '%U %S', '-o', report, process.execPath, ...argv] : argv;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...ENV }, stdio: 'ignore', detached: true });
    let stopped = false;
    const timer = setTimeout(() => {
      stopped = true;
      try {
        process.kill(-p.pid!, 'SIGKILL'); // the process group: /usr/bin/time and node under it
      } catch {
        p.kill('SIGKILL');
      }
    }, LIMIT_MS);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      const wall = performance.now() - t0;
      if (stopped) return resolve({ wall: Infinity, cpu: Infinity, code, stopped });
      let cpu = NaN;
      if (useTime) {
        const m = /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(readFileSync(report, 'utf8'));
        if (m) cpu = (Number(m[1]) + Number(m[2])) * 1000;
      }
      resolve({ wall, cpu, code });
    });
  });
}

function summary(samples: { wall: number; cpu: number }[]): Timing {
  return { wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), n: samples.length };
}

export async function growth(inputs: Input[]): Promise<GrowthRow[]> {
  const rows: GrowthRow[] = [];
  /** Paths stopped at the limit, per family: their larger sizes are not run. */
  const gaveUp = new Set<string>();
  const STOPPED = { wall: Infinity, cpu: Infinity };
  const series = async (inp: Input, path: 'cli' | 'fix' | 'open', n: number, once: () => Promise<{ wall: number; cpu: number }>) => {
    const key = `${inp.family}/${path}`;
    if (gaveUp.has(key)) return [STOPPED];
    log(`growth ${inp.id}: ${path} ×${n}`);
    const out: { wall: number; cpu: number }[] = [];
    for (let i = 0; i < n; i++) {
      const r = await once();
      out.push(r);
      if (!Number.isFinite(r.wall)) {
        gaveUp.add(key);
        break;
      }
    }
    return out;
  };
  for (const inp of inputs) {
    const n = inp.bytes >= 5e6 ? 1 : reps(3, 1);
    const text = readFileSync(inp.path, 'utf8');
    const cli = await series(inp, 'cli', n, () => timed([CLI, inp.path]));
    const copy = join(OUT, `fix-${inp.id}.conf`);
    const fix = await series(inp, 'fix', n, () => {
      copyFileSync(inp.path, copy);
      return timed([CLI, '--fix', copy]);
    });
    rmSync(copy, { force: true });
    let serverPeak = NaN;
    // The smallest input of the family first, uncounted, so that every size is measured on a warmed-up server.
    const warm = inputs.find((i) => i.family === inp.family);
    const warmText = warm && warm !== inp ? readFileSync(warm.path, 'utf8') : text.slice(0, 100_000);
    const open = await series(inp, 'open', n, async () => {
      const c = new BenchClient(SERVER, ENV);
      try {
        await c.initialize();
        await c.open('file:///bench/growth-warmup.conf', warmText);
        c.close('file:///bench/growth-warmup.conf');
        const cpu0 = c.cpuMs();
        const r = await c.open(`file:///bench/growth-${inp.id}.conf`, text, 1, LIMIT_MS).catch(() => undefined);
        serverPeak = c.memory().peak;
        return r ? { wall: r.ms, cpu: c.cpuMs() - cpu0 } : STOPPED;
      } finally {
        await c.stop();
      }
    });
    rows.push({ id: inp.id, family: inp.family, bytes: inp.bytes, lines: text.split('\n').length, cli: summary(cli), fix: summary(fix), open: summary(open), serverPeak });
  }
  return rows;
}
