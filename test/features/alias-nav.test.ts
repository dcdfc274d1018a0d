/** Alias names inside one nova.conf at the service level (flavors/ implements them across files too). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlavorWorkspace, aliasDefinition, aliasReferences, prepareAliasRename, renameAlias } from '../../server/src/service/flavors/index';

const URI = 'file:///one/nova.conf';
const TEXT = ['[pci]', 'alias = {"name": "nic", "vendor_id": "8086", "product_id": "10fb", "device_type": "type-PF"}', 'alias = {"name": "gpu", "vendor_id": "10de", "product_id": "1db4"}', 'alias = {"name": " nic ", "vendor_id": "8086", "product_id": "154d", "device_type": "type-PF"}', ''].join('\n');

function one(): FlavorWorkspace {
  const w = new FlavorWorkspace('2026.1');
  w.set(URI, TEXT);
  return w;
}
const offset = (line: number, needle: string) => TEXT.split('\n').slice(0, line).join('\n').length + 1 + TEXT.split('\n')[line].indexOf(needle) + 1;

test('definition and references: the lines Nova merges under one name (its name is stripped, as Nova strips it)', () => {
  const w = one();
  assert.deepEqual(aliasDefinition(w, URI, offset(1, 'nic')).map((l) => l.range.start.line), [1, 3]);
  assert.deepEqual(aliasReferences(w, URI, offset(3, 'nic'), true).map((l) => l.range.start.line), [1, 3]);
  assert.deepEqual(aliasReferences(w, URI, offset(3, 'nic'), false), []);
});

test('prepareRename: only on an alias name', () => {
  const w = one();
  const p = prepareAliasRename(w, URI, offset(2, 'gpu'));
  assert.ok(p && 'placeholder' in p);
  assert.equal(p.placeholder, 'gpu');
  assert.equal(prepareAliasRename(w, URI, offset(2, 'vendor_id')), undefined);
  assert.equal(prepareAliasRename(w, URI, offset(0, 'pci')), undefined);
});

test('rename: every definition of the name; a name Nova cannot use, or one already taken, is refused', () => {
  const w = one();
  const r = renameAlias(w, URI, offset(1, 'nic'), 'pf-nic');
  assert.ok(r && 'changes' in r && r.changes);
  assert.deepEqual(r.changes[URI].map((e) => [e.range.start.line, e.newText]), [[1, 'pf-nic'], [3, 'pf-nic']]);
  const taken = renameAlias(w, URI, offset(1, 'nic'), 'gpu');
  assert.ok(taken && 'error' in taken);
  assert.match(taken.error, /already defined at nova\.conf:3/);
  const colon = renameAlias(w, URI, offset(1, 'nic'), 'nic:2');
  assert.ok(colon && 'error' in colon);
});
