/**
 * Code actions: quick fixes built from each diagnostic's `data` and the parsed
 * document, "disable" comments for every diagnostic, and source.fixAll.
 */
import { CodeAction, CodeActionContext, CodeActionKind, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { FeatureContext } from '../types';
import { FixTarget, candidateFixes, disableCommentFixes, fixInput } from '../rules/fixes';
import { ActionCandidate, verifyActions } from '../rules/verify-actions';
import type { Severity } from '../model';
import type { Fix, OffsetEdit } from '../rules/fix-types';
import { fixAll } from '../fix-all';
import { textEditsBetween } from './text-edits';
import { SOURCE } from './diagnostics';

export const FIX_ALL_KIND = 'source.fixAll.nova-conf';

/** Whether an action of `kind` was asked for (LSP: `only` lists kinds and their parents). */
function wanted(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((k) => k === kind || kind.startsWith(k + '.'));
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function intersects(a: Range, b: Range): boolean {
  const before = (p: { line: number; character: number }, q: { line: number; character: number }) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function toTextEdits(doc: NovaConfDocument, edits: OffsetEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.start - b.start).map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.text }));
}

const SEVERITY: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

/** The rules' finding behind one of our diagnostics (the one place a Range becomes offsets for the fixes). */
function fixTarget(doc: NovaConfDocument, d: Diagnostic): FixTarget | undefined {
  const data = d.data;
  if (d.source !== SOURCE || !data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const { rule, ...rest } = data as Record<string, unknown>;
  if (rule !== d.code) return undefined;
  return { code: String(d.code), severity: SEVERITY[d.severity ?? 4], span: { start: doc.offsetAt(d.range.start), end: doc.offsetAt(d.range.end) }, data: rest };
}

export function doCodeActions(doc: NovaConfDocument, range: Range, context: CodeActionContext, ctx: FeatureContext): CodeAction[] {
  const only = context.only;
  const actions: CodeAction[] = [];
  const current = ctx.diagnostics(doc);

  if (wanted(only, CodeActionKind.QuickFix)) {
    // Work from the diagnostics of this version: the client's copies may be stale or lack `data`.
    const sent = context.diagnostics ?? [];
    const given = sent.filter((d) => d.source === SOURCE);
    const targets: Diagnostic[] = sent.length
      ? given.flatMap((g) => current.filter((c) => c.code === g.code && sameRange(c.range, g.range)).slice(0, 1))
      : current.filter((c) => intersects(c.range, range));
    // Every candidate of every diagnostic first, then one verification pass (rules/verify-actions.ts shares the
    // whole-document re-checks when a selection names many diagnostics), then the actions in diagnostic order.
    const perTarget: { d: Diagnostic; fixes: Fix[]; comments: Fix[] }[] = [];
    const candidates: ActionCandidate[] = [];
    for (const d of targets) {
      const target = fixTarget(doc, d);
      if (!target) continue;
      const input = fixInput(doc, target, ctx.settings);
      const fixes = candidateFixes(input);
      const comments = disableCommentFixes(input);
      perTarget.push({ d, fixes, comments });
      for (const fix of fixes) candidates.push({ input, fix, kind: 'fix' });
      for (const fix of comments) if (fix.scope === 'line') candidates.push({ input, fix, kind: 'silence' });
    }
    const verdicts = verifyActions(candidates);
    const passed = new Set(candidates.filter((_, i) => verdicts[i]).map((c) => c.fix));
    for (const { d, fixes, comments } of perTarget) {
      // At most one preferred action per diagnostic.
      let preferredGiven = false;
      for (const f of fixes) {
        if (!passed.has(f)) continue;
        const preferred = f.preferred && !preferredGiven;
        if (preferred) preferredGiven = true;
        actions.push({ title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: preferred || undefined, edit: { changes: { [doc.uri]: toTextEdits(doc, f.edits) } } });
      }
      for (const f of comments) {
        if (f.scope === 'line' && !passed.has(f)) continue;
        actions.push({ title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [doc.uri]: toTextEdits(doc, f.edits) } } });
      }
    }
  }

  if (only?.length && wanted(only, FIX_ALL_KIND)) {
    const result = fixAll(doc.text, ctx.settings, { uri: doc.uri });
    if (result.fixes.length) {
      actions.push({
        title: `Fix all nova-conf problems that have a safe fix (${result.fixes.length})`,
        kind: FIX_ALL_KIND,
        diagnostics: [],
        edit: { changes: { [doc.uri]: textEditsBetween(doc, result.text) } },
      });
    }
  }
  return actions;
}
