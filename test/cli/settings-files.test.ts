/**
 * Settings and data files cannot hang or read the machine (issue 19): `.nova-conf.json` (or --config) as a
 * FIFO, a link to /dev/zero, a huge file or a link to a secret file. The CLI refuses each with exit 2 at once
 * and never quotes the file's bytes. The same reader serves the language server (test/protocol/settings-files).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';
import { PCI_IDS_CAPS, parsePciIds } from '../../server/src/service/catalog/pciids';

const CLI = join(ROOT, 'dist', 'cli.js');
export const SECRET_LINE = 'root:*:20200:0:99999:7:::\n';

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 20000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-settings-'));
  try {
    writeFileSync(join(dir, 'nova.conf'), '[DEFAULT]\ndebug = true\n');
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a FIFO .nova-conf.json (or --config FIFO) is refused at once: exit 2, no hang', () => {
  withDir((dir) => {
    assert.equal(spawnSync('mkfifo', [join(dir, '.nova-conf.json')]).status, 0);
    const r = run(['nova.conf'], dir);
    assert.equal(r.code, 2, `the CLI hung or did not refuse (status ${r.code}): ${r.err}`);
    assert.match(r.err, /\.nova-conf\.json is a FIFO \(named pipe\), not a regular file/);
    const r2 = run(['--config', '.nova-conf.json', 'nova.conf'], dir);
    assert.equal(r2.code, 2);
  });
});

test('.nova-conf.json linked to /dev/zero is refused (a device), not read until memory runs out', () => {
  withDir((dir) => {
    symlinkSync('/dev/zero', join(dir, '.nova-conf.json'));
    const r = run(['nova.conf'], dir);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /is a character device, not a regular file/);
  });
});

test('a huge .nova-conf.json is refused by size', () => {
  withDir((dir) => {
    writeFileSync(join(dir, '.nova-conf.json'), `{"release": "2025.2", "x": "${'a'.repeat(2 * 1024 * 1024)}"}`);
    const r = run(['nova.conf'], dir);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /larger than 1048576 bytes/);
  });
});

test('.nova-conf.json linked to a secret file: the error names the place, never the bytes', () => {
  withDir((dir) => {
    writeFileSync(join(dir, 'shadow'), SECRET_LINE.repeat(3));
    symlinkSync(join(dir, 'shadow'), join(dir, '.nova-conf.json'));
    const r = run(['nova.conf'], dir);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /not valid JSON \(line 1, column 1\)/);
    assert.doesNotMatch(r.err + r.out, /root|20200|99999/);
    // Valid JSON that holds secrets where names belong: not quoted either.
    writeFileSync(join(dir, 'shadow'), '{"release": "hunter2 password", "rules": {"AKIA-secret key": "loud"}}');
    const r2 = run(['nova.conf'], dir);
    assert.equal(r2.code, 2);
    assert.doesNotMatch(r2.err, /hunter2|AKIA/);
    assert.match(r2.err, /unknown release \(a value that is not a name\)/);
    // A plain mistake is still shown, so people can fix it.
    writeFileSync(join(dir, 'shadow'), '{"release": "2099.9"}');
    assert.match(run(['nova.conf'], dir).err, /unknown release "2099\.9"/);
  });
});

test('a pci.ids parse is capped: names are cut, the device count is bounded', () => {
  const long = parsePciIds(`15b3  ${'M'.repeat(100_000)}\n\t1017  ${'x'.repeat(50_000)}\n`);
  assert.equal(long.vendor('15b3')?.name.length, PCI_IDS_CAPS.maxNameLength);
  assert.equal(long.device('15b3', '1017')?.name.length, PCI_IDS_CAPS.maxNameLength);
  let text = '';
  for (let v = 0; v < 8; v++) {
    text += `${v.toString(16).padStart(4, '0')}  vendor ${v}\n`;
    for (let d = 0; d < 65536; d++) text += `\t${d.toString(16).padStart(4, '0')}  d\n`;
  }
  const db = parsePciIds(text);
  let devices = 0;
  for (let v = 0; v < 8; v++) devices += db.searchDevices(v.toString(16).padStart(4, '0'), '', 1e9).length;
  assert.equal(devices, PCI_IDS_CAPS.maxDevices);
});

test('package.json: pciIdsPath is a machine setting, restricted in untrusted workspaces', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] } };
  };
  assert.equal(pkg.contributes.configuration.properties['nova-conf.pciIdsPath'].scope, 'machine');
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations?.includes('nova-conf.pciIdsPath'));
});
