/**
 * Server memory, side by side: the bench's editor session (bench/measure.ts `session()`: open the 6,500-line real
 * config, 100 completions/hovers, 30 reopenings under new URIs), then VmRSS 500 ms later and again after 3 s idle,
 * and what the server itself reports (bench/memory-probe.cjs): heap used/total, external, V8's spaces, and the
 * resident set by mapping (node executable, shared libraries, malloc heap, anonymous = V8 heap and thread arenas).
 *
 *   node --import tsx bench/memory-session.ts [--rounds N] [--client] [--snapshot] SERVER.js [SERVER.js …]
 *
 * Several builds (e.g. a second clone's dist/server.js) alternate round by round; a path not ending in .js (the
 * launcher dist/nova-conf-language-server-lean) is started as a command. `--client` starts each .js server
 * as the VS Code client does (client/src/server-flags.ts); `--snapshot` writes a heap snapshot per build into
 * .bench/ (open it in Chrome DevTools, Memory tab). The probe reads the server after 3 s idle, or with
 * MEMSESSION_PROBE=row at the goal row's moment, right after the 500 ms reading; MEMSESSION_KEEP=PREFIX keeps each
 * probe's JSON (smaps, heap spaces) as PREFIX-ROUND-BUILD.json.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchClient } from './lsp';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../client/src/server-flags';

const argv = process.argv.slice(2);
const opt = (name: string) => argv.includes(name);
const roundsAt = argv.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(argv[roundsAt + 1]) : 3;
const servers = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--rounds').map((s) => resolve(s));
if (!servers.length) throw new Error('usage: memory-session.ts [--rounds N] [--client] [--snapshot] SERVER.js …');
const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, '.bench');
mkdirSync(OUT, { recursive: true });
const text = readFileSync(join(ROOT, '..', 'shared', 'data', 'real-world', '060-tripleo-undercloud-puppet-generated-full.conf'), 'utf8');
const at = text.indexOf('[pci]') + 2;
const before = text.slice(0, at).split('\n');
const pos = { line: before.length - 1, character: before[before.length - 1].length };
const MB = 2 ** 20;

interface Probe {
  memoryUsage: NodeJS.MemoryUsage;
  spaces: Record<string, { size: number; used: number; resident: number }>;
  smaps: string;
}

/** Resident kB per mapping name (the file's base name, or [heap], [anon], [stack] …). */
function byMapping(smaps: string): Map<string, number> {
  const out = new Map<string, number>();
  let name = '';
  for (const line of smaps.split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) name = (head[1] || '[anon]').split('/').pop()!;
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) out.set(name, (out.get(name) ?? 0) + Number(rss[1]));
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const rows: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const server of servers) {
      const out = join(OUT, `memory-probe-${process.pid}.json`);
      rmSync(out, { force: true });
      const env = { NOVA_CONF_DEBOUNCE_MS: '0', MEMPROBE_OUT: out, ...(opt('--client') ? SERVER_ENV : {}), ...(opt('--snapshot') ? { MEMPROBE_SNAP: join(OUT, `memory-${servers.indexOf(server)}.heapsnapshot`) } : {}) };
      const probe = join(ROOT, 'bench', 'memory-probe.cjs');
      // A launcher (not a .js file, e.g. dist/nova-conf-language-server-lean) is started as a command: the probe
      // then comes through NODE_OPTIONS, which changes neither node's command line nor V8's flags.
      const launcher = !server.endsWith('.js');
      const c = launcher
        ? new BenchClient(server, { ...env, NODE_OPTIONS: `--require=${probe}` })
        : new BenchClient(server, env, ['--require', probe, ...(opt('--client') ? SERVER_NODE_FLAGS : [])]);
      await c.initialize();
      const uri = (k: number) => `file:///bench/session-${k}.conf`;
      await c.open(uri(0), text);
      for (let k = 0; k < 100; k++) await c.request(k % 2 ? 'textDocument/hover' : 'textDocument/completion', { textDocument: { uri: uri(0) }, position: pos });
      for (let k = 1; k <= 30; k++) {
        c.close(uri(k - 1));
        await c.open(uri(k), text);
      }
      await sleep(500);
      const after = c.memory().rss;
      // MEMSESSION_PROBE=row: the probe reads the server at the goal row's moment (500 ms), not after 3 s idle.
      const atRow = process.env.MEMSESSION_PROBE === 'row';
      if (atRow) c.proc.kill('SIGUSR2');
      await sleep(3000);
      const idle = c.memory().rss;
      if (!atRow) c.proc.kill('SIGUSR2');
      for (let i = 0; i < 600 && !existsSync(out); i++) await sleep(50);
      await sleep(100);
      const p = JSON.parse(readFileSync(out, 'utf8')) as Probe;
      if (process.env.MEMSESSION_KEEP) copyFileSync(out, `${process.env.MEMSESSION_KEEP}-${round}-${servers.indexOf(server)}.json`);
      rmSync(out, { force: true });
      await c.stop();
      const maps = byMapping(p.smaps);
      const kb = (k: string) => ((maps.get(k) ?? 0) / 1024).toFixed(1);
      const libs = [...maps].filter(([k]) => k.includes('.so')).reduce((a, [, v]) => a + v, 0) / 1024;
      const spaces = Object.entries(p.spaces).filter(([, s]) => s.size > 0).map(([k, s]) => `${k.replace('_space', '')} ${(s.size / MB).toFixed(2)}/${(s.used / MB).toFixed(2)}`).join(', ');
      rows.push(
        `round ${round} ${server}${opt('--client') ? ' (client flags)' : ''}: RSS ${after.toFixed(1)} MB, after 3 s idle ${idle.toFixed(1)} MB | ` +
          `heap used ${(p.memoryUsage.heapUsed / MB).toFixed(1)} of ${(p.memoryUsage.heapTotal / MB).toFixed(1)} MB, external ${(p.memoryUsage.external / MB).toFixed(1)} MB | ` +
          `resident: node ${kb('node')}, libraries ${libs.toFixed(1)}, malloc heap ${kb('[heap]')}, anonymous ${kb('[anon]')} MB | spaces (size/used MB): ${spaces}`,
      );
      console.log(rows[rows.length - 1]);
    }
  }
  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

void main();
