/**
 * LSP 3.17 `CompletionList.itemDefaults.editRange` for clients that announce it (`completionList.itemDefaults` in
 * the client's completion capabilities; VS Code's client does).
 *
 * Every item of one of our lists edits the same range (the word being completed): a list of section names repeats
 * it 62 times. With the default range the items carry no `textEdit`; the client inserts each item's
 * `textEditText`, or its label when that is the text, over the default range, so what the user sees and gets does
 * not change. Clients that do not announce the default get the list unchanged. (Option-name lists, the longest,
 * are built in this form directly: completion.ts `optionNameList`.)
 */
import type { CompletionItem, CompletionList, Range } from 'vscode-languageserver-types';

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * The list with its items' common range moved to `itemDefaults.editRange`, where the client applies it (`supported`:
 * the client's `completionList.itemDefaults`). The default is the first item's range; an item with another range
 * keeps its `textEdit`, which the protocol says wins over the default. Left as it is: lists of fewer than two items,
 * lists that already have defaults, and lists where an item has no plain `textEdit` or sets `insertText`.
 */
export function withItemDefaults(list: CompletionList, supported: readonly string[]): CompletionList {
  const items = list.items;
  if (items.length < 2 || list.itemDefaults || !supported.includes('editRange')) return list;
  let range: Range | undefined;
  for (const item of items) {
    const te = item.textEdit;
    if (!te || !('range' in te) || item.insertText !== undefined || item.textEditText !== undefined) return list;
    range ??= te.range;
  }
  if (!range) return list;
  const out = new Array<CompletionItem>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const te = item.textEdit as { range: Range; newText: string };
    if (!sameRange(te.range, range)) {
      out[i] = item;
      continue;
    }
    const next = {} as CompletionItem;
    for (const k of Object.keys(item) as (keyof CompletionItem)[]) if (k !== 'textEdit') (next as Record<string, unknown>)[k] = item[k];
    if (te.newText !== item.label) next.textEditText = te.newText;
    out[i] = next;
  }
  return { isIncomplete: list.isIncomplete, itemDefaults: { editRange: range }, items: out };
}
