/**
 * The CLI sets V8 flags once its modules are loaded (server/src/cli-tiering.ts). V8 then rejects the code cache of any
 * Node built-in module loaded later and compiles it from source. Since Round 19 nothing at start-up loads Node's stream
 * modules, so node:crypto (--fix's temporary names, GitLab's fingerprints) would bring them in after the flags: cli.ts
 * loads it before the flags on those runs (--fix on examples/nova.conf: ~260 -> ~220 M instructions). A preload
 * records which built-ins load after the flags are set (through the v8 binding, or node:v8 where the binding is absent).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

const PROBE = `
const fs = require('node:fs');
let at = -1;
const mark = () => { if (at < 0) at = process.moduleLoadList.length; };
const binding = process.binding;
process.binding = function (name) {
  const b = binding.call(this, name);
  if (name !== 'v8' || typeof b.setFlagsFromString !== 'function') return b;
  const set = b.setFlagsFromString;
  return { setFlagsFromString: (f) => { mark(); return set.call(b, f); } };
};
process.on('exit', () => fs.writeSync(2, 'after flags: ' + (at < 0 ? 'never set' : JSON.stringify(process.moduleLoadList.slice(at).filter((m) => m.startsWith('NativeModule ')))) + '\\n'));
`;

test('a lint, a --fix and a GitLab report load no Node built-in module after the CLI sets its V8 flags', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-builtins-'));
  try {
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, PROBE);
    const conf = join(dir, 'nova.conf');
    const runs: [string, string[]][] = [
      ['lint', ['--format', 'json', conf]],
      ['gitlab', ['--format', 'gitlab', conf]],
      ['sarif', ['--format', 'sarif', conf]],
      ['fix', ['--fix', conf]],
    ];
    for (const [label, args] of runs) {
      copyFileSync(join(ROOT, 'examples', 'nova.conf'), conf);
      const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: `--require ${probe}`, NOVA_CONF_CODE_CACHE_REPORT: '' } });
      assert.ok(r.status === 0 || r.status === 1, `${label}: ${r.stderr}`);
      assert.match(r.stderr, /^after flags: \[\]$/m, label);
    }
    // The --fix run did fix the file (so it did use node:crypto for its temporary file).
    assert.notEqual(readFileSync(conf, 'utf8'), readFileSync(join(ROOT, 'examples', 'nova.conf'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
