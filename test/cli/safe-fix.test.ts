/**
 * `nova-conf-lint --fix` cannot be turned against its user (issue 19): each test reproduces one attack
 * on the old writer (copyFileSync to FILE.orig, a `.<name>.nova-conf-fix-<pid>.tmp` temp written without
 * O_EXCL, writeFileSync as root) and checks the file system afterwards. Runs as root (so it can chown to
 * another uid/gid, as a root-run fix of a `root:nova 0640` nova.conf would face).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, linkSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';
import { SafeFileError, readForRewrite, readRegularFile, replaceFile } from '../../server/src/safe-file';

const CLI = join(ROOT, 'dist', 'cli.js');
const FIXABLE = "[DEFAULT]\n\n[pci]\ndevice_spec = {'vendor_id': '8086', 'product_id': '154d'}\n";
const FIXED = '[DEFAULT]\n\n[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154d"}\n';
const SECRET = 'victim file: must never change\n';
const isRoot = process.getuid?.() === 0;

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-safe-fix-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const temps = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

test('the fixture is fixable: --fix rewrites it to the expected text (guards the tests below)', () => {
  withDir((dir) => {
    writeFileSync(join(dir, 'nova.conf'), FIXABLE);
    const r = run(['--fix', 'nova.conf'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(join(dir, 'nova.conf'), 'utf8'), FIXED);
    assert.match(r.out, /fixed json-invalid/);
  });
});

test('--backup never writes through a symlinked FILE.orig: the link and its target stay, the backup goes to FILE.orig.1', () => {
  withDir((dir) => {
    writeFileSync(join(dir, 'victim'), SECRET);
    writeFileSync(join(dir, 'nova.conf'), FIXABLE);
    symlinkSync(join(dir, 'victim'), join(dir, 'nova.conf.orig'));
    const r = run(['--fix', '--backup', 'nova.conf'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(join(dir, 'victim'), 'utf8'), SECRET, 'the symlink target was overwritten');
    assert.ok(lstatSync(join(dir, 'nova.conf.orig')).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'nova.conf.orig.1'), 'utf8'), FIXABLE, 'the backup holds the original');
    assert.equal(readFileSync(join(dir, 'nova.conf'), 'utf8'), FIXED);
    assert.match(r.err, /kept the original as .*nova\.conf\.orig\.1/);
  });
});

test('--backup never overwrites an existing backup: numbered backups .orig, .orig.1, .orig.2', () => {
  withDir((dir) => {
    const f = join(dir, 'nova.conf');
    writeFileSync(`${f}.orig`, 'the first backup\n');
    writeFileSync(f, FIXABLE);
    assert.equal(run(['--fix', '--backup', 'nova.conf'], dir).code, 0);
    writeFileSync(f, FIXABLE.replace('8086', '15b3'));
    assert.equal(run(['--fix', '--backup', 'nova.conf'], dir).code, 0);
    assert.equal(readFileSync(`${f}.orig`, 'utf8'), 'the first backup\n');
    assert.equal(readFileSync(`${f}.orig.1`, 'utf8'), FIXABLE);
    assert.equal(readFileSync(`${f}.orig.2`, 'utf8'), FIXABLE.replace('8086', '15b3'));
  });
});

test('a symlink planted at the old predictable temp name (.<name>.nova-conf-fix-<pid>.tmp) is never followed', () => {
  withDir((dir) => {
    writeFileSync(join(dir, 'victim'), SECRET);
    writeFileSync(join(dir, 'nova.conf'), FIXABLE);
    // pids are handed out in order: plant a link for each of the next few hundred.
    const probe = spawnSync('true');
    const next = probe.pid ?? 0;
    for (let p = next + 1; p <= next + 400; p++) symlinkSync(join(dir, 'victim'), join(dir, `.nova.conf.nova-conf-fix-${p}.tmp`));
    const r = run(['--fix', 'nova.conf'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(join(dir, 'victim'), 'utf8'), SECRET, 'the fix wrote through a planted symlink');
    assert.ok(lstatSync(join(dir, 'nova.conf')).isFile(), 'nova.conf is still a regular file, not a link');
    assert.equal(readFileSync(join(dir, 'nova.conf'), 'utf8'), FIXED);
    const planted = temps(dir);
    assert.equal(planted.length, 400, 'only the planted links remain');
    assert.ok(planted.every((t) => lstatSync(join(dir, t)).isSymbolicLink()));
  });
});

test('replaceFile: a file or symlink already at the temporary name makes the create fail (O_EXCL|O_NOFOLLOW); nothing is followed', () => {
  withDir((dir) => {
    writeFileSync(join(dir, 'victim'), SECRET);
    const f = join(dir, 'nova.conf');
    writeFileSync(f, FIXABLE);
    const fixed = join(dir, '.planted.tmp');
    symlinkSync(join(dir, 'victim'), fixed);
    const snap = readForRewrite(f, 1 << 20);
    assert.throws(() => replaceFile(snap, FIXED, { tempName: () => fixed }), (e: unknown) => e instanceof SafeFileError && /temporary file/.test(e.message));
    assert.equal(readFileSync(join(dir, 'victim'), 'utf8'), SECRET);
    assert.equal(readFileSync(f, 'utf8'), FIXABLE);
    // With the default (random) name the same call succeeds and leaves no temporary file.
    replaceFile(readForRewrite(f, 1 << 20), FIXED);
    assert.equal(readFileSync(f, 'utf8'), FIXED);
    assert.deepEqual(temps(dir), ['.planted.tmp']);
  });
});

test('--fix run as root keeps owner, group and mode (root-owned file of group 4321, mode 0640; a uid:gid 1234:4321 file)', { skip: !isRoot && 'needs root to chown' }, () => {
  withDir((dir) => {
    for (const [uid, gid, mode] of [
      [0, 4321, 0o640],
      [1234, 4321, 0o600],
      [0, 0, 0o2644],
    ] as const) {
      const f = join(dir, `nova-${uid}-${gid}.conf`);
      writeFileSync(f, FIXABLE);
      chownSync(f, uid, gid);
      chmodSync(f, mode);
      const r = run(['--fix', '--backup', f], dir);
      assert.equal(r.code, 0, r.err);
      assert.equal(readFileSync(f, 'utf8'), FIXED);
      for (const p of [f, `${f}.orig`]) {
        const st = statSync(p);
        assert.deepEqual([st.uid, st.gid, (st.mode & 0o7777).toString(8)], [uid, gid, mode.toString(8)], `${p} lost its owner or mode`);
      }
    }
  });
});

test('--fix refuses a file with several hard links (replacing it would split them): exit 2, both names unchanged and still linked', () => {
  withDir((dir) => {
    const f = join(dir, 'nova.conf');
    writeFileSync(f, FIXABLE);
    linkSync(f, join(dir, 'other-name.conf'));
    const r = run(['--fix', 'nova.conf'], dir);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /nova\.conf has 2 hard links/);
    assert.doesNotMatch(r.out, /fixed/, '"fixed" is reported only for files actually rewritten');
    assert.match(r.out, /json-invalid/, 'the file is still checked');
    assert.equal(statSync(f).ino, statSync(join(dir, 'other-name.conf')).ino);
    assert.equal(readFileSync(f, 'utf8'), FIXABLE);
    assert.deepEqual(temps(dir), []);
  });
});

test('--fix refuses a symbolic link (never writes through it): exit 2, link and target unchanged', () => {
  withDir((dir) => {
    writeFileSync(join(dir, 'victim.conf'), FIXABLE);
    symlinkSync(join(dir, 'victim.conf'), join(dir, 'nova.conf'));
    const r = run(['--fix', 'nova.conf'], dir);
    assert.equal(r.code, 2, r.out + r.err);
    assert.match(r.err, /nova\.conf is a symbolic link; --fix does not write through links/);
    assert.equal(readFileSync(join(dir, 'victim.conf'), 'utf8'), FIXABLE);
    assert.equal(readlinkSync(join(dir, 'nova.conf')), join(dir, 'victim.conf'));
    assert.doesNotMatch(r.out, /fixed/);
  });
});

test('replaceFile refuses to replace a file appended to (or rewritten) after it was read; the new lines survive', () => {
  withDir((dir) => {
    const f = join(dir, 'nova.conf');
    writeFileSync(f, FIXABLE);
    const snap = readForRewrite(f, 1 << 20);
    appendFileSync(f, '[libvirt]\nvirt_type = kvm\n');
    assert.throws(() => replaceFile(snap, FIXED, { backup: true }), (e: unknown) => e instanceof SafeFileError && e.problem === 'changed' && /changed while it was being fixed \(its size changed/.test(e.message));
    assert.equal(readFileSync(f, 'utf8'), FIXABLE + '[libvirt]\nvirt_type = kvm\n');
    assert.ok(!existsSync(`${f}.orig`), 'a backup of the stale text is not left behind');
    assert.deepEqual(temps(dir), []);

    // Same size, same mtime, different bytes: the content hash catches it.
    writeFileSync(f, FIXABLE);
    const snap2 = readForRewrite(f, 1 << 20);
    const { atime, mtime } = statSync(f);
    writeFileSync(f, FIXABLE.replace('8086', '15b3'));
    utimesSync(f, atime, mtime);
    assert.throws(() => replaceFile(snap2, FIXED), (e: unknown) => e instanceof SafeFileError && e.problem === 'changed');
    assert.equal(readFileSync(f, 'utf8'), FIXABLE.replace('8086', '15b3'));

    // Replaced by a symlink meanwhile: refused, the link's target untouched.
    writeFileSync(f, FIXABLE);
    const snap3 = readForRewrite(f, 1 << 20);
    writeFileSync(join(dir, 'victim'), SECRET);
    rmSync(f);
    symlinkSync(join(dir, 'victim'), f);
    assert.throws(() => replaceFile(snap3, FIXED), (e: unknown) => e instanceof SafeFileError && e.problem === 'changed');
    assert.equal(readFileSync(join(dir, 'victim'), 'utf8'), SECRET);
    assert.ok(lstatSync(f).isSymbolicLink());
  });
});

test('readRegularFile: FIFOs and devices are refused without blocking; size limit; messages never quote content', () => {
  withDir((dir) => {
    const fifo = join(dir, 'fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    assert.throws(() => readRegularFile(fifo, { maxBytes: 1024 }), (e: unknown) => e instanceof SafeFileError && e.problem === 'not-regular' && /FIFO/.test(e.message));
    assert.throws(() => readRegularFile('/dev/zero', { maxBytes: 1024 }), (e: unknown) => e instanceof SafeFileError && /character device/.test(e.message));
    const big = join(dir, 'big');
    writeFileSync(big, 'root:*:20200:0:99999:7:::\n'.repeat(100));
    assert.throws(
      () => readRegularFile(big, { maxBytes: 100 }),
      (e: unknown) => e instanceof SafeFileError && e.problem === 'too-large' && !e.message.includes('root:'),
    );
    assert.equal(readRegularFile(big, { maxBytes: 1 << 20 }).buffer.length, 2600);
  });
});
