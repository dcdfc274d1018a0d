/**
 * Closing an editor whose file is not on disk (a new file never saved, or one deleted while open) over real stdio:
 * the server looks at the disk for the file's text (the workspace index and the flavor side each do), finds nothing
 * and drops the document. "Not there" is an ordinary answer, not an exception: a preloaded probe counts the fs calls
 * on the file and the errors they throw. What the lookup must still refuse is checked in process: a symlink (never
 * followed) and a file over 16 MB.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KOLLA_API, KOLLA_COMPUTE, folderSandbox, startInFolder } from '../lsp-folder';
import { nodeFiles } from '../../server/src/platform-node';

/** Preloaded into the server: counts lstat/stat/read calls on paths containing MISSING and what they threw. */
const PROBE = `
const fs = require('node:fs');
const seen = { calls: 0, threw: [] };
for (const name of ['lstatSync', 'statSync', 'readFileSync', 'openSync']) {
  const real = fs[name];
  fs[name] = function (path, ...rest) {
    const mine = typeof path === 'string' && path.includes('MISSING');
    if (mine) seen.calls++;
    try {
      return real.call(this, path, ...rest);
    } catch (e) {
      if (mine) seen.threw.push(name + ' ' + e.code);
      throw e;
    }
  };
}
process.on('exit', () => fs.writeSync(2, '\\nprobe:' + JSON.stringify(seen) + '\\n'));
`;

type Report = { items: { uri: string }[] };

test('LSP: closing a document whose file does not exist drops it without an fs exception', async () => {
  const ws = folderSandbox({ 'etc/kolla/config/nova/nova-compute.conf': KOLLA_COMPUTE });
  const probe = join(ws.dir, 'probe.cjs');
  writeFileSync(probe, PROBE);
  const c = await startInFolder(ws.dir, { capabilities: { textDocument: { diagnostic: {} } }, nodeArgs: ['--require', probe] });
  try {
    // Both readers look at it: a nova config path inside the folder (workspace index) and a file: uri (flavor side).
    const missing = ws.uri('etc/kolla/config/nova/MISSING/nova-api.conf');
    c.open(missing, KOLLA_API, 1);
    const open = await c.request<Report>('workspace/diagnostic', { previousResultIds: [] });
    assert.ok(open.items.some((i) => i.uri === missing), 'the open document is in the workspace');
    c.notify('textDocument/didClose', { textDocument: { uri: missing } });
    const closed = await c.request<Report>('workspace/diagnostic', { previousResultIds: [] });
    assert.deepEqual(closed.items.map((i) => i.uri), [ws.uri('etc/kolla/config/nova/nova-compute.conf')], 'the closed document left the workspace');
    assert.equal(await c.shutdown(), 0);
    const m = /probe:(.*)/.exec(c.stderr);
    assert.ok(m, `the probe reported:\n${c.stderr}`);
    const seen = JSON.parse(m[1]!) as { calls: number; threw: string[] };
    assert.ok(seen.calls >= 2, `the disk was looked at on close (${seen.calls} calls)`);
    assert.deepEqual(seen.threw, [], 'no fs call threw for the missing file');
  } finally {
    c.kill();
    ws.remove();
  }
});

test('the disk lookup still refuses symlinks and files over 16 MB, and reads a regular file', () => {
  const ws = folderSandbox({ 'nova.conf': KOLLA_COMPUTE, 'big.conf': '' });
  try {
    symlinkSync(join(ws.dir, 'nova.conf'), join(ws.dir, 'link.conf'));
    truncateSync(join(ws.dir, 'big.conf'), 16 * 1024 * 1024 + 1);
    assert.equal(nodeFiles.readText(ws.uri('nova.conf')), KOLLA_COMPUTE);
    assert.equal(nodeFiles.readText(ws.uri('link.conf')), undefined, 'a symlink is not followed');
    assert.equal(nodeFiles.readText(ws.uri('big.conf')), undefined, 'over 16 MB');
    assert.equal(nodeFiles.readText(ws.uri('MISSING.conf')), undefined, 'not there');
    assert.equal(nodeFiles.readText(pathToFileURL(join(ws.dir, 'nova.conf', 'below-a-file.conf')).href), undefined, 'a path through a file (ENOTDIR)');
    assert.equal(nodeFiles.readText('untitled:Untitled-1'), undefined, 'not a file: uri');
  } finally {
    ws.remove();
  }
});
