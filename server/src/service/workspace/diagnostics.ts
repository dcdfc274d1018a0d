/**
 * Diagnostics of a file that is part of a layered deployment: the cross-file
 * findings that land in it, turned into LSP diagnostics with related locations
 * in the other files. Cached per workspace generation and settings.
 */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { Severity } from '../model';
import { inRange } from '../releases';
import { RULES, isSuppressed } from '../rules/registry';
import { DeploymentFinding, SUPERSEDED_IN_DEPLOYMENT, checkDeployment } from '../rules/deployment/index';
import type { Settings } from '../settings';
import type { Workspace } from './index';
import type { Deployment } from './deployment';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};
const RULES_DOC_URL = 'https://github.com/nova-conf/nova-conf/blob/main/docs/rules.md';

export class DeploymentDiagnostics {
  /** Per deployment (by kind and root): its findings for the workspace generation and settings they were computed for. */
  private readonly cache = new Map<string, { docs: NovaConfDocument[]; settings: Settings; byUri: Map<string, Diagnostic[]> }>();

  constructor(private readonly workspace: Workspace) {}

  /** Whether per-file rules that the deployment judges instead should be left out for this uri. */
  layered(uri: string): boolean {
    return Boolean(this.workspace.deploymentOf(uri)?.layered);
  }

  /** Settings for the per-file rules of a uri: the codes the deployment judges are off when the file is layered. */
  settingsFor(uri: string, settings: Settings): Settings {
    if (!this.layered(uri)) return settings;
    const rules = { ...settings.rules };
    for (const c of SUPERSEDED_IN_DEPLOYMENT) rules[c] = 'off';
    return { ...settings, rules };
  }

  /** The cross-file diagnostics that land in `uri`. */
  forUri(uri: string, settings: Settings): Diagnostic[] {
    const deployment = this.workspace.deploymentOf(uri);
    return deployment ? (this.of(deployment, settings).get(uri) ?? []) : [];
  }

  /** Every uri that has cross-file diagnostics, or shares a deployment with `uri`. */
  related(uri: string): string[] {
    const d = this.workspace.deploymentOf(uri);
    return d ? d.files.map((f) => f.uri).filter((u) => u !== uri) : [];
  }

  /** The cross-file findings of one deployment, computed only when one of its files asks. */
  private of(deployment: Deployment, settings: Settings): Map<string, Diagnostic[]> {
    // The same parsed documents (an edit elsewhere in the workspace does not touch them) give the same findings.
    const docs = deployment.files.map((f) => f.doc);
    const key = `${deployment.kind}\u0000${deployment.root}`;
    const hit = this.cache.get(key);
    if (hit && hit.settings === settings && hit.docs.length === docs.length && hit.docs.every((d, i) => d === docs[i])) return hit.byUri;
    const byUri = new Map<string, Diagnostic[]>();
    const docOf = (uri: string): NovaConfDocument | undefined => this.workspace.document(uri);
    const report = (f: DeploymentFinding) => {
      const doc = docOf(f.uri);
      const rule = RULES.get(f.code);
      if (!doc || !rule) return;
      if (!inRange(doc.release, rule.releases)) return;
      const level = settings.rules[f.code];
      if (level === 'off') return;
      if (isSuppressed(doc, f.code, f.span)) return;
      const severity = level ?? f.severity ?? rule.severity;
      const d: Diagnostic = {
        range: doc.rangeOf(f.span),
        severity: SEVERITY[severity],
        code: f.code,
        codeDescription: { href: `${RULES_DOC_URL}#${f.code}` },
        source: 'nova-conf',
        message: f.message,
        data: { rule: f.code, deployment: true },
      };
      const related = (f.related ?? []).flatMap((r) => {
        const rd = docOf(r.uri);
        return rd ? [{ location: { uri: r.uri, range: rd.rangeOf(r.span) }, message: r.message }] : [];
      });
      if (related.length) d.relatedInformation = related;
      const list = byUri.get(f.uri);
      if (list) list.push(d);
      else byUri.set(f.uri, [d]);
    };
    try {
      checkDeployment({ deployment, report });
    } catch {
      // a cross-file rule must never take the per-file diagnostics down
    }
    for (const list of byUri.values()) list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    if (this.cache.size > 64) this.cache.clear();
    this.cache.set(key, { docs, settings, byUri });
    return byUri;
  }

}
