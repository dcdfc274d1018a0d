/**
 * Verifies many fixes of one document at once, for fix-all: applying and
 * re-checking each fix on its own costs one whole-document parse per fix, which
 * made fix-all quadratic in the size of the file. Here the fixes are applied
 * together and the document is re-checked once; only when that batch does not
 * pass are its halves checked (recursively), down to single fixes, which get
 * exactly `verifyFix`. A batch passes when every fix removed its own diagnostic
 * and no Error code counts more than before minus the Errors the batch fixed,
 * so a batch never passes where one of its fixes alone would add an Error that
 * another fix happens to remove.
 */
import { parseDocument } from '../document';
import { allFindings, countErrors, verifyFix } from './fixes';
import { EditMap } from './edit-map';
import { runRules } from './registry';
import { applyEdits } from './edits';
import type { Fix, FixInput } from './fix-types';

/** Fixes that make a JSON value readable, revealing what Nova checks next (as in verifyFix). */
const REVEALING = new Set(['json-invalid', 'ini-no-separator']);

/** Batches up to this size are checked one fix at a time (a whole-document check costs the same). */
const SMALL = 2;

export interface Candidate {
  input: FixInput;
  fix: Fix;
}

/**
 * Whole-document re-checks a fix-all may still spend (each batch check and each single verifyFix takes
 * one): with it, the work stays linear even when many fixes fail. Fixes not checked are not applied.
 */
export interface CheckBudget {
  left: number;
}

function batchPasses(batch: Candidate[]): boolean {
  const { doc, settings } = batch[0].input;
  const { errors: before } = allFindings(doc, settings);
  const map = new EditMap(batch.flatMap((c) => c.fix.edits));
  const edits = map.edits;
  const mapOffset = (o: number) => map.forward(o); // O(log n): a scan of every edit per fix is quadratic
  let next;
  try {
    const text = applyEdits(doc.text, edits);
    // The analysis cap applies to every parse: fixes that push the text past it are not verified.
    if (text.length > settings.maxDocumentSize) return false;
    next = parseDocument(text, doc.uri, doc.version + 1, settings.release, settings.maxDocumentSize);
  } catch {
    return false;
  }
  const after = runRules(next, { ...settings, maxDiagnostics: Number.MAX_SAFE_INTEGER });
  // Every fix removed its own finding (none of that code left where it was).
  const left = new Set(after.map((f) => `${f.code}\u0000${f.span.start}`));
  for (const c of batch) {
    if (left.has(`${c.input.code}\u0000${mapOffset(c.input.start)}`)) return false;
  }
  // Errors inside a value a fix made readable were there all along (Nova checks them once it parses).
  const revealed = batch
    .filter((c) => REVEALING.has(c.input.code))
    .map((c) => next.entryAt(mapOffset(c.input.start))?.span)
    .filter((s): s is { start: number; end: number } => s !== undefined)
    .sort((a, b) => a.start - b.start);
  const inRevealed = (o: number) => {
    let lo = 0;
    let hi = revealed.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (revealed[mid].end < o) lo = mid + 1;
      else if (revealed[mid].start > o) hi = mid - 1;
      else return true;
    }
    return false;
  };
  const counted = revealed.length ? after.filter((f) => !inRevealed(f.span.start)) : after;
  const fixedErrors = countErrors(batch.map((c) => ({ code: c.input.code, severity: c.input.severity ?? 'hint' })));
  for (const [code, n] of countErrors(counted)) if (n > (before.get(code) ?? 0) - (fixedErrors.get(code) ?? 0)) return false;
  return true;
}

/** Which candidates (all for the same document, with edits that do not overlap) pass verification. */
export function verifyFixes(candidates: Candidate[], budget: CheckBudget = { left: Infinity }): boolean[] {
  const out = new Array<boolean>(candidates.length).fill(false);
  const visit = (lo: number, hi: number) => {
    if (hi - lo <= SMALL) {
      for (let i = lo; i < hi && budget.left > 0; i++) {
        budget.left--;
        out[i] = verifyFix(candidates[i].input, candidates[i].fix);
      }
      return;
    }
    if (budget.left <= 0) return;
    budget.left--;
    if (batchPasses(candidates.slice(lo, hi))) {
      out.fill(true, lo, hi);
      return;
    }
    const mid = (lo + hi) >> 1;
    visit(lo, mid);
    visit(mid, hi);
  };
  if (candidates.length) visit(0, candidates.length);
  return out;
}
