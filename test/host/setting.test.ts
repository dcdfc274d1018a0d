/** HostSetting (the editor's nova-conf.host): which files it watches, and what a change on disk does. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';
import { HostSetting, type HostStatus, type WatchFile } from '../../server/src/host-setting';
import { buildSysfs, doneWhenHost } from './sysfs';

const tree = buildSysfs(doneWhenHost());
const work = mkdtempSync(join(tmpdir(), 'nova-conf-host-setting-'));
after(() => {
  tree.cleanup();
  rmSync(work, { recursive: true, force: true });
});
const collected = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--collect-host', tree.root], { encoding: 'utf8' });
assert.equal(collected.status, 0, collected.stderr);

/** A watcher the test fires by hand: what is watched, and what was stopped. */
function fakeWatch() {
  const watching = new Map<string, () => void>();
  const stopped: string[] = [];
  const watch: WatchFile = (path, changed) => {
    watching.set(path, changed);
    return () => {
      watching.delete(path);
      stopped.push(path);
    };
  };
  return { watch, watching, stopped };
}

function setting(watch: WatchFile) {
  const statuses: HostStatus[] = [];
  let reloads = 0;
  const s = new HostSetting({ info: () => undefined, warn: () => undefined, status: (st) => statuses.push(st), reloaded: () => reloads++ }, watch);
  return { s, statuses, reloads: () => reloads };
}

test('a snapshot file is watched while it is the host; another path or no host stops that watch; a root is not watched', () => {
  const a = join(work, 'a.json');
  const b = join(work, 'b.json');
  writeFileSync(a, collected.stdout);
  writeFileSync(b, collected.stdout);
  const w = fakeWatch();
  const { s } = setting(w.watch);
  s.update({ host: a });
  assert.deepEqual([...w.watching.keys()], [a]);
  s.update({ host: a }, true); // the settings were sent again: still one watch
  assert.deepEqual([...w.watching.keys()], [a]);
  s.update({ host: b });
  assert.deepEqual([[...w.watching.keys()], w.stopped], [[b], [a]]);
  s.update({ host: tree.root });
  assert.deepEqual([[...w.watching.keys()], w.stopped], [[], [a, b]]);
  assert.equal(s.inventory?.devices.length, 6);
  s.update({ host: b });
  s.update({});
  assert.deepEqual([[...w.watching.keys()], s.inventory], [[], undefined]);
});

test('a change on disk reads the snapshot again and says so; a snapshot named before it exists is watched until it appears', () => {
  const late = join(work, 'late.json');
  const w = fakeWatch();
  const { s, statuses, reloads } = setting(w.watch);
  const devices = () => s.inventory?.devices.length; // read afresh: the inventory changes under the test
  s.update({ host: late });
  assert.equal(devices(), undefined);
  assert.match(statuses.at(-1)?.error ?? '', /cannot read/);
  writeFileSync(late, collected.stdout);
  w.watching.get(late)?.();
  assert.deepEqual([devices(), statuses.at(-1)?.kind, statuses.at(-1)?.devices, reloads()], [6, 'snapshot', 6, 1]);
  writeFileSync(late, '{"format": "nova-conf-host-snapshot"');
  w.watching.get(late)?.();
  assert.deepEqual([devices(), reloads()], [undefined, 2]);
  assert.ok(statuses.at(-1)?.error, 'a half-written snapshot is reported, not used');
});
