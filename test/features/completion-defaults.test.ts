/** withItemDefaults (features/completion-defaults.ts): which items give up their range to the list's default. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Range } from 'vscode-languageserver-types';
import { withItemDefaults } from '../../server/src/service/features/completion-defaults';

const r = (line: number, a: number, b: number): Range => ({ start: { line, character: a }, end: { line, character: b } });
const item = (label: string, range: Range, newText = label, extra: Partial<CompletionItem> = {}): CompletionItem => ({ label, kind: 10, textEdit: { range, newText }, ...extra });
const VS_CODE = ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'];

test('the common range goes to itemDefaults; texts other than the label become textEditText', () => {
  const list: CompletionList = { isIncomplete: false, items: [item('pci', r(3, 1, 2), 'pci]'), item('libvirt', r(3, 1, 2)), item('x', r(4, 0, 1), 'x', { sortText: '1' })] };
  const out = withItemDefaults(list, VS_CODE);
  assert.deepEqual(out.itemDefaults, { editRange: r(3, 1, 2) });
  assert.deepEqual(out.items, [
    { label: 'pci', kind: 10, textEditText: 'pci]' },
    { label: 'libvirt', kind: 10 },
    // Another range keeps its own edit, which wins over the default.
    { label: 'x', kind: 10, textEdit: { range: r(4, 0, 1), newText: 'x' }, sortText: '1' },
  ]);
  assert.deepEqual(list.items[0].textEdit, { range: r(3, 1, 2), newText: 'pci]' }, 'the input list is not changed');
});

test('left as it is: a client without editRange, one item, an item without a textEdit or with insertText, insert/replace edits', () => {
  const two = [item('a', r(0, 0, 1)), item('b', r(0, 0, 1))];
  const cases: [CompletionList, string[]][] = [
    [{ isIncomplete: false, items: two }, ['data', 'commitCharacters']],
    [{ isIncomplete: false, items: [item('a', r(0, 0, 1))] }, VS_CODE],
    [{ isIncomplete: false, items: [...two, { label: 'c' }] }, VS_CODE],
    [{ isIncomplete: false, items: [...two, item('c', r(0, 0, 1), 'c', { insertText: 'c' })] }, VS_CODE],
    [{ isIncomplete: false, items: [...two, { label: 'c', textEdit: { newText: 'c', insert: r(0, 0, 1), replace: r(0, 0, 2) } }] }, VS_CODE],
    [{ isIncomplete: false, itemDefaults: { data: 1 }, items: two }, VS_CODE],
  ];
  for (const [list, supported] of cases) assert.equal(withItemDefaults(list, supported), list);
});
