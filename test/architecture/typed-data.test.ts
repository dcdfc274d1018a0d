/**
 * Each rule family declares the type of each code's `data` (rules/<family>/data.ts); `ctx.report` and the
 * family's fixes are checked against it. The @ts-expect-error lines below are part of `npm run typecheck`
 * (run by `npm test`): if report() stopped rejecting an unknown code or data of the wrong shape, the unused
 * directive would fail the typecheck.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuleContext } from '../../server/src/service/rules/types';
import type { FixInput } from '../../server/src/service/rules/fix-types';
import type { SchedulerData } from '../../server/src/service/rules/scheduler/data';
import type { AliasData } from '../../server/src/service/rules/alias/data';
import type { StartupData } from '../../server/src/service/rules/startup/data';
import type { DeploymentRuleContext } from '../../server/src/service/rules/deployment/index';
import { FAMILIES } from '../../server/src/service/rules/registry';

/** Never called: the compiler checks these calls. */
export function typedReports(ctx: RuleContext<SchedulerData>, alias: RuleContext<AliasData>): void {
  const span = { start: 0, end: 1 };
  ctx.report('unknown-filter', span, 'm', { data: { filter: 'X', suggestions: [] } });
  ctx.report('scheduler-class-external', span, 'm');
  // @ts-expect-error a code the family does not declare
  ctx.report('no-such-code', span, 'm');
  // @ts-expect-error data of the wrong shape
  ctx.report('unknown-filter', span, 'm', { data: { filter: 1, suggestions: [] } });
  // @ts-expect-error a code that carries no data
  ctx.report('scheduler-class-external', span, 'm', { data: { x: 1 } });
  // @ts-expect-error another family's code
  alias.report('unknown-filter', span, 'm');
  alias.report('alias-duplicate-mismatch', span, 'm', { data: { fix: 'numa_policy', value: 'legacy' } });
  // @ts-expect-error the mismatch fix knows only numa_policy and device_type
  alias.report('alias-duplicate-mismatch', span, 'm', { data: { fix: 'name', value: 'x' } });
}

/** Never called: the start-up family's codes carry no data except the huge page size fix. */
export function typedStartupReports(ctx: RuleContext<StartupData>): void {
  const span = { start: 0, end: 1 };
  ctx.report('reserved-huge-pages-invalid', span, 'm', { data: { start: 0, end: 2, text: '1GB' } });
  ctx.report('mdev-address-duplicate', span, 'm');
  // @ts-expect-error the size fix needs the replacement text
  ctx.report('reserved-huge-pages-invalid', span, 'm', { data: { start: 0, end: 2 } });
  // @ts-expect-error a start-up code that carries no data
  ctx.report('cpu-mode-custom-without-models', span, 'm', { data: { models: [] } });
}

/** Never called: a cross-file finding carries one of the deployment family's codes (rules/deployment/data.ts). */
export function typedDeploymentReports(ctx: DeploymentRuleContext): void {
  const span = { start: 0, end: 1 };
  ctx.report({ uri: 'file:///a.conf', code: 'value-overridden', span, message: 'm' });
  ctx.report({ uri: 'file:///a.conf', code: 'placement-devname', span, message: 'm' });
  // @ts-expect-error a code the deployment family does not report
  ctx.report({ uri: 'file:///a.conf', code: 'alias-duplicate-mismatch', span, message: 'm' });
}

/** A fix reads its code's data with its declared type (Partial: it comes back from the client). */
export function typedFixData(input: FixInput<SchedulerData['unknown-filter']>): string[] {
  const filter: string | undefined = input.data.filter;
  // @ts-expect-error suggestions are strings
  const n: number[] | undefined = input.data.suggestions;
  return [filter ?? '', ...(n ?? []).map(String)];
}

test('each family\'s fix table names only codes of that family', () => {
  for (const f of FAMILIES) {
    const codes = new Set(f.rules.map((r) => r.code));
    for (const code of Object.keys(f.fixes ?? {})) assert.ok(codes.has(code), `${f.name}: fix for ${code}, which is not one of its rules`);
  }
});
