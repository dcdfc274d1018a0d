/**
 * nova-conf.workspace.index over real stdio: on (the default) the server reads the folder's nova configs and
 * workspace/diagnostic covers them; off it reads nothing from the folder, judges open editors alone, and turning it
 * off later (workspace/configuration) drops what it had read, turning it on again reads the folder again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LspClient } from '../lsp-client';
import { KOLLA_ALIAS_MISMATCH, KOLLA_COMPUTE as COMPUTE, folderSandbox, startInFolder } from '../lsp-folder';
import { indexSetting } from '../../server/src/index-setting';

const sandbox = () => folderSandbox(KOLLA_ALIAS_MISMATCH, 'nova-conf-index-');

type Report = { items: { uri: string; items: { code: string }[] }[] };

const start = (dir: string, initializationOptions: unknown, configuration: unknown, capabilities: Record<string, unknown>): Promise<LspClient> =>
  startInFolder(dir, { initializationOptions, configuration, capabilities });

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
  const { dir, uri, remove } = sandbox();
  const c = await start(dir, {}, null, PULL);
  try {
    const r = await c.request<Report>('workspace/diagnostic', { previousResultIds: [] });
    const compute = r.items.find((i) => i.uri === uri('etc/kolla/config/nova/nova-compute.conf'));
    assert.ok(compute?.items.some((d) => d.code === 'alias-mismatch'), JSON.stringify(r.items.map((i) => i.uri)));
  } finally {
    c.kill();
    remove();
  }
});

for (const [form, init] of [
  ['nested', { workspace: { index: false } }],
  ['flat', { 'workspace.index': false }],
] as const) {
  test(`LSP: initializationOptions ${form} workspace.index = false — nothing read from the folder; an open file is judged alone`, async () => {
    const { dir, uri, remove } = sandbox();
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
      remove();
    }
  });
}

test('LSP: turned off through workspace/configuration drops the folder; turned on again reads it again', async () => {
  const { dir, uri, remove } = sandbox();
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
    remove();
  }
});
