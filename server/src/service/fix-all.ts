/**
 * Applies every preferred, safe quick fix to a text: collect one preferred fix
 * per diagnostic, keep those whose edits do not touch each other, apply them,
 * re-parse, and repeat until nothing changes (or `maxRounds`). Used by the
 * `source.fixAll.nova-conf` code action and by `nova-conf-lint --fix`.
 */
import { NovaConfDocument, parseDocument } from './document';
import { allFindings, candidateFixes, countErrors, fixInput } from './rules/fixes';
import { Candidate, verifyFixes } from './rules/verify-batch';
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

/** Maps an offset of the text after `edits` back to the text before them. */
function unmapOffset(offset: number, edits: readonly OffsetEdit[]): number {
  let delta = 0;
  for (const e of edits) {
    const ns = e.start + delta;
    const ne = ns + e.text.length;
    if (offset < ns) return offset - delta;
    if (offset < ne) return e.start;
    delta += e.text.length - (e.end - e.start);
  }
  return offset - delta;
}

export function fixAll(text: string, settings: Settings, options: FixAllOptions = {}): FixAllResult {
  const uri = options.uri ?? 'untitled:nova.conf';
  const maxRounds = options.maxRounds ?? 20;
  const original = parseDocument(text, uri, 0, settings.release);
  const history: OffsetEdit[][] = [];
  const fixes: AppliedFix[] = [];
  let current = text;
  let doc: NovaConfDocument = original;
  for (let round = 0; round < maxRounds; round++) {
    const { findings, errors } = allFindings(doc, settings);
    const candidates: Candidate[] = [];
    const proposed: OffsetEdit[] = [];
    for (const finding of findings) {
      const input = fixInput(doc, finding, settings);
      const preferred = candidateFixes(input).filter((f) => f.preferred && f.kind !== 'disable');
      if (preferred.length !== 1) continue;
      const fix = preferred[0];
      if (fix.edits.some((e) => proposed.some((t) => clash(e, t)))) continue;
      candidates.push({ input, fix });
      proposed.push(...fix.edits);
    }
    // Verified together (one re-check per batch, halves only when a batch fails): linear in the file.
    const verified = verifyFixes(candidates);
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
    let nextDoc = parseDocument(next, uri, round + 1, settings.release);
    // Fixes checked one by one could still add an Error together: then take only the first.
    const after = countErrors(allFindings(nextDoc, settings).findings);
    if ([...after].some(([code, n]) => n > (errors.get(code) ?? 0)) && chosen.length > 1) {
      chosen.length = 1;
      edits = chosen[0].edits;
      next = applyEdits(current, edits);
      nextDoc = parseDocument(next, uri, round + 1, settings.release);
    }
    if (next === current) break;
    for (const c of chosen) {
      let o = c.offset;
      for (let k = history.length - 1; k >= 0; k--) o = unmapOffset(o, history[k]);
      const p = original.positionAt(o);
      fixes.push({ code: c.code, title: c.title, line: p.line, character: p.character });
    }
    history.push([...edits].sort((a, b) => a.start - b.start || a.end - b.end));
    current = next;
    doc = nextDoc;
  }
  fixes.sort((a, b) => a.line - b.line || a.character - b.character);
  return { text: current, fixes, rounds: history.length };
}
