/**
 * In-process measurements of the pure language service, run in a child
 * process (bundled to .bench/inproc.cjs by bench/run.ts) so that every "cold"
 * sample starts in a fresh Node process and the orchestrator's heap does not
 * disturb the numbers. Prints one JSON object on stdout.
 *
 *   inproc.cjs cold FILE [time-only] first parse + diagnostics in this process (and the input's facts)
 *   inproc.cjs warm FILE RUNS [W]   RUNS parses + diagnostics after W (default 2) warm-up rounds
 *   inproc.cjs json FILE RUNS       JSON validation of the device_spec/alias values vs JSON.parse
 *   inproc.cjs profile FILE RUNS    like warm, for --cpu-prof
 *   inproc.cjs corpus DIR RUNS      warm parse + diagnostics of every *.conf in DIR
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLanguageService } from '../server/src/service/index';
import { parsePythonJson } from '../server/src/service/python/json';
import { readPyValue } from '../server/src/service/model/py';
import { deviceSpecFamily } from '../server/src/service/rules/device-spec/index';
import { aliasFamily } from '../server/src/service/rules/alias/index';
import type { ReportExtra } from '../server/src/service/rules/types';
import type { Span } from '../server/src/service/model';

const [mode, file, runsArg] = process.argv.slice(2);
const runs = Math.max(1, Number(runsArg ?? 1));
const text = mode === 'corpus' ? '' : readFileSync(file, 'utf8');

function once(service: ReturnType<typeof createLanguageService>, uri: string) {
  const t0 = performance.now();
  const doc = service.parse(text, uri, 1);
  const t1 = performance.now();
  const diags = service.diagnostics(doc);
  const t2 = performance.now();
  return { parse: t1 - t0, diagnostics: t2 - t1, total: t2 - t0, count: diags.length, doc };
}

function out(v: unknown): void {
  process.stdout.write(JSON.stringify(v) + '\n');
}

if (mode === 'cold') {
  // The settings the LSP server uses (diagnostics capped at 1000 per document).
  const service = createLanguageService();
  const r = once(service, 'file:///bench/cold.conf');
  if (runsArg === 'time-only') {
    out({ parse: r.parse, diagnostics: r.diagnostics, total: r.total, count: r.count });
    process.exit(0);
  }
  const all = createLanguageService({ settings: { maxDiagnostics: Number.MAX_SAFE_INTEGER } });
  const full = all.diagnostics(all.parse(text, 'file:///bench/all.conf', 1));
  const fullBySeverity = [0, 0, 0, 0, 0];
  for (const d of full) fullBySeverity[d.severity ?? 1]++;
  out({
    parse: r.parse,
    diagnostics: r.diagnostics,
    total: r.total,
    count: r.count,
    allCount: full.length,
    errors: fullBySeverity[1],
    warnings: fullBySeverity[2],
    infos: fullBySeverity[3] + fullBySeverity[4],
    lines: r.doc.ini.lineStarts.length,
    entries: r.doc.ini.entries.length,
    deviceSpecs: r.doc.deviceSpecs.length,
    aliases: r.doc.aliases.length,
  });
} else if (mode === 'warm' || mode === 'profile') {
  const service = createLanguageService();
  const warmups = Number(process.argv[5] ?? (mode === 'profile' ? 1 : 2));
  for (let i = 0; i < warmups; i++) once(service, `file:///bench/warmup-${i}.conf`);
  const parse: number[] = [];
  const diagnostics: number[] = [];
  const total: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i < runs; i++) {
    const uri = `file:///bench/run-${i}.conf`;
    const r = once(service, uri);
    parse.push(r.parse);
    diagnostics.push(r.diagnostics);
    total.push(r.total);
    // What a completion/hover request pays when the document did not change: cache lookup only.
    const t0 = performance.now();
    service.diagnostics(service.parse(text, uri, 1));
    cached.push(performance.now() - t0);
    service.forget(uri);
  }
  out({ parse, diagnostics, total, cached, heapUsedMB: process.memoryUsage().heapUsed / 1e6 });
} else if (mode === 'json') {
  const service = createLanguageService();
  const doc = service.parse(text, 'file:///bench/json.conf', 1);
  const values = [...doc.deviceSpecs, ...doc.aliases].map((jv) => jv.entry.value);
  const bytes = values.reduce((n, v) => n + Buffer.byteLength(v, 'utf8'), 0);
  const floor: number[] = [];
  const syntax: number[] = [];
  const rules: number[] = [];
  const noop = (_code: string, _span: Span, _message: string, _extra?: ReportExtra) => {};
  for (let i = 0; i < runs + 2; i++) {
    let t0 = performance.now();
    let valid = 0;
    for (const v of values) {
      try {
        JSON.parse(v);
        valid++;
      } catch {
        // invalid JSON: still counted in the floor's time
      }
    }
    const tFloor = performance.now() - t0;
    t0 = performance.now();
    let pyValid = 0;
    // What document.ts does: the model reader, and the tolerant parser only for a value it refuses.
    for (const v of values) if (readPyValue(v) !== undefined || parsePythonJson(v).errors.length === 0) pyValid++;
    const tSyntax = performance.now() - t0;
    t0 = performance.now();
    deviceSpecFamily.check({ doc, release: doc.release, report: noop });
    aliasFamily.check({ doc, release: doc.release, report: noop });
    const tRules = performance.now() - t0;
    if (valid !== pyValid && i === 0) process.stderr.write(`note: JSON.parse accepted ${valid} values, the Python-json parser ${pyValid}\n`);
    if (i < 2) continue; // warm-up rounds
    floor.push(tFloor);
    syntax.push(tSyntax);
    rules.push(tRules);
  }
  out({ values: values.length, bytes, floor, syntax, rules });
} else if (mode === 'corpus') {
  const service = createLanguageService();
  const files = readdirSync(file).filter((f) => f.endsWith('.conf')).sort();
  const texts = files.map((f) => readFileSync(join(file, f), 'utf8'));
  const perFile: number[][] = files.map(() => []);
  const sums: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    let sum = 0;
    texts.forEach((t, k) => {
      const uri = `file:///bench/corpus/${k}-${i}.conf`;
      const t0 = performance.now();
      service.diagnostics(service.parse(t, uri, 1));
      const dt = performance.now() - t0;
      service.forget(uri);
      sum += dt;
      if (i >= 2) perFile[k].push(dt);
    });
    if (i >= 2) sums.push(sum);
  }
  out({ files, bytes: texts.map((t) => Buffer.byteLength(t, 'utf8')), perFile, sums });
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
