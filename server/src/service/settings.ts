import { DEFAULT_RELEASE, Release } from './releases';
import type { Severity } from './model';
import type { HostInventory } from './host/inventory';

export type RuleLevel = Severity | 'off';
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'error', 'warning', 'information', 'hint'];

export interface Settings {
  /** The Nova release whose behaviour the rules follow. */
  release: Release;
  /** A point release of `release` (`28.0.0`); none means the series' latest point release. */
  point?: string;
  /** Per-rule severity overrides by rule code. */
  rules: Record<string, RuleLevel>;
  /** Cap on diagnostics per document (protects editors from floods on huge files). */
  maxDiagnostics: number;
  /** Documents longer than this (UTF-16 units) are not analysed: real nova.conf files are far smaller. */
  maxDocumentSize: number;
  /** The compute host to judge device_spec and aliases against (host rules, hover, hints); none by default. */
  host?: HostInventory;
}

export const DEFAULT_SETTINGS: Settings = { release: DEFAULT_RELEASE, rules: {}, maxDiagnostics: 1000, maxDocumentSize: 16 * 1024 * 1024 };

export function isRuleLevel(v: unknown): v is RuleLevel {
  return typeof v === 'string' && (RULE_LEVELS as readonly string[]).includes(v);
}
