/**
 * Fixes inside device_spec/alias values find their node through the finding's
 * `data.target` (a JSON path), not by searching for a node at the finding's span.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/service/document';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { candidateFixes, fixInput } from '../../server/src/service/rules/fixes';
import { applyEdits } from '../../server/src/service/rules/edits';
import { runRules } from '../../server/src/service/rules/registry';
import { jsonTarget, nodeAtTarget } from '../../server/src/service/rules/json-helpers';

const TEXT = '[pci]\nalias = {"name": "a1", "vendor_id": "8086", "product_id": "154d", "device_type": "type-VFF"}\n';

test('a finding carries the JSON path of its node, and the path names that node again', () => {
  const doc = parseDocument(TEXT, 'file:///t.conf', 1, DEFAULT_SETTINGS.release);
  const f = runRules(doc, DEFAULT_SETTINGS).find((x) => x.code === 'alias-bad-device-type');
  assert.ok(f);
  assert.deepEqual(f.data?.target, { path: ['device_type'], part: 'value' });
  const root = doc.aliases[0].root;
  const node = nodeAtTarget(root, { path: ['device_type'], part: 'value' });
  assert.equal(node?.value, 'type-VFF');
  assert.equal(nodeAtTarget(root, { path: ['device_type'], part: 'key' })?.value, 'device_type');
  assert.equal(nodeAtTarget(root, { path: ['no_such_key'], part: 'value' }), undefined);
});

test('paths through arrays and duplicate keys (the last one wins, as in Python)', () => {
  const doc = parseDocument('[pci]\ndevice_spec = [{"address": {"bus": "0a"}}, {"address": {"bus": "0b", "bus": "0c"}}]\n', 'file:///t.conf', 1, DEFAULT_SETTINGS.release);
  const root = doc.deviceSpecs[0].root;
  const bus = nodeAtTarget(root, { path: [1, 'address', 'bus'], part: 'value' });
  assert.equal(bus?.value, '0c');
  assert.deepEqual(jsonTarget(bus!), { path: [1, 'address', 'bus'], part: 'value' });
  assert.deepEqual(jsonTarget(bus!.parent!.children![0]), { path: [1, 'address', 'bus'], part: 'key' });
});

test('the fix edits the node its target names, whatever span the finding comes with', () => {
  const doc = parseDocument(TEXT, 'file:///t.conf', 1, DEFAULT_SETTINGS.release);
  const f = runRules(doc, DEFAULT_SETTINGS).find((x) => x.code === 'alias-bad-device-type')!;
  // The span only selects the entry (here: the key "alias"); the target selects the node.
  const moved = { ...f, span: { start: TEXT.indexOf('alias'), end: TEXT.indexOf('alias') + 5 } };
  const fixes = candidateFixes(fixInput(doc, moved, DEFAULT_SETTINGS));
  assert.ok(fixes.length > 0);
  assert.match(applyEdits(TEXT, fixes[0].edits), /"device_type": "type-VF"\}/);
  // Without a target there is nothing to edit.
  assert.deepEqual(candidateFixes(fixInput(doc, { ...f, data: { suggestions: ['type-VF'] } }, DEFAULT_SETTINGS)), []);
});
