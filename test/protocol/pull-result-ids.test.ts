/**
 * Pull diagnostics with result ids (LSP 3.17), over real stdio: VS Code's client repeats workspace/diagnostic two
 * seconds after every answer for as long as the editor is open, sending back the result id of each report it holds.
 * An idle re-pull must be `unchanged` (same id, no items); an edit of a related file, a settings change or a file
 * leaving the workspace must give a new full report. Edits ask the client to pull again
 * (workspace/diagnostic/refresh) only when an open related document's report changed; watched-file events (VS Code
 * sends one for every saved .conf) only when a file of the workspace changed on disk or the settings changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LspClient } from '../lsp-client';
import { KOLLA_ALIAS_MISMATCH, KOLLA_API, KOLLA_COMPUTE, inFolder } from '../lsp-folder';

const API = KOLLA_API;
const COMPUTE = KOLLA_COMPUTE;
const FILES: Record<string, string> = { ...KOLLA_ALIAS_MISMATCH, 'site/nova.conf': '[DEFAULT]\ndebug = maybe\n' };
const PULL = { textDocument: { diagnostic: {} }, workspace: { diagnostics: { refreshSupport: true } } };

interface Item {
  uri: string;
  kind: 'full' | 'unchanged';
  resultId?: string;
  version?: number | null;
  items?: { code: string }[];
}
interface DocReport {
  kind: 'full' | 'unchanged';
  resultId?: string;
  items?: { code: string }[];
}

interface Kolla {
  c: LspClient;
  dir: string;
  api: string;
  compute: string;
  site: string;
}

/** Runs `fn` with a pull-mode server on a fresh copy of the Kolla folder (lsp-folder.ts `inFolder`: killed and removed after). */
function withKolla(fn: (k: Kolla) => Promise<void>): Promise<void> {
  return inFolder(FILES, { capabilities: PULL }, (c, ws) =>
    fn({ c, dir: ws.dir, api: ws.uri('etc/kolla/config/nova/nova-api.conf'), compute: ws.uri('etc/kolla/config/nova/nova-compute.conf'), site: ws.uri('site/nova.conf') }));
}

/** The client's side: the result id it holds for every uri a workspace answer named. */
class Held {
  readonly ids = new Map<string, string>();
  take(items: Item[]): void {
    for (const i of items) if (i.resultId !== undefined) this.ids.set(i.uri, i.resultId);
  }
  get previous(): { uri: string; value: string }[] {
    return [...this.ids].map(([uri, value]) => ({ uri, value }));
  }
}

async function workspacePull(c: LspClient, held: Held): Promise<Map<string, Item>> {
  const r = await c.request<{ items: Item[] }>('workspace/diagnostic', { previousResultIds: held.previous });
  held.take(r.items);
  return new Map(r.items.map((i) => [i.uri, i]));
}

test('an idle re-pull is unchanged; editing a related file gives new full reports for it and its deployment', () => withKolla(async ({ c, api, compute, site }) => {
  const held = new Held();
  const first = await workspacePull(c, held);
  assert.equal(first.size, 4, 'every indexed config is reported');
  for (const i of first.values()) {
    assert.equal(i.kind, 'full');
    assert.equal(typeof i.resultId, 'string', `${i.uri} carries a result id`);
  }
  assert.ok(first.get(compute)!.items!.some((d) => d.code === 'alias-mismatch'), 'the cross-file finding is there');

  // Idle: nothing changed, nothing is sent again.
  const idle = await workspacePull(c, held);
  for (const i of idle.values()) {
    assert.equal(i.kind, 'unchanged', `${i.uri} unchanged`);
    assert.equal(i.resultId, first.get(i.uri)!.resultId);
    assert.equal(i.items, undefined);
  }

  // Both kolla files open; the document pull of compute agrees with the workspace answer's id.
  c.open(compute, COMPUTE, 1);
  c.open(api, API, 1);
  const doc = await c.request<DocReport>('textDocument/diagnostic', { textDocument: { uri: compute }, previousResultId: held.ids.get(compute) });
  assert.equal(doc.kind, 'unchanged', 'the open document has the same report as the file on disk had');
  const apiDoc = await c.request<DocReport>('textDocument/diagnostic', { textDocument: { uri: api } });
  assert.equal(apiDoc.kind, 'full', 'no previous id: a full report');
  const again = await c.request<DocReport>('textDocument/diagnostic', { textDocument: { uri: compute }, previousResultId: doc.resultId });
  assert.equal(again.kind, 'unchanged');

  // A comment at the end of the related file changes nothing for compute (its related locations in the file do
  // not move): no refresh request, compute stays unchanged.
  c.notify('textDocument/didChange', { textDocument: { uri: api, version: 2 }, contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '# GPUs\n' }] });
  const apiAfterComment = await c.request<DocReport>('textDocument/diagnostic', { textDocument: { uri: api }, previousResultId: apiDoc.resultId });
  const computeAfterComment = await c.request<DocReport>('textDocument/diagnostic', { textDocument: { uri: compute }, previousResultId: doc.resultId });
  assert.equal(computeAfterComment.kind, 'unchanged', 'an edit elsewhere in the deployment that changes nothing here');
  assert.equal(typeof apiAfterComment.resultId, 'string');

  // The related file now names the same product: the mismatch is gone from compute, which did not change itself.
  const refreshesBefore = c.serverRequests.filter((m) => m.method === 'workspace/diagnostic/refresh').length;
  c.notify('textDocument/didChange', { textDocument: { uri: api, version: 3 }, contentChanges: [{ range: { start: { line: 1, character: 60 }, end: { line: 1, character: 64 } }, text: '2236' }] });
  // The client pulls the edited document (the mismatch is reported in compute, so api's own report may be the same).
  const fixedApi = await c.request<DocReport>('textDocument/diagnostic', { textDocument: { uri: api }, previousResultId: apiAfterComment.resultId });
  assert.equal(typeof fixedApi.resultId, 'string');
  // The server asks the client to pull again, because compute's report (open, last answered with the mismatch) changed.
  for (let i = 0; i < 200 && c.serverRequests.filter((m) => m.method === 'workspace/diagnostic/refresh').length === refreshesBefore; i++) await new Promise((r) => setTimeout(r, 25));
  const refreshes = c.serverRequests.filter((m) => m.method === 'workspace/diagnostic/refresh').length - refreshesBefore;
  assert.equal(refreshes, 1, 'one refresh request for the change that matters (none for the comment)');
  const computeAfterFix = await c.request<DocReport>('textDocument/diagnostic', { textDocument: { uri: compute }, previousResultId: computeAfterComment.resultId });
  assert.equal(computeAfterFix.kind, 'full', 'compute gets a new full report');
  assert.notEqual(computeAfterFix.resultId, doc.resultId);
  assert.ok(!computeAfterFix.items!.some((d) => d.code === 'alias-mismatch'), 'without the mismatch');

  // The workspace answer: the kolla files changed, the unrelated site did not.
  const after = await workspacePull(c, held);
  assert.equal(after.get(site)!.kind, 'unchanged');
  assert.equal(after.get(compute)!.kind, 'full');
  assert.equal(after.get(compute)!.resultId, computeAfterFix.resultId, 'the same report has the same id in both requests');
  assert.equal(after.get(compute)!.version, 1);
  assert.equal((await workspacePull(c, held)).get(compute)!.kind, 'unchanged');
}));

test('a settings change gives new full reports; a file that left the workspace gets an empty one', () => withKolla(async ({ c, dir, compute, site }) => {
  const held = new Held();
  const first = await workspacePull(c, held);
  assert.ok(first.get(compute)!.items!.some((d) => d.code === 'alias-mismatch'));
  assert.ok(first.get(site)!.items!.length > 0, 'debug = maybe is not a boolean');

  // The client has no workspace/configuration: the settings come with the notification.
  c.notify('workspace/didChangeConfiguration', { settings: { 'nova-conf': { rules: { 'alias-mismatch': 'off' } } } });
  const off = await workspacePull(c, held);
  assert.equal(off.get(compute)!.kind, 'full', 'the rule setting changes the report');
  assert.ok(!off.get(compute)!.items!.some((d) => d.code === 'alias-mismatch'));
  assert.equal(off.get(site)!.kind, 'unchanged', 'a settings event that changes nothing in a report keeps its id');
  assert.equal((await workspacePull(c, held)).get(compute)!.kind, 'unchanged');

  // The site's file is deleted on disk: the client still shows its findings until it gets an empty report.
  unlinkSync(join(dir, 'site/nova.conf'));
  c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: site, type: 3 }] });
  const gone = await workspacePull(c, held);
  assert.equal(gone.get(site)?.kind, 'full');
  assert.deepEqual(gone.get(site)!.items, []);
  assert.equal((await workspacePull(c, held)).get(site)?.kind, 'unchanged', 'and once it has it, nothing more');
}));

test('a save that changes nothing sends no refresh request; a change on disk or in .nova-conf.json that changes an open report sends one', () => withKolla(async ({ c, dir, api, compute, site }) => {
  const refreshes = () => c.serverRequests.filter((m) => m.method === 'workspace/diagnostic/refresh').length;
  /** Sends watched-file events and returns how many refresh requests followed (the server's debounce is 0 here). */
  const watched = async (changes: { uri: string; type: number }[]): Promise<number> => {
    const before = refreshes();
    c.notify('workspace/didChangeWatchedFiles', { changes });
    await new Promise((r) => setTimeout(r, 300));
    await c.request('workspace/diagnostic', { previousResultIds: [] });
    return refreshes() - before;
  };
  c.open(compute, COMPUTE, 1);
  const doc = await c.request<DocReport>('textDocument/diagnostic', { textDocument: { uri: compute } });
  assert.ok(doc.items!.some((d) => d.code === 'alias-mismatch'), 'nova-api.conf on disk names another product');

  // Saving the open file, and an event for a file whose text on disk is what the server has: nothing to pull again.
  assert.equal(await watched([{ uri: compute, type: 2 }]), 0, 'the save of an open file');
  assert.equal(await watched([{ uri: site, type: 2 }, { uri: compute, type: 2 }]), 0, 'an unchanged file on disk');
  const still = await c.request<DocReport>('textDocument/diagnostic', { textDocument: { uri: compute }, previousResultId: doc.resultId });
  assert.equal(still.kind, 'unchanged');

  // The related file changes on disk (not open): compute's mismatch is gone, and the client is asked to pull again.
  writeFileSync(join(dir, 'etc/kolla/config/nova/nova-api.conf'), COMPUTE);
  assert.equal(await watched([{ uri: api, type: 2 }]), 1, 'a deployment input changed on disk');
  const fixed = await c.request<DocReport>('textDocument/diagnostic', { textDocument: { uri: compute }, previousResultId: doc.resultId });
  assert.equal(fixed.kind, 'full');
  assert.ok(!fixed.items!.some((d) => d.code === 'alias-mismatch'), JSON.stringify(fixed.items));

  // Back to another product on disk: the mismatch returns.
  writeFileSync(join(dir, 'etc/kolla/config/nova/nova-api.conf'), API);
  assert.equal(await watched([{ uri: api, type: 2 }]), 1);
  const back = await c.request<DocReport>('textDocument/diagnostic', { textDocument: { uri: compute }, previousResultId: fixed.resultId });
  assert.ok(back.items!.some((d) => d.code === 'alias-mismatch'));

  // .nova-conf.json (read again on every watched-file event) turns the rule off: the settings changed, so the save
  // of the open file is followed by a refresh request this time.
  writeFileSync(join(dir, '.nova-conf.json'), JSON.stringify({ rules: { 'alias-mismatch': 'off' } }));
  assert.equal(await watched([{ uri: compute, type: 2 }]), 1, 'a settings change');
  const off = await c.request<DocReport>('textDocument/diagnostic', { textDocument: { uri: compute }, previousResultId: back.resultId });
  assert.equal(off.kind, 'full');
  assert.ok(!off.items!.some((d) => d.code === 'alias-mismatch'));
  assert.equal(await watched([{ uri: compute, type: 2 }]), 0, 'and a save after that is quiet again');
}));
