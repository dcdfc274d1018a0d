/**
 * Long fuzzing campaign: `npm run fuzz -- --runs N [--jobs J] [--seed S] [--out FILE]`.
 *
 * N property runs in total, split across the properties by weight (the cheap
 * "core" property gets most of them; the ones that run every feature at many
 * positions, compare two services or apply fixes get fewer, because each of
 * their runs costs several times more), and across J worker processes (default:
 * the number of CPUs). Prints one line per property and worker, then a summary;
 * exits 1 when any property failed, printing the seed and the shrunk counterexample.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { adversarialDoc, anyDoc, mutatedCorpusDoc } from './arbitraries';
import { fixAll } from '../../server/src/service/fix-all';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { analyze, checkDeterministic, checkQuickFixes, freshService } from './properties';
import { KNOWN_BUGS } from './known';

interface Prop {
  name: string;
  weight: number;
  make: () => fc.IProperty<[string]>;
}

const clean = (t: string) => !KNOWN_BUGS.some((k) => k.matches(t));

const PROPS: Prop[] = [
  {
    // parse, diagnostics, symbols, folding, completion + hover at a few positions, all ranges checked
    name: 'core',
    weight: 85,
    make: () => {
      const svc = freshService();
      let i = 0;
      return fc.property(anyDoc(), (t) => {
        fc.pre(clean(t));
        analyze(svc, t, 4, `file:///c/${i++ % 1000}.conf`, false);
      });
    },
  },
  {
    // everything, with code actions for every diagnostic and completion/hover at up to 60 positions
    name: 'full',
    weight: 3,
    make: () => {
      const svc = freshService();
      let i = 0;
      return fc.property(anyDoc(), (t) => {
        fc.pre(clean(t));
        analyze(svc, t, 60, `file:///f/${i++ % 1000}.conf`, true);
      });
    },
  },
  {
    name: 'deterministic',
    weight: 5,
    make: () =>
      fc.property(anyDoc(), (t) => {
        fc.pre(clean(t));
        checkDeterministic(t, 6, false);
      }),
  },
  {
    // adversarial shapes (issue 19), alone or after a real-world file, mutated: everything answers, fix-all stays in budget
    name: 'adversarial',
    weight: 2,
    make: () => {
      const svc = freshService();
      let i = 0;
      return fc.property(adversarialDoc(), (t) => {
        analyze(svc, t, 4, `file:///a/${i++ % 1000}.conf`, false);
        const r = fixAll(t, DEFAULT_SETTINGS);
        if (r.reparses > 200) throw new Error(`fix-all spent ${r.reparses} re-parses`);
      });
    },
  },
  {
    name: 'quickfix',
    weight: 7,
    make: () =>
      fc.property(fc.oneof(anyDoc(), mutatedCorpusDoc(2)), (t) => {
        fc.pre(clean(t));
        checkQuickFixes(t);
      }),
  },
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

interface WorkerResult {
  worker: number;
  results: { name: string; runs: number; ms: number; failed: boolean; seed: number; counterexample?: string; error?: string }[];
}

function runWorker(index: number, runs: number, seed: number): WorkerResult {
  const total = PROPS.reduce((a, p) => a + p.weight, 0);
  const results: WorkerResult['results'] = [];
  PROPS.forEach((p, k) => {
    const n = Math.max(1, Math.round((runs * p.weight) / total));
    const s = (seed + index * 7919 + k * 104729) | 0;
    const t0 = Date.now();
    const r = fc.check(p.make(), { numRuns: n, seed: s, endOnFailure: false });
    const ms = Date.now() - t0;
    results.push({
      name: p.name,
      runs: r.numRuns,
      ms,
      failed: r.failed,
      seed: s,
      counterexample: r.failed ? JSON.stringify(r.counterexample?.[0]) : undefined,
      error: r.failed ? String((r.errorInstance as Error)?.message ?? r.errorInstance).slice(0, 2000) : undefined,
    });
    process.stderr.write(`worker ${index}: ${p.name}: ${r.numRuns} runs in ${(ms / 1000).toFixed(1)} s${r.failed ? ' FAILED' : ''}\n`);
  });
  return { worker: index, results };
}

async function main(): Promise<number> {
  const runs = Number(arg('--runs') ?? 10000);
  const seed = Number(arg('--seed') ?? Date.now() % 2 ** 31);
  const worker = arg('--worker');
  if (!Number.isFinite(runs) || runs < 1) {
    process.stderr.write('usage: npm run fuzz -- --runs N [--jobs J] [--seed S] [--out FILE]\n');
    return 2;
  }
  if (worker !== undefined) {
    process.stdout.write(JSON.stringify(runWorker(Number(worker), runs, seed)) + '\n');
    return 0;
  }
  const jobs = Math.max(1, Number(arg('--jobs') ?? availableParallelism()));
  const t0 = Date.now();
  process.stderr.write(`fuzz campaign: ${runs} runs, ${jobs} worker(s), seed ${seed}\n`);
  const per = Math.ceil(runs / jobs);
  const outs = await Promise.all(
    Array.from({ length: jobs }, (_, w) =>
      new Promise<WorkerResult>((resolve, reject) => {
        const child = spawn(process.execPath, [...process.execArgv, __filename, '--worker', String(w), '--runs', String(per), '--seed', String(seed)], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code) => {
          try {
            resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as WorkerResult);
          } catch {
            reject(new Error(`worker ${w} exited with ${code} and no result`));
          }
        });
      }),
    ),
  );
  const secs = (Date.now() - t0) / 1000;
  const byProp = new Map<string, { runs: number; ms: number; failures: WorkerResult['results'] }>();
  for (const o of outs) {
    for (const r of o.results) {
      const e = byProp.get(r.name) ?? { runs: 0, ms: 0, failures: [] };
      e.runs += r.runs;
      e.ms += r.ms;
      if (r.failed) e.failures.push(r);
      byProp.set(r.name, e);
    }
  }
  const totalRuns = [...byProp.values()].reduce((a, e) => a + e.runs, 0);
  const failures = [...byProp.values()].flatMap((e) => e.failures);
  const summary = {
    date: new Date().toISOString(),
    seed,
    jobs,
    totalRuns,
    wallSeconds: Math.round(secs),
    properties: Object.fromEntries([...byProp].map(([k, e]) => [k, { runs: e.runs, cpuSeconds: Math.round(e.ms / 1000), msPerRun: +(e.ms / e.runs).toFixed(3), failures: e.failures.length }])),
    knownBugsSkipped: KNOWN_BUGS.map((b) => b.id),
    failures,
  };
  const text = JSON.stringify(summary, null, 2);
  process.stdout.write(text + '\n');
  const out = arg('--out');
  if (out) writeFileSync(out, text + '\n');
  return failures.length ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
