/** Outline: aliases by name, device_spec entries by what they select. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { service } from '../helpers';

test('the outline names each alias and describes each device_spec', () => {
  const s = service();
  const text = [
    '[pci]',
    'device_spec = {"vendor_id": "8086", "product_id": "154d", "physical_network": "physnet1"}',
    'device_spec = [{"address": "0000:41:00.*"}, {"address": {"bus": "0a"}}]',
    'alias = {"name": "gpu", "vendor_id": "10de", "product_id": "25b6", "device_type": "type-PF"}',
    'alias = {"vendor_id": "10de"}',
    'device_spec = {not json',
    '',
  ].join('\n');
  const [pci] = s.documentSymbols(s.parse(text, 'file:///outline.conf', 1));
  const kids = (pci.children ?? []).map((c) => [c.name, c.detail]);
  assert.deepEqual(kids, [
    ['device_spec', '8086:154d physnet physnet1'],
    ['device_spec', 'address 0000:41:00.*; address (regex)'],
    ['alias gpu', '10de:25b6 type-PF'],
    ['alias', '10de:*'],
    ['device_spec', '{not json'],
  ]);
});
