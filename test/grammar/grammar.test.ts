/** The TextMate grammar, checked by vscode-tmgrammar-test against the scope assertions in test/grammar/. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';

test('grammar scope assertions (vscode-tmgrammar-test)', () => {
  const dir = join(ROOT, 'test', 'grammar');
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.nova-conf'));
  const assertions = files.reduce((n, f) => n + readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => /^#\s*[\^<]/.test(l)).length, 0);
  const bin = join(ROOT, 'node_modules', '.bin', 'vscode-tmgrammar-test');
  const r = spawnSync(bin, ['-g', 'syntaxes/nova-conf.tmLanguage.json', '-g', 'test/grammar/json.tmLanguage.json', 'test/grammar/*.test.nova-conf'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  console.log(`grammar: ${files.length} files, ${assertions} scope assertions passed`);
  assert.ok(assertions > 100);
});
