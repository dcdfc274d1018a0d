/**
 * What pull diagnostics cost while the editor is idle, and while typing in a file that has related files,
 * for one or more server builds side by side (alternating per round). Nothing here asserts a budget.
 *
 *   node --import tsx bench/pull-idle.ts [--rounds N] [--seconds S] [--hosts H] [--client-flags] SERVER_JS [SERVER_JS...]
 *
 * `--client-flags` starts each server the way the VS Code client does (client/src/server-flags.ts: node flags
 * including --expose-gc, so the idle collector of server/src/idle-gc.ts runs, and the client's environment).
 *
 * The client side copies what vscode-languageclient 9 does once a server advertises
 * diagnosticProvider { interFileDependencies, workspaceDiagnostics } (lib/common/diagnostic.js):
 * - workspace/diagnostic again 2 s after each answer, forever, with previousResultIds: for every uri a
 *   workspace answer named, the result id of its last document pull if it has one, else of the workspace answer;
 * - textDocument/diagnostic (with the document's previous result id) on open and after every change, and for every
 *   open document when the server sends workspace/diagnostic/refresh;
 * - after a changed document's pull, the other visible documents one by one, 200 ms apart (its background scheduler).
 * A full report replaces the document's diagnostics; an unchanged one keeps them.
 *
 * The workspace folder (a temporary directory): the 84 real-world configs of ../shared/data/real-world, each as
 * sites/<name>/nova.conf (so the workspace index reads them), plus a kolla-ansible tree (etc/kolla/config:
 * nova.conf, nova/nova-{api,scheduler,compute}.conf and H host directories nova/computeN/nova.conf).
 * Idle: the 6,500-line real config is open, nothing is typed for S seconds. Save: three watched-file events for one
 * config (what the client's file watcher sends after a save), 4 s apart. Typing: two related kolla files are
 * opened as well and a line is typed into one of them, one character every 150 ms.
 * Reported per build: server CPU per minute of idle, bytes per workspace answer, full vs unchanged items, and for
 * the typing phase the refresh requests, pulls and the server's CPU, and the server's CPU per save.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchClient } from './lsp';
import { REAL, REAL_6K, ROOT } from './measure';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../client/src/server-flags';

const args = process.argv.slice(2);
let rounds = 2;
let seconds = 30;
let hosts = 20;
let clientFlags = false;
const servers: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--rounds') rounds = Number(args[++i]);
  else if (args[i] === '--seconds') seconds = Number(args[++i]);
  else if (args[i] === '--hosts') hosts = Number(args[++i]);
  else if (args[i] === '--client-flags') clientFlags = true;
  else servers.push(args[i]);
}
if (!servers.length) servers.push(join(ROOT, 'dist', 'server.js'));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? s[s.length >> 1] : NaN;
};

const ALIAS = 'alias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6", "device_type": "type-PF"}\n';

function makeWorkspace(): { dir: string; big: string; host: string; service: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-pull-idle-'));
  for (const name of readdirSync(REAL).filter((n) => n.endsWith('.conf'))) {
    mkdirSync(join(dir, 'sites', name.replace(/\.conf$/, '')), { recursive: true });
    cpSync(join(REAL, name), join(dir, 'sites', name.replace(/\.conf$/, ''), 'nova.conf'));
  }
  const k = join(dir, 'etc', 'kolla', 'config');
  mkdirSync(join(k, 'nova'), { recursive: true });
  writeFileSync(join(k, 'nova.conf'), '[DEFAULT]\ncpu_allocation_ratio = 4.0\nram_allocation_ratio = 1.0\n\n[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n');
  writeFileSync(join(k, 'nova', 'nova-api.conf'), `[pci]\n${ALIAS}`);
  writeFileSync(join(k, 'nova', 'nova-scheduler.conf'), '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter, NUMATopologyFilter\n');
  writeFileSync(join(k, 'nova', 'nova-compute.conf'), `[pci]\n${ALIAS}device_spec = {"vendor_id": "10de", "product_id": "25b6"}\n`);
  for (let h = 0; h < hosts; h++) {
    mkdirSync(join(k, 'nova', `compute${h}`), { recursive: true });
    writeFileSync(join(k, 'nova', `compute${h}`, 'nova.conf'), `[DEFAULT]\n\n[pci]\ndevice_spec = {"address": "0000:${(0x81 + h).toString(16)}:00.0", "physical_network": "physnet${h % 3}"}\n`);
  }
  return {
    dir,
    big: join(dir, 'sites', REAL_6K.replace(/\.conf$/, ''), 'nova.conf'),
    host: join(k, 'nova', 'compute0', 'nova.conf'),
    service: join(k, 'nova', 'nova-compute.conf'),
  };
}

interface Report {
  kind: 'full' | 'unchanged';
  uri?: string;
  resultId?: string;
  items?: unknown[];
}

interface Counts {
  pulls: number;
  full: number;
  unchanged: number;
  bytes: number;
}
const counts = (): Counts => ({ pulls: 0, full: 0, unchanged: 0, bytes: 0 });

/** vscode-languageclient's DiagnosticRequestor, reduced to what decides the server's work. */
class PullEmulator {
  readonly doc = new Map<string, string | undefined>();
  readonly ws = new Map<string, string | undefined>();
  readonly open: string[] = [];
  private inFlight = new Map<string, boolean>(); // uri -> re-pull when the answer is in
  private stopped = false;
  private loop: Promise<void> | undefined;
  docCounts = counts();
  wsCounts = counts();
  wsBytes: number[] = [];
  refreshes = 0;

  constructor(readonly c: BenchClient) {
    c.onServerRequest = (method) => {
      if (method !== 'workspace/diagnostic/refresh') return;
      this.refreshes++;
      for (const uri of this.open) void this.pull(uri);
    };
  }

  async pull(uri: string): Promise<void> {
    if (this.inFlight.has(uri)) {
      this.inFlight.set(uri, true);
      return;
    }
    this.inFlight.set(uri, false);
    const r = await this.c.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: this.doc.get(uri) });
    const report = r.result as Report;
    this.docCounts.pulls++;
    this.docCounts.bytes += Buffer.byteLength(JSON.stringify(report));
    if (report.kind === 'unchanged') this.docCounts.unchanged++;
    else this.docCounts.full++;
    this.doc.set(uri, report.resultId);
    const again = this.inFlight.get(uri);
    this.inFlight.delete(uri);
    if (again) await this.pull(uri);
  }

  /** The background scheduler after a change: every other open document, 200 ms apart. */
  async background(active: string): Promise<void> {
    for (const uri of this.open) {
      if (uri === active) continue;
      await sleep(200);
      await this.pull(uri);
    }
  }

  private previousResultIds(): { uri: string; value: string }[] {
    const out: { uri: string; value: string }[] = [];
    for (const [uri, id] of this.ws) {
      const value = this.doc.has(uri) ? this.doc.get(uri) : id;
      if (value !== undefined) out.push({ uri, value });
    }
    return out;
  }

  startWorkspace(): void {
    this.loop = (async () => {
      while (!this.stopped) {
        const r = await this.c.request('workspace/diagnostic', { previousResultIds: this.previousResultIds() });
        const items = ((r.result as { items?: Report[] }).items ?? []) as Report[];
        const bytes = Buffer.byteLength(JSON.stringify(r.result));
        this.wsCounts.pulls++;
        this.wsCounts.bytes += bytes;
        this.wsBytes.push(bytes);
        for (const it of items) {
          if (it.kind === 'unchanged') this.wsCounts.unchanged++;
          else this.wsCounts.full++;
          this.ws.set(it.uri!, it.resultId);
        }
        await sleep(2000);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }
}

interface Sample {
  idleCpuPerMin: number;
  wsBytes: number;
  wsFull: number;
  wsUnchanged: number;
  wsPulls: number;
  files: number;
  typeCpu: number;
  typeRefreshes: number;
  typePulls: number;
  typeFull: number;
  typeUnchanged: number;
  typeBytes: number;
  saveCpu: number;
  saveRefreshes: number;
  saveDocPulls: number;
}

async function round(server: string, w: ReturnType<typeof makeWorkspace>): Promise<Sample> {
  const c = clientFlags ? new BenchClient(server, SERVER_ENV, [...SERVER_NODE_FLAGS]) : new BenchClient(server);
  const em = new PullEmulator(c);
  const folder = pathToFileURL(w.dir).href;
  await c.request('initialize', {
    processId: process.pid,
    rootUri: folder,
    workspaceFolders: [{ uri: folder, name: 'bench' }],
    capabilities: {
      textDocument: { diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false }, completion: { completionItem: { snippetSupport: true } } },
      workspace: { diagnostics: { refreshSupport: true }, configuration: true, workspaceFolders: true },
    },
  });
  c.notify('initialized', {});
  const openDoc = async (path: string) => {
    const uri = pathToFileURL(path).href;
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'nova-conf', version: 1, text: readFileSync(path, 'utf8') } });
    em.open.push(uri);
    await em.pull(uri);
    return uri;
  };
  await openDoc(w.big);
  em.startWorkspace();
  // Warm-up: the first two workspace answers (everything is computed once).
  while (em.wsCounts.pulls < 2) await sleep(100);
  const ws0 = { ...em.wsCounts };
  const bytes0 = em.wsBytes.length;
  const cpu0 = c.cpuMs();
  const t0 = Date.now();
  await sleep(seconds * 1000);
  const idleCpuPerMin = ((c.cpuMs() - cpu0) / (Date.now() - t0)) * 60000;
  const idleBytes = em.wsBytes.slice(bytes0);
  const files = em.ws.size;
  const sample: Partial<Sample> = {
    idleCpuPerMin,
    wsBytes: median(idleBytes),
    wsPulls: em.wsCounts.pulls - ws0.pulls,
    wsFull: em.wsCounts.full - ws0.full,
    wsUnchanged: em.wsCounts.unchanged - ws0.unchanged,
    files,
  };

  // Saving a file: the client's file watcher sends workspace/didChangeWatchedFiles (here for an unchanged site file,
  // as after a save that wrote the same text); the next workspace answers pick up whatever that changed.
  const saved = pathToFileURL(join(w.dir, 'sites', '001-nova-pci-doc-devspec-address', 'nova.conf')).href;
  const cpuSave = c.cpuMs();
  const saveRefresh0 = em.refreshes;
  const saveDoc0 = em.docCounts.pulls;
  for (let k = 0; k < 3; k++) {
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: saved, type: 2 }] });
    await sleep(4000);
  }
  sample.saveCpu = (c.cpuMs() - cpuSave) / 3;
  sample.saveRefreshes = em.refreshes - saveRefresh0;
  sample.saveDocPulls = em.docCounts.pulls - saveDoc0;

  // Typing into a kolla host file while the service-wide file of the same deployment is open too.
  const service = await openDoc(w.service);
  const host = await openDoc(w.host);
  await sleep(2500);
  const doc0 = { ...em.docCounts };
  const refresh0 = em.refreshes;
  const cpu1 = c.cpuMs();
  const line = 'reserved_host_memory_mb = 4096';
  let version = 1;
  for (let i = 0; i < line.length; i++) {
    c.notify('textDocument/didChange', { textDocument: { uri: host, version: ++version }, contentChanges: [{ range: { start: { line: 1, character: i }, end: { line: 1, character: i } }, text: line[i] }] });
    void em.pull(host).then(() => em.background(host));
    await sleep(150);
  }
  await sleep(2500);
  void service;
  sample.typeCpu = c.cpuMs() - cpu1;
  sample.typeRefreshes = em.refreshes - refresh0;
  sample.typePulls = em.docCounts.pulls - doc0.pulls;
  sample.typeFull = em.docCounts.full - doc0.full;
  sample.typeUnchanged = em.docCounts.unchanged - doc0.unchanged;
  sample.typeBytes = em.docCounts.bytes - doc0.bytes;
  await em.stop();
  await c.stop();
  return sample as Sample;
}

async function main(): Promise<void> {
  const w = makeWorkspace();
  const load0 = loadavg()[0];
  const all = servers.map((): Sample[] => []);
  try {
    for (let r = 0; r < rounds; r++) for (let i = 0; i < servers.length; i++) all[i].push(await round(servers[i], w));
  } finally {
    rmSync(w.dir, { recursive: true, force: true });
  }
  console.log(`# pull diagnostics: ${rounds} rounds, ${seconds} s idle each, ${hosts} kolla hosts${clientFlags ? ', client flags' : ''}; load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)}`);
  servers.forEach((srv, i) => {
    const s = all[i];
    const m = (f: (x: Sample) => number) => median(s.map(f));
    console.log(`## ${srv}`);
    console.log(`  idle: server CPU ${m((x) => x.idleCpuPerMin).toFixed(0)} ms per minute; workspace answer ${(m((x) => x.wsBytes) / 1024).toFixed(1)} KB (median), ${m((x) => x.files)} files; items full/unchanged ${m((x) => x.wsFull)}/${m((x) => x.wsUnchanged)} over ${m((x) => x.wsPulls)} answers`);
    console.log(`  typing 30 characters: server CPU ${m((x) => x.typeCpu).toFixed(0)} ms; refresh requests ${m((x) => x.typeRefreshes)}; document pulls ${m((x) => x.typePulls)} (full ${m((x) => x.typeFull)}, unchanged ${m((x) => x.typeUnchanged)}), ${(m((x) => x.typeBytes) / 1024).toFixed(1)} KB`);
    console.log(`  a watched-file event (a save) and the 4 s after it: server CPU ${m((x) => x.saveCpu).toFixed(0)} ms; over the three events: refresh requests ${m((x) => x.saveRefreshes)}, document pulls ${m((x) => x.saveDocPulls)}`);
    console.log(`  per round idle CPU/min: ${s.map((x) => x.idleCpuPerMin.toFixed(0)).join(', ')}; typing CPU: ${s.map((x) => x.typeCpu.toFixed(0)).join(', ')}`);
  });
}

void main();
