/**
 * Growth ratios of the adversarial input families (issue 19): for each shape, the in-process time of
 * parse + diagnostics and of fix-all at n and 2n characters, and time(2n)/time(n). Linear work gives about
 * 2.0 (the per-character ratio time(2n)/(2·time(n)) about 1.0); quadratic work gives about 4.0.
 *   node --import tsx bench/adversarial.ts [--bytes N] [--only ID,ID] [--reps N] [--wall]
 * Times are CPU time of the process (user + system; best of --reps, default 3 for analysis, 2 for fix-all)
 * unless --wall is given.
 * A measurement, never a test assertion (docs/robustness.md reports the numbers).
 */
import { performance } from 'node:perf_hooks';
import { createLanguageService } from '../server/src/service/index';
import { fixAll } from '../server/src/service/fix-all';
import { ADVERSARIAL } from './adversarial-inputs';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/**
 * Best of `reps` runs, in milliseconds of CPU time of this process (user + system) by default: on a shared
 * machine wall-clock time mostly measures waiting for a core. `--wall` measures wall-clock time instead.
 */
const wall = process.argv.includes('--wall');
function now(): number {
  if (wall) return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
function best(fn: () => void, reps = 3): number {
  let t = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = now();
    fn();
    t = Math.min(t, now() - t0);
  }
  return t;
}

const base = Number(arg('--bytes') ?? 400_000);
const only = arg('--only')?.split(',');
const reps = Number(arg('--reps') ?? 3);
const rows: string[] = ['| family | n (chars) | analyse n / 2n (ms) | ratio | per 2× (÷2) | fix-all n / 2n (ms) | ratio | per 2× (÷2) |', '|---|---|---|---|---|---|---|---|'];
let k = 0;
for (const shape of ADVERSARIAL) {
  if (only && !only.includes(shape.id)) continue;
  const svc = createLanguageService();
  // Each run forgets its document, so that no earlier run's tree is still on the heap (it would make the
  // collector's work, and so the later, bigger runs, look superlinear).
  const analyse = (text: string) => () => {
    const uri = `file:///adv/${k++}.conf`;
    svc.diagnostics(svc.parse(text, uri, 1));
    svc.forget(uri);
  };
  const a = shape.generate(base);
  const b = shape.generate(2 * base);
  const ta = best(analyse(a), reps);
  const tb = best(analyse(b), reps);
  const fa = best(() => fixAll(a, svc.settings), Math.max(1, reps - 1));
  const fb = best(() => fixAll(b, svc.settings), Math.max(1, reps - 1));
  rows.push(`| ${shape.id} | ${a.length.toLocaleString('en')} | ${ta.toFixed(0)} / ${tb.toFixed(0)} | ${(tb / ta).toFixed(2)} | ${(tb / ta / 2).toFixed(2)} | ${fa.toFixed(0)} / ${fb.toFixed(0)} | ${(fb / fa).toFixed(2)} | ${(fb / fa / 2).toFixed(2)} |`);
  process.stderr.write(`${rows[rows.length - 1]}\n`);
}
process.stdout.write(rows.join('\n') + '\n');
