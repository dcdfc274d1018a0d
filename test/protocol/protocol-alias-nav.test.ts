/**
 * Alias names inside one nova.conf through the built server over real stdio (run `npm run build` first): go to
 * definition, references and rename with no flavor document and no workspace folder. Nova merges every alias line
 * with the same name into one request, so each of those lines is a definition of the name.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../lsp-client';

const URI = 'file:///work/protocol-alias-nav/nova.conf';
const TEXT = [
  '[pci]',
  'alias = {"name": "nic", "vendor_id": "8086", "product_id": "10fb", "device_type": "type-PF"}',
  'alias = {"name": "gpu", "vendor_id": "10de", "product_id": "1db4"}',
  'alias = {"name": "nic", "vendor_id": "8086", "product_id": "154d", "device_type": "type-PF"}',
  'device_spec = {"vendor_id": "8086", "product_id": "10fb"}',
  '',
].join('\n');
const LINES = TEXT.split('\n');

interface Location {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

let c: LspClient;
let caps: { definitionProvider?: unknown; referencesProvider?: unknown; renameProvider?: { prepareProvider?: boolean } } = {};

before(async () => {
  c = new LspClient();
  caps = ((await c.initialize({})) as { capabilities: typeof caps }).capabilities;
  c.open(URI, TEXT, 1);
  await c.diagnostics(URI, 1);
});

after(() => c.close());

/** Position inside the n-th occurrence of `needle` on line `line`. */
const at = (line: number, needle: string) => ({ line, character: LINES[line].indexOf(needle) + 1 });
const show = (ls: Location[]) => ls.map((l) => `${l.uri === URI ? '' : l.uri}${l.range.start.line}:${LINES[l.range.start.line].slice(l.range.start.character, l.range.end.character)}`);

test('capabilities: definition, references, rename with prepare', () => {
  assert.ok(caps.definitionProvider && caps.referencesProvider);
  assert.equal(caps.renameProvider?.prepareProvider, true);
});

test('textDocument/definition: every alias line of that name (Nova merges them), not the other alias', async () => {
  const defs = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: URI }, position: at(3, '"nic"') });
  assert.deepEqual(show(defs), ['1:nic', '3:nic']);
  assert.deepEqual(show(await c.request<Location[]>('textDocument/definition', { textDocument: { uri: URI }, position: at(2, '"gpu"') })), ['2:gpu']);
  assert.deepEqual(await c.request('textDocument/definition', { textDocument: { uri: URI }, position: at(4, 'vendor_id') }), []);
});

test('textDocument/references: the definitions when asked for; no flavor asks for the name', async () => {
  assert.deepEqual(show(await c.request<Location[]>('textDocument/references', { textDocument: { uri: URI }, position: at(1, '"nic"'), context: { includeDeclaration: true } })), ['1:nic', '3:nic']);
  assert.deepEqual(await c.request('textDocument/references', { textDocument: { uri: URI }, position: at(1, '"nic"'), context: { includeDeclaration: false } }), []);
});

test('textDocument/prepareRename: the alias name only', async () => {
  const r = await c.request<{ range: Location['range']; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: URI }, position: at(1, '"nic"') });
  assert.equal(r.placeholder, 'nic');
  assert.equal(LINES[1].slice(r.range.start.character, r.range.end.character), 'nic');
  for (const p of [at(1, '"name"'), at(1, '8086'), at(1, 'alias'), at(0, 'pci'), at(4, '10fb')]) {
    assert.equal(await c.request('textDocument/prepareRename', { textDocument: { uri: URI }, position: p }), null, JSON.stringify(p));
  }
});

test('textDocument/rename: both lines of the name and nothing else; a name Nova cannot use is refused', async () => {
  const edit = await c.request<{ changes: Record<string, { range: Location['range']; newText: string }[]> }>('textDocument/rename', { textDocument: { uri: URI }, position: at(3, '"nic"'), newName: 'sriov-nic' });
  assert.deepEqual(Object.keys(edit.changes), [URI]);
  assert.deepEqual(edit.changes[URI].map((e) => `${e.range.start.line}:${LINES[e.range.start.line].slice(e.range.start.character, e.range.end.character)}->${e.newText}`), ['1:nic->sriov-nic', '3:nic->sriov-nic']);
  for (const bad of ['gpu:2', 'a b', 'x,y', '"q"', '']) {
    await assert.rejects(c.request('textDocument/rename', { textDocument: { uri: URI }, position: at(3, '"nic"'), newName: bad }), /cannot rename alias 'nic'/, bad);
  }
  await assert.rejects(c.request('textDocument/rename', { textDocument: { uri: URI }, position: at(3, '"nic"'), newName: 'gpu' }), /alias 'gpu' is already defined at nova\.conf:3.*merge/);
  await assert.rejects(c.request('textDocument/rename', { textDocument: { uri: URI }, position: at(4, '8086'), newName: 'x' }), /alias names only/);
});
