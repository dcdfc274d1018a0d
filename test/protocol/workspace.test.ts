/**
 * The built server over real stdio with workspace folders: an open file is judged with
 * its siblings on disk, and a change on disk (workspace/didChangeWatchedFiles) updates
 * the open file's diagnostics. Also workspace/diagnostic in pull mode.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LspClient } from '../lsp-client';
import { folderSandbox, startInFolder } from '../lsp-folder';

const ALIAS = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n';

const start = (dir: string, capabilities: Record<string, unknown> = { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }): Promise<LspClient> => startInFolder(dir, { capabilities });

test('LSP: nova.conf open, nova/nova-scheduler.conf only on disk; a change on disk to the scheduler file updates the open file\'s diagnostics', async () => {
  const { dir, uri, remove } = folderSandbox({
    'etc/kolla/config/nova.conf': ALIAS,
    'etc/kolla/config/nova/nova-scheduler.conf': '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
  });
  const c = await start(dir);
  try {
    const nova = uri('etc/kolla/config/nova.conf');
    c.open(nova, readFileSync(join(dir, 'etc/kolla/config/nova.conf'), 'utf8'), 1);
    const first = await c.diagnostics(nova, 1);
    assert.deepEqual(first.diagnostics.filter((d) => d.code === 'pci-filter-not-enabled'), [], 'the scheduler file on disk enables the filter');

    const since = c.notifications.length;
    writeFileSync(join(dir, 'etc/kolla/config/nova/nova-scheduler.conf'), '[filter_scheduler]\nenabled_filters = ComputeFilter\n');
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('etc/kolla/config/nova/nova-scheduler.conf'), type: 2 }] });
    const next = await c.waitFor((m) => {
      const p = m.params as { uri?: string; diagnostics?: { code: string }[] } | undefined;
      return m.method === 'textDocument/publishDiagnostics' && p?.uri === nova && Boolean(p.diagnostics?.some((d) => d.code === 'pci-filter-not-enabled'));
    }, 10000, since);
    const hits = (next.params as { diagnostics: { code: string; message: string; range: { start: { line: number } }; relatedInformation?: { location: { uri: string } }[] }[] }).diagnostics.filter((d) => d.code === 'pci-filter-not-enabled');
    assert.equal(hits.length, 1);
    assert.equal(hits[0].range.start.line, 1, 'on the alias');
    assert.match(hits[0].message, /nova\/nova-scheduler\.conf/);
    assert.equal(hits[0].relatedInformation?.[0].location.uri, uri('etc/kolla/config/nova/nova-scheduler.conf'));
  } finally {
    c.kill();
    remove();
  }
});

test('LSP: alias-mismatch with the other file only on disk; cross-layer placement-devname; editing one open file re-publishes the other', async () => {
  const { dir, uri, remove } = folderSandbox({
    'etc/kolla/config/nova/nova-api.conf': ALIAS,
    'etc/kolla/config/nova/nova-scheduler.conf': '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
    'etc/nova/nova.conf': '[pci]\nreport_in_placement = true\n',
    'etc/nova/nova.conf.d/20-pci.conf': '[pci]\ndevice_spec = {"devname": "enp5s0f1"}\n',
  });
  const c = await start(dir);
  try {
    const compute = uri('etc/kolla/config/nova/nova-compute.conf');
    writeFileSync(join(dir, 'etc/kolla/config/nova/nova-compute.conf'), '');
    c.open(compute, '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "2236"}\n', 1);
    const d1 = await c.diagnostics(compute, 1);
    const mm = d1.diagnostics.find((d) => d.code === 'alias-mismatch');
    assert.ok(mm, JSON.stringify(d1.diagnostics));
    assert.match(mm.message, /nova\/nova-api\.conf:2/);

    const pci = uri('etc/nova/nova.conf.d/20-pci.conf');
    c.open(pci, readFileSync(join(dir, 'etc/nova/nova.conf.d/20-pci.conf'), 'utf8'), 1);
    const d2 = await c.diagnostics(pci, 1);
    const pd = d2.diagnostics.find((d) => d.code === 'placement-devname');
    assert.ok(pd, JSON.stringify(d2.diagnostics));
    assert.deepEqual(pd.range.start, { line: 1, character: 15 });

    // Open nova.conf too and turn report_in_placement off in the editor: 20-pci.conf is re-checked.
    const nova = uri('etc/nova/nova.conf');
    c.open(nova, '[pci]\nreport_in_placement = true\n', 1);
    await c.diagnostics(nova, 1);
    const since = c.notifications.length;
    c.notify('textDocument/didChange', { textDocument: { uri: nova, version: 2 }, contentChanges: [{ text: '[pci]\nreport_in_placement = false\n' }] });
    // (Earlier re-checks may still arrive first: wait for the one that follows the edit.)
    const again = await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === pci && !(m.params as { diagnostics: { code: string }[] }).diagnostics.some((d) => d.code === 'placement-devname'), 10000, since);
    assert.equal((again.params as { uri: string }).uri, pci);
  } finally {
    c.kill();
    remove();
  }
});

test('LSP pull mode: workspace/diagnostic reports the files of the workspace that are not open', async () => {
  const { dir, uri, remove } = folderSandbox({
    'etc/kolla/config/nova/nova-api.conf': ALIAS,
    'etc/kolla/config/nova/nova-compute.conf': '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "2236"}\n',
    'etc/kolla/config/nova/nova-schedular.conf': '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
  });
  const c = await start(dir, { textDocument: { diagnostic: {} } });
  try {
    const r = await c.request<{ items: { uri: string; items: { code: string }[] }[] }>('workspace/diagnostic', { previousResultIds: [] });
    const codes = (rel: string) => r.items.find((i) => i.uri === uri(rel))?.items.map((d) => d.code) ?? [];
    assert.ok(codes('etc/kolla/config/nova/nova-compute.conf').includes('alias-mismatch'));
    assert.ok(codes('etc/kolla/config/nova/nova-schedular.conf').includes('override-not-read'));
  } finally {
    c.kill();
    remove();
  }
});
