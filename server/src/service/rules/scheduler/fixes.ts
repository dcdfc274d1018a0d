/** Fixes for [filter_scheduler] enabled_filters. */
import type { Entry } from '../../model';
import { schedulerFilters } from '../../catalog/pci';
import { suggest } from '../../suggest';
import { lastEntry } from '../config-values';
import { listItemIndex, listItems } from '../../oslo/list';
import { appendToGroup } from '../edits';
import { Fix, FixInput, strings } from '../fix-types';
import type { SchedulerData } from './data';

const PCI_FILTER = 'PciPassthroughFilter';

/** An enabled_filters entry we can edit token by token (no `$` substitution inside). */
const editable = new WeakMap<Entry, boolean>();
function editableList(e: Entry | undefined): e is Entry {
  if (!e) return false;
  // Asked once per finding, and a line can list thousands of filters: scan the value once per entry.
  let ok = editable.get(e);
  if (ok === undefined) editable.set(e, (ok = !e.refs.length && !e.raw.includes('$')));
  return ok;
}

export function pciFilterFixes(input: FixInput<SchedulerData['pci-filter-not-enabled']>): Fix[] {
  const { doc } = input;
  const ef = lastEntry(doc, 'filter_scheduler', 'enabled_filters');
  if (ef) {
    if (!editableList(ef)) return [];
    const items = listItems(ef);
    if (items.some((i) => i.text === PCI_FILTER)) return [];
    // A misspelt PciPassthroughFilter in the list is better fixed by its did-you-mean.
    const known = schedulerFilters(doc.release);
    const typo = items.some((i) => !known.includes(i.text) && suggest(i.text, [PCI_FILTER], 1).length > 0);
    const last = items[items.length - 1];
    if (!last) {
      const at = ef.valueSpan.end;
      return [{ title: `Add ${PCI_FILTER} to [filter_scheduler] enabled_filters`, edits: [{ start: at, end: at, text: PCI_FILTER }], preferred: true }];
    }
    // Follow the list's own style: a space after the comma when the list has one.
    const spaced = /,[ \t]/.test(ef.value) || items.length === 1;
    return [{ title: `Add ${PCI_FILTER} to [filter_scheduler] enabled_filters`, edits: [{ start: last.span.end, end: last.span.end, text: `,${spaced ? ' ' : ''}${PCI_FILTER}` }], preferred: !typo }];
  }
  const defaults = strings(input.data.defaultFilters);
  if (defaults.includes(PCI_FILTER)) return [];
  const line = `enabled_filters = ${[...defaults, PCI_FILTER].join(', ')}`;
  const insert = appendToGroup(doc, 'filter_scheduler', line + (/\r\n|\n|\r/.exec(doc.text)?.[0] ?? '\n'));
  return [{ title: `Set [filter_scheduler] enabled_filters to the default filters plus ${PCI_FILTER}`, edits: [insert], preferred: true }];
}

/** Removes one item of a list value together with the comma next to it. */
export function removeListItemFixes(input: FixInput<SchedulerData['filter-removed']>): Fix[] {
  const e = input.doc.entryAt(input.start);
  if (!editableList(e)) return [];
  const items = listItems(e);
  const i = listItemIndex(e, input.start, input.end);
  if (i < 0) return [];
  const item = items[i];
  let start = item.span.start;
  let end = item.span.end;
  if (i + 1 < items.length) end = items[i + 1].span.start;
  else if (i > 0) start = items[i - 1].span.end;
  const removed = input.doc.text.slice(start, end);
  // Only a comma, spaces and line breaks may go besides the item itself.
  if (removed.replace(item.text, '').replace(/[\s,]/g, '') !== '') return [];
  return [{ title: `Remove ${item.text} from enabled_filters`, edits: [{ start, end, text: '' }], preferred: true }];
}

export function unknownFilterFixes(input: FixInput<SchedulerData['unknown-filter']>): Fix[] {
  const e = input.doc.entryAt(input.start);
  if (!editableList(e)) return [];
  const item = listItems(e)[listItemIndex(e, input.start, input.end)];
  if (!item || input.doc.text.slice(item.span.start, item.span.end) !== item.text) return [];
  return strings(input.data.suggestions).map((s, i) => ({ title: `Change ${item.text} to ${s}`, edits: [{ start: item.span.start, end: item.span.end, text: s }], preferred: i === 0 }));
}
