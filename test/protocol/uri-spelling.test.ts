/**
 * A workspace folder whose path has characters clients percent-encode differently, over real stdio. VS Code spells
 * `/srv/deploy@prod/nova.conf` as `file:///srv/deploy%40prod/nova.conf` (its URI class encodes `@ + ( ) = , ! $ & ' * ;`),
 * node's `pathToFileURL`, which the server's folder scan uses, as `file:///srv/deploy@prod/nova.conf`. The file the
 * editor opens must replace its scanned copy: before, both stayed in the workspace, and the deployment and flavor
 * checks kept reading the disk's text of a file the user was editing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inFolder } from '../lsp-folder';
import type { LspClient } from '../lsp-client';

/** The uri as VS Code writes it: the same path, with `@` and `+` escaped. */
const vscodeSpelling = (uri: string): string => uri.replace(/@/g, '%40').replace(/\+/g, '%2B');

const ALIAS = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6", "device_type": "type-PCI"}\n';
const FILTERS_ON = '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n';
const FILTERS_OFF = '[filter_scheduler]\nenabled_filters = ComputeFilter\n';
const heat = (alias: string): string =>
  `heat_template_version: 2021-04-16\nresources:\n  gpu:\n    type: OS::Nova::Flavor\n    properties:\n      name: gpu\n      extra_specs:\n        "pci_passthrough:alias": "${alias}:1"\n`;

type Diag = { code: string; message: string };
/** The codes `uri` shows in its last publish after the server has handled everything sent so far. */
async function codesNow(c: LspClient, uri: string): Promise<string[]> {
  await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  await new Promise((r) => setTimeout(r, 200));
  const last = c.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri).at(-1);
  return ((last?.params as { diagnostics: Diag[] } | undefined)?.diagnostics ?? []).map((d) => d.code).sort();
}

test('deployment: the editor\'s text of a file in a folder with "@" in its path replaces the scanned copy, and the disk\'s comes back when it is closed', () =>
  inFolder({ 'deploy@prod/etc/kolla/config/nova.conf': ALIAS, 'deploy@prod/etc/kolla/config/nova/nova-scheduler.conf': FILTERS_ON }, {}, async (c, ws) => {
    const nova = vscodeSpelling(ws.uri('deploy@prod/etc/kolla/config/nova.conf'));
    const scheduler = vscodeSpelling(ws.uri('deploy@prod/etc/kolla/config/nova/nova-scheduler.conf'));
    assert.notEqual(nova, ws.uri('deploy@prod/etc/kolla/config/nova.conf'), 'the two spellings differ');
    c.open(nova, ALIAS, 1);
    assert.ok(!(await c.diagnostics(nova, 1)).diagnostics.some((d) => d.code === 'pci-filter-not-enabled'), 'the scheduler file on disk enables the filter');
    // The operator removes the filter in the editor (not saved): the alias file is judged against the editor's text.
    c.open(scheduler, FILTERS_OFF, 1);
    assert.ok((await codesNow(c, nova)).includes('pci-filter-not-enabled'));
    // Closed without saving: the disk's text (filter enabled) is back.
    c.notify('textDocument/didClose', { textDocument: { uri: scheduler } });
    assert.ok(!(await codesNow(c, nova)).includes('pci-filter-not-enabled'));
  }));

test('flavors: an open flavor file in a folder with "+" in its path replaces its scanned copy in the alias checks', () =>
  inFolder({ 'nova+gpu/nova.conf': ALIAS, 'nova+gpu/heat/gpu.yaml': heat('a16') }, {}, async (c, ws) => {
    const nova = vscodeSpelling(ws.uri('nova+gpu/nova.conf'));
    const flavor = vscodeSpelling(ws.uri('nova+gpu/heat/gpu.yaml'));
    c.open(nova, ALIAS, 1);
    assert.ok(!(await c.diagnostics(nova, 1)).diagnostics.some((d) => d.code === 'flavor-alias-unused'), 'the flavor on disk asks for a16');
    // The flavor is edited to ask for another alias: a16 is asked for by no flavor now.
    c.notify('textDocument/didOpen', { textDocument: { uri: flavor, languageId: 'yaml', version: 1, text: heat('a17') } });
    assert.ok((await codesNow(c, nova)).includes('flavor-alias-unused'));
  }));
