/** Every rule is documented, its bad example triggers it, its good example does not, and docs/rules.md is current. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEPLOYMENT_FAMILIES, FAMILIES } from '../../server/src/service/rules/registry';
import { messagesFor, render } from '../../scripts/rules-doc';
import { ROOT } from '../helpers';

const all = [...FAMILIES, ...DEPLOYMENT_FAMILIES].flatMap((f) => f.rules.map((r) => ({ ...r, family: f.name })));

test('rule codes are unique and every rule says what Nova does and which file it mirrors', () => {
  const codes = all.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const r of all) {
    assert.match(r.code, /^[a-z0-9-]+$/, r.code);
    assert.ok(r.title.length > 5 && r.description.length > 40 && r.mirrors.length > 5, r.code);
  }
});

test('each bad example is reported with its own rule, each good example is not', () => {
  const problems: string[] = [];
  for (const r of all) {
    if (r.bad && messagesFor(r, r.bad).length === 0) problems.push(`${r.code}: bad example not reported`);
    if (r.good && messagesFor(r, r.good).length !== 0) problems.push(`${r.code}: good example reported: ${messagesFor(r, r.good).join(' | ')}`);
  }
  assert.deepEqual(problems, []);
});

test('docs/rules.md is generated from the current rules (npm run docs)', () => {
  assert.equal(readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8'), render());
});
