/**
 * nova-scheduler's `name=ratio` weight lists, read when the weigher is built (nova/scheduler/utils.py
 * parse_options with float() as converter): `[metrics] weight_setting` (MetricsWeigher, MetricsFilter) and, where
 * the release has it, `[filter_scheduler] image_props_weight_setting` (ImagePropertiesWeigher). An item without
 * "=", with an empty name or with a ratio float() cannot read is logged and dropped; the scheduler still starts.
 */
import { getOption } from '../../catalog/options';
import { listItems } from '../../oslo/list';
import { pyFloat } from '../../oslo/types';
import { lastEntry } from '../config-values';
import type { RuleContext, RuleMeta } from '../types';
import type { StartupCode, StartupData } from './data';
import { withConsequence } from '../message';

export const weightSettingRules: RuleMeta<StartupCode>[] = [
  {
    code: 'weight-setting-item-ignored', severity: 'warning', mirrors: 'nova/scheduler/utils.py',
    title: 'weight_setting item the scheduler drops',
    description: '`[metrics] weight_setting` and `[filter_scheduler] image_props_weight_setting` are lists of `name=ratio` items. nova-scheduler reads them when it builds the weigher (or the metrics filter): an item with no `=`, with nothing before it, or with a ratio that is not a number is dropped with only a log line, so that metric or property simply does not count.',
    bad: '[metrics]\nweight_setting = cpu.percent:1.0, memory.used=-1', good: '[metrics]\nweight_setting = cpu.percent=1.0, memory.used=-1',
  },
];

const LISTS: [group: string, name: string][] = [['metrics', 'weight_setting'], ['filter_scheduler', 'image_props_weight_setting']];

export function checkWeightSettings(ctx: RuleContext<StartupData>): void {
  for (const [group, name] of LISTS) {
    if (!getOption(ctx.release, group, name)) continue; // unknown in this release: the option rules say so
    const e = lastEntry(ctx.doc, group, name);
    if (!e) continue;
    for (const item of listItems(e)) {
      const eq = item.text.indexOf('=');
      const why = eq < 0 ? 'has no "="' : eq === 0 ? 'has no name before "="' : pyFloat(item.text.slice(eq + 1)) === undefined ? `has the ratio "${item.text.slice(eq + 1)}", which is not a number` : undefined;
      if (why) ctx.report('weight-setting-item-ignored', item.span, withConsequence(`The [${group}] ${name} item "${item.text}" ${why} (write name=ratio)`, `nova-scheduler drops it with only a log line`));
    }
  }
}
