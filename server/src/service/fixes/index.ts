/**
 * Which fixes each rule offers, and the check every fix passes before it is
 * offered: applied to the text and re-validated, it must remove the diagnostic
 * it targets and must not add an Error.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { NovaConfDocument, parseDocument } from '../document';
import { computeDiagnostics } from '../features/diagnostics';
import type { Settings } from '../settings';
import { disableFixes } from './disable';
import { bomFixes, jsonFixes, noSeparatorFixes } from './json';
import { deprecatedOptionFixes, inlineCommentFixes, invalidValueFixes, unknownGroupFixes, unknownOptionFixes, wrongGroupFixes } from './options';
import { pciFilterFixes, removeListItemFixes, unknownFilterFixes } from './scheduler';
import { applyEdits, editsConflict } from './text';
import { touchesJinja } from '../features/jinja';
import type { Fix, FixInput, FixProvider, OffsetEdit } from './types';
import { aliasMismatchFixes, enumSuggestionFixes, keySuggestionFixes, placementDevnameFixes, replacementFixes } from './values';

export const FIX_PROVIDERS: Readonly<Record<string, FixProvider>> = {
  'json-invalid': jsonFixes,
  'ini-no-separator': noSeparatorFixes,
  'ini-bom': bomFixes,
  'alias-bad-id': replacementFixes,
  'alias-bad-capability-type': replacementFixes,
  'alias-field-not-string': replacementFixes,
  'device-spec-truefalse-tag': replacementFixes,
  'device-spec-address-regex-case': replacementFixes,
  'device-spec-address-glob-fields': replacementFixes,
  'traits-whitespace': replacementFixes,
  'placement-name-invalid': replacementFixes,
  'device-spec-unknown-tag': keySuggestionFixes,
  'alias-unknown-key': keySuggestionFixes,
  'device-spec-address-unknown-key': keySuggestionFixes,
  'alias-bad-numa-policy': enumSuggestionFixes,
  'alias-bad-device-type': enumSuggestionFixes,
  'unknown-option': unknownOptionFixes,
  'unknown-group': unknownGroupFixes,
  'unknown-filter': unknownFilterFixes,
  'deprecated-option': deprecatedOptionFixes,
  'option-wrong-group': wrongGroupFixes,
  'placement-devname': placementDevnameFixes,
  'alias-duplicate-mismatch': aliasMismatchFixes,
  'pci-filter-not-enabled': pciFilterFixes,
  'filter-removed': removeListItemFixes,
  'invalid-value': invalidValueFixes,
  'inline-comment': inlineCommentFixes,
};

export function fixInput(doc: NovaConfDocument, diagnostic: Diagnostic, settings: Settings): FixInput | undefined {
  const data = diagnostic.data;
  if (diagnostic.source !== 'nova-conf' || !data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  if (d.rule !== diagnostic.code) return undefined;
  const start = doc.offsetAt(diagnostic.range.start);
  const end = doc.offsetAt(diagnostic.range.end);
  return { doc, diagnostic, data: d, start, end, settings };
}

/** The problem fixes (not the disable comments) for one diagnostic, unchecked. */
export function candidateFixes(input: FixInput): Fix[] {
  const provider = FIX_PROVIDERS[String(input.diagnostic.code)];
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
const baseline = new WeakMap<NovaConfDocument, { settings: Settings; diagnostics: Diagnostic[]; errors: Map<string, number> }>();

export function countErrors(ds: Diagnostic[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of ds) if (d.severity === 1) m.set(String(d.code), (m.get(String(d.code)) ?? 0) + 1);
  return m;
}

/** Every diagnostic of the document (no cap), with its Error counts per code; cached per document and settings. */
export function allDiagnostics(doc: NovaConfDocument, settings: Settings): { diagnostics: Diagnostic[]; errors: Map<string, number> } {
  const b = baseline.get(doc);
  if (b && b.settings === settings) return b;
  const diagnostics = computeDiagnostics(doc, { ...settings, maxDiagnostics: ALL });
  const fresh = { settings, diagnostics, errors: countErrors(diagnostics) };
  baseline.set(doc, fresh);
  return fresh;
}

/** The document as it would be after the fix, or undefined when the edits do not apply. */
function reparseWith(input: FixInput, fix: Fix): ReturnType<typeof parseDocument> | undefined {
  const { doc, settings } = input;
  try {
    return parseDocument(applyEdits(doc.text, fix.edits), doc.uri, doc.version + 1, settings.release);
  } catch {
    return undefined;
  }
}

/** Whether a suppression comment really silences the diagnostic (the registry's line ranges end where the entry ends). */
export function verifySilences(input: FixInput, fix: Fix): boolean {
  const { settings, diagnostic } = input;
  const next = reparseWith(input, fix);
  if (!next) return false;
  const at = mapOffset(input.start, [...fix.edits].sort((a, b) => a.start - b.start));
  return !computeDiagnostics(next, { ...settings, maxDiagnostics: ALL }).some((d) => d.code === diagnostic.code && next.offsetAt(d.range.start) === at);
}

/** Applies the fix, re-validates, and answers whether it removed its target without adding an Error. */
export function verifyFix(input: FixInput, fix: Fix): boolean {
  const { doc, settings, diagnostic } = input;
  const { diagnostics: beforeDiags, errors: before } = allDiagnostics(doc, settings);
  const next = reparseWith(input, fix);
  if (!next) return false;
  const after = computeDiagnostics(next, { ...settings, maxDiagnostics: ALL });
  const code = String(diagnostic.code);
  const sorted = [...fix.edits].sort((a, b) => a.start - b.start);
  const at = mapOffset(input.start, sorted);
  // Python's json.loads stops at the first error, so Nova's checks of the value only run once it
  // parses: Errors that then show up inside the repaired value were there all along, not added.
  const revealedIn = REVEALING.has(code) ? next.entryAt(at) : undefined;
  const counted = revealedIn ? after.filter((d) => !within(next.offsetAt(d.range.start), revealedIn.span)) : after;
  for (const [c, n] of countErrors(counted)) if (n > (before.get(c) ?? 0)) return false;
  const sameBefore = beforeDiags.filter((d) => d.code === code).length;
  const sameAfter = after.filter((d) => d.code === code);
  const stillThere = sameAfter.some((d) => next.offsetAt(d.range.start) === at);
  return !stillThere || sameAfter.length < sameBefore;
}
