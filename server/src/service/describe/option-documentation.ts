/**
 * An option's documentation as completion's `completionItem/resolve` and hover send it, kept for the options asked
 * about last (docs/performance.md, Round 12).
 */
import { MarkupKind } from 'vscode-languageserver-types';
import type { OptionInfo } from '../catalog/options';
import type { Release } from '../releases';
import { optionMarkdown } from './options';

/**
 * The documentation `resolveCompletion` sends for an option (and hover shows on its name), kept for the options
 * asked about last: the client resolves the selected item again each time the list opens or the selection comes
 * back to it, hover asks again as the pointer rests, and the text is the same every time (a few hundred bytes to a
 * few KB, built from several strings). At most 128 options; the whole set is dropped when full, as the
 * option-name lists are.
 */
const documentation = new Map<OptionInfo, { release: Release; doc: Readonly<{ kind: typeof MarkupKind.Markdown; value: string }> }>();

export function optionDocumentation(opt: OptionInfo, release: Release): Readonly<{ kind: typeof MarkupKind.Markdown; value: string }> {
  const kept = documentation.get(opt);
  if (kept?.release === release) return kept.doc;
  const doc = Object.freeze({ kind: MarkupKind.Markdown, value: optionMarkdown(opt, release) });
  if (documentation.size >= 128) documentation.clear();
  documentation.set(opt, { release, doc });
  return doc;
}
