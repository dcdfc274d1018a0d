/**
 * nova-conf-lint (dist/cli.js) against hostile inputs: unreadable paths, directories,
 * non-UTF-8 bytes, a BOM, empty files, standard input, broken settings files, and
 * --fix failing or racing. Documented exit codes: 0 no errors, 1 errors, 2 usage or
 * unreadable input. Never a stack trace, never a half-written file.
 *
 * "Unreadable" without chmod: the tests run as root, who can read a mode-000 file,
 * so unreadable paths are made from a symlink loop (ELOOP), a dangling symlink
 * (ENOENT), a path through a regular file (ENOTDIR) and /proc/self/mem (EIO on read).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');

function run(args: string[], opts: { cwd?: string; input?: string | Buffer } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd, input: opts.input, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function noStackTrace(err: string): void {
  assert.doesNotMatch(err, /\n\s+at .+:\d+:\d+/, `a stack trace leaked:\n${err}`);
}

function sandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-cli-'));
  writeFileSync(join(dir, 'good.conf'), '[DEFAULT]\ndebug = true\n');
  writeFileSync(join(dir, 'plain'), 'not a directory\n');
  symlinkSync('loop-b', join(dir, 'loop-a'));
  symlinkSync('loop-a', join(dir, 'loop-b'));
  symlinkSync('nowhere.conf', join(dir, 'dangling.conf'));
  mkdirSync(join(dir, 'a-directory.conf'));
  return dir;
}

test('unreadable paths exit 2 with a message naming the file (symlink loop, dangling link, path through a file, EIO, missing)', () => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` first');
  const dir = sandbox();
  try {
    for (const [file, why] of [
      ['loop-a', /loop-a/],
      ['dangling.conf', /dangling\.conf: no such file/],
      ['plain/x.conf', /plain\/x\.conf/],
      ['missing.conf', /missing\.conf: no such file/],
      ['/proc/self/mem', /\/proc\/self\/mem/],
    ] as const) {
      const r = run([file], { cwd: dir });
      assert.equal(r.code, 2, `${file}: ${r.err}`);
      assert.match(r.err, /^nova-conf-lint: cannot read /, file);
      assert.match(r.err, why);
      noStackTrace(r.err);
    }
    // One good file and one unreadable file: still a usage/unreadable failure.
    const r = run(['good.conf', 'dangling.conf'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.err, /dangling\.conf/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a directory with no nova config in it exits 2 and says to name the files', () => {
  const dir = sandbox();
  try {
    const r = run(['a-directory.conf'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.err, /a-directory\.conf is a directory with no nova config/);
    noStackTrace(r.err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('non-UTF-8 bytes are a file-not-utf8 Error (file and stdin, exit 1); a BOM is reported as an error (exit 1); empty files are fine (exit 0)', () => {
  const dir = sandbox();
  try {
    writeFileSync(join(dir, 'latin1.conf'), Buffer.from('[DEFAULT]\nhost = caf\xe9\n', 'latin1'));
    writeFileSync(join(dir, 'lone-surrogate.conf'), Buffer.from([0x5b, 0x61, 0x5d, 0x0a, 0x6b, 0x3d, 0xed, 0xa0, 0x80, 0x0a])); // CESU-8 surrogate: not UTF-8
    writeFileSync(join(dir, 'bom.conf'), '\uFEFF[DEFAULT]\ndebug = true\n');
    writeFileSync(join(dir, 'empty.conf'), '');
    writeFileSync(join(dir, 'nul.conf'), '[DEFAULT]\ndebug = tr\u0000ue\n');
    for (const [f, where] of [['latin1.conf', '2:11'], ['lone-surrogate.conf', '2:3']]) {
      const r = run([f], { cwd: dir });
      assert.equal(r.code, 1, f);
      assert.match(r.out, new RegExp(`^${f.replace('.', '\\.')}:${where}: error file-not-utf8 `, 'm'));
      noStackTrace(r.err);
    }
    const stdin = run(['-'], { input: Buffer.from([0x5b, 0xff, 0x5d, 0x0a]) });
    assert.equal(stdin.code, 1);
    assert.match(stdin.out, /^<stdin>:1:2: error file-not-utf8 Byte 0xFF/m);

    const bom = run(['bom.conf'], { cwd: dir });
    assert.equal(bom.code, 1, bom.out);
    assert.match(bom.out, /bom\.conf:1:1: error .*byte order mark/);

    const empty = run(['empty.conf'], { cwd: dir });
    assert.equal(empty.code, 0, empty.out + empty.err);
    assert.match(empty.out, /1 file checked: 0 errors/);

    const nul = run(['nul.conf', '--format', 'json'], { cwd: dir });
    assert.ok(nul.code === 0 || nul.code === 1, nul.err);
    assert.ok(Array.isArray(JSON.parse(nul.out)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('"-" reads standard input: empty input, a BOM, CRLF, and a file literally named "-" via ./-', () => {
  const empty = run(['-'], { input: '' });
  assert.equal(empty.code, 0);
  assert.match(empty.out, /1 file checked/);
  const crlf = run(['-', '--format', 'json'], { input: '[pci]\r\nalias = {"name": "a", "device_type": "type-pf"}\r\n' });
  assert.equal(crlf.code, 1, crlf.out);
  const findings = JSON.parse(crlf.out) as { file: string; code: string }[];
  assert.ok(findings.every((f) => f.file === '<stdin>'));
  assert.ok(findings.some((f) => f.code === 'alias-bad-device-type'), crlf.out);
  const bom = run(['-'], { input: '\uFEFF[DEFAULT]\n' });
  assert.equal(bom.code, 1);
  const dir = sandbox();
  try {
    writeFileSync(join(dir, '-'), '[DEFAULT]\ndebug = true\n');
    const r = run(['./-'], { cwd: dir });
    assert.equal(r.code, 0, r.err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors exit 2 without a stack trace: unknown option, missing values, bad --rule, bad --format, broken --config', () => {
  const dir = sandbox();
  try {
    writeFileSync(join(dir, 'broken.json'), '{"release": ');
    writeFileSync(join(dir, 'wrong.json'), '{"release": "nope", "rules": {"x": "loud"}}');
    for (const args of [[], ['--bogus', 'good.conf'], ['--release'], ['--release', 'nope', 'good.conf'], ['--rule', 'good.conf'], ['--rule', 'no-such-rule=off', 'good.conf'], ['--rule', 'json-invalid=loud', 'good.conf'], ['--format', 'xml', 'good.conf'], ['--config', 'broken.json', 'good.conf'], ['--config', 'wrong.json', 'good.conf'], ['--config', 'a-directory.conf', 'good.conf'], ['--config', 'missing.json', 'good.conf']]) {
      const r = run(args, { cwd: dir });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
      assert.match(r.err, /^nova-conf-lint: /, args.join(' '));
      noStackTrace(r.err);
    }
    // A broken .nova-conf.json picked up from the current directory is a usage error too.
    writeFileSync(join(dir, '.nova-conf.json'), '[1, 2');
    const r = run(['good.conf'], { cwd: dir });
    assert.equal(r.code, 2, r.out + r.err);
    noStackTrace(r.err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('hostile content through the CLI: deep nesting, a 1 MB line, a $ loop, a pathological regex; all formats are valid', () => {
  const dir = sandbox();
  try {
    writeFileSync(
      join(dir, 'hostile.conf'),
      [
        '[DEFAULT]',
        'host = $my_ip',
        'my_ip = $host',
        `state_path = ${'x'.repeat(1 << 20)}`,
        '[pci]',
        `device_spec = ${'['.repeat(50000)}${']'.repeat(50000)}`,
        `device_spec = {"address": {"bus": "(a+)+$", "slot": "${'('.repeat(3000)}"}, "physical_network": "p"}`,
        'alias = {"name": "\uD83D\uDE00", "vendor_id": "8086", "product_id": "154d"}',
        '',
      ].join('\n'),
    );
    for (const format of ['text', 'json', 'sarif']) {
      const r = run(['--format', format, 'hostile.conf'], { cwd: dir });
      assert.equal(r.code, 1, r.err);
      noStackTrace(r.err);
      if (format !== 'text') JSON.parse(r.out);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ------------------------------------------------------------------ --fix atomicity (the option exists)

const FIXABLE = "[DEFAULT]\n\n[pci]\ndevice_spec = {'vendor_id': '8086', 'product_id': '154d'}\n";

function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((f) => /nova-conf-fix|\.tmp$/.test(f));
}

test('--fix: refuses stdin and directories, and leaves non-UTF-8 files untouched (reported as file-not-utf8)', () => {
  const dir = sandbox();
  try {
    const latin = Buffer.from("[pci]\ndevice_spec = {'vendor_id': 'caf\xe9'}\n", 'latin1');
    writeFileSync(join(dir, 'latin1.conf'), latin);
    const r1 = run(['--fix', 'latin1.conf'], { cwd: dir });
    assert.equal(r1.code, 1);
    assert.match(r1.out, /file-not-utf8/);
    assert.deepEqual(readFileSync(join(dir, 'latin1.conf')), latin);
    assert.equal(run(['--fix', 'a-directory.conf'], { cwd: dir }).code, 2);
    assert.equal(run(['--fix', '-'], { cwd: dir, input: FIXABLE }).code, 2);
    assert.deepEqual(leftovers(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix on a symlink refuses to write through it (exit 2), keeps the link, and still checks the target', () => {
  const dir = sandbox();
  try {
    writeFileSync(join(dir, 'real.conf'), FIXABLE);
    symlinkSync('real.conf', join(dir, 'link.conf'));
    const r = run(['--fix', 'link.conf'], { cwd: dir });
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /link\.conf is a symbolic link/);
    assert.ok(lstatSync(join(dir, 'link.conf')).isSymbolicLink(), 'the symlink is still a symlink');
    assert.equal(readlinkSync(join(dir, 'link.conf')), 'real.conf');
    assert.equal(readFileSync(join(dir, 'real.conf'), 'utf8'), FIXABLE, 'the target was not written');
    assert.equal(run(['--fix', 'real.conf'], { cwd: dir }).code, 0, 'naming the target fixes it');
    assert.deepEqual(leftovers(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix racing itself on one file: the result is always one complete fixed text, never a mix, and no temporary files remain; a loser exits 2', async () => {
  const dir = sandbox();
  try {
    const file = join(dir, 'race.conf');
    const big = FIXABLE + '[DEFAULT]\n' + Array.from({ length: 3000 }, (_, i) => `# padding line ${i}`).join('\n') + '\n';
    writeFileSync(file, big);
    const once = run(['--fix', 'race.conf'], { cwd: dir });
    assert.ok(once.code === 0 || once.code === 1, once.err);
    const expected = readFileSync(file, 'utf8');
    assert.notEqual(expected, big);
    for (let round = 0; round < 3; round++) {
      writeFileSync(file, big);
      // A process that read the file before another one replaced it refuses to replace it again (exit 2).
      const runs = Array.from({ length: 4 }, () => new Promise<number | null>((resolve) => spawn(process.execPath, [CLI, '--fix', 'race.conf'], { cwd: dir, stdio: 'ignore' }).on('exit', resolve)));
      const codes = await Promise.all(runs);
      assert.ok(codes.every((c) => c === 0 || c === 1 || c === 2), JSON.stringify(codes));
      assert.ok(codes.some((c) => c === 0 || c === 1), JSON.stringify(codes));
      assert.equal(readFileSync(file, 'utf8'), expected);
      assert.deepEqual(leftovers(dir), []);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
