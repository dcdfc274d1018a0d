/**
 * The npm package as an operator gets it: `npm pack` carries only runtime files, and installed from the
 * tarball into an empty prefix (offline: the package has no runtime dependencies), the bins work with
 * plain `node` (and the POSIX launcher nova-conf-language-server-lean with `sh` and `node` on the PATH).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';
import { readmeImages } from './readme-images';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('npm pack lists only what runs, and the installed bins lint a file and answer initialize', async () => {
  const work = mkdtempSync(join(tmpdir(), 'nova-conf-pack-'));
  // --ignore-scripts: npm test has just built dist/; rebuilding here would race the other test files.
  const packed = JSON.parse(execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
  const files = packed[0].files.map((f) => f.path).sort();
  for (const f of files) assert.match(f, /^(dist\/(cli|server|client)\.js|dist\/server\.payload|dist\/package\.json|dist\/nova-conf-language-server-lean|dist\/pciids\.txt|syntaxes\/[\w-]+\.tmLanguage\.json|schemas\/[\w.-]+\.json|language-configuration\.json|icon\.png|docs\/images\/[\w.-]+\.png|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/, `unexpected file in the npm package: ${f}`);
  for (const f of ['dist/cli.js', 'dist/server.js', 'dist/server.payload', 'dist/package.json', 'dist/nova-conf-language-server-lean', 'dist/pciids.txt', 'README.md', 'LICENSE', 'CHANGELOG.md']) assert.ok(files.includes(f), `missing ${f}`);
  for (const img of readmeImages()) assert.ok(files.includes(img), `the README shows ${img}, which the npm package lacks`);

  const prefix = join(work, 'prefix');
  execFileSync(npm, ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(work, packed[0].filename)], { encoding: 'utf8', stdio: 'pipe' });
  const bin = join(prefix, 'bin');
  assert.ok(existsSync(join(bin, 'nova-conf-lint')) && existsSync(join(bin, 'nova-conf-language-server')));

  const conf = join(work, 'nova.conf');
  writeFileSync(conf, "[pci]\ndevice_spec = {'vendor_id': '8086'}\n");
  const lint = spawnSync(join(bin, 'nova-conf-lint'), ['--format', 'json', conf], { encoding: 'utf8', cwd: work });
  assert.equal(lint.status, 1, lint.stderr);
  assert.equal((JSON.parse(lint.stdout) as { code: string }[])[0].code, 'json-invalid');

  const answer = await initialize(join(bin, 'nova-conf-language-server'));
  assert.match(answer, /"capabilities"/);
  assert.match(answer, /"hoverProvider":true/);
  // The POSIX launcher (a sh script; npm's Windows shim would call /bin/sh): installed, and it answers too.
  if (process.platform !== 'win32') {
    assert.ok(existsSync(join(bin, 'nova-conf-language-server-lean')));
    assert.match(await initialize(join(bin, 'nova-conf-language-server-lean')), /"hoverProvider":true/);
  }
});

/** Starts the installed server, sends initialize, and returns what it wrote until the answer came (or 20 s). */
function initialize(command: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(command, ['--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    const done = () => {
      clearTimeout(timer);
      child.kill();
      resolve(out);
    };
    const timer = setTimeout(done, 20_000);
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      if (out.includes('"id":1')) done();
    });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}
