/**
 * All rule families, in the order of the diagnostic layers: syntax (oslo.config
 * cannot read the file, JSON that json.loads refuses), then structure (options
 * and sections), then the PCI semantics.
 */
import { beforePoint } from '../catalog/point-releases';
import type { NovaConfDocument } from '../document';
import type { Severity, Span } from '../model';
import { inRange } from '../releases';
import type { Settings } from '../settings';
import { aliasFamily } from './alias/index';
import { deviceSpecFamily } from './device-spec/index';
import { optionsFamily } from './options/index';
import { placementFamily } from './placement/index';
import { placementNamesFamily } from './placement-names/index';
import { schedulerFamily } from './scheduler/index';
import { hostFamily } from './host';
import { syntaxFamily } from './syntax/index';
import { rolesFamily } from './roles/index';
import { startupFamily } from './startup/index';
import { deploymentFamily } from './deployment/index';
import { concernsFile } from '../workspace/roles';
import { entryContaining, findingServices } from '../workspace/services';
import { jinjaFamily } from './jinja';
import { filterJinjaFindings } from '../sources/jinja-document';
import type { ReportExtra, RuleFamily, RuleMeta } from './types';
import { FLAVOR_RULES } from '../flavors/rules';
import type { FixProvider } from './fix-types';

export const FAMILIES: RuleFamily[] = [syntaxFamily, jinjaFamily, optionsFamily, deviceSpecFamily, placementFamily, placementNamesFamily, aliasFamily, schedulerFamily, rolesFamily, hostFamily, startupFamily];
/** Rules judged over a deployment (several files): workspace/diagnostics.ts runs them. */
export const DEPLOYMENT_FAMILIES = [deploymentFamily];

/** Every quick fix by rule code, from the families that own them. */
export const FIX_PROVIDERS: ReadonlyMap<string, FixProvider> = new Map(
  FAMILIES.flatMap((f) => Object.entries(f.fixes ?? {}).filter((e): e is [string, FixProvider] => e[1] !== undefined)),
);

/** Every rule code: the nova.conf and deployment families, and the flavor rules (documented in docs/flavors.md). */
export const RULES: ReadonlyMap<string, RuleMeta & { family: string }> = new Map([
  ...[...FAMILIES, ...DEPLOYMENT_FAMILIES].flatMap((f) => f.rules.map((r) => [r.code, { ...r, family: f.name }] as const)),
  ...FLAVOR_RULES.map((r) => [r.code, { ...r, family: 'flavors' }] as const),
]);

/** Checks of the text itself (INI shape, JSON syntax, Jinja): a placeholder never silences them. */
const SYNTAX_CODES: ReadonlySet<string> = new Set<string>([...syntaxFamily.rules, ...jinjaFamily.rules].map((r) => r.code));

export interface Finding {
  code: string;
  severity: Severity;
  span: Span;
  message: string;
  data?: Record<string, unknown>;
  related?: { span: Span; message: string }[];
  tags?: ('unnecessary' | 'deprecated')[];
}

const DIRECTIVE = /^nova-conf:\s*(disable-next-line|disable-file)\s+([A-Za-z0-9_,\s-]+)$/;

interface Suppressions {
  file: Set<string>;
  ranges: { span: Span; codes: Set<string> }[];
}

const suppressionCache = new WeakMap<NovaConfDocument, Suppressions>();

/** Whether a `# nova-conf: disable-…` comment in the document silences `code` at `span`. */
export function isSuppressed(doc: NovaConfDocument, code: string, span: Span): boolean {
  let sup = suppressionCache.get(doc);
  if (!sup) suppressionCache.set(doc, (sup = suppressions(doc)));
  return sup.file.has(code) || sup.ranges.some((r) => r.codes.has(code) && span.start >= r.span.start && span.start <= r.span.end);
}

function suppressions(doc: NovaConfDocument): Suppressions {
  const file = new Set<string>();
  const ranges: Suppressions['ranges'] = [];
  // Most files have no directive at all: one search of the text instead of a pattern per comment line
  // ('-conf:' finds every directive and is a much faster search in V8 than 'nova-conf:', see workspace/roles.ts).
  if (!doc.ini.text.includes('-conf:')) return { file, ranges };
  const { lineStarts } = doc.ini;
  for (const c of doc.ini.comments) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const codes = new Set(m[2].split(/[\s,]+/).filter(Boolean));
    if (m[1] === 'disable-file') {
      codes.forEach((x) => file.add(x));
      continue;
    }
    const line = doc.positionAt(c.span.start).line;
    if (line + 1 >= lineStarts.length) continue;
    const start = lineStarts[line + 1];
    const lineEnd = line + 2 < lineStarts.length ? lineStarts[line + 2] : doc.text.length;
    const entry = entryStartingIn(doc, start, lineEnd);
    ranges.push({ span: { start, end: Math.max(lineEnd, entry ? entry.span.end : 0) }, codes });
  }
  return { file, ranges };
}

/** The entry whose key starts in [start, end): binary search over the entries (they are in file order). */
function entryStartingIn(doc: NovaConfDocument, start: number, end: number) {
  const es = doc.ini.entries;
  let lo = 0;
  let hi = es.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (es[mid].span.start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < es.length && es[lo].span.start < end ? es[lo] : undefined;
}

/** Runs every rule that applies to the selected release and returns the findings the settings let through. */
export function runRules(doc: NovaConfDocument, settings: Settings): Finding[] {
  const out: Finding[] = [];
  const sup = suppressions(doc);
  const report = (code: string, span: Span, message: string, extra?: ReportExtra) => {
    const rule = RULES.get(code);
    if (!rule) throw new Error(`rule ${code} is reported but not registered`);
    if (!inRange(doc.release, rule.releases)) return;
    if (rule.untilPointBefore && doc.release === rule.releases?.until && !beforePoint(doc.release, settings.point, rule.untilPointBefore)) return;
    const level = settings.rules[code];
    if (level === 'off') return;
    if (sup.file.has(code)) return;
    if (sup.ranges.length && sup.ranges.some((r) => r.codes.has(code) && span.start >= r.span.start && span.start <= r.span.end)) return;
    // A rule that concerns one service reports only where that service reads the file.
    if (doc.roles.services) {
      const entry = entryContaining(doc.ini.entries, span.start);
      if (!concernsFile(doc.roles, findingServices(code, entry && doc.resolved.get(entry)))) return;
    }
    out.push({ code, severity: level ?? extra?.severity ?? rule.severity, span, message, data: extra?.data, related: extra?.related, tags: extra?.tags });
  };
  for (const family of FAMILIES) family.check({ doc, release: doc.release, point: settings.point, host: settings.host, report });
  if (doc.jinja) {
    // No spread: a template can have more findings than a call's argument list holds.
    const kept = filterJinjaFindings(doc.jinja, out, (code) => SYNTAX_CODES.has(code));
    out.length = 0;
    for (const f of kept) out.push(f);
  }
  out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return out.slice(0, settings.maxDiagnostics);
}
