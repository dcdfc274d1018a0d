import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { Severity } from '../model';
import { Finding, runRules } from '../rules/registry';
import type { Settings } from '../settings';

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

export function computeDiagnostics(doc: NovaConfDocument, settings: Settings): Diagnostic[] {
  return runRules(doc, settings).map((f) => toDiagnostic(doc, f));
}
