/** Scheduler settings that decide whether PCI requests work (nova/scheduler/host_manager.py, nova/conf/scheduler.py). */
import { templateTouches } from '../../sources/jinja-document';
import { filterRemovedIn, schedulerFilters } from '../../catalog/pci';
import { getOption } from '../../catalog/options';
import { suggest } from '../../suggest';
import { listItems } from '../../oslo/list';
import { lastEntry, pciInPlacement } from '../config-values';
import type { RuleContext, DocumentRuleFamily, RuleMeta } from '../types';
import { pciFilterFixes, removeListItemFixes, unknownFilterFixes } from './fixes';
import type { FixTable } from '../fix-types';

const rules: RuleMeta[] = [
  {
    code: 'unknown-filter', severity: 'error', novaRules: ['S1'], mirrors: 'nova/scheduler/host_manager.py',
    title: 'enabled_filters names a filter that does not exist',
    description: 'Each `[filter_scheduler] enabled_filters` entry must be a filter class Nova loads from `available_filters`; with the default `available_filters`, that is one of the in-tree filters. An unknown name stops nova-scheduler at start.',
    bad: '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFiltre', good: '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter',
  },
  {
    code: 'filter-removed', severity: 'error', novaRules: ['S2'], mirrors: 'nova/scheduler/filters/__init__.py', releases: { since: '2023.2' },
    title: 'AvailabilityZoneFilter no longer exists',
    description: 'AvailabilityZoneFilter was removed in 2023.2 (Placement handles availability zones). Listing it stops nova-scheduler at start.',
    bad: '[filter_scheduler]\nenabled_filters = AvailabilityZoneFilter, ComputeFilter', good: '[filter_scheduler]\nenabled_filters = ComputeFilter',
  },
  {
    code: 'pci-filter-not-enabled', severity: 'warning', novaRules: ['S4'], mirrors: 'nova/conf/scheduler.py',
    title: 'PCI passthrough configured but PciPassthroughFilter not enabled',
    description: 'Without `PciPassthroughFilter` in `[filter_scheduler] enabled_filters`, the scheduler does not check that a host has the requested PCI devices, and instances fail later on the compute. The default filter list does not include it. Reported when the file sets `enabled_filters` without it, or defines aliases (which the API and scheduler side reads) while leaving `enabled_filters` at its default. Never reported in a file only nova-compute reads (by its name or a `# nova-conf: service=` directive). In a deployment (a kolla-ansible tree, an oslo.config directory), it is judged on the `enabled_filters` nova-scheduler reads across its files and reported once, on the alias, naming the scheduler\'s file.',
  },
  {
    code: 'pci-in-placement-without-report', severity: 'information', novaRules: ['S4'], mirrors: 'nova/conf/scheduler.py', releases: { since: '2023.1' },
    title: 'pci_in_placement without report_in_placement',
    description: '`[filter_scheduler] pci_in_placement` makes the scheduler look for PCI devices in Placement, which only works when every compute node has `[pci] report_in_placement = true`. Nova does not check this.',
  },
];

function check(ctx: RuleContext): void {
  const { doc, release } = ctx;
  const ef = lastEntry(doc, 'filter_scheduler', 'enabled_filters');
  // available_filters is multi-valued: any extra module may provide more filter classes.
  const available = doc.byOption.get('filter_scheduler.available_filters') ?? [];
  const defaultAvailable = available.every((e) => e.value.trim() === 'nova.scheduler.filters.all_filters');
  const known = schedulerFilters(release);
  let hasPci = false;
  if (ef) {
    for (const item of listItems(ef)) {
      if (item.text === 'PciPassthroughFilter') hasPci = true;
      const removed = filterRemovedIn(item.text);
      if (removed && !known.includes(item.text)) {
        ctx.report('filter-removed', item.span, `nova-scheduler will refuse to start: ${item.text} was removed in ${removed}; remove it from enabled_filters.`, { data: { filter: item.text } });
      } else if (defaultAvailable && !known.includes(item.text)) {
        const s = suggest(item.text, known, 3);
        ctx.report('unknown-filter', item.span, `nova-scheduler will refuse to start: there is no scheduler filter named "${item.text}"${s.length ? ` — did you mean "${s[0]}"?` : '.'}`, { data: { filter: item.text, suggestions: s } });
      }
    }
  }
  const aliases = doc.aliases;
  const specs = doc.deviceSpecs;
  const anchor = aliases[0]?.entry ?? specs[0]?.entry;
  // A filter list a Jinja template writes may well include PciPassthroughFilter.
  const templated = ef !== undefined && templateTouches(doc.jinja, ef.valueSpan);
  if (anchor && !hasPci && !templated && (ef || aliases.length > 0)) {
    const def = (getOption(release, 'filter_scheduler', 'enabled_filters')?.d as string[] | undefined) ?? [];
    ctx.report('pci-filter-not-enabled', anchor.keySpan, ef
      ? 'PCI passthrough is configured, but [filter_scheduler] enabled_filters does not include PciPassthroughFilter: the scheduler will not check that hosts have the requested devices.'
      : 'PCI aliases are defined, but [filter_scheduler] enabled_filters is not set and its default does not include PciPassthroughFilter: the scheduler will not check that hosts have the requested devices.',
      { data: { enabledFilters: ef ? true : false, defaultFilters: def }, related: ef ? [{ span: ef.keySpan, message: 'enabled_filters is set here' }] : undefined });
  }
  const pip = lastEntry(doc, 'filter_scheduler', 'pci_in_placement');
  if (pip && pciInPlacement(doc) && !lastEntry(doc, 'pci', 'report_in_placement')) {
    ctx.report('pci-in-placement-without-report', pip.keySpan, 'pci_in_placement only works when every compute node sets [pci] report_in_placement = true; Nova does not check this for you.');
  }
}

/** The quick fixes of this family, by rule code (the registry builds the fix table from these). */
const FIXES: FixTable = { 'unknown-filter': unknownFilterFixes, 'pci-filter-not-enabled': pciFilterFixes, 'filter-removed': removeListItemFixes };

export const schedulerFamily: DocumentRuleFamily = { name: 'scheduler', scope: 'document', rules, check, fixes: FIXES };
