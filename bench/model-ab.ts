/**
 * In-process side by side of two source trees' language services on one input (default .bench/pci10.conf): both
 * services are loaded into this process and alternate run by run (parse + diagnostics of a fresh uri each time), so
 * the two see the same machine load and the same heap. Prints medians of CPU time (process.cpuUsage, this thread
 * plus the collector's helper threads) and wall time per run (and of the diagnostics step alone), the count of diagnostics, and whether both gave the
 * same diagnostics (JSON of the lists). Nothing here asserts a budget.
 *
 *   node --import tsx bench/model-ab.ts OLD_ROOT NEW_ROOT [--runs=20] [--warm=3] [--input=FILE] [--families]
 *
 * With --families, each service parses the input once and the device_spec and placement-names families' `check`
 * run alone on that document, alternating (findings collected and compared: code, span, message, data).
 *
 * OLD_ROOT and NEW_ROOT are checkouts (each with its own node_modules); each one's server/src/service/index.ts is
 * bundled with esbuild as bench/measure.ts bundles the in-process harness (run under tsx, the code would carry tsx's
 * `__name` wrappers around every closure, ~10% of the device_spec rule's time, which the shipped bundles do not have).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { OUT } from './measure';

type Service = { parse(text: string, uri: string, version: number): unknown; diagnostics(doc: unknown): unknown[]; forget(uri: string): void };
type Family = { check(ctx: { doc: unknown; release: unknown; report: (...a: unknown[]) => void }): void };
type Bundle = { createLanguageService(): Service; deviceSpecFamily: Family; placementNamesFamily: Family };

const argv = process.argv.slice(2);
const flag = (name: string, def: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
const roots = argv.filter((a) => !a.startsWith('--')).map((r) => resolve(r));
if (roots.length !== 2) {
  process.stderr.write('usage: model-ab.ts OLD_ROOT NEW_ROOT [--runs=20] [--warm=3] [--input=FILE]\n');
  process.exit(2);
}
const runs = Number(flag('runs', '20'));
const warm = Number(flag('warm', '3'));
const text = readFileSync(flag('input', join(OUT, 'pci10.conf')), 'utf8');
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const services: Service[] = [];
  const bundles: Bundle[] = [];
  const require = createRequire(import.meta.url);
  for (const [i, root] of roots.entries()) {
    const outfile = join(OUT, `model-ab-${i}.cjs`);
    const entry = ['index', 'rules/device-spec/index', 'rules/placement-names/index'].map((m) => `export * from './server/src/service/${m}';`).join('\n');
    await build({
      stdin: { contents: entry, resolveDir: root, loader: 'ts' },
      outfile,
      bundle: true, platform: 'node', target: 'node18', format: 'cjs', minifySyntax: true, mainFields: ['module', 'main'], logLevel: 'warning',
      supported: { 'regexp-unicode-property-escapes': true },
    });
    const mod = require(outfile) as Bundle;
    bundles.push(mod);
    services.push(mod.createLanguageService());
  }
  if (argv.includes('--families')) return families(bundles, services);
  const load0 = loadavg()[0];
  const cpu = services.map(() => [] as number[]);
  const diagCpu = services.map(() => [] as number[]);
  const wall = services.map(() => [] as number[]);
  const seen = services.map(() => '');
  let n = 0;
  for (let r = 0; r < warm + runs; r++) {
    // Alternate which one goes first, so neither always runs right after the other's garbage.
    const order = r % 2 ? [1, 0] : [0, 1];
    for (const i of order) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const uri = `file:///bench/ab-${n++}.conf`;
      const doc = services[i].parse(text, uri, 1);
      const c1 = process.cpuUsage();
      const diags = services[i].diagnostics(doc);
      const t1 = performance.now();
      const c = process.cpuUsage(c0);
      const d = process.cpuUsage(c1);
      services[i].forget(uri); // as the server does on close: only one document alive at a time
      if (r === 0) seen[i] = JSON.stringify(diags);
      if (r < warm) continue;
      cpu[i].push((c.user + c.system) / 1000);
      diagCpu[i].push((d.user + d.system) / 1000);
      wall[i].push(t1 - t0);
    }
  }
  process.stdout.write(
    JSON.stringify({
      input: text.length,
      runs,
      load: [load0, loadavg()[0]].map((x) => Math.round(x * 100) / 100),
      same: seen[0] === seen[1],
      count: JSON.parse(seen[1]).length,
      old: { cpu: median(cpu[0]), wall: median(wall[0]), cpuMin: Math.min(...cpu[0]), diagnosticsCpu: median(diagCpu[0]), diagnosticsCpuMin: Math.min(...diagCpu[0]) },
      new: { cpu: median(cpu[1]), wall: median(wall[1]), cpuMin: Math.min(...cpu[1]), diagnosticsCpu: median(diagCpu[1]), diagnosticsCpuMin: Math.min(...diagCpu[1]) },
    }) + '\n',
  );
}
/** The two families alone on one parsed document per service, alternating. */
function families(bundles: Bundle[], services: Service[]): void {
  const docs = services.map((s, i) => s.parse(text, `file:///bench/families-${i}.conf`, 1) as { release: unknown });
  const cpu = services.map(() => [] as number[]);
  const seen = services.map(() => '');
  const load0 = loadavg()[0];
  for (let r = 0; r < warm + runs; r++) {
    for (const i of r % 2 ? [1, 0] : [0, 1]) {
      const found: unknown[] = [];
      const report = (...a: unknown[]) => void found.push(a);
      const c0 = process.cpuUsage();
      bundles[i].deviceSpecFamily.check({ doc: docs[i], release: docs[i].release, report });
      bundles[i].placementNamesFamily.check({ doc: docs[i], release: docs[i].release, report });
      const c = process.cpuUsage(c0);
      if (r === 0) seen[i] = JSON.stringify(found);
      if (r >= warm) cpu[i].push((c.user + c.system) / 1000);
    }
  }
  process.stdout.write(
    JSON.stringify({
      families: ['device_spec', 'placement names'],
      runs,
      load: [load0, loadavg()[0]].map((x) => Math.round(x * 100) / 100),
      same: seen[0] === seen[1],
      findings: (JSON.parse(seen[1]) as unknown[]).length,
      old: { cpu: median(cpu[0]), cpuMin: Math.min(...cpu[0]) },
      new: { cpu: median(cpu[1]), cpuMin: Math.min(...cpu[1]) },
    }) + '\n',
  );
}

void main();
