/** Inlay hints without a host: PCI vendor/product names after ids, and the value of `$name` references. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { service } from '../helpers';
import type { InlayHintOptions } from '../../server/src/service/index';

const ALL = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };
let n = 0;
/** "line:text-before-the-hint| label" for each hint. */
function hints(text: string, options?: InlayHintOptions, range = ALL): string[] {
  const s = service();
  const lines = text.split('\n');
  return s.inlayHints(s.parse(text, `file:///i/${n++}.conf`, 1), range, options).map((h) => `${h.position.line}:${lines[h.position.line].slice(0, h.position.character).slice(-8)}| ${String(h.label)}`);
}

test('device_spec: vendor and product names after the ids, read as Nova reads them (int(x, 16))', () => {
  const text = ['[pci]', 'device_spec = [{"vendor_id": "8086", "product_id": "0x154d"}, {"vendor_id": "10DE"}]', ''].join('\n');
  assert.deepEqual(hints(text), ['1:: "8086"| Intel Corporation', '1:"0x154d"| Ethernet 10G 2P X520 Adapter', '1:: "10DE"| NVIDIA Corporation']);
});

test('alias: exactly four hex digits; an id Nova refuses, a wildcard or an unknown id gets no hint', () => {
  const text = ['[pci]', 'alias = {"name": "a", "vendor_id": "10de", "product_id": "1db4"}', 'alias = {"name": "b", "vendor_id": "0x10de", "product_id": "1db4"}', 'device_spec = {"vendor_id": "*", "product_id": "ffff"}', 'device_spec = {"vendor_id": "8086", "product_id": "fff0"}', ''].join('\n');
  assert.deepEqual(hints(text), ['1:: "10de"| NVIDIA Corporation', '1:: "1db4"| GV100GL [Tesla V100 PCIe 16GB]', '4:: "8086"| Intel Corporation']);
});

test('multi-line values: the hint follows the id on its own line', () => {
  const text = ['[pci]', 'device_spec = {', '    "vendor_id": "15b3",', '    "product_id": "101e"}', ''].join('\n');
  assert.deepEqual(hints(text), ['2:: "15b3"| Mellanox Technologies', '3:: "101e"| ConnectX Family mlx5Gen Virtual Function']);
});

test('$name references: the value they stand for (set in the file, or the default)', () => {
  const text = ['[DEFAULT]', 'my_ip = 192.0.2.10', '[vnc]', 'server_listen = $my_ip', 'novncproxy_base_url = http://${server_listen}:6080/vnc_auto.html', 'server_proxyclient_address = $nope', ''].join('\n');
  assert.deepEqual(hints(text), ['3:= $my_ip| = 192.0.2.10', '4:_listen}| = 192.0.2.10']);
});

test('each kind can be turned off; the range limits the hints', () => {
  const text = ['[DEFAULT]', 'my_ip = 192.0.2.10', 'host = $my_ip', '[pci]', 'device_spec = {"vendor_id": "8086"}', ''].join('\n');
  assert.deepEqual(hints(text, { pciNames: false }), ['2:= $my_ip| = 192.0.2.10']);
  assert.deepEqual(hints(text, { references: false }), ['4:: "8086"| Intel Corporation']);
  assert.deepEqual(hints(text, { pciNames: false, references: false }), []);
  assert.deepEqual(hints(text, {}, { start: { line: 3, character: 0 }, end: { line: 5, character: 0 } }), ['4:: "8086"| Intel Corporation']);
});
