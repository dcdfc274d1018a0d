/**
 * language-configuration.json's Enter rules, as VS Code applies them (first rule whose beforeText/afterText match
 * the text before/after the cursor): a new line inside an open value is indented (a continuation oslo.config
 * reads), and a new line after the continuation line that closes the value starts at column 0 again, so the next
 * key typed is not read as part of that value. The workbench e2e types both (scripts/e2e/workbench.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';

interface Rule {
  beforeText: string;
  afterText?: string;
  action: { indent: string };
}
const rules = (JSON.parse(readFileSync(join(ROOT, 'language-configuration.json'), 'utf8')) as { onEnterRules: Rule[] }).onEnterRules;

/** The indent action of Enter with `before` left of the cursor and `after` right of it ('none' when no rule fits). */
function enter(before: string, after = ''): string {
  const r = rules.find((x) => new RegExp(x.beforeText).test(before) && (x.afterText === undefined || new RegExp(x.afterText).test(after)));
  return r?.action.indent ?? 'none';
}

test('Enter after "key = {" (or "[" or ",") indents; the auto-closed bracket moves to an indented line', () => {
  assert.equal(enter('device_spec = {', '}'), 'indent');
  assert.equal(enter('alias = [', ']'), 'indent');
  assert.equal(enter('device_spec = {"vendor_id": "8086",'), 'indent');
});

test('Enter after the continuation line that closes the value goes back to column 0', () => {
  assert.equal(enter('    "physical_network": "physnet2"}'), 'outdent');
  assert.equal(enter('    "vendor_id": "10de", "product_id": "1db4"}  '), 'outdent');
  assert.equal(enter('\t]'), 'outdent');
});

test('Enter inside a continuation keeps its indentation', () => {
  assert.equal(enter('    "vendor_id": "15b3", "product_id": "101e",'), 'none');
  assert.equal(enter('    {"name": "a", "vendor_id": "10de"}'), 'none', 'a whole item of a list on one line does not close the value');
  assert.equal(enter('    # a comment with a } at its end}'), 'none');
  assert.equal(enter('debug = false'), 'none');
});
