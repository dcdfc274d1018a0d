/**
 * Result ids for pull diagnostics (LSP 3.17 textDocument/diagnostic and workspace/diagnostic): a client sends back
 * the id of the report it holds, and the server answers `unchanged` when the report it would send now has the same
 * id. Here the id is a digest of the report's content, so it is the same whenever the content is, whatever made the
 * server recompute it (a settings event that changed nothing, a keystroke in another file of the deployment).
 *
 * The digest of a list is computed once per list object: the service hands out the same list object for as long as
 * a document, its deployment and the settings are unchanged (index.ts `diagnostics`, workspace/diagnostics.ts), so
 * an idle re-pull costs one WeakMap lookup per file.
 *
 * Pure: no node built-ins (the browser build uses it too).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { sameJson } from '../same-json';

const digests = new WeakMap<readonly Diagnostic[], string>();

/**
 * Two 32-bit multiplicative lanes over the UTF-16 units (FNV-1a offset basis and prime for the first, Murmur's
 * multiplier for the second), plus the length: a report whose content changed gets a different id except with a
 * chance of about 2^-64 per change, and the ids stay short.
 */
function digest(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x27d4eb2f ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}.${s.length.toString(36)}`;
}

/** The content digest of a list of diagnostics (cached per list object; an empty list is always "0"). */
export function diagnosticsDigest(items: readonly Diagnostic[]): string {
  if (items.length === 0) return '0';
  let d = digests.get(items);
  if (d === undefined) {
    d = digest(JSON.stringify(items));
    digests.set(items, d);
  }
  return d;
}

/** A report's result id from the digests of the lists it concatenates, in order. */
export function resultIdOf(...lists: readonly (readonly Diagnostic[])[]): string {
  return lists.map(diagnosticsDigest).join('+');
}

/** Whether two lists of diagnostics are the same (JSON values compared deeply; no list is ever large here). */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  return a.length === b.length && sameJson(a, b);
}
