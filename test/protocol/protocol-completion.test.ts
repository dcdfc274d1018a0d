/** Completion and hover through the built server over real stdio (run `npm run build` first). */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../lsp-client';

const URI = 'file:///work/protocol-completion/nova.conf';
const TEXT = [
  '[pci]',
  'device_spec = {"vendor_id": "8086", "product_id": "154d", "address": "*:41:00.0", }',
  'alias = {"name": "nic", "device_type": "type-VF", "vendor_id": "Intel"}',
  '',
].join('\n');

interface Item {
  label: string;
  textEdit?: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
  insertTextFormat?: number;
  command?: { command: string };
  detail?: string;
  documentation?: { kind: string; value: string };
}
interface List {
  isIncomplete: boolean;
  items: Item[];
}
interface HoverResult {
  contents: { kind: string; value: string };
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

let c: LspClient;

before(async () => {
  c = new LspClient();
  await c.initialize({ textDocument: { completion: { completionItem: { snippetSupport: true } } } });
  c.open(URI, TEXT, 1);
  await c.diagnostics(URI, 1);
});

after(() => c.close());

const at = (line: number, character: number) => ({ textDocument: { uri: URI }, position: { line, character } });

test('completion of a device_spec tag after the last property', async () => {
  const col = TEXT.split('\n')[1].indexOf(', }') + 2;
  const list = await c.request<List>('textDocument/completion', at(1, col));
  const labels = list.items.map((i) => i.label);
  assert.ok(labels.includes('physical_network') && labels.includes('trusted'), JSON.stringify(labels));
  assert.ok(!labels.includes('vendor_id') && !labels.includes('address'), 'present keys are not offered');
  const pn = list.items.find((i) => i.label === 'physical_network')!;
  assert.equal(pn.textEdit?.newText, '"physical_network": "$1"', 'the key comes with a quoted placeholder for its value');
  assert.equal(pn.insertTextFormat, 2, 'as a snippet');
  assert.equal(pn.command?.command, 'editor.action.triggerSuggest', 'and value suggestions open inside it');
  const trusted = list.items.find((i) => i.label === 'trusted')!;
  assert.equal(trusted.textEdit?.newText, '"trusted": "${1|true,false|}"', 'booleans as choices');
  assert.ok(list.items.every((i) => i.detail && i.documentation?.value), 'detail and documentation on every item');
  assert.deepEqual(pn.textEdit?.range, { start: { line: 1, character: col }, end: { line: 1, character: col } });
  assert.equal(pn.documentation?.kind, 'markdown');
});

test('completion of a device_type value', async () => {
  const col = TEXT.split('\n')[2].indexOf('type-VF');
  const list = await c.request<List>('textDocument/completion', at(2, col));
  assert.deepEqual(list.items.map((i) => i.label), ['type-PCI', 'type-PF', 'type-VF']);
  const pf = list.items.find((i) => i.label === 'type-PF')!;
  assert.equal(pf.textEdit?.newText, 'type-PF"');
  assert.deepEqual(pf.textEdit?.range, { start: { line: 2, character: col }, end: { line: 2, character: col + 'type-VF"'.length } });
});

test('completion of a vendor by name', async () => {
  const col = TEXT.split('\n')[2].indexOf('Intel"') + 'Intel'.length;
  const list = await c.request<List>('textDocument/completion', at(2, col));
  const intel = list.items.find((i) => i.label === '8086 — Intel Corporation');
  assert.ok(intel, JSON.stringify(list.items.slice(0, 5).map((i) => i.label)));
  assert.equal(intel.textEdit?.newText, '8086"');
  assert.deepEqual(intel.textEdit?.range.start, { line: 2, character: col - 'Intel'.length });
  assert.ok(list.items.every((i) => !/wrong id/i.test(i.label)), 'no ids the database marks as wrong');
});

test('hover on a tag, an enum value, a vendor id and an address', async () => {
  const l1 = TEXT.split('\n')[1];
  const l2 = TEXT.split('\n')[2];
  const tag = await c.request<HoverResult>('textDocument/hover', at(1, l1.indexOf('product_id') + 2));
  assert.equal(tag.contents.kind, 'markdown');
  assert.match(tag.contents.value, /device_spec tag `product_id`/);

  const en = await c.request<HoverResult>('textDocument/hover', at(2, l2.indexOf('type-VF') + 3));
  assert.match(en.contents.value, /virtual function/);

  const ven = await c.request<HoverResult>('textDocument/hover', at(1, l1.indexOf('8086') + 1));
  assert.match(ven.contents.value, /Intel Corporation/);
  assert.deepEqual(ven.range, { start: { line: 1, character: l1.indexOf('8086') - 1 }, end: { line: 1, character: l1.indexOf('8086') + 5 } });

  const addr = await c.request<HoverResult>('textDocument/hover', at(1, l1.indexOf('*:41') + 3));
  assert.match(addr.contents.value, /any domain, bus 0x41, slot 0x00, function 0/);
});

test('a client without snippet support gets plain text: no $1, no choices syntax, no re-trigger command', async () => {
  const plain = new LspClient();
  try {
    await plain.initialize({});
    plain.open(URI, TEXT, 1);
    await plain.diagnostics(URI, 1);
    const col = TEXT.split('\n')[1].indexOf(', }') + 2;
    const list = await plain.request<List>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 1, character: col } });
    const pn = list.items.find((i) => i.label === 'physical_network')!;
    assert.equal(pn.textEdit?.newText, '"physical_network": ""');
    assert.notEqual(pn.insertTextFormat, 2);
    assert.equal(pn.command, undefined);
    for (const i of list.items) assert.ok(!/\$\{?\d/.test(i.textEdit?.newText ?? ''), `${i.label}: ${i.textEdit?.newText}`);
  } finally {
    await plain.shutdown().catch(() => {});
    plain.kill();
  }
});
