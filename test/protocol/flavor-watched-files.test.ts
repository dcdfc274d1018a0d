/**
 * Flavor files changed on disk outside the editor (git checkout, another tool, a save from another editor), over real
 * stdio, in push and in pull mode: the workspace/didChangeWatchedFiles event a client sends for them reaches the
 * flavor side, so the alias checks across files follow the disk — a nova config's "no flavor asks for this alias"
 * hints when flavor files are created, changed or deleted, and a flavor's "alias not defined" warning when the nova
 * configs are. An open document keeps its editor text (the disk's version of it is ignored while it is open), and
 * an event that changes no report publishes (push) or refreshes (pull) nothing. The server also asks the client to
 * watch the files flavors are written in (dynamic registration: Neovim and other editors rely on it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LspClient } from '../lsp-client';
import { type FolderSandbox, inFolder } from '../lsp-folder';

const PULL = { textDocument: { diagnostic: {} }, workspace: { diagnostics: { refreshSupport: true } } };
const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

const aliases = (...names: string[]): string => `[pci]\n${names.map((n) => `alias = {"name": "${n}", "vendor_id": "10de", "product_id": "25b6", "device_type": "type-PCI"}\n`).join('')}`;
const heat = (alias: string): string =>
  `heat_template_version: 2021-04-16\nresources:\n  gpu:\n    type: OS::Nova::Flavor\n    properties:\n      name: gpu\n      extra_specs:\n        "pci_passthrough:alias": "${alias}:1"\n`;
const terraform = (alias: string): string =>
  `resource "openstack_compute_flavor_v2" "gpu" {\n  name = "gpu"\n  extra_specs = {\n    "pci_passthrough:alias" = "${alias}:1"\n  }\n}\n`;

interface Diag {
  code: string;
  message: string;
}

/**
 * What the user sees change in one open document after a watched-file event: the new list (push: the document was
 * published again; pull: the server asked for a pull and the pull gave a new report), or undefined when it did not
 * change (push: nothing published for it; pull: the pull with the id the client holds answers `unchanged`).
 */
interface Editor {
  c: LspClient;
  ws: FolderSandbox;
  /** The document's findings now (waits for its first publish, or pulls it). */
  first(uri: string): Promise<Diag[]>;
  /** Writes or deletes (null) files or folders on disk, sends one watched-file event for them, and says what `uri` shows after it. */
  event(uri: string, files: Record<string, string | null>, types: Record<string, number>): Promise<Diag[] | undefined>;
}

function editor(c: LspClient, ws: FolderSandbox, pull: boolean): Editor {
  const held = new Map<string, string>();
  const refreshes = () => c.serverRequests.filter((m) => m.method === 'workspace/diagnostic/refresh').length;
  const pullNow = async (uri: string): Promise<Diag[] | undefined> => {
    const r = await c.request<{ kind: string; resultId?: string; items?: Diag[] }>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: held.get(uri) });
    if (r.resultId !== undefined) held.set(uri, r.resultId);
    return r.kind === 'full' ? r.items : undefined;
  };
  return {
    c,
    ws,
    async first(uri) {
      if (pull) return (await pullNow(uri)) ?? [];
      return (await c.diagnostics(uri)).diagnostics;
    },
    async event(uri, files, types) {
      for (const [rel, text] of Object.entries(files)) {
        const path = join(ws.dir, rel);
        if (text === null) rmSync(path, { recursive: true });
        else {
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, text);
        }
      }
      const since = c.notifications.length;
      const refreshesBefore = refreshes();
      c.notify('workspace/didChangeWatchedFiles', { changes: Object.entries(types).map(([rel, type]) => ({ uri: ws.uri(rel), type })) });
      if (pull) {
        // The client pulls again when the server asks it to (workspace/diagnostic/refresh).
        for (let i = 0; i < 40 && refreshes() === refreshesBefore; i++) await new Promise((r) => setTimeout(r, 25));
        const items = await pullNow(uri);
        assert.equal(refreshes() > refreshesBefore, items !== undefined, `a refresh request exactly when ${uri} has a new report`);
        return items;
      }
      await new Promise((r) => setTimeout(r, 300));
      // A request answered after the notification was handled, and the publishes it scheduled were sent.
      await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
      const mine = c.notifications.slice(since).filter((m) => m.method === 'textDocument/publishDiagnostics').map((m) => m.params as { uri: string; diagnostics: Diag[] });
      assert.ok(mine.every((p) => p.uri === uri), `only ${uri} is open and may be published: ${mine.map((p) => p.uri).join(', ')}`);
      return mine.at(-1)?.diagnostics;
    },
  };
}

/** The alias names of a list's findings of one code, from their messages (`alias 'a1'`), sorted. */
function named(diags: readonly Diag[] | undefined, code: string): string[] | undefined {
  return diags?.filter((d) => d.code === code).map((d) => /alias '([^']+)'/.exec(d.message)?.[1] ?? '?').sort();
}

for (const mode of ['push', 'pull'] as const) {
  test(`${mode} mode: flavor files created, changed and deleted on disk change an open nova config's unused-alias hints`, () =>
    inFolder({ 'nova.conf': aliases('a1', 'a2'), 'heat/flavor-a.yaml': heat('a1') }, { capabilities: mode === 'pull' ? PULL : {} }, async (c, ws) => {
      const e = editor(c, ws, mode === 'pull');
      const nova = ws.uri('nova.conf');
      c.open(nova, aliases('a1', 'a2'), 1);
      const unused = (d: Diag[] | undefined) => named(d, 'flavor-alias-unused');
      assert.deepEqual(unused(await e.first(nova)), ['a2'], 'flavor-a.yaml on disk asks for a1 only');

      // Another tool writes a new flavor file asking for a2.
      assert.deepEqual(unused(await e.event(nova, { 'flavor-b.tf': terraform('a2') }, { 'flavor-b.tf': CREATED })), [], 'created: a2 is asked for now');
      // git checkout changes it to ask for an alias nova.conf does not define.
      assert.deepEqual(unused(await e.event(nova, { 'flavor-b.tf': terraform('a3') }, { 'flavor-b.tf': CHANGED })), ['a2'], 'changed: a2 is unused again');
      // The other flavor file is deleted: nothing asks for a1 either.
      assert.deepEqual(unused(await e.event(nova, { 'heat/flavor-a.yaml': null }, { 'heat/flavor-a.yaml': DELETED })), ['a1', 'a2'], 'deleted: its request is gone');
      // An event for a file whose text on disk did not change (a save from another editor): nothing new.
      assert.equal(await e.event(nova, {}, { 'flavor-b.tf': CHANGED }), undefined, 'an unchanged flavor file');
      // A folder of flavors is checked out, then deleted as a whole (one event for the directory).
      assert.deepEqual(unused(await e.event(nova, { 'more/flavor-c.tf': terraform('a1') }, { 'more/flavor-c.tf': CREATED })), ['a2'], 'created in a new folder');
      assert.deepEqual(unused(await e.event(nova, { more: null }, { more: DELETED })), ['a1', 'a2'], 'a deleted folder drops the flavor files under it');
    }));

  test(`${mode} mode: nova configs changed on disk change an open flavor's undefined-alias warning; the open editor's text wins over the disk`, () =>
    inFolder({ 'nova.conf': aliases('a1'), 'flavors/gpu.tf': terraform('a1') }, { capabilities: mode === 'pull' ? PULL : {} }, async (c, ws) => {
      const e = editor(c, ws, mode === 'pull');
      const flavor = ws.uri('flavors/gpu.tf');
      c.notify('textDocument/didOpen', { textDocument: { uri: flavor, languageId: 'terraform', version: 1, text: terraform('a1') } });
      const undefinedAliases = (d: Diag[] | undefined) => named(d, 'flavor-alias-undefined');
      assert.deepEqual(undefinedAliases(await e.first(flavor)), [], 'nova.conf on disk defines a1');

      // The operator renames the alias in nova.conf from a terminal: the flavor now asks for an undefined alias.
      assert.deepEqual(undefinedAliases(await e.event(flavor, { 'nova.conf': aliases('a2') }, { 'nova.conf': CHANGED })), ['a1'], 'changed nova.conf');
      // A new nova-api config defines it.
      assert.deepEqual(undefinedAliases(await e.event(flavor, { 'nova-api.conf': aliases('a1') }, { 'nova-api.conf': CREATED })), [], 'created nova-api.conf');
      // And is deleted again.
      assert.deepEqual(undefinedAliases(await e.event(flavor, { 'nova-api.conf': null }, { 'nova-api.conf': DELETED })), ['a1'], 'deleted nova-api.conf');

      // The flavor file itself changes on disk while it is open: the editor's text is the one judged.
      assert.equal(await e.event(flavor, { 'flavors/gpu.tf': terraform('a2') }, { 'flavors/gpu.tf': CHANGED }), undefined, 'the open document is not replaced by the disk');
      assert.equal(await e.event(flavor, { 'flavors/gpu.tf': null }, { 'flavors/gpu.tf': DELETED }), undefined, 'nor dropped when its file is deleted');
    }));
}

/** Whether a watcher glob of the subset servers send (`**` then `/`, `*`, `{a,b}`) matches a relative path. */
function globMatches(glob: string, path: string): boolean {
  const re = glob
    .replace(/[.+^$()|[\]\\]/g, '\\$&')
    .replace(/\{([^}]*)\}/g, (_, alts: string) => `(?:${alts.split(',').join('|')})`)
    .split('**/')
    .map((part) => part.replace(/\*/g, '[^/]*'))
    .join('(?:.*/)?');
  return new RegExp(`^${re}$`).test(path);
}

test('the server asks a client with dynamic registration to watch the files flavors are written in', () =>
  inFolder({}, { capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } }, async (c) => {
    await c.request('textDocument/hover', { textDocument: { uri: 'file:///none.conf' }, position: { line: 0, character: 0 } });
    for (let i = 0; i < 80 && !c.serverRequests.some((m) => m.method === 'client/registerCapability'); i++) await new Promise((r) => setTimeout(r, 25));
    const globs = c.serverRequests
      .filter((m) => m.method === 'client/registerCapability')
      .flatMap((m) => (m.params as { registrations: { method: string; registerOptions?: { watchers?: { globPattern: unknown }[] } }[] }).registrations)
      .filter((r) => r.method === 'workspace/didChangeWatchedFiles')
      .flatMap((r) => r.registerOptions?.watchers ?? [])
      .map((w) => w.globPattern)
      .filter((g): g is string => typeof g === 'string');
    for (const path of ['nova.conf', 'etc/nova/nova.conf.d/10-pci.conf', 'heat/flavors.yaml', 'ansible/flavors.yml', 'gpu.tf', 'tools/make-flavors.sh', 'docs/flavors.md']) {
      assert.ok(globs.some((g) => globMatches(g, path)), `${path} is watched (${globs.join(', ')})`);
    }
  }));
