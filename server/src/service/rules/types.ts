import type { NovaConfDocument } from '../document';
import type { Severity, Span } from '../model';
import type { Release, ReleaseRange } from '../releases';
import type { FindingData, FixTable } from './fix-types';
import type { HostInventory } from '../host/inventory';

/**
 * A family's data declaration: for each of its rule codes, the type of the `data` its findings carry
 * (`undefined`: none). `ctx.report(code, span, message, { data })` is checked against it, and the family's
 * fixes receive it typed (FixTable<D>). Write it as a `type` alias (an interface has no index signature).
 */
export type DataMap = { [code: string]: FindingData | undefined };

/** What every rule declares: its stable code, default severity, releases, and docs in our own words. */
export interface RuleMeta<C extends string = string> {
  /** Set by the registry: the family the rule belongs to. */
  family?: string;
  /** Stable code shown to users and used in settings and suppression comments. */
  code: C;
  severity: Severity;
  /** Releases in which Nova behaves this way; the rule is silent outside it. */
  releases?: ReleaseRange;
  /** On the last series of `releases` (its `until`), the rule applies only to point releases before this one (a later point release changed Nova). */
  untilPointBefore?: string;
  /** One line: what is wrong. */
  title: string;
  /** What Nova does with such a value, and how to fix it. */
  description: string;
  /** The Nova (or oslo.config) source file whose behaviour the rule mirrors. */
  mirrors: string;
  /** Rule ids in shared/docs/nova-pci-rules.md (D5, A4 …), when there is one. */
  novaRules?: string[];
  /** A config snippet that triggers the rule, and the fixed version. */
  bad?: string;
  good?: string;
  /** The examples only trigger against a host: they are checked against the example host of docs/host.md. */
  needsHost?: boolean;
  /**
   * The finding means the file (or the value) cannot be read at all: Nova fails to start. No "disable this
   * rule" action is offered for it (one click must not turn "Nova will not start" green); a suppression
   * comment a person writes by hand is still honoured.
   */
  unreadable?: boolean;
}

export interface ReportExtra<T extends FindingData | undefined = FindingData | undefined> {
  /** What the fix needs to find its target directly (a JSON path, an option name …): the family's DataMap type. */
  data?: T;
  related?: { span: Span; message: string }[];
  tags?: ('unnecessary' | 'deprecated')[];
  /** Overrides the rule's default severity for this one report (the user's setting still wins). */
  severity?: Severity;
}

export interface RuleContext<D extends DataMap = DataMap> {
  doc: NovaConfDocument;
  release: Release;
  /** The selected point release of `release` (none: its latest); gates backported to point releases consult it. */
  point?: string;
  /** The host inventory to judge against, when one is configured (host rules run only then). */
  host?: HostInventory;
  /** A finding: `code` must be one of the family's codes and `extra.data` its declared data type. */
  report<C extends keyof D & string>(code: C, span: Span, message: string, extra?: ReportExtra<D[C]>): void;
}

/** A family of related rules that share one walk over one document. */
export interface DocumentRuleFamily<D extends DataMap = DataMap> {
  name: string;
  /** Runs on each document on its own (features/diagnostics.ts through registry.ts). */
  scope: 'document';
  /** Each rule's code is a key of D (the family's data declaration). */
  rules: RuleMeta<keyof D & string>[];
  check(ctx: RuleContext<D>): void;
  /** Quick fixes by rule code: each builds edits from the finding's (typed) `data` and the parsed document. */
  fixes?: FixTable<D>;
}

/**
 * A family of rules judged over a deployment (several files): workspace/diagnostics.ts
 * runs it with the deployment's context (rules/deployment/index.ts defines
 * DeploymentRuleContext: the deployment view and a report function for findings in any
 * of its files). A cross-file rule goes in such a family, listed in DEPLOYMENT_FAMILIES.
 */
export interface DeploymentRuleFamily<Ctx> {
  name: string;
  scope: 'deployment';
  rules: RuleMeta[];
  checkDeployment(ctx: Ctx): void;
}

/** The per-document families (registry.ts FAMILIES). */
export type RuleFamily = DocumentRuleFamily;
