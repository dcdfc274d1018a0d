/**
 * Keystroke cost side by side: two (or more) server builds over real stdio, alternating per round, on one file
 * (default: the 6,500-line real config). Each round opens the file, then types and erases one character at the
 * bench's keystroke position (the end of the first option value after the middle of the file), debounce 0.
 *
 *   node --import tsx bench/keystroke-ab.ts [--rounds N] [--edits N] [--file F] [--mode push|pull|both] SERVER_JS...
 *
 * push: the client has no pull-diagnostics capability (as Neovim's client): a keystroke is didChange →
 *       textDocument/publishDiagnostics of the new version (the goal row measures this).
 * pull: the client declares `textDocument.diagnostic` (as VS Code's client): a keystroke is didChange followed by
 *       textDocument/diagnostic with the previous result id (as vscode-languageclient 9 pulls after each change);
 *       the time runs from the didChange to the answer.
 * Reports p50/p95 per build, the servers' CPU time and minor page faults per keystroke (from /proc, whole process;
 * a fault is a fresh 4 KB page touched, ~4 us of kernel time on this VM). Nothing asserts.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BenchClient, Position, VSCODE_CAPABILITIES } from './lsp';
import { REAL, REAL_6K, ROOT } from './measure';

const args = process.argv.slice(2);
let rounds = 4;
let edits = 200;
let file = join(REAL, REAL_6K);
let modes: ('push' | 'pull')[] = ['push', 'pull'];
const servers: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else if (args[i] === '--edits') edits = Number(args[++i]);
  else if (args[i] === '--file') file = args[++i];
  else if (args[i] === '--mode') modes = args[++i] === 'both' ? ['push', 'pull'] : [args[i] as 'push' | 'pull'];
  else servers.push(args[i]);
}
if (!servers.length) servers.push(join(ROOT, 'dist', 'server.js'));

function valueEnd(text: string): Position {
  const re = /^[a-z_]+ *= *\S[^\n]*$/gm;
  re.lastIndex = text.length >> 1;
  const m = re.exec(text);
  if (!m) return { line: 0, character: 0 };
  const before = text.slice(0, m.index + m[0].length);
  return { line: before.split('\n').length - 1, character: before.length - (before.lastIndexOf('\n') + 1) };
}

const PULL_CAPABILITIES = { ...VSCODE_CAPABILITIES, textDocument: { ...(VSCODE_CAPABILITIES.textDocument as object), diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } } };

const q = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};

interface Samples {
  ms: number[];
  cpu: number;
  faults: number;
  n: number;
}

/** Minor page faults of the server so far (/proc, Linux; NaN elsewhere): fresh memory touched, steadier than time under load. */
function minorFaults(c: BenchClient): number {
  try {
    const stat = readFileSync(`/proc/${c.proc.pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[7]);
  } catch {
    return NaN;
  }
}

async function round(server: string, mode: 'push' | 'pull', text: string, s: Samples): Promise<void> {
  const c = new BenchClient(server, { NOVA_CONF_DEBOUNCE_MS: '0' });
  await c.initialize(mode === 'pull' ? PULL_CAPABILITIES : VSCODE_CAPABILITIES);
  const uri = 'file:///bench/keystroke.conf';
  const pos = valueEnd(text);
  let resultId: string | undefined;
  const pull = async () => {
    const r = await c.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: resultId });
    resultId = (r.result as { resultId?: string }).resultId;
    return r.at;
  };
  if (mode === 'push') await c.open(uri, text);
  else {
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'nova-conf', version: 1, text } });
    await pull();
  }
  const warm = Math.min(20, edits >> 2);
  let v = 1;
  let cpu0 = 0;
  let faults0 = 0;
  for (let i = 0; i < edits + warm; i++) {
    if (i === warm) {
      cpu0 = c.cpuMs();
      faults0 = minorFaults(c);
    }
    const typing = i % 2 === 0;
    const end = typing ? pos : { line: pos.line, character: pos.character + 1 };
    let ms: number;
    if (mode === 'push') ms = await c.edit(uri, ++v, pos, end, typing ? 'x' : '');
    else {
      const t0 = c.notify('textDocument/didChange', { textDocument: { uri, version: ++v }, contentChanges: [{ range: { start: pos, end }, text: typing ? 'x' : '' }] });
      ms = (await pull()) - t0;
    }
    if (i >= warm) s.ms.push(ms);
  }
  s.cpu += c.cpuMs() - cpu0;
  s.faults += minorFaults(c) - faults0;
  s.n += edits;
  await c.stop();
}

async function main(): Promise<void> {
  const text = readFileSync(file, 'utf8');
  for (const mode of modes) {
    const load0 = loadavg()[0];
    const all = servers.map((): Samples => ({ ms: [], cpu: 0, faults: 0, n: 0 }));
    for (let r = 0; r < rounds; r++) for (let i = 0; i < servers.length; i++) await round(servers[i], mode, text, all[i]);
    console.log(`# ${mode}: ${file.split('/').pop()}, ${rounds} rounds x ${edits} keystrokes, load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}`);
    servers.forEach((srv, i) => {
      const s = all[i];
      console.log(`  ${srv}: p50 ${q(s.ms, 0.5).toFixed(2)} ms  p95 ${q(s.ms, 0.95).toFixed(2)} ms  mean ${(s.ms.reduce((a, b) => a + b, 0) / s.ms.length).toFixed(2)} ms  server CPU ${(s.cpu / s.n).toFixed(2)} ms/keystroke  minor faults ${(s.faults / s.n).toFixed(1)}/keystroke`);
    });
  }
}

void main();
