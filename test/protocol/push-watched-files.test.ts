/**
 * Push mode (a client without pull diagnostics), over real stdio: VS Code sends workspace/didChangeWatchedFiles for
 * every saved .conf. The server publishes an open document's diagnostics again only when its report changed (a file
 * of its deployment changed on disk) or the settings changed (.nova-conf.json, read again on every event); a save, or
 * a change to a file no open document depends on, publishes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LspClient } from '../lsp-client';
import { KOLLA_ALIAS_MISMATCH, KOLLA_API, KOLLA_COMPUTE, inFolder } from '../lsp-folder';

const SITE = '[DEFAULT]\ndebug = maybe\n';
const FILES: Record<string, string> = { ...KOLLA_ALIAS_MISMATCH, 'site/nova.conf': SITE };

interface Publish {
  uri: string;
  diagnostics: { code: string }[];
}

/** The publishDiagnostics notifications after index `since`. */
function publishes(c: LspClient, since: number): Publish[] {
  return c.notifications.slice(since).filter((m) => m.method === 'textDocument/publishDiagnostics').map((m) => m.params as unknown as Publish);
}

test('push mode: a watched-file event re-publishes only the open documents whose findings changed', () => inFolder(FILES, {}, async (c, ws) => {
  const api = ws.uri('etc/kolla/config/nova/nova-api.conf');
  const compute = ws.uri('etc/kolla/config/nova/nova-compute.conf');
  const site = ws.uri('site/nova.conf');
  const write = (rel: string, text: string): void => {
    mkdirSync(dirname(join(ws.dir, rel)), { recursive: true });
    writeFileSync(join(ws.dir, rel), text);
  };
  /** Sends one watched-file event and returns what was published after it (the server's debounce is 0 here). */
  const watched = async (changes: { uri: string; type: number }[]): Promise<Publish[]> => {
    const since = c.notifications.length;
    c.notify('workspace/didChangeWatchedFiles', { changes });
    await new Promise((r) => setTimeout(r, 300));
    // A request answered after the notification was handled, and the publishes it scheduled were sent.
    await c.request('textDocument/hover', { textDocument: { uri: site }, position: { line: 0, character: 0 } });
    return publishes(c, since);
  };

  c.open(compute, KOLLA_COMPUTE, 1);
  c.open(site, SITE, 1);
  const first = await c.diagnostics(compute);
  assert.ok(first.diagnostics.some((d) => d.code === 'alias-mismatch'), 'nova-api.conf on disk names another product');
  assert.ok((await c.diagnostics(site)).diagnostics.length > 0, 'debug = maybe is not a boolean');

  // The save of an open file, and an event for a file whose text on disk is what the server has: nothing changed.
  assert.deepEqual(await watched([{ uri: compute, type: 2 }]), [], 'the save of an open file publishes nothing');
  assert.deepEqual(await watched([{ uri: api, type: 2 }, { uri: site, type: 2 }]), [], 'an unchanged file on disk');

  // A new file that no open document depends on (the workspace changed, no open report did).
  write('other/nova.conf', '[DEFAULT]\ndebug = true\n');
  assert.deepEqual(await watched([{ uri: ws.uri('other/nova.conf'), type: 1 }]), [], 'an unrelated file');

  // The Kolla layer compute is merged with changes on disk: compute's mismatch is gone; site is not published.
  write('etc/kolla/config/nova/nova-api.conf', KOLLA_COMPUTE);
  const fixed = await watched([{ uri: api, type: 2 }]);
  assert.deepEqual(fixed.map((p) => p.uri), [compute], 'only the affected document is published');
  assert.ok(!fixed[0]!.diagnostics.some((d) => d.code === 'alias-mismatch'), JSON.stringify(fixed[0]!.diagnostics));

  // And back: the mismatch returns.
  write('etc/kolla/config/nova/nova-api.conf', KOLLA_API);
  const back = await watched([{ uri: api, type: 2 }]);
  assert.deepEqual(back.map((p) => p.uri), [compute]);
  assert.ok(back[0]!.diagnostics.some((d) => d.code === 'alias-mismatch'));

  // .nova-conf.json turns the rule off: a settings change publishes every open document, as before.
  write('.nova-conf.json', JSON.stringify({ rules: { 'alias-mismatch': 'off' } }));
  const off = await watched([{ uri: compute, type: 2 }]);
  assert.deepEqual(off.map((p) => p.uri).sort(), [compute, site].sort(), 'a settings change');
  assert.ok(!off.find((p) => p.uri === compute)!.diagnostics.some((d) => d.code === 'alias-mismatch'));
  assert.deepEqual(await watched([{ uri: compute, type: 2 }]), [], 'and a save after that is quiet again');
}));
