/**
 * LSP 3.17 CompletionList.itemDefaults over real stdio. A client that announces them (VS Code's does) gets each list's
 * shared range once (`itemDefaults.editRange`) and option-name lists with a default `data`; once the client applies
 * the defaults as the protocol says, every list holds the same items as for a client that does not announce them
 * (same labels, order, sortText, detail, kind, tags, inserted text and range), and resolving any option item gives
 * the documentation a client without resolve support gets inline. Clients without itemDefaults get full items.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient } from '../lsp-client';
import { VSCODE_COMPLETION } from '../vscode-capabilities';
import { HAVE_SHARED, ROOT, SHARED } from '../helpers';

type Json = Record<string, unknown>;
interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface Item {
  label: string;
  textEdit?: { range: Range; newText: string };
  textEditText?: string;
  data?: unknown;
  documentation?: unknown;
  [k: string]: unknown;
}
interface List {
  isIncomplete: boolean;
  itemDefaults?: { editRange?: Range; data?: unknown; [k: string]: unknown };
  items: Item[];
}

const COMPLETION = VSCODE_COMPLETION;
const { completionList: _defaults, ...WITHOUT_DEFAULTS } = COMPLETION;
const { resolveSupport: _resolve, ...INLINE_ITEM } = COMPLETION.completionItem;

/** The defaults applied as the protocol (and vscode-languageclient's converter) applies them. */
function applyDefaults(list: List): List {
  const d = list.itemDefaults;
  if (!d) return list;
  return {
    isIncomplete: list.isIncomplete,
    items: list.items.map((item) => {
      const { textEditText, ...rest } = item;
      const out: Item = { ...rest };
      if (!out.textEdit && d.editRange) out.textEdit = { range: d.editRange, newText: textEditText ?? item.label };
      if (out.data === undefined && d.data !== undefined) out.data = d.data;
      return out;
    }),
  };
}

function withoutData(list: List): List {
  return { isIncomplete: list.isIncomplete, items: list.items.map(({ data: _data, ...rest }) => rest) };
}

const OWN = [
  '[DEFAULT]',
  'debug = true',
  'my_ip=10.0.0.1',
  'host',
  'transport_url = rabbit://u:p@h:5672/',
  '',
  '[pci]',
  'device_spec = {"vendor_id": "8086", "product_id": "154d"}',
  'alias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6", "device_type": "type-PF"}',
  '',
  '[filter_scheduler]',
  'enabled_filters = ComputeFilter, PciPassthroughFilter',
  'pci_in',
  '',
  '[libvirt]',
  'virt_type = kvm',
  '',
  '[',
].join('\n');

const FILES: { name: string; text: string }[] = [
  { name: 'own', text: OWN },
  { name: 'examples/nova.conf', text: readFileSync(join(ROOT, 'examples', 'nova.conf'), 'utf8') },
];
if (HAVE_SHARED) FILES.push({ name: 'real6k', text: readFileSync(join(SHARED, 'data', 'real-world', '060-tripleo-undercloud-puppet-generated-full.conf'), 'utf8') });

/**
 * Line starts, the second character and line ends of every line that is not a comment (names, values, headers,
 * JSON), and the empty lines that follow one of them (option names).
 */
function positions(text: string): { line: number; character: number }[] {
  const out: { line: number; character: number }[] = [];
  const lines = text.split('\n');
  lines.forEach((l, line) => {
    if (l.startsWith('#') || (l === '' && line > 0 && (lines[line - 1] === '' || lines[line - 1].startsWith('#')))) return;
    for (const character of new Set([0, Math.min(2, l.length), l.length])) out.push({ line, character });
  });
  return out;
}

let vscode: LspClient;
let plain: LspClient;
let inline: LspClient;
let rangeOnly: LspClient;

before(async () => {
  vscode = new LspClient();
  plain = new LspClient();
  inline = new LspClient();
  rangeOnly = new LspClient();
  await vscode.initialize({ textDocument: { completion: COMPLETION } });
  await plain.initialize({ textDocument: { completion: WITHOUT_DEFAULTS } });
  await inline.initialize({ textDocument: { completion: { ...WITHOUT_DEFAULTS, completionItem: INLINE_ITEM } } });
  // A client that applies a default range but does not resolve documentation.
  await rangeOnly.initialize({ textDocument: { completion: { ...COMPLETION, completionItem: INLINE_ITEM } } });
  for (const c of [vscode, plain, inline, rangeOnly]) {
    FILES.forEach((f, i) => c.open(`file:///defaults/${i}.conf`, f.text, 1));
    await Promise.all(FILES.map((_, i) => c.diagnostics(`file:///defaults/${i}.conf`, 1)));
  }
});

after(async () => {
  await Promise.all([vscode, plain, inline, rangeOnly].map((c) => c.close()));
});

for (const [i, f] of FILES.entries()) {
  test(`${f.name}: with item defaults applied, every list equals the full list a client without them gets`, async () => {
    const uri = `file:///defaults/${i}.conf`;
    let compacted = 0;
    let optionLists = 0;
    for (const position of positions(f.text)) {
      const params = { textDocument: { uri }, position, context: { triggerKind: 1 } };
      const [a, b, c, d] = await Promise.all([vscode, plain, inline, rangeOnly].map((x) => x.request<List | null>('textDocument/completion', params)));
      const where = `${f.name} ${position.line}:${position.character}`;
      assert.equal(b?.itemDefaults, undefined, `${where}: no defaults for a client that did not announce them`);
      assert.equal(c?.itemDefaults, undefined, where);
      if (!a || !b || !c || !d) {
        assert.deepEqual([a, d], [b, b], where);
        continue;
      }
      if (a.itemDefaults) compacted++;
      assert.ok(a.items.every((x) => x.textEdit === undefined || a.itemDefaults?.editRange === undefined || JSON.stringify(x.textEdit.range) !== JSON.stringify(a.itemDefaults.editRange)), `${where}: no item repeats the default range`);
      // Everything the user sees and gets is the same; `data` is the server's own and is checked by resolving.
      assert.deepEqual(withoutData(applyDefaults(a)), withoutData(b), where);
      assert.deepEqual(applyDefaults(d), c, `${where}: range defaults without resolve support`);
      const isOptionList = b.items.length > 0 && b.items.every((x) => (x.data as { nco?: string } | undefined)?.nco !== undefined);
      if (!isOptionList) {
        assert.deepEqual(applyDefaults(a), b, `${where}: other lists carry the same data`);
        continue;
      }
      optionLists++;
      assert.ok(a.itemDefaults?.data !== undefined, `${where}: option lists send their data once`);
      // Resolving each item as the client holds it gives what the client without resolve support got inline
      // (every item of the first lists, then the first and the last).
      const expanded = applyDefaults(a).items;
      const sample = optionLists <= 4 ? expanded.map((_, k) => k) : [0, expanded.length - 1];
      const resolved = await Promise.all(sample.map((k) => vscode.request<Item>('completionItem/resolve', expanded[k])));
      resolved.forEach((r, n) => {
        assert.ok(r.documentation, `${where} ${r.label}: documented after resolve`);
        assert.deepEqual(r.documentation, c.items[sample[n]].documentation, `${where} ${r.label}`);
      });
    }
    assert.ok(compacted > 0, 'some lists use the defaults');
    assert.ok(optionLists > 0, 'option-name lists were checked');
  });
}

test('the [DEFAULT] option list shrinks to less than half its JSON with the defaults', { skip: HAVE_SHARED ? false : 'shared data not found' }, async () => {
  const text = FILES[2].text;
  const at = text.indexOf('\nmy_ip=') + 1;
  const line = text.slice(0, at).split('\n').length - 1;
  const params = { textDocument: { uri: 'file:///defaults/2.conf' }, position: { line, character: 0 } };
  const a = await vscode.request<List>('textDocument/completion', params);
  const b = await plain.request<List>('textDocument/completion', params);
  assert.ok(a.items.length > 100);
  const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x));
  assert.ok(bytes(a) * 2 < bytes(b), `${bytes(a)} vs ${bytes(b)} bytes`);
});

test('resolve: default data without a known option, or an item of another origin, comes back unchanged', async () => {
  const odd: Json[] = [
    { label: 'no_such_option', data: { nco: '2026.1|DEFAULT' } },
    { label: 'debug', data: { nco: 'not-a-release|DEFAULT' } },
    { label: 'debug', data: { other: 1 } },
  ];
  for (const item of odd) assert.deepEqual(await vscode.request<Json>('completionItem/resolve', item), item);
  const ok = await vscode.request<Item>('completionItem/resolve', { label: 'debug', data: { nco: '2026.1|DEFAULT' } });
  assert.match(JSON.stringify(ok.documentation), /\[DEFAULT\] debug/);
});
