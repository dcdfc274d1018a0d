/**
 * The line starts of an open document as the LSP server's copy already knows them.
 *
 * vscode-languageserver-textdocument's TextDocument keeps its line offsets up to date on every incremental change
 * (it needs them to turn each change's range into offsets), with the same rule as service/lines.ts: a line ends at
 * \n, \r\n or a lone \r. Handing a copy of them to the parse of a keystroke's version saves scanning the whole text
 * again (docs/performance.md, Round 7, keys6k). The offsets are a private field of that library: when they are not
 * there (a just-opened document, an edit next to a \r\n pair, another version of the library) the answer is
 * undefined and the parse computes them as before. test/protocol/keystroke-reuse.test.ts checks the two agree over
 * random edits.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function knownLineStarts(td: TextDocument): number[] | undefined {
  const offsets = (td as unknown as { _lineOffsets?: unknown })._lineOffsets;
  if (!Array.isArray(offsets) || offsets[0] !== 0) return undefined;
  // A copy: the document changes its array in place on the next edit, the parse keeps this one.
  return (offsets as number[]).slice();
}
