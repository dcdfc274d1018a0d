/** The typed PCI model on a parsed document: items as Nova walks them, document spans, trees read on demand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/service/document';
import { DEFAULT_RELEASE } from '../../server/src/service/releases';
import { deviceSpecItems, dictItems, itemKey, keySpanOf, spanOf, targetOf } from '../../server/src/service/model/pci';
import { plain, valueOf } from '../../server/src/service/model/py';
import { nodeAtTarget } from '../../server/src/service/rules/json-helpers';
import { codes, lint } from '../helpers';

const parse = (text: string) => parseDocument(text, 'file:///t/nova.conf', 1, DEFAULT_RELEASE);

test('device_spec items: the dicts Nova reads, stopping at the first item that is not one', () => {
  const text = '[pci]\ndevice_spec = [{"vendor_id": "8086"},\n  "0000:0a:00.1", {"address": "0000:0b:00.*"}]\n';
  const doc = parse(text);
  const [jv] = doc.deviceSpecs;
  const { items, notDict, after } = deviceSpecItems(jv);
  assert.deepEqual(items.map((i) => plain(i.dict)), [{ vendor_id: '8086' }]);
  assert.equal(notDict?.type, 'string');
  assert.equal(text.slice(spanOf(jv, notDict!).start, spanOf(jv, notDict!).end), '"0000:0a:00.1"');
  assert.deepEqual(after.map((i) => i.path), [[2]]);
  assert.equal(dictItems(jv).length, 2);
  // A key's document span is the quoted name, across the continuation line.
  const key = itemKey(after[0], 'address')!;
  const ks = keySpanOf(jv, key);
  assert.equal(text.slice(ks.start, ks.end), '"address"');
});

test('doc.entryAt and doc.jsonOf lead from a position to the model of that line', () => {
  const text = '[pci]\nalias = {"name": "a", "name": "gpu", "vendor_id": "10de"}\n';
  const doc = parse(text);
  const entry = doc.entryAt(text.indexOf('vendor_id'))!;
  const jv = doc.jsonOf(entry)!;
  assert.equal(jv.kind, 'alias');
  assert.deepEqual(plain(jv.py!), { name: 'gpu', vendor_id: '10de' });
  const [item] = dictItems(jv);
  // The jsonc tree is read on demand and agrees with the model: a fix target from the model finds the node Python keeps.
  const node = nodeAtTarget(jv.root, targetOf(item, 'value', 'name'));
  assert.equal(node?.value, 'gpu');
  assert.strictEqual(jv.root, jv.root, 'a tree read on demand is kept while it is in use');
});

test('an invalid value has no model, keeps its first error and its tolerant tree', () => {
  const doc = parse("[pci]\ndevice_spec = {'vendor_id': '8086'}\nalias =\n");
  const [spec] = doc.deviceSpecs;
  assert.equal(spec.valid, false);
  assert.equal(spec.py, undefined);
  assert.equal(spec.error?.data?.kind, 'single-quotes');
  assert.equal(spec.root?.type, 'object');
  assert.equal(doc.aliases[0].error?.data?.kind, 'empty');
  assert.deepEqual(dictItems(spec), []);
});

test('NaN and big numbers survive into the model as Python reads them', () => {
  const doc = parse('[pci]\ndevice_spec = {"vendor_id": 8086, "x": NaN, "y": 123456789012345678901234567890}\n');
  const [item] = dictItems(doc.deviceSpecs[0]);
  assert.equal(valueOf(itemKey(item, 'vendor_id')!).type, 'number');
  const x = valueOf(itemKey(item, 'x')!);
  assert.ok(x.type === 'number' && Number.isNaN(x.value));
  const y = valueOf(itemKey(item, 'y')!);
  assert.equal(y.type === 'number' ? y.raw : '', '123456789012345678901234567890');
});

test('rules read Python facts from the model: str(1.0) is "1.0", not a boolean word; str(1) is "1"', () => {
  // oslo's bool_from_string(strict=True) judges str(value): Nova refuses managed = 1.0 but accepts managed = 1.
  const bad = lint('[pci]\ndevice_spec = {"vendor_id": "10de", "managed": 1.0}\n', '2025.1');
  assert.deepEqual(codes(bad).filter((c) => c === 'device-spec-bad-bool-tag'), ['device-spec-bad-bool-tag']);
  const good = lint('[pci]\ndevice_spec = {"vendor_id": "10de", "managed": 1}\n', '2025.1');
  assert.deepEqual(codes(good).filter((c) => c === 'device-spec-bad-bool-tag'), []);
});
