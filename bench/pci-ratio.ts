/**
 * One goal of issue #20 measured on its own, side by side in one run (a few minutes instead of the whole bench):
 * the 10 MB PCI file's didOpen -> publishDiagnostics over stdio (built dist/server.js) against JSON.parse of the
 * same device_spec/alias values, plus the in-process parse/diagnostics split and the load average. Prints JSON;
 * `npm run bench` remains the source of docs/performance.md's tables.
 *
 *   node --import tsx bench/pci-ratio.ts [--no-build] [--opens=N] [--size=pci10|pci1]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { BenchClient } from './lsp';
import { type JsonOut, type WarmOut, SERVER, inproc, log, options, setup } from './measure';
import { summarize } from './stats';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  options.build = !argv.includes('--no-build');
  options.families = ['pci'];
  const opens = Number(argv.find((a) => a.startsWith('--opens='))?.slice(8) ?? 3);
  const id = argv.find((a) => a.startsWith('--size='))?.slice(7) ?? 'pci10';
  const loadStart = loadavg();
  const inputs = await setup();
  const inp = inputs.find((i) => i.id === id);
  if (!inp) throw new Error(`no input ${id}`);
  log(`JSON.parse floor and model parse ${id}`);
  const json = await inproc<JsonOut>('json', inp.path, '3');
  log(`in-process warm ${id}`);
  const warm = await inproc<WarmOut>('warm', inp.path, '3', '1');
  log(`server didOpen -> diagnostics ${id} x${opens + 1} (first not counted)`);
  const text = readFileSync(inp.path, 'utf8');
  const c = new BenchClient(SERVER, { NOVA_CONF_DEBOUNCE_MS: '0' });
  await c.initialize();
  const first = await c.open('file:///bench/r-0.conf', text);
  const samples: number[] = [];
  for (let k = 1; k <= opens; k++) {
    c.close(`file:///bench/r-${k - 1}.conf`);
    samples.push((await c.open(`file:///bench/r-${k}.conf`, text)).ms);
  }
  await new Promise((r) => setTimeout(r, 200));
  const mem = c.memory();
  await c.stop();
  const floor = summarize(json.floor).median;
  const open = summarize(samples).median;
  const result = {
    input: id, values: json.values, jsonBytes: json.bytes, published: first.count,
    jsonParseMs: floor, modelParseMs: summarize(json.syntax).median, pciRulesMs: summarize(json.rules).median,
    inProcess: { parseMs: summarize(warm.parse).median, diagnosticsMs: summarize(warm.diagnostics).median, totalMs: summarize(warm.total).median, heapUsedMB: warm.heapUsedMB },
    server: { firstOpenMs: first.ms, warmOpenMs: samples, medianMs: open, rssMB: mem.rss, peakMB: mem.peak },
    ratio: open / floor, inProcessRatio: summarize(warm.total).median / floor,
    loadStart, loadEnd: loadavg(),
  };
  process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
