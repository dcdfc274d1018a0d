/**
 * Applies every preferred, safe quick fix to a text: collect one preferred fix
 * per diagnostic, keep those whose edits do not touch each other, apply them,
 * re-parse, and repeat until nothing changes (or `maxRounds`). Used by the
 * `source.fixAll.nova-conf` code action and by `nova-conf-lint --fix`.
 */
import { NovaConfDocument, parseDocument } from './document';
import { allFindings, candidateFixes, countErrors, fixInput } from './rules/fixes';
import { Candidate, verifyFixes } from './rules/verify-batch';
import { EditMap } from './rules/edit-map';
import { applyEdits, editsConflict } from './rules/edits';
import type { OffsetEdit } from './rules/fix-types';
import type { Settings } from './settings';

export interface AppliedFix {
  code: string;
  title: string;
  /** Zero-based position of the fixed diagnostic in the original text. */
  line: number;
  character: number;
}

export interface FixAllResult {
  text: string;
  fixes: AppliedFix[];
  /** Rounds that changed the text. */
  rounds: number;
  /** Whole-document re-checks spent (bounded by reparseBudget). */
  reparses: number;
}

export interface FixAllOptions {
  uri?: string;
  maxRounds?: number;
}

const SECTION_LINE = /(^|[\r\n])\[/;

/** Stricter than for one fix: two fixes inserting at the same point must not both add a section. */
function clash(a: OffsetEdit, b: OffsetEdit): boolean {
  if (a.start === a.end && b.start === b.end && a.start === b.start) return SECTION_LINE.test(a.text) || SECTION_LINE.test(b.text);
  return editsConflict(a, b);
}

/** Whole-document re-parses one fix-all may spend: about REPARSE_CHARS characters in all, within [MIN, MAX]. */
const REPARSE_CHARS = 64 * 1024 * 1024;
const MIN_REPARSES = 4;
const MAX_REPARSES = 200;

/** How many whole-document re-checks one fix-all may spend on a text of this length. */
export function reparseBudget(length: number): number {
  return Math.max(MIN_REPARSES, Math.min(MAX_REPARSES, Math.floor(REPARSE_CHARS / Math.max(1, length))));
}

/** Sorted, non-overlapping edits taken so far in a round; a clash check looks only at neighbours. */
class TakenEdits {
  private readonly edits: OffsetEdit[] = [];

  clashes(e: OffsetEdit): boolean {
    const t = this.edits;
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t[mid].end < e.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < t.length && t[i].start <= e.end; i++) if (clash(e, t[i])) return true;
    return false;
  }

  add(e: OffsetEdit): void {
    const t = this.edits;
    let i = t.length; // findings come mostly in document order: usually appended
    while (i > 0 && (t[i - 1].start > e.start || (t[i - 1].start === e.start && t[i - 1].end > e.end))) i--;
    t.splice(i, 0, e);
  }
}

/**
 * Linear in the document: candidates are verified in batches (rules/verify-batch.ts), clash checks and
 * offset maps use sorted edits, and the number of whole-document re-checks is bounded (reparseBudget:
 * fixes left unchecked are not applied). A document over the analysis cap is returned unchanged.
 */
export function fixAll(text: string, settings: Settings, options: FixAllOptions = {}): FixAllResult {
  const uri = options.uri ?? 'untitled:nova.conf';
  const maxRounds = options.maxRounds ?? 20;
  if (text.length > settings.maxDocumentSize) return { text, fixes: [], rounds: 0, reparses: 0 };
  const budget = { left: reparseBudget(text.length) };
  const initialBudget = budget.left;
  const original = parseDocument(text, uri, 0, settings.release, settings.maxDocumentSize);
  const history: EditMap[] = [];
  const fixes: AppliedFix[] = [];
  let current = text;
  let doc: NovaConfDocument = original;
  for (let round = 0; round < maxRounds && budget.left > 0; round++) {
    const { findings, errors } = allFindings(doc, settings);
    const candidates: Candidate[] = [];
    const proposed = new TakenEdits();
    for (const finding of findings) {
      const input = fixInput(doc, finding, settings);
      const preferred = candidateFixes(input).filter((f) => f.preferred && f.kind !== 'disable');
      if (preferred.length !== 1) continue;
      const fix = preferred[0];
      if (fix.edits.some((e) => proposed.clashes(e))) continue;
      candidates.push({ input, fix });
      for (const e of fix.edits) proposed.add(e);
    }
    // Verified together (one re-check per batch, halves only when a batch fails): linear in the file.
    const verified = verifyFixes(candidates, budget);
    const chosen: { code: string; title: string; offset: number; edits: OffsetEdit[] }[] = [];
    const taken: OffsetEdit[] = [];
    candidates.forEach(({ input, fix }, i) => {
      if (!verified[i]) return;
      chosen.push({ code: input.code, title: fix.title, offset: input.start, edits: fix.edits });
      taken.push(...fix.edits);
    });
    if (chosen.length === 0) break;
    let edits = taken;
    let next = applyEdits(current, edits);
    if (next.length > settings.maxDocumentSize) break;
    budget.left--;
    let nextDoc = parseDocument(next, uri, round + 1, settings.release, settings.maxDocumentSize);
    // Fixes checked one by one could still add an Error together: then take only the first.
    const after = countErrors(allFindings(nextDoc, settings).findings);
    if ([...after].some(([code, n]) => n > (errors.get(code) ?? 0)) && chosen.length > 1) {
      chosen.length = 1;
      edits = chosen[0].edits;
      next = applyEdits(current, edits);
      nextDoc = parseDocument(next, uri, round + 1, settings.release, settings.maxDocumentSize);
    }
    if (next === current) break;
    for (const c of chosen) {
      let o = c.offset;
      for (let k = history.length - 1; k >= 0; k--) o = history[k].backward(o);
      const p = original.positionAt(o);
      fixes.push({ code: c.code, title: c.title, line: p.line, character: p.character });
    }
    history.push(new EditMap(edits));
    current = next;
    doc = nextDoc;
  }
  fixes.sort((a, b) => a.line - b.line || a.character - b.character);
  return { text: current, fixes, rounds: history.length, reparses: initialBudget - budget.left };
}
