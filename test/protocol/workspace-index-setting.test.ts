/**
 * nova-conf.workspace.index over real stdio: on (the default) the server reads the folder's nova configs and
 * workspace/diagnostic covers them; off it reads nothing from the folder, judges open editors alone, and turning it
 * off later (workspace/configuration) drops what it had read, turning it on again reads the folder again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../lsp-client';
import { indexSetting } from '../../server/src/index-setting';

const API = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n';
const COMPUTE = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "2236"}\n';
const FILES: Record<string, string> = {
  'etc/kolla/config/nova/nova-api.conf': API,
  'etc/kolla/config/nova/nova-compute.conf': COMPUTE,
  'etc/kolla/config/nova/nova-scheduler.conf': '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
};

function sandbox(): { dir: string; uri: (rel: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-index-'));
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return { dir, uri: (rel) => pathToFileURL(join(dir, rel)).href };
}

type Report = { items: { uri: string; items: { code: string }[] }[] };

async function start(dir: string, init: unknown, configuration: unknown, capabilities: Record<string, unknown>): Promise<LspClient> {
  const c = new LspClient(['--stdio'], { NOVA_CONF_DEBOUNCE_MS: '0' });
  c.configuration = configuration;
  const root = pathToFileURL(dir).href;
  await c.request('initialize', { processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }], initializationOptions: init, capabilities });
  c.notify('initialized', {});
  return c;
}

const PULL = { textDocument: { diagnostic: {} } };
const PULL_CONFIG = { textDocument: { diagnostic: {} }, workspace: { configuration: true } };

test('indexSetting reads the nested (VS Code) and the flat form, and nothing else', () => {
  assert.equal(indexSetting({ workspace: { index: false } }), false);
  assert.equal(indexSetting({ 'workspace.index': false }), false);
  assert.equal(indexSetting({ workspace: { index: true } }), true);
  assert.equal(indexSetting({ workspace: { index: 'no' } }), undefined);
  assert.equal(indexSetting({}), undefined);
  assert.equal(indexSetting(null), undefined);
});

test('LSP: default on — workspace/diagnostic reports the unopened files of the folder', async () => {
  const { dir, uri } = sandbox();
  const c = await start(dir, {}, null, PULL);
  try {
    const r = await c.request<Report>('workspace/diagnostic', { previousResultIds: [] });
    const compute = r.items.find((i) => i.uri === uri('etc/kolla/config/nova/nova-compute.conf'));
    assert.ok(compute?.items.some((d) => d.code === 'alias-mismatch'), JSON.stringify(r.items.map((i) => i.uri)));
  } finally {
    c.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const [form, init] of [
  ['nested', { workspace: { index: false } }],
  ['flat', { 'workspace.index': false }],
] as const) {
  test(`LSP: initializationOptions ${form} workspace.index = false — nothing read from the folder; an open file is judged alone`, async () => {
    const { dir, uri } = sandbox();
    const c = await start(dir, init, null, PULL);
    try {
      const r = await c.request<Report>('workspace/diagnostic', { previousResultIds: [] });
      assert.deepEqual(r.items, [], 'no unopened file is reported');
      const compute = uri('etc/kolla/config/nova/nova-compute.conf');
      c.open(compute, COMPUTE, 1);
      const d = await c.request<{ items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri: compute } });
      assert.ok(!d.items.some((x) => x.code === 'alias-mismatch'), 'nova-api.conf on disk is not read');
      const r2 = await c.request<Report>('workspace/diagnostic', { previousResultIds: [] });
      assert.deepEqual(r2.items.map((i) => i.uri), [compute], 'only the open file');
    } finally {
      c.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('LSP: turned off through workspace/configuration drops the folder; turned on again reads it again', async () => {
  const { dir, uri } = sandbox();
  const c = await start(dir, {}, { workspace: { index: false } }, PULL_CONFIG);
  try {
    const off = await c.request<Report>('workspace/diagnostic', { previousResultIds: [] });
    assert.deepEqual(off.items, [], 'the setting from workspace/configuration turns indexing off');
    c.configuration = { workspace: { index: true } };
    c.notify('workspace/didChangeConfiguration', { settings: null });
    let on: Report = { items: [] };
    for (let i = 0; i < 50 && on.items.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      on = await c.request<Report>('workspace/diagnostic', { previousResultIds: [] });
    }
    assert.ok(on.items.some((i) => i.uri === uri('etc/kolla/config/nova/nova-compute.conf')), 'read again after the setting is turned on');
    c.configuration = { workspace: { index: false } };
    c.notify('workspace/didChangeConfiguration', { settings: null });
    let again: Report = on;
    for (let i = 0; i < 50 && again.items.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await c.request<Report>('workspace/diagnostic', { previousResultIds: [] });
    }
    assert.deepEqual(again.items, [], 'dropped when turned off again');
  } finally {
    c.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
