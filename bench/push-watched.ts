/**
 * What a watched-file event costs in push mode (a client without pull diagnostics), for one or more server builds
 * side by side (alternating per round). Nothing here asserts a budget.
 *
 *   node --import tsx bench/push-watched.ts [--rounds N] [--events E] SERVER_JS [SERVER_JS...]
 *
 * The workspace folder (a temporary directory): the real-world configs of ../shared/data/real-world, each as
 * sites/<name>/nova.conf, and a kolla-ansible tree (etc/kolla/config/nova/nova-{api,compute}.conf defining one alias
 * with two products: alias-mismatch). Open: the 6,500-line real config, two smaller real configs and the kolla
 * compute file. Saves: E watched-file events for the open 6,500-line config (VS Code sends one after every save),
 * 300 ms apart. Then one event after nova-api.conf changed on disk (compute's report changes).
 * Reported per build: publishDiagnostics notifications and their bytes per save event, the server's CPU per save
 * event (/proc, 10 ms ticks: read the total over E events), and which documents the disk change published.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../test/lsp-client';
import { REAL, REAL_6K, ROOT } from './measure';

const args = process.argv.slice(2);
let rounds = 3;
let events = 20;
const servers: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else if (args[i] === '--events') events = Number(args[++i]);
  else servers.push(args[i]);
}
if (!servers.length) servers.push(join(ROOT, 'dist', 'server.js'));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
const SMALL = ['001-nova-pci-doc-devspec-address.conf', '003-nova-pci-doc-alias-pf.conf'];
const API = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n';
const COMPUTE = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "2236"}\n';

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

interface Sample { publishesPerSave: number; bytesPerSave: number; cpuPerSave: number; diskChange: string[] }

async function round(server: string): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-push-watched-'));
  const sites = [REAL_6K, ...SMALL];
  for (const name of sites) cpSync(join(REAL, name), join(dir, 'sites', name.replace(/\.conf$/, ''), 'nova.conf'));
  const kolla = join(dir, 'etc', 'kolla', 'config', 'nova');
  mkdirSync(kolla, { recursive: true });
  writeFileSync(join(kolla, 'nova-api.conf'), API);
  writeFileSync(join(kolla, 'nova-compute.conf'), COMPUTE);
  const uri = (p: string) => pathToFileURL(p).href;
  const c = new LspClient([server, '--stdio'], { NOVA_CONF_DEBOUNCE_MS: '0' }, [], process.execPath);
  try {
    await c.request('initialize', { processId: process.pid, rootUri: uri(dir), workspaceFolders: [{ uri: uri(dir), name: 'bench' }], capabilities: {} });
    c.notify('initialized', {});
    const open = [...sites.map((n) => join(dir, 'sites', n.replace(/\.conf$/, ''), 'nova.conf')), join(kolla, 'nova-compute.conf')];
    for (const p of open) {
      c.open(uri(p), readFileSync(p, 'utf8'), 1);
      await c.diagnostics(uri(p));
    }
    await sleep(500);
    const big = uri(open[0]!);
    const publishes = (since: number) => c.notifications.slice(since).filter((m) => m.method === 'textDocument/publishDiagnostics');
    const n0 = c.notifications.length;
    const cpu0 = cpuMs(c.proc.pid!);
    for (let k = 0; k < events; k++) {
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: big, type: 2 }] });
      await sleep(300);
    }
    await c.request('textDocument/hover', { textDocument: { uri: big }, position: { line: 0, character: 0 } });
    const cpu = cpuMs(c.proc.pid!) - cpu0;
    const sent = publishes(n0);
    const n1 = c.notifications.length;
    writeFileSync(join(kolla, 'nova-api.conf'), COMPUTE);
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(join(kolla, 'nova-api.conf')), type: 2 }] });
    await sleep(500);
    await c.request('textDocument/hover', { textDocument: { uri: big }, position: { line: 0, character: 0 } });
    return {
      publishesPerSave: sent.length / events,
      bytesPerSave: sent.reduce((s, m) => s + Buffer.byteLength(JSON.stringify(m)), 0) / events,
      cpuPerSave: cpu / events,
      diskChange: publishes(n1).map((m) => String((m.params as { uri: string }).uri).replace(/.*\//, '')),
    };
  } finally {
    c.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const samples = new Map<string, Sample[]>(servers.map((s) => [s, []]));
  const load0 = loadavg()[0];
  for (let r = 0; r < rounds; r++) for (const s of servers) samples.get(s)!.push(await round(s));
  console.log(`load average ${load0.toFixed(1)} -> ${loadavg()[0].toFixed(1)}; ${rounds} rounds, ${events} save events each`);
  for (const [s, xs] of samples) {
    console.log(`${s}: publishes/save ${median(xs.map((x) => x.publishesPerSave))}, bytes/save ${Math.round(median(xs.map((x) => x.bytesPerSave)))}, server CPU/save ${xs.map((x) => x.cpuPerSave.toFixed(1)).join(' / ')} ms, disk change published: ${[...new Set(xs.map((x) => x.diskChange.join('+')))].join(' | ')}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
