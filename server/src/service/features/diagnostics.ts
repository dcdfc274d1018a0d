import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { Severity } from '../model';
import { Finding, runRules } from '../rules/registry';
import type { Settings } from '../settings';
import { sameJson } from '../same-json';

export const SOURCE = 'nova-conf';
/** Where each rule is documented; `#code` anchors are generated with docs/rules.md. */
export const RULES_DOC_URL = 'https://github.com/nova-conf/nova-conf/blob/main/docs/rules.md';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Data every diagnostic carries so code actions never depend on message text. */
export interface DiagnosticData {
  rule: string;
  [key: string]: unknown;
}

export function toDiagnostic(doc: NovaConfDocument, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: doc.rangeOf(f.span),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: `${RULES_DOC_URL}#${f.code}` },
    source: SOURCE,
    message: f.message,
    data: { rule: f.code, ...(f.data ?? {}) } satisfies DiagnosticData,
  };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri: doc.uri, range: doc.rangeOf(r.span) }, message: r.message }));
  }
  if (f.tags?.length) d.tags = f.tags.map((t) => (t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  return d;
}

/**
 * The document's diagnostics. `before` (the same document's list for the version before, under the same settings)
 * is handed back when the findings turn out to be the same diagnostics, as a deep comparison of the built list
 * would say: a keystroke rarely changes them, and the list object keeps its result id (pull) and its JSON (push,
 * frame-writer.ts). Compared finding by finding with no Diagnostic built (docs/performance.md, Round 20: key20; the
 * generic comparison of real6k's 26 built diagnostics cost about as much as building them).
 */
export function computeDiagnostics(doc: NovaConfDocument, settings: Settings, before?: Diagnostic[]): Diagnostic[] {
  const findings = runRules(doc, settings);
  if (before && before.length === findings.length) {
    let same = true;
    for (let i = 0; i < findings.length && same; i++) same = sameAsBuilt(doc, findings[i], before[i]);
    if (same) return before;
  }
  return findings.map((f) => toDiagnostic(doc, f));
}

/** Whether toDiagnostic(doc, f) would be deeply equal to `d`, a diagnostic toDiagnostic made for the same uri. */
function sameAsBuilt(doc: NovaConfDocument, f: Finding, d: Diagnostic): boolean {
  if (d.code !== f.code || d.message !== f.message || d.severity !== SEVERITY[f.severity] || !sameRange(doc, f.span, d.range)) return false;
  // data: { rule: f.code, ...f.data } (a `rule` of f.data's own wins).
  const data = d.data as Record<string, unknown> | undefined;
  if (!data) return false;
  let keys = 1;
  let rule: unknown = f.code;
  const own = f.data;
  if (own) {
    for (const k in own) {
      if (!Object.prototype.hasOwnProperty.call(own, k)) continue;
      if (k === 'rule') {
        rule = own[k];
        continue;
      }
      keys++;
      if (!Object.prototype.hasOwnProperty.call(data, k) || !sameJson(own[k], data[k])) return false;
    }
  }
  if (!sameJson(rule, data.rule)) return false;
  for (const k in data) if (Object.prototype.hasOwnProperty.call(data, k)) keys--;
  if (keys !== 0) return false;
  const related = f.related?.length ? f.related : undefined;
  const was = d.relatedInformation;
  if (related === undefined ? was !== undefined : was === undefined || was.length !== related.length) return false;
  if (related && was) {
    for (let i = 0; i < related.length; i++) {
      if (was[i].message !== related[i].message || was[i].location.uri !== doc.uri || !sameRange(doc, related[i].span, was[i].location.range)) return false;
    }
  }
  const tags = f.tags?.length ? f.tags : undefined;
  if (tags === undefined ? d.tags !== undefined : d.tags === undefined || d.tags.length !== tags.length) return false;
  if (tags && d.tags) {
    for (let i = 0; i < tags.length; i++) if (d.tags[i] !== (tags[i] === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary)) return false;
  }
  return true;
}

function sameRange(doc: NovaConfDocument, span: Finding['span'], r: Diagnostic['range']): boolean {
  const s = doc.positionAt(span.start);
  if (s.line !== r.start.line || s.character !== r.start.character) return false;
  const e = doc.positionAt(span.end);
  return e.line === r.end.line && e.character === r.end.character;
}
