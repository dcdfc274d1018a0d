/**
 * Settings that change verdicts, changed while the server runs (over real stdio): the files of a deployment are judged
 * again under the new settings at once, not when one of them next changes. Before the fix the workspace kept the
 * deployments it had built, with every file parsed for the release selected before: after a release change the
 * cross-file rules still followed the old release, and after any settings change the deployment hover named a
 * file's own winning line as replaced and the YAML forms lost their cross-file findings.
 *
 * The deployment: an oslo.config directory, nova.conf and nova.conf.d/10-pci.conf both setting
 * [filter_scheduler] pci_in_placement, an option Nova has from 2023.1 on (nova/conf/scheduler.py). Under 2026.1
 * the override replaces nova.conf's line (value-overridden); under 2022.2 neither line is an option of that release.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { LspClient } from '../lsp-client';
import { folderSandbox, inFolder } from '../lsp-folder';
import { fixture } from '../yaml/yaml-helpers';

const MAIN = '[filter_scheduler]\npci_in_placement = true\n';
const OVERRIDE = '[filter_scheduler]\npci_in_placement = false\n';
const FILES = { 'nova.conf': MAIN, 'nova.conf.d/10-pci.conf': OVERRIDE };
const PULL = { textDocument: { diagnostic: {} }, workspace: { configuration: true, diagnostics: { refreshSupport: true } } };

type Diag = { code: string; severity?: number; range: { start: { line: number } } };
type Item = { uri: string; kind: 'full' | 'unchanged'; resultId?: string; items?: Diag[] };
const codes = (ds: readonly Diag[] | undefined) => (ds ?? []).map((d) => `${d.code}@${d.range.start.line}`).sort();

test('push: a release change re-judges the open files of a deployment at once (both directions)', async () => {
  // No workspace/configuration: the settings come with didChangeConfiguration (as from Neovim, Helix, Emacs …).
  await inFolder(FILES, { initializationOptions: { release: '2026.1' } }, async (c, ws) => {
    const main = ws.uri('nova.conf');
    const override = ws.uri('nova.conf.d/10-pci.conf');
    // Diagnostics are published right after each event (no debounce): a request answered after them marks the end.
    const last = async (uri: string) => {
      await c.request('textDocument/documentSymbol', { textDocument: { uri } });
      const p = c.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri).at(-1);
      return codes((p?.params as { diagnostics: Diag[] } | undefined)?.diagnostics);
    };
    c.open(main, MAIN, 1);
    c.open(override, OVERRIDE, 1);
    assert.ok((await last(main)).includes('value-overridden@1'), '2026.1: the override replaces this line');

    const release = async (r: string) => {
      c.notify('workspace/didChangeConfiguration', { settings: { 'nova-conf': { release: r } } });
      return { main: await last(main), override: await last(override) };
    };
    const old = await release('2022.2');
    assert.deepEqual(old.override, ['option-not-in-release@1']);
    assert.deepEqual(old.main, ['option-not-in-release@1'], 'nothing is overridden where the option does not exist');
    const back = await release('2026.1');
    assert.deepEqual(back.override, []);
    assert.ok(back.main.includes('value-overridden@1'), JSON.stringify(back.main));
    assert.ok(!back.main.includes('option-not-in-release@1'));
  });
});

test('pull: workspace/diagnostic follows a release change for open and unopened files; the same settings again change nothing', async () => {
  await inFolder(FILES, { capabilities: PULL, configuration: { release: '2022.2' } }, async (c, ws) => {
    const main = ws.uri('nova.conf');
    const override = ws.uri('nova.conf.d/10-pci.conf');
    const held = new Map<string, string>();
    const pull = async () => {
      const r = await c.request<{ items: Item[] }>('workspace/diagnostic', { previousResultIds: [...held].map(([uri, value]) => ({ uri, value })) });
      for (const i of r.items) if (i.resultId !== undefined) held.set(i.uri, i.resultId);
      return new Map(r.items.map((i) => [i.uri, i]));
    };
    const refreshes = () => c.serverRequests.filter((m) => m.method === 'workspace/diagnostic/refresh').length;
    const settingsEvent = async () => {
      const before = refreshes();
      c.notify('workspace/didChangeConfiguration', { settings: null });
      for (let i = 0; i < 200 && refreshes() === before; i++) await new Promise((r) => setTimeout(r, 25));
      assert.equal(refreshes(), before + 1, 'the server asks the client to pull again');
    };
    c.open(main, MAIN, 1); // open; the override stays on disk only
    const first = await pull();
    assert.deepEqual(codes(first.get(main)?.items), ['option-not-in-release@1']);
    assert.deepEqual(codes(first.get(override)?.items), ['option-not-in-release@1']);

    c.configuration = { release: '2026.1' };
    await settingsEvent();
    const now = await pull();
    assert.equal(now.get(main)?.kind, 'full');
    assert.ok(codes(now.get(main)?.items).includes('value-overridden@1'), JSON.stringify(now.get(main)));
    assert.equal(now.get(override)?.kind, 'full');
    assert.deepEqual(codes(now.get(override)?.items), []);
    const doc = await c.request<{ kind: string; items?: Diag[] }>('textDocument/diagnostic', { textDocument: { uri: main } });
    assert.ok(codes(doc.items).includes('value-overridden@1'), 'the document pull agrees');

    // The same settings again (what a save makes the server re-apply): every report keeps its result id.
    await settingsEvent();
    for (const i of (await pull()).values()) assert.equal(i.kind, 'unchanged', `${i.uri} unchanged`);
  });
});

test('hover: after a rule-level change the deployment hover still names the line that wins as "this line"', async () => {
  await inFolder(FILES, { capabilities: { workspace: { configuration: true } }, configuration: {} }, async (c, ws) => {
    const override = ws.uri('nova.conf.d/10-pci.conf');
    const hover = async () => (await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: override }, position: { line: 1, character: 3 } }))?.contents.value ?? '';
    c.open(override, OVERRIDE, 1);
    const before = await hover();
    assert.match(before, /nova-scheduler: this line/);
    c.configuration = { rules: { 'value-overridden': 'warning' } };
    const n = c.notifications.length;
    c.notify('workspace/didChangeConfiguration', { settings: null });
    await c.diagnostics(override, 1, n);
    const after = await hover();
    assert.match(after, /nova-scheduler: this line/);
    assert.doesNotMatch(after, /replaces this line/);
  });
});

test('YAML: a RHOSO control plane keeps its cross-file finding after a rule-level change', async () => {
  const uri = 'file:///work/deploy/openstack-controlplane.yaml';
  const text = fixture('rhoso-controlplane.yaml').replace("'product_id'", '"product_id"');
  const c = new LspClient(['--stdio'], { NOVA_CONF_DEBOUNCE_MS: '0' });
  try {
    await c.initialize({});
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const first = await c.diagnostics(uri, 1);
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['alias-mismatch', 'filter-removed']);
    const n = c.notifications.length;
    c.notify('workspace/didChangeConfiguration', { settings: { 'nova-conf': { rules: { 'filter-removed': 'hint' } } } });
    const after = await c.diagnostics(uri, 1, n);
    assert.deepEqual(after.diagnostics.map((d) => `${d.code}:${d.severity}`), ['alias-mismatch:2', 'filter-removed:4']);
  } finally {
    c.kill();
  }
});

test('semantic tokens and inlay hints: a release change asks the client to request them again, the same settings do not', async () => {
  const uri = 'file:///tokens/nova.conf';
  const c = new LspClient(['--stdio'], { NOVA_CONF_DEBOUNCE_MS: '0' });
  const asked = (method: string) => c.serverRequests.filter((m) => m.method === method).length;
  const tokens = async () => (await c.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } })).data;
  try {
    await c.initialize({ workspace: { semanticTokens: { refreshSupport: true }, inlayHint: { refreshSupport: true } } }, { release: '2026.1' });
    c.open(uri, MAIN, 1);
    const known = await tokens();
    const settings = async (release: string) => {
      c.notify('workspace/didChangeConfiguration', { settings: { 'nova-conf': { release } } });
      await c.request('textDocument/documentSymbol', { textDocument: { uri } }); // answered after the event was handled
    };
    await settings('2022.2');
    for (let i = 0; i < 200 && asked('workspace/inlayHint/refresh') === 0; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(asked('workspace/semanticTokens/refresh'), 1);
    assert.equal(asked('workspace/inlayHint/refresh'), 1);
    assert.notDeepEqual(await tokens(), known, 'pci_in_placement is no option of 2022.2: its token loses the defaultLibrary modifier');
    await settings('2022.2');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(asked('workspace/semanticTokens/refresh'), 1, 'the same settings: no request');
    assert.equal(asked('workspace/inlayHint/refresh'), 1);
  } finally {
    c.kill();
  }
});

test('pciIdsPath: clearing the setting goes back to the default names (it kept the file named before)', async () => {
  const ws = folderSandbox({ 'pci.ids': '# crafted\n15b3  Crafted Vendor Name\n' }, 'nova-conf-pciids-');
  const uri = 'file:///pciids/nova.conf';
  const text = '[pci]\ndevice_spec = {"vendor_id": "15b3"}\n';
  const c = new LspClient(['--stdio'], { NOVA_CONF_DEBOUNCE_MS: '0' });
  const hover = async () => (await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 30 } })).contents.value;
  try {
    c.configuration = { pciIdsPath: join(ws.dir, 'pci.ids') };
    await c.initialize({ workspace: { configuration: true } });
    c.open(uri, text, 1);
    await c.diagnostics(uri, 1);
    assert.match(await hover(), /Crafted Vendor Name/);
    c.configuration = { pciIdsPath: '' };
    const n = c.notifications.length;
    c.notify('workspace/didChangeConfiguration', { settings: null });
    await c.diagnostics(uri, 1, n);
    const after = await hover();
    assert.doesNotMatch(after, /Crafted Vendor Name/);
    assert.match(after, /Mellanox/, 'the machine\'s pci.ids or the bundled snapshot');
  } finally {
    c.kill();
    ws.remove();
  }
});
