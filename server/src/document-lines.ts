/**
 * An open document's text and line starts as the LSP server's copy keeps them.
 *
 * vscode-languageserver-textdocument's TextDocument keeps its line offsets up to date on every incremental change
 * (it needs them to turn each change's range into offsets), with the same rule as service/lines.ts: a line ends at
 * \n, \r\n or a lone \r. Handing a copy of them to the parse of a keystroke's version saves scanning the whole text
 * again (docs/performance.md, Round 7, keys6k). The offsets are a private field of that library: when they are not
 * there (a just-opened document, an edit next to a \r\n pair, another version of the library) the answer is
 * undefined and the parse computes them as before. test/protocol/keystroke-reuse.test.ts checks the two agree over
 * random edits.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';

export function knownLineStarts(td: TextDocument): Int32Array | undefined {
  const offsets = (td as unknown as { _lineOffsets?: unknown })._lineOffsets;
  if (!Array.isArray(offsets) || offsets[0] !== 0) return undefined;
  // A copy: the document changes its array in place on the next edit, the parse keeps this one. A typed array, whose
  // elements V8 keeps outside its heap: as an array this copy was a third of a real6k keystroke's young allocation
  // (52 KB of ~170 KB besides the text), and so of its scavenges (docs/performance.md, Round 20: key20).
  // Made at its size and filled by set(): `new Int32Array(array)` first copies the array into a list of the same size
  // on the heap (as iterating it would), which is the very allocation this avoids.
  const copy = new Int32Array(offsets.length);
  copy.set(offsets as number[]);
  return copy;
}

/** The library's document object's own fields (vscode-languageserver-textdocument 1.x, FullTextDocument). */
interface Fields {
  _content?: unknown;
  _lineOffsets?: unknown;
  _version?: unknown;
}

/**
 * Applies one change that protocol-gate.ts found valid, as TextDocument.update does, except that the new text is one
 * sequential string (docs/performance.md, Round 20: key20). The library joins the pieces with `+`, which makes V8
 * a rope (a ConsString) that it flattens in place on the first character read: the text stays a rope pointing at
 * the flat copy, and every charCodeAt of the parse, the rules and the features goes through that extra step (the INI
 * reader's pass over real6k's 6,500 lines took ~35% longer on it than on a sequential string). Array#join writes
 * the same characters into one sequential string in one copy, as the flattening did.
 *
 * Done here only for the common case: a range change whose text holds no \r and that does not start right after a
 * \r (so no \r\n pair forms or breaks at either end), on a document with line offsets known. Every other change goes
 * to the library. The line offsets are kept up to date as the library keeps them (the change's own line starts
 * replace those of the lines it spans; the later ones move by the change in length).
 */
export function applyChange(td: TextDocument, change: TextDocumentContentChangeEvent, version: number): TextDocument {
  const f = td as unknown as Fields;
  const range = 'range' in change ? change.range : undefined;
  const content = f._content;
  const offsets = f._lineOffsets;
  if (!range || typeof content !== 'string' || !Array.isArray(offsets) || typeof f._version !== 'number' || change.text.includes('\r')) return TextDocument.update(td, [change], version);
  const startLine = range.start.line;
  const endLine = range.end.line;
  if (startLine >= offsets.length || endLine >= offsets.length) return TextDocument.update(td, [change], version);
  const start = td.offsetAt(range.start);
  const end = td.offsetAt(range.end);
  if (end < start || content.charCodeAt(start - 1) === 13) return TextDocument.update(td, [change], version);
  const text = change.text;
  // The line starts inside the inserted text, as offsets of the new content.
  const added: number[] = [];
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) added.push(start + nl + 1);
  f._content = [content.slice(0, start), text, content.slice(end)].join('');
  let lines = offsets as number[];
  const removed = endLine - startLine;
  if (removed === added.length) {
    for (let i = 0; i < added.length; i++) lines[startLine + 1 + i] = added[i];
  } else if (added.length < 10000) {
    lines.splice(startLine + 1, removed, ...added);
  } else {
    // Too many for one call's arguments (a big paste).
    f._lineOffsets = lines = lines.slice(0, startLine + 1).concat(added, lines.slice(endLine + 1));
  }
  const diff = text.length - (end - start);
  if (diff !== 0) for (let i = startLine + 1 + added.length; i < lines.length; i++) lines[i] += diff;
  f._version = version;
  return td;
}
