/**
 * Diagnostics of a file that is part of a layered deployment: the cross-file
 * findings that land in it, turned into LSP diagnostics with related locations
 * in the other files. Cached per workspace generation and settings.
 */
import { uriKey } from '../uri-key';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { Severity } from '../model';
import { inRange } from '../releases';
import { RULES, isSuppressed } from '../rules/registry';
import { DeploymentFinding, SUPERSEDED_IN_DEPLOYMENT, checkDeployment } from '../rules/deployment/index';
import type { Settings } from '../settings';
import type { Workspace } from './index';
import type { Deployment } from './deployment';
import { sameDiagnostics } from './result-ids';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};
const RULES_DOC_URL = 'https://github.com/nova-conf/nova-conf/blob/main/docs/rules.md';

export class DeploymentDiagnostics {
  /** Per deployment (by kind and root): its findings for the workspace generation and settings they were computed for. */
  private readonly cache = new Map<string, { deployment: Deployment; docs: NovaConfDocument[]; settings: Settings; byUri: Map<string, Diagnostic[]> }>();

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
    const key = uriKey(uri);
    return d ? d.files.map((f) => f.uri).filter((u) => uriKey(u) !== key) : [];
  }

  /** The cross-file findings of one deployment, computed only when one of its files asks. */
  private of(deployment: Deployment, settings: Settings): Map<string, Diagnostic[]> {
    const key = `${deployment.kind}\u0000${deployment.root}`;
    const hit = this.cache.get(key);
    // The same deployment object (the workspace has not changed since): no need to compare its documents.
    if (hit && hit.settings === settings && hit.deployment === deployment) return hit.byUri;
    // The same parsed documents (an edit elsewhere in the workspace does not touch them) give the same findings.
    const docs = deployment.files.map((f) => f.doc);
    if (hit && hit.settings === settings && hit.docs.length === docs.length && hit.docs.every((d, i) => d === docs[i])) {
      hit.deployment = deployment;
      return hit.byUri;
    }
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
    for (const [uri, list] of byUri) {
      list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      // The same findings as before keep their list object: a file whose cross-file findings an edit elsewhere in the
      // deployment did not change keeps its pull-diagnostics result id (result-ids.ts) without a digest.
      const before = hit?.byUri.get(uri);
      if (before && sameDiagnostics(before, list)) byUri.set(uri, before);
    }
    // Bounded by the deployments that exist: clearing it whenever it held more than 64 (a workspace of 84 oslo
    // directories has 85 deployments) made every workspace/diagnostic recompute them all.
    if (this.cache.size > 64) {
      const live = new Set(this.workspace.deployments().map((d) => `${d.kind}\u0000${d.root}`));
      for (const k of this.cache.keys()) if (!live.has(k)) this.cache.delete(k);
    }
    this.cache.set(key, { deployment, docs, settings, byUri });
    return byUri;
  }

}
