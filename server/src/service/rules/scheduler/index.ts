/** Scheduler settings that decide whether PCI requests work (nova/scheduler/host_manager.py, nova/conf/scheduler.py). */
import { templateTouches } from '../../sources/jinja-document';
import { filterRemovedIn, schedulerFilters } from '../../catalog/pci';
import { getOption } from '../../catalog/options';
import { suggest } from '../../suggest';
import { listItems, osloListPieces } from '../../oslo/list';
import { judgeClassPath, loadablePaths, packageOf, type LoadableKind } from '../../catalog/scheduler-classes';
import type { Entry, Span } from '../../model';
import { lastEntry, pciInPlacement } from '../config-values';
import type { RuleContext, DocumentRuleFamily, RuleMeta } from '../types';
import { pciFilterFixes, removeListItemFixes, unknownFilterFixes } from './fixes';
import type { FixTable } from '../fix-types';
import { withConsequence } from '../message';
import type { SchedulerData } from './data';

const SCHEDULER_REFUSES = 'nova-scheduler will refuse to start';

const rules: RuleMeta<keyof SchedulerData & string>[] = [
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
    code: 'scheduler-class-not-found', severity: 'error', mirrors: 'nova/loadables.py', novaRules: ['S1'],
    title: 'available_filters / weight_classes names a Nova class that does not exist',
    description: 'nova-scheduler imports every `[filter_scheduler] available_filters` entry and every `weight_classes` item at start (nova/loadables.py). A path inside Nova\'s own package must name a filter (or weigher) class or the collector function (`nova.scheduler.filters.all_filters`, `nova.scheduler.weights.all_weighers`) of the selected release; a removed or renamed module, a module where a class is meant, or an empty value stops nova-scheduler. The class catalogue is generated per release from Nova\'s tree.',
    bad: '[filter_scheduler]\navailable_filters = nova.scheduler.filters.ram_filter.RamFilter', good: '[filter_scheduler]\navailable_filters = nova.scheduler.filters.all_filters',
  },
  {
    code: 'scheduler-class-external', severity: 'information', mirrors: 'nova/loadables.py',
    title: 'scheduler class from another project',
    description: 'A class path outside Nova (an out-of-tree filter or weigher) is imported at start like any other; nova-conf cannot see whether that package is installed where nova-scheduler runs, so it cannot judge it. Filters it provides are accepted in `enabled_filters`.',
    bad: '[filter_scheduler]\navailable_filters = nova.scheduler.filters.all_filters\navailable_filters = mycloud.filters.RackFilter', good: '[filter_scheduler]\navailable_filters = nova.scheduler.filters.all_filters',
  },
  {
    code: 'filter-empty-name', severity: 'error', mirrors: 'nova/scheduler/host_manager.py', novaRules: ['S1'],
    title: 'enabled_filters has an empty item',
    description: 'oslo.config keeps an empty item between two commas (`A,,B` is A, "" and B; only a trailing comma is dropped), and nova-scheduler finds no filter named "" and refuses to start.',
    bad: '[filter_scheduler]\nenabled_filters = ComputeFilter,,PciPassthroughFilter', good: '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter',
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

/**
 * Judges the class paths nova-scheduler imports (nova/loadables.py): `available_filters` entries (a MultiStrOpt,
 * one path each) and `weight_classes` items. Returns the filter class names available_filters loads when every
 * entry is a known Nova class (a narrowed set), or undefined when the collector or another project's class is
 * among them (anything may then be loaded).
 */
function checkClassPaths(ctx: RuleContext<SchedulerData>, templated: (e: Entry) => boolean): Set<string> | undefined {
  const { doc, release } = ctx;
  const judge = (kind: LoadableKind, path: string, span: Span, option: string): string | 'open' | undefined => {
    const v = judgeClassPath(release, kind, path);
    if (v.kind === 'collector') return 'open';
    if (v.kind === 'class') return v.name;
    if (v.kind === 'external') {
      ctx.report('scheduler-class-external', span, `${path} is not part of Nova (nova-conf cannot check it) — nova-scheduler imports it at start, so its package must be installed where nova-scheduler runs.`);
      return 'open';
    }
    const why = path === '' ? 'an empty value names no class'
      : v.isModule ? `${path} is a module, not a class: name a class in it (e.g. ${packageOf(kind)}.<module>.<Class>) or ${loadablePaths(release, kind)[0]}`
      : v.removedAfter ? `${path} no longer exists (its last release was ${v.removedAfter})`
      : `${path} does not exist in Nova ${release}`;
    const hint = v.movedTo ? ` — it is now ${v.movedTo}` : '';
    ctx.report('scheduler-class-not-found', span, withConsequence(`${why}${hint}`, SCHEDULER_REFUSES), { data: { option, path, replacement: v.movedTo } });
    return undefined;
  };
  let loaded: Set<string> | undefined = new Set();
  for (const e of doc.byOption.get('filter_scheduler.available_filters') ?? []) {
    if (templated(e)) {
      loaded = undefined;
      continue;
    }
    const path = e.value.trim();
    const r = judge('filters', path, path === '' ? e.keySpan : e.valueSpan, 'available_filters');
    if (r === 'open') loaded = undefined;
    else if (r !== undefined) loaded?.add(r);
  }
  if (!doc.byOption.get('filter_scheduler.available_filters')?.length) loaded = undefined; // the default: all_filters
  const wc = lastEntry(doc, 'filter_scheduler', 'weight_classes');
  if (wc && !templated(wc)) {
    for (const p of osloListPieces(wc.value)) judge('weighers', p.text, p.text === '' ? wc.keySpan : wc.map.spanToDoc(p.itemStart, p.itemEnd), 'weight_classes');
  }
  return loaded;
}

function check(ctx: RuleContext<SchedulerData>): void {
  const { doc, release } = ctx;
  const ef = lastEntry(doc, 'filter_scheduler', 'enabled_filters');
  const templated = (e: Entry) => templateTouches(doc.jinja, e.valueSpan);
  const loaded = checkClassPaths(ctx, templated);
  const available = doc.byOption.get('filter_scheduler.available_filters') ?? [];
  const defaultAvailable = available.every((e) => e.value.trim() === 'nova.scheduler.filters.all_filters');
  const known = schedulerFilters(release);
  let hasPci = false;
  if (ef && !templated(ef)) {
    for (const p of osloListPieces(ef.value)) {
      if (p.text !== '') continue;
      // An empty item between commas: point at the comma that closes it.
      const at = ef.map.spanToDoc(p.end, Math.min(p.end + 1, ef.value.length));
      ctx.report('filter-empty-name', at, withConsequence('enabled_filters has an empty item (two commas in a row), which oslo.config keeps as a filter named ""', SCHEDULER_REFUSES), { data: { filter: '' } });
    }
  }
  if (ef) {
    for (const item of listItems(ef)) {
      if (item.text === 'PciPassthroughFilter') hasPci = true;
      const removed = filterRemovedIn(item.text);
      if (removed && !known.includes(item.text)) {
        ctx.report('filter-removed', item.span, `${withConsequence(`${item.text} was removed in ${removed}`, SCHEDULER_REFUSES)} Remove it from enabled_filters.`, { data: { filter: item.text } });
      } else if (defaultAvailable && !known.includes(item.text)) {
        const s = suggest(item.text, known, 3);
        ctx.report('unknown-filter', item.span, withConsequence(`There is no scheduler filter named "${item.text}"${s.length ? ` — did you mean "${s[0]}"?` : ''}`, SCHEDULER_REFUSES), { data: { filter: item.text, suggestions: s } });
      } else if (loaded && !loaded.has(item.text)) {
        const s = suggest(item.text, [...loaded], 3);
        ctx.report('unknown-filter', item.span, withConsequence(`${item.text} is not among the filter classes available_filters loads (${[...loaded].join(', ') || 'none'})`, SCHEDULER_REFUSES), { data: { filter: item.text, suggestions: s } });
      }
    }
  } else if (loaded && available.length) {
    // enabled_filters left at its default must also name only loaded classes.
    const def = (getOption(release, 'filter_scheduler', 'enabled_filters')?.default as string[] | undefined) ?? [];
    const missing = def.filter((f) => !loaded.has(f));
    if (missing.length) {
      ctx.report('unknown-filter', available[0].keySpan, `${withConsequence(`enabled_filters is not set, and its default names ${missing.join(', ')}, which available_filters does not load`, SCHEDULER_REFUSES)} Set enabled_filters to the filters you load.`, { data: { filter: missing[0], suggestions: [] } });
    }
  }
  const aliases = doc.aliases;
  const specs = doc.deviceSpecs;
  const anchor = aliases[0]?.entry ?? specs[0]?.entry;
  // A filter list a Jinja template writes may well include PciPassthroughFilter.
  const efTemplated = ef !== undefined && templated(ef);
  if (anchor && !hasPci && !efTemplated && (ef || aliases.length > 0)) {
    const def = (getOption(release, 'filter_scheduler', 'enabled_filters')?.default as string[] | undefined) ?? [];
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
const FIXES: FixTable<SchedulerData> = { 'unknown-filter': unknownFilterFixes, 'pci-filter-not-enabled': pciFilterFixes, 'filter-removed': removeListItemFixes };

export const schedulerFamily: DocumentRuleFamily<SchedulerData> = { name: 'scheduler', scope: 'document', rules, check, fixes: FIXES };
