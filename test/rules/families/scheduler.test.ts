/** The scheduler family (server/src/service/rules/): one range-marked bad case and one good case per code. */
import { familyCases } from './marked';

familyCases('scheduler', [
  {
    code: 'unknown-filter',
    bad: '[filter_scheduler]\nenabled_filters = ComputeFilter, |PciPassthroughFiltre|\n',
    good: '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
  },
  {
    code: 'filter-removed',
    bad: '[filter_scheduler]\nenabled_filters = |AvailabilityZoneFilter|, ComputeFilter\n',
    good: '[filter_scheduler]\nenabled_filters = ComputeFilter\n',
  },
  {
    code: 'scheduler-class-not-found',
    bad: '[filter_scheduler]\navailable_filters = |nova.scheduler.filters.ram_filter.RamFilter|\n',
    good: '[filter_scheduler]\navailable_filters = nova.scheduler.filters.all_filters\n',
  },
  {
    code: 'scheduler-class-external',
    bad: '[filter_scheduler]\navailable_filters = nova.scheduler.filters.all_filters\navailable_filters = |mycloud.filters.RackFilter|\n',
    good: '[filter_scheduler]\navailable_filters = nova.scheduler.filters.all_filters\n',
  },
  {
    code: 'filter-empty-name',
    bad: '[filter_scheduler]\nenabled_filters = ComputeFilter,|,|PciPassthroughFilter\n',
    good: '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
  },
  {
    code: 'pci-filter-not-enabled',
    bad: '[filter_scheduler]\nenabled_filters = ComputeFilter\n[pci]\n|alias| = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n',
    good: '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n',
  },
  {
    code: 'pci-in-placement-without-report',
    bad: '[filter_scheduler]\n|pci_in_placement| = true\n',
    good: '[filter_scheduler]\npci_in_placement = true\n[pci]\nreport_in_placement = true\n',
  },
]);
