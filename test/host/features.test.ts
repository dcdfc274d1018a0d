/** Hover, inlay hints and completion with a host inventory (service level). */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/index';
import { readHostRoot } from '../../server/src/host-reader';
import { buildInventory } from '../../server/src/service/host/inventory';
import { caret } from '../helpers';
import { buildSysfs, doneWhenHost } from './sysfs';

const tree = buildSysfs(doneWhenHost());
after(tree.cleanup);
const host = buildInventory(readHostRoot(tree.root));

function svc(withHost = true) {
  return createLanguageService({ settings: withHost ? { host } : {} });
}

test('hover on the VF entry lists the 4 VFs with names, parent, NUMA node and netdev', () => {
  const { text, position } = caret('[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "15|4c"}\n');
  const s = svc();
  const h = s.hover(s.parse(text, 'file:///h.conf', 1), position);
  const md = (h?.contents as MarkupContent).value;
  assert.match(md, /matches 4 VFs of 0000:3b:00\.0, NUMA 1/);
  for (let i = 0; i < 4; i++) assert.match(md, new RegExp(`\\| 0000:3b:02\\.${i} \\|[^\\n]*VF of 0000:3b:00\\.0 \\| 1 \\| ens1f0v${i} \\|`));
  assert.match(md, /Intel/, 'vendor name from pci.ids');
  // The usual hover of the product id is still there, above the host part.
  assert.ok(md.indexOf('---') > 0);
  // No host: no device list.
  const plain = svc(false).hover(svc(false).parse(text, 'file:///h.conf', 1), position);
  assert.doesNotMatch((plain?.contents as MarkupContent | undefined)?.value ?? '', /0000:3b:02/);
});

test('hover marks devices an earlier entry took', () => {
  const { text, position } = caret('[pci]\ndevice_spec = {"address": "0000:3b:02.0"}\ndevice_spec = {"vendor_id": "8086", "product_id": "154c"|}\n');
  const s = svc();
  const md = (s.hover(s.parse(text, 'file:///h.conf', 1), position)?.contents as MarkupContent).value;
  assert.match(md, /0000:3b:02\.0 \|.*taken by line 2/);
});

test('inlay hints count what each entry matches', () => {
  const text = '[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154c"}\ndevice_spec = {"address": "0000:3b:00.0"}\ndevice_spec = {"vendor_id": "10de"}\ndevice_spec = {"devname": "ens9"}\n';
  const s = svc();
  const doc = s.parse(text, 'file:///i.conf', 1);
  // The host hints only (the PCI-name and reference hints are test/features/inlay-hints.test.ts).
  const hostOnly = { pciNames: false, references: false };
  const hints = s.inlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, hostOnly);
  const labels = hints.map((h) => `${h.position.line}: ${String(h.label)}`);
  assert.deepEqual(labels, [
    `1: matches 4 VFs of 0000:3b:00.0, NUMA 1 on ${host.name}`,
    `2: matches PF 0000:3b:00.0 and its 4 VFs, NUMA 1 (4 taken by earlier entries) on ${host.name}`,
    `3: matches 0000:af:00.0 (type-PCI), no NUMA node on ${host.name}`,
    `4: matches nothing on ${host.name}`,
  ]);
  assert.equal(hints[0].position.character, text.split('\n')[1].length, 'after the closing brace');
  assert.deepEqual(svc(false).inlayHints(svc(false).parse(text, 'file:///i.conf', 1), { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, hostOnly), []);
});

function labels(items: CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

test('completion offers the host\'s addresses, ids and devnames first', () => {
  const s = svc();
  const at = (fixture: string) => {
    const { text, position } = caret(fixture);
    return s.completion(s.parse(text, 'file:///c.conf', 1), position).items;
  };
  const addr = at('[pci]\ndevice_spec = {"address": "|"}\n');
  assert.deepEqual(labels(addr).slice(0, 6), ['0000:3b:00.0', '0000:3b:02.0', '0000:3b:02.1', '0000:3b:02.2', '0000:3b:02.3', '0000:af:00.0']);
  assert.match(addr[0].detail ?? '', /PF, .*8086:1572.*NUMA 1/);
  const dev = at('[pci]\ndevice_spec = {"devname": "|"}\n');
  assert.deepEqual(labels(dev), ['ens1f0', 'ens1f0v0', 'ens1f0v1', 'ens1f0v2', 'ens1f0v3']);
  const vendor = at('[pci]\ndevice_spec = {"vendor_id": "|"}\n');
  assert.match(String(vendor[0].label), /^10de — NVIDIA/);
  assert.match(String(vendor[1].label), /^8086 — Intel/);
  assert.equal(vendor.filter((i) => i.textEdit && 'newText' in i.textEdit && i.textEdit.newText === '8086"').length, 1, 'the pci.ids entry for 8086 is not repeated');
  const product = at('[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "|"}\n');
  assert.deepEqual(labels(product).slice(0, 2).map((l) => l.slice(0, 4)), ['154c', '1572']);
  assert.match(product[0].detail ?? '', /4 VFs/);
  const alias = at('[pci]\nalias = {"name": "x", "vendor_id": "10de", "product_id": "|"}\n');
  assert.match(String(alias[0].label), /^20b5/);
  // No address completion inside an alias (aliases have no address).
  assert.ok(!labels(at('[pci]\nalias = {"name": "x", "device_type": "|"}\n')).includes('0000:3b:00.0'));
});
