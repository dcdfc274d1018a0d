/** The language server over real stdio with nova-conf.host / nova-conf.useLocalHost: host diagnostics, hover, inlay hints, completion, status. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';
import { LspClient } from '../lsp-client';
import { buildSysfs, doneWhenHost } from './sysfs';

const tree = buildSysfs(doneWhenHost());
after(tree.cleanup);
const URI = 'file:///compute/nova.conf';
const TEXT = [
  '[pci]',
  'report_in_placement = true',
  'device_spec = [{"address": "0000:3b:00.0"}, {"vendor_id": "8086", "product_id": "154c"}]',
  'device_spec = {"address": "0000:3b:00.0", "remote_managed": "true"}',
  'device_spec = {"vendor_id": "10de", "product_id": "20b5"}',
  'alias = {"name": "a10", "vendor_id": "10de", "product_id": "20b5", "device_type": "type-PCI", "numa_policy": "required"}',
  '',
].join('\n');
type Json = Record<string, unknown>;

test('nova-conf.host = a sysfs root: host findings, hover with the 4 VFs, inlay hints, completion, and a status notification', async () => {
  const c = new LspClient();
  try {
    c.configuration = { host: tree.root, release: '' };
    await c.initialize({ workspace: { configuration: true }, textDocument: { inlayHint: {} } });
    const status = (await c.waitFor((m) => m.method === 'nova-conf/host')).params as Json;
    assert.equal(status.devices, 6);
    assert.equal(status.kind, 'root');
    c.open(URI, TEXT);
    const { diagnostics } = await c.diagnostics(URI, 1);
    const find = (code: string) => diagnostics.filter((d) => d.code === code);
    const [p4] = find('host-placement-pf-and-vf');
    assert.equal(p4?.severity, 1);
    assert.match(p4.message, /PF 0000:3b:00\.0.*VF 0000:3b:02\./);
    assert.equal(find('host-remote-managed-pf')[0]?.severity, 1);
    assert.equal(find('host-alias-numa-unknown')[0]?.severity, 2);

    // Hover on the VF entry (line 2, second object): the four VFs.
    const line = TEXT.split('\n')[2];
    const hover = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 2, character: line.indexOf('154c') + 1 } });
    for (let i = 0; i < 4; i++) assert.match(hover.contents.value, new RegExp(`0000:3b:02\\.${i}`));

    const hints = await c.request<{ label: string; position: { line: number } }[]>('textDocument/inlayHint', { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } } });
    assert.ok(hints.some((h) => h.position.line === 4 && /matches 0000:af:00\.0 \(type-PCI\), no NUMA node/.test(h.label)), JSON.stringify(hints));

    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: '[pci]\ndevice_spec = {"devname": ""}\n' }] });
    const completion = await c.request<{ items: { label: string }[] }>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 1, character: 27 } });
    assert.deepEqual(completion.items.slice(0, 2).map((i) => i.label), ['ens1f0', 'ens1f0v0']);

    // Settings change: the host is dropped, and so are the host findings.
    c.configuration = { host: '' };
    const before = c.notifications.length;
    c.notify('workspace/didChangeConfiguration', { settings: {} });
    const off = (await c.waitFor((m) => m.method === 'nova-conf/host', 10000, before)).params as Json;
    assert.equal(off.host, null);
    await c.shutdown();
  } finally {
    c.kill();
  }
});

test('a bad nova-conf.host is reported, and the server keeps working without host checks', async () => {
  const c = new LspClient();
  try {
    c.configuration = { host: '/nonexistent/host.json' };
    await c.initialize({ workspace: { configuration: true } });
    const status = (await c.waitFor((m) => m.method === 'nova-conf/host')).params as Json;
    assert.equal(status.host, null);
    assert.match(String(status.error), /cannot read \/nonexistent\/host\.json/);
    assert.ok(c.serverRequests.some((m) => m.method === 'window/showMessageRequest' && /host checks are off: cannot read \/nonexistent\/host\.json: no such file/.test(String((m.params as Json).message))));
    c.open(URI, TEXT);
    const { diagnostics } = await c.diagnostics(URI, 1);
    assert.deepEqual(diagnostics.filter((d) => d.code.startsWith('host-')), []);
    await c.shutdown();
  } finally {
    c.kill();
  }
});

/** A snapshot of a synthetic host, as `nova-conf-lint --collect-host ROOT` writes it. */
function collect(root: string): string {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--collect-host', root], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('nova-conf.host = a snapshot file: written again on disk, it is read again and the open document re-judged; removed, host checks go off', async () => {
  const work = mkdtempSync(join(tmpdir(), 'nova-conf-host-watch-'));
  // The same host after a NIC with interface ens9 was added.
  const grown = buildSysfs([...doneWhenHost(), { address: '0000:5e:00.0', vendor: '8086', device: '1572', class: '0x020000', numa: 0, net: ['ens9'] }]);
  const c = new LspClient();
  try {
    const snap = join(work, 'compute-0.json');
    writeFileSync(snap, collect(tree.root));
    c.configuration = { host: snap };
    await c.initialize({ workspace: { configuration: true } });
    const status = (await c.waitFor((m) => m.method === 'nova-conf/host')).params as Json;
    assert.deepEqual([status.kind, status.source, status.devices], ['snapshot', snap, 6]);
    const uri = 'file:///compute/devname.conf';
    c.open(uri, '[pci]\ndevice_spec = {"devname": "ens9"}\n');
    const first = await c.diagnostics(uri, 1);
    assert.match(first.diagnostics.find((d) => d.code === 'host-devname-not-found')?.message ?? '', /"ens9"/);

    // Re-collected and written the way editors and scripts do (a temporary file renamed over it).
    let since = c.notifications.length;
    writeFileSync(`${snap}.tmp`, collect(grown.root));
    renameSync(`${snap}.tmp`, snap);
    const again = (await c.waitFor((m) => m.method === 'nova-conf/host', 10000, since)).params as Json;
    assert.equal(again.devices, 7);
    const after = await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Json).uri === uri, 10000, since);
    const codes = ((after.params as Json).diagnostics as { code: string }[]).map((d) => d.code);
    assert.ok(!codes.includes('host-devname-not-found'), codes.join());

    since = c.notifications.length;
    rmSync(snap);
    const gone = (await c.waitFor((m) => m.method === 'nova-conf/host', 10000, since)).params as Json;
    assert.equal(gone.host, null);
    assert.match(String(gone.error), /cannot read/);
    await c.shutdown();
  } finally {
    c.kill();
    grown.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
});

test('useLocalHost (initializationOptions, no workspace/configuration): judged against this machine', { skip: existsSync('/sys/bus/pci/devices') ? false : 'no /sys/bus/pci/devices here' }, async () => {
  const c = new LspClient();
  try {
    await c.initialize({}, { useLocalHost: true });
    const status = (await c.waitFor((m) => m.method === 'nova-conf/host')).params as Json;
    assert.equal(status.host, hostname());
    assert.equal(status.source, '/');
    c.open(URI, '[pci]\ndevice_spec = {"devname": "nova-conf-no-such-nic0"}\n');
    const { diagnostics } = await c.diagnostics(URI, 1);
    assert.match(diagnostics.find((d) => d.code === 'host-devname-not-found')?.message ?? '', new RegExp(`no network interface "nova-conf-no-such-nic0" on ${hostname()}`));
    await c.shutdown();
  } finally {
    c.kill();
  }
});

test('package.json: nova-conf.host and nova-conf.useLocalHost are machine settings, restricted in untrusted workspaces', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { scope?: string; restricted?: boolean; type?: string; default?: unknown }> } };
    capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } };
  };
  const props = pkg.contributes.configuration.properties;
  assert.deepEqual([props['nova-conf.host'].scope, props['nova-conf.host'].type, props['nova-conf.host'].default, props['nova-conf.host'].restricted], ['machine', 'string', '', true]);
  assert.deepEqual([props['nova-conf.useLocalHost'].scope, props['nova-conf.useLocalHost'].type, props['nova-conf.useLocalHost'].default, props['nova-conf.useLocalHost'].restricted], ['machine', 'boolean', false, true]);
  for (const k of ['nova-conf.host', 'nova-conf.useLocalHost']) assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations?.includes(k), k);
});
