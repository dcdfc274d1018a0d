/**
 * Side-by-side editor latency of two (or more) server builds over real stdio, alternating builds per round:
 * didOpen → publishDiagnostics, keystroke → publishDiagnostics (type and erase one character, debounce 0) and
 * completion/hover at a few positions. Reports medians and p95 per build, the servers' CPU time and the load.
 *
 *   node --import tsx bench/editor-latency.ts [--rounds N] [--file F]... [--no-item-defaults] SERVER_JS [SERVER_JS...]
 *
 * The client declares VS Code's completion capabilities (bench/lsp.ts VSCODE_CAPABILITIES); with
 * --no-item-defaults, the same without LSP 3.17 `completionList.itemDefaults`. A completion's time includes the
 * `completionItem/resolve` of its first item when that item came without documentation, as in bench/measure.ts
 * (the goal row); the bytes are the JSON of the completion answer's result.
 *
 * Defaults: the 6,500-line real config (bench input real6k) and dist/server.js. Nothing here asserts a budget.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BenchClient, NO_ITEM_DEFAULTS_CAPABILITIES, Position, VSCODE_CAPABILITIES, firstItemToResolve } from './lsp';
import { REAL, REAL_6K, ROOT } from './measure';

const args = process.argv.slice(2);
let rounds = 5;
let capabilities = VSCODE_CAPABILITIES;
const files: string[] = [];
const servers: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else if (args[i] === '--file') files.push(args[++i]);
  else if (args[i] === '--no-item-defaults') capabilities = NO_ITEM_DEFAULTS_CAPABILITIES;
  else servers.push(args[i]);
}
if (!servers.length) servers.push(join(ROOT, 'dist', 'server.js'));
if (!files.length) files.push(join(REAL, REAL_6K));

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The keystroke position bench/measure.ts uses: the end of the first option value after the middle of the file. */
function valueEnd(text: string): Position {
  const re = /^[a-z_]+ *= *\S[^\n]*$/gm;
  re.lastIndex = text.length >> 1;
  const m = re.exec(text);
  return m ? positionOf(text, m.index + m[0].length) : { line: 0, character: 0 };
}

function probes(text: string): { name: string; pos: Position }[] {
  const out: { name: string; pos: Position }[] = [];
  const add = (name: string, needle: string, delta: number) => {
    const i = text.indexOf(needle);
    if (i >= 0) out.push({ name, pos: positionOf(text, i + delta) });
  };
  add('option name', '\nmy_ip', 3);
  add('option value', '\ncompute_driver=', 20);
  add('commented option', '\n#cpu_allocation_ratio', 5);
  add('section header', '[pci]', 2);
  add('list value', 'enabled_filters=', 40);
  add('alias value', 'alias = {"name"', 12);
  add('device_spec', 'device_spec = ', 16);
  return out;
}

const q = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};
const fmt = (a: number[]) => `p50 ${q(a, 0.5).toFixed(2)} ms  p95 ${q(a, 0.95).toFixed(2)} ms  (n=${a.length})`;

interface Samples {
  open: number[];
  key: number[];
  comp: Map<string, number[]>;
  hover: Map<string, number[]>;
  bytes: Map<string, number>;
  cpu: number;
}

async function round(server: string, file: string, s: Samples): Promise<void> {
  const text = readFileSync(file, 'utf8');
  const c = new BenchClient(server, { NOVA_CONF_DEBOUNCE_MS: '0' });
  await c.initialize(capabilities);
  const uri = (k: number) => `file:///bench/latency-${k}.conf`;
  const cpu0 = c.cpuMs();
  for (let k = 0; k < 12; k++) {
    if (k > 0) c.close(uri(k - 1));
    const r = await c.open(uri(k), text);
    if (k >= 4) s.open.push(r.ms);
  }
  const live = uri(11);
  const pos = valueEnd(text);
  let v = 1;
  for (let i = 0; i < 30; i++) {
    const typing = i % 2 === 0;
    const end = typing ? pos : { line: pos.line, character: pos.character + 1 };
    const t = await c.edit(live, ++v, pos, end, typing ? 'x' : '');
    if (i >= 6) s.key.push(t);
  }
  for (const p of probes(text)) {
    for (let k = 0; k < 25; k++) {
      const r = await c.request('textDocument/completion', { textDocument: { uri: live }, position: p.pos });
      const first = firstItemToResolve(r.result);
      const resolve = first ? (await c.request('completionItem/resolve', first)).ms : 0;
      const h = await c.request('textDocument/hover', { textDocument: { uri: live }, position: p.pos });
      s.bytes.set(p.name, Buffer.byteLength(JSON.stringify(r.result ?? null)));
      if (k < 5) continue;
      (s.comp.get(p.name) ?? s.comp.set(p.name, []).get(p.name)!).push(r.ms + resolve);
      (s.hover.get(p.name) ?? s.hover.set(p.name, []).get(p.name)!).push(h.ms);
    }
  }
  s.cpu += c.cpuMs() - cpu0;
  await c.stop();
}

async function main(): Promise<void> {
  const load0 = loadavg()[0];
  for (const file of files) {
    const all = servers.map((): Samples => ({ open: [], key: [], comp: new Map(), hover: new Map(), bytes: new Map(), cpu: 0 }));
    for (let r = 0; r < rounds; r++) for (let i = 0; i < servers.length; i++) await round(servers[i], file, all[i]);
    console.log(`# ${file} — ${rounds} rounds, ${capabilities === VSCODE_CAPABILITIES ? "VS Code's capabilities" : 'no itemDefaults'}, load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}`);
    servers.forEach((srv, i) => {
      const s = all[i];
      console.log(`## ${srv}  (server CPU ${(s.cpu / rounds).toFixed(0)} ms per round)`);
      console.log(`  didOpen   ${fmt(s.open)}`);
      console.log(`  keystroke ${fmt(s.key)}`);
      const comp = [...s.comp.values()].flat();
      const hov = [...s.hover.values()].flat();
      console.log(`  completion ${fmt(comp)}; hover ${fmt(hov)}`);
      for (const [name, a] of s.comp) console.log(`    ${name.padEnd(15)} completion ${fmt(a)} ${String(s.bytes.get(name)).padStart(6)} B | hover ${fmt(s.hover.get(name)!)}`);
    });
  }
}

void main();
