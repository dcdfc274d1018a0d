/** What each scheduler finding carries in `data` for its fix (rules/types.ts DataMap). */
export type SchedulerData = {
  'unknown-filter': { filter: string; suggestions: string[] };
  'filter-removed': { filter: string };
  'scheduler-class-not-found': { option: string; path: string; replacement?: string };
  'scheduler-class-external': undefined;
  'filter-empty-name': { filter: '' };
  'pci-filter-not-enabled': { enabledFilters: boolean; defaultFilters: string[] };
  'pci-in-placement-without-report': undefined;
};
