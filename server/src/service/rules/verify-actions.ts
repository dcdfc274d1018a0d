/**
 * Verifies the quick fixes and "disable for this line" comments of a code-action request. A request usually
 * names one or two diagnostics, and each action is checked on its own (`verifyFix`, `verifySilences`: one
 * whole-document re-check each). A selection over a large file can name hundreds, and one re-check per action
 * made such a request take minutes on a 10 MB file while the server answered nothing else. Beyond three
 * diagnostics, the actions are checked together: fixes in groups whose edits do not overlap through fix-all's batch check
 * (verify-batch.ts: a failing batch is split down to single `verifyFix` calls), comments all at once. The
 * number of whole-document re-checks is bounded by the document's size; an action not checked within that
 * bound is not offered (fix-all, `source.fixAll.nova-conf`, still covers the whole file).
 */
import { parseDocument } from '../document';
import { applyEdits, editsConflict } from './edits';
import { mapOffset, verifyFix, verifySilences } from './fixes';
import { runRules } from './registry';
import { CheckBudget, verifyFixes } from './verify-batch';
import type { Fix, FixInput, OffsetEdit } from './fix-types';

export interface ActionCandidate {
  input: FixInput;
  fix: Fix;
  /** A problem fix (must remove its finding and add no Error) or a disable comment (must silence it). */
  kind: 'fix' | 'silence';
}

/** For up to this many diagnostics, each action is checked on its own, without a bound (the common case: the cursor's line). */
const ONE_BY_ONE = 3;
/** Characters of re-checked text a large request may spend (8 re-checks of a 1 MB file), but never fewer than 2 re-checks. */
const TEXT_BUDGET = 8_000_000;
const MIN_CHECKS = 2;
const MAX_CHECKS = 32;

export function checkBudget(textLength: number): CheckBudget {
  return { left: Math.min(MAX_CHECKS, Math.max(MIN_CHECKS, Math.floor(TEXT_BUDGET / Math.max(1, textLength)))) };
}

/** Splits candidates into groups whose edits neither overlap nor insert at the same point (document order kept). */
function groups(cands: number[], all: ActionCandidate[]): number[][] {
  const out: { members: number[]; edits: OffsetEdit[] }[] = [];
  for (const i of cands) {
    const edits = all[i].fix.edits;
    const clash = (g: { edits: OffsetEdit[] }) => g.edits.some((a) => edits.some((b) => editsConflict(a, b) || (a.start === a.end && b.start === b.end && a.start === b.start)));
    let g = out.find((x) => !clash(x));
    if (!g) out.push((g = { members: [], edits: [] }));
    g.members.push(i);
    g.edits.push(...edits);
  }
  return out.map((g) => g.members);
}

/** Disable comments checked together: each must silence its own finding in the re-checked text. */
function silencesTogether(members: number[], all: ActionCandidate[], out: boolean[], budget: CheckBudget): void {
  if (members.length === 0 || budget.left <= 0) return;
  const { doc, settings } = all[members[0]].input;
  const edits = members.flatMap((i) => all[i].fix.edits).sort((a, b) => a.start - b.start);
  budget.left--;
  let findings;
  try {
    const text = applyEdits(doc.text, edits);
    if (text.length > settings.maxDocumentSize) return;
    findings = runRules(parseDocument(text, doc.uri, doc.version + 1, settings.release, settings.maxDocumentSize), { ...settings, maxDiagnostics: Number.MAX_SAFE_INTEGER });
  } catch {
    return;
  }
  const left = new Set(findings.map((f) => `${f.code}\u0000${f.span.start}`));
  const failed: number[] = [];
  for (const i of members) {
    const { code, start } = all[i].input;
    if (left.has(`${code}\u0000${mapOffset(start, edits)}`)) failed.push(i);
    else out[i] = true;
  }
  // A comment that did not silence its finding in company gets its own check while the budget lasts.
  for (const i of failed) {
    if (budget.left <= 0) break;
    budget.left--;
    out[i] = verifySilences(all[i].input, all[i].fix);
  }
}

/** Which candidates (all of one document) pass their check. */
export function verifyActions(all: ActionCandidate[]): boolean[] {
  const out = new Array<boolean>(all.length).fill(false);
  if (new Set(all.map((c) => c.input)).size <= ONE_BY_ONE) {
    all.forEach((c, i) => (out[i] = c.kind === 'fix' ? verifyFix(c.input, c.fix) : verifySilences(c.input, c.fix)));
    return out;
  }
  const budget = checkBudget(all[0].input.doc.text.length);
  const fixes = all.map((c, i) => (c.kind === 'fix' ? i : -1)).filter((i) => i >= 0);
  for (const g of groups(fixes, all)) {
    const ok = verifyFixes(g.map((i) => ({ input: all[i].input, fix: all[i].fix })), budget);
    g.forEach((i, k) => (out[i] = ok[k]));
  }
  const silences = all.map((c, i) => (c.kind === 'silence' ? i : -1)).filter((i) => i >= 0);
  for (const g of groups(silences, all)) silencesTogether(g, all, out, budget);
  return out;
}
