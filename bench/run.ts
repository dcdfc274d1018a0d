/**
 * npm run bench: builds, generates the inputs (bench/families.ts) into .bench/,
 * measures (bench/measure.ts, bench/growth.ts), saves the raw results to
 * .bench/results.json and writes the generated blocks of docs/performance.md
 * (bench/report.ts); the analysis there is hand-written. Budgets are reported,
 * never asserted.
 *
 *   node --import tsx bench/run.ts [--quick] [--no-build] [--no-peer] [--families=a,b] [--report-only]
 *
 * --quick          fewer repetitions, no 50 MB input (a few minutes on a quiet machine)
 * --families=a,b   only these input families (ids in bench/families.ts)
 * --report-only    re-render docs/performance.md from .bench/results.json
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release as osRelease, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { growth } from './growth';
import { OUT, ROOT, cli, hotSpots, inProcess, log, lsp, options, reps, session, setup, startup } from './measure';
import { Results, writeReport } from './report';

const DOC = join(ROOT, 'docs', 'performance.md');
const RESULTS = join(OUT, 'results.json');

/** JSON with Maps (the measuring code keys its results by input id). */
const replacer = (_k: string, v: unknown) => (v instanceof Map ? { $map: [...v] } : v);
const reviver = (_k: string, v: unknown) => (v && typeof v === 'object' && '$map' in v ? new Map((v as { $map: [unknown, unknown][] }).$map) : v);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  options.quick = argv.includes('--quick');
  options.build = !argv.includes('--no-build');
  options.peer = !argv.includes('--no-peer');
  options.families = argv.find((a) => a.startsWith('--families='))?.slice('--families='.length).split(',');
  if (argv.includes('--report-only')) {
    writeReport(DOC, JSON.parse(readFileSync(RESULTS, 'utf8'), reviver) as Results);
    log(`wrote ${DOC} from ${RESULTS}`);
    return;
  }
  const started = performance.now();
  const loadStart = loadavg();
  const inputs = await setup();
  const detail = inputs.filter((i) => i.detail);
  const ip = await inProcess(detail);
  const server = await lsp(detail);
  const sess = await session(inputs);
  const c = await cli(detail);
  const st = await startup(inputs);
  const gr = await growth(inputs.filter((i) => i.growth));
  log('CPU profiles for the hot-spot tables');
  const hot: Results['hot'] = [];
  const pci10 = inputs.find((i) => i.id === 'pci10');
  const full = inputs.find((i) => i.id === 'full');
  if (pci10) hot.push({ label: '10 MB PCI file (one warm-up round and one measured round)', ...(await hotSpots(pci10, 1)) });
  if (full) hot.push({ label: `full config (${reps(100, 20)} rounds)`, ...(await hotSpots(full, reps(100, 20))) });
  const cpu = cpus();
  const results: Results = {
    meta: {
      date: new Date().toISOString().slice(0, 16).replace('T', ' '), elapsedS: (performance.now() - started) / 1000, quick: options.quick, loadStart, loadEnd: loadavg(),
      cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memGiB: totalmem() / 2 ** 30, os: `${platform()} ${osRelease()}`, node: process.version,
    },
    inputs, ip, server, cli: c, growth: gr, session: sess, startup: st, hot,
  };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(results, replacer));
  writeReport(DOC, results);
  log(`wrote ${DOC} and ${RESULTS} (${results.meta.elapsedS.toFixed(0)} s)`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
