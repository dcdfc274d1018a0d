/**
 * dist/cli.js and dist/server.js start from a V8 code cache stored in the same file (scripts/code-cache.mjs).
 * The node that built them accepts the cache; dist/server.js has a second one for the VS Code client's node flags;
 * other V8 flags on the command line make the loader skip it, V8 flags in NODE_OPTIONS make V8 reject it; in every case the file still works and reports exactly the same findings.
 * NOVA_CONF_CODE_CACHE_REPORT=1 makes the loader say which case it was on stderr.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';
import { SERVER_NODE_FLAGS } from '../../client/src/server-flags';

const CLI = join(ROOT, 'dist', 'cli.js');
const SERVER = join(ROOT, 'dist', 'server.js');
const EXAMPLE = join(ROOT, 'examples', 'nova.conf');
/** A build made with NOVA_CONF_NO_CODE_CACHE=1 has no loader: nothing to test then. */
const wrapped = (file: string) => readFileSync(file, 'latin1').includes('/*nova-conf-source ');

function run(file: string, nodeArgs: string[], args: string[], nodeOptions?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NOVA_CONF_CODE_CACHE_REPORT: '1', NODE_OPTIONS: nodeOptions ?? '' };
  const r = spawnSync(process.execPath, [...nodeArgs, file, ...args], { encoding: 'utf8', env });
  const report = /^code cache: (\w+)$/m.exec(r.stderr)?.[1];
  return { status: r.status, stdout: r.stdout, report, stderr: r.stderr.replace(/^code cache: \w+\n/m, '') };
}

test('the CLI starts from its code cache, and gives the same findings when the cache is skipped or rejected', { skip: !wrapped(CLI) && 'dist/cli.js was built without a code cache' }, () => {
  const args = ['--format', 'json', EXAMPLE];
  const cached = run(CLI, [], args);
  assert.equal(cached.report, 'accepted', cached.stderr);
  assert.equal(cached.status, 1, 'the example has errors');
  assert.ok(JSON.parse(cached.stdout).length > 0);
  const skipped = run(CLI, ['--stack-size=2000'], args);
  assert.equal(skipped.report, 'skipped');
  const rejected = run(CLI, [], args, '--max-semi-space-size=8');
  assert.equal(rejected.report, 'rejected');
  for (const other of [skipped, rejected]) {
    assert.equal(other.status, cached.status);
    assert.equal(other.stdout, cached.stdout);
    assert.equal(other.stderr, cached.stderr);
  }
});

test('the server starts from a code cache with plain node and with the VS Code client flags (in any order), and skips it under other flags', { skip: !wrapped(SERVER) && 'dist/server.js was built without a code cache' }, () => {
  const plain = run(SERVER, [], ['--version']);
  assert.equal(plain.report, 'accepted', plain.stderr);
  assert.match(plain.stdout, /^nova-conf-language-server /);
  for (const flags of [[...SERVER_NODE_FLAGS], [...SERVER_NODE_FLAGS].reverse()]) {
    const client = run(SERVER, flags, ['--version']);
    assert.equal(client.report, 'accepted', `${flags.join(' ')}: ${client.stderr}`);
    assert.equal(client.stdout, plain.stdout);
  }
  // One of the client's flags alone: neither cache fits, so neither is read.
  const other = run(SERVER, [SERVER_NODE_FLAGS[0]], ['--version']);
  assert.equal(other.report, 'skipped');
  assert.equal(other.stdout, plain.stdout);
});
