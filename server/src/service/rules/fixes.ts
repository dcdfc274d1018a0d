/**
 * The check every fix passes before it is offered: applied to the text and
 * re-validated, it must remove the finding it targets and must not add an Error.
 * Works on the rules' findings (codes, document offsets), never on LSP types; the
 * fixes themselves live with their rule family (rules/<family>/fixes.ts) and
 * registry.ts builds the table.
 */
import { NovaConfDocument, parseDocument } from '../document';
import type { Severity, Span } from '../model';
import type { Settings } from '../settings';
import { disableFixes } from './disable';
import { applyEdits, editsConflict, touchesJinja } from './edits';
import type { Fix, FixInput, OffsetEdit } from './fix-types';
import { FIX_PROVIDERS, Finding, RULES, runRules } from './registry';

/** What a fix starts from: a finding of the rules (code, document span, data), from this run or handed back by a client. */
export interface FixTarget {
  code: string;
  span: Span;
  severity?: Severity;
  data?: Record<string, unknown>;
}

export function fixInput(doc: NovaConfDocument, target: FixTarget, settings: Settings): FixInput {
  return { doc, code: target.code, severity: target.severity, data: target.data ?? {}, start: target.span.start, end: target.span.end, settings };
}

/** The problem fixes (not the disable comments) for one diagnostic, unchecked. */
export function candidateFixes(input: FixInput): Fix[] {
  const provider = FIX_PROVIDERS.get(input.code);
  if (!provider) return [];
  try {
    // A fix never edits the template's Jinja (nor inserts into it).
    return provider(input).filter((f) => f.edits.length > 0 && wellFormed(f.edits, input.doc.text.length) && !touchesJinja(input.doc, f.edits));
  } catch {
    return []; // a fix provider must never take code actions down
  }
}

function wellFormed(edits: OffsetEdit[], length: number): boolean {
  if (edits.some((e) => !(e.start >= 0 && e.start <= e.end && e.end <= length))) return false;
  for (let i = 0; i < edits.length; i++) for (let j = i + 1; j < edits.length; j++) if (editsConflict(edits[i], edits[j])) return false;
  return true;
}

export function disableCommentFixes(input: FixInput): Fix[] {
  if (RULES.get(input.code)?.unreadable) return []; // the file cannot be read: fix it, do not hide it
  try {
    return disableFixes(input).filter((f) => !touchesJinja(input.doc, f.edits));
  } catch {
    return [];
  }
}

/** Maps an offset of the old text through edits to the new text (inside a replaced span: its start). */
export function mapOffset(offset: number, edits: readonly OffsetEdit[]): number {
  let delta = 0;
  for (const e of edits) {
    if (e.end <= offset && !(e.start === e.end && e.start === offset)) delta += e.text.length - (e.end - e.start);
    else if (e.start < offset && offset < e.end) return e.start + delta;
  }
  return offset + delta;
}

const ALL = Number.MAX_SAFE_INTEGER;
/** Fixes that make a JSON value readable, revealing what Nova checks next. */
const REVEALING = new Set(['json-invalid', 'ini-no-separator']);

function within(offset: number, span: { start: number; end: number }): boolean {
  return offset >= span.start && offset <= span.end;
}
const baseline = new WeakMap<NovaConfDocument, { settings: Settings; findings: Finding[]; errors: Map<string, number> }>();

export function countErrors(fs: readonly { code: string; severity: string }[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of fs) if (f.severity === 'error') m.set(f.code, (m.get(f.code) ?? 0) + 1);
  return m;
}

/** Every finding of the document (no cap), with its Error counts per code; cached per document and settings. */
export function allFindings(doc: NovaConfDocument, settings: Settings): { findings: Finding[]; errors: Map<string, number> } {
  const b = baseline.get(doc);
  if (b && b.settings === settings) return b;
  const findings = runRules(doc, { ...settings, maxDiagnostics: ALL });
  const fresh = { settings, findings, errors: countErrors(findings) };
  baseline.set(doc, fresh);
  return fresh;
}

/** The document as it would be after the fix, or undefined when the edits do not apply. */
function reparseWith(input: FixInput, fix: Fix): ReturnType<typeof parseDocument> | undefined {
  const { doc, settings } = input;
  try {
    const text = applyEdits(doc.text, fix.edits);
    // The analysis cap applies to every parse: a fix that pushes the text past it is not verified.
    if (text.length > settings.maxDocumentSize) return undefined;
    return parseDocument(text, doc.uri, doc.version + 1, settings.release, settings.maxDocumentSize);
  } catch {
    return undefined;
  }
}

/** Whether a suppression comment really silences the diagnostic (the registry's line ranges end where the entry ends). */
export function verifySilences(input: FixInput, fix: Fix): boolean {
  const { settings, code } = input;
  const next = reparseWith(input, fix);
  if (!next) return false;
  const at = mapOffset(input.start, [...fix.edits].sort((a, b) => a.start - b.start));
  return !runRules(next, { ...settings, maxDiagnostics: ALL }).some((f) => f.code === code && f.span.start === at);
}

/** Applies the fix, re-validates, and answers whether it removed its target without adding an Error. */
export function verifyFix(input: FixInput, fix: Fix): boolean {
  const { doc, settings, code } = input;
  const { findings: beforeFindings, errors: before } = allFindings(doc, settings);
  const next = reparseWith(input, fix);
  if (!next) return false;
  const after = runRules(next, { ...settings, maxDiagnostics: ALL });
  const sorted = [...fix.edits].sort((a, b) => a.start - b.start);
  const at = mapOffset(input.start, sorted);
  // Python's json.loads stops at the first error, so Nova's checks of the value only run once it
  // parses: Errors that then show up inside the repaired value were there all along, not added.
  const revealedIn = REVEALING.has(code) ? next.entryAt(at) : undefined;
  const counted = revealedIn ? after.filter((f) => !within(f.span.start, revealedIn.span)) : after;
  for (const [c, n] of countErrors(counted)) if (n > (before.get(c) ?? 0)) return false;
  const sameBefore = beforeFindings.filter((f) => f.code === code).length;
  const sameAfter = after.filter((f) => f.code === code);
  const stillThere = sameAfter.some((f) => f.span.start === at);
  return !stillThere || sameAfter.length < sameBefore;
}
