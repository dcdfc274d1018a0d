/**
 * Class paths nova-scheduler imports at start (nova/loadables.py): available_filters entries and weight_classes
 * items, judged against the per-release catalogue generated from Nova's tree; empty enabled_filters items
 * (oslo.config 9.0.0: List()('A,,B') == ['A', '', 'B'], List()('A,B,') == ['A', 'B']).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../helpers';
import { judgeClassPath } from '../../server/src/service/catalog/scheduler-classes';

const at = (text: string, code: string) => lint(text).filter((d) => d.code === code);

test('a removed class, a module where a class is meant and an empty value stop nova-scheduler', () => {
  const cases: [string, RegExp][] = [
    ['nova.scheduler.filters.ram_filter.RamFilter', /does not exist in Nova/],
    ['nova.scheduler.filters.compute_filter', /is a module, not a class/],
    ['', /empty value/],
  ];
  for (const [path, msg] of cases) {
    const ds = at(`[filter_scheduler]\navailable_filters = ${path}\n`, 'scheduler-class-not-found');
    assert.equal(ds.length, 1, path);
    assert.equal(ds[0].severity, 1);
    assert.match(ds[0].message, msg);
  }
});

test('the collector, real classes and weighers load; another project\'s class is Information', () => {
  const text = '[filter_scheduler]\navailable_filters = nova.scheduler.filters.all_filters\navailable_filters = mycloud.filters.RackFilter\nweight_classes = nova.scheduler.weights.all_weighers, nova.scheduler.weights.ram.RAMWeigher\nenabled_filters = ComputeFilter, RackFilter\n';
  const ds = lint(text);
  assert.deepEqual(ds.filter((d) => d.severity === 1).map((d) => d.code), []);
  const ext = ds.filter((d) => d.code === 'scheduler-class-external');
  assert.equal(ext.length, 1);
  assert.equal(ext[0].severity, 3);
});

test('a weigher class that does not exist in weight_classes is an Error on that item', () => {
  const ds = at('[filter_scheduler]\nweight_classes = nova.scheduler.weights.ram.RAMWeigher, nova.scheduler.weights.ram.RamWeigher\n', 'scheduler-class-not-found');
  assert.equal(ds.length, 1);
  assert.equal(ds[0].range.start.character, '[filter_scheduler]\nweight_classes = nova.scheduler.weights.ram.RAMWeigher, '.split('\n')[1].length);
});

test('when available_filters narrows the classes, enabled_filters (and its default) must name only those', () => {
  const narrow = '[filter_scheduler]\navailable_filters = nova.scheduler.filters.compute_filter.ComputeFilter\navailable_filters = nova.scheduler.filters.pci_passthrough_filter.PciPassthroughFilter\n';
  const named = at(narrow + 'enabled_filters = ComputeFilter, PciPassthroughFilter, NUMATopologyFilter\n', 'unknown-filter');
  assert.equal(named.length, 1);
  assert.match(named[0].message, /NUMATopologyFilter is not among the filter classes available_filters loads/);
  assert.deepEqual(at(narrow + 'enabled_filters = ComputeFilter, PciPassthroughFilter\n', 'unknown-filter'), []);
  const byDefault = at(narrow, 'unknown-filter');
  assert.equal(byDefault.length, 1);
  assert.match(byDefault[0].message, /its default names .*ImagePropertiesFilter/);
});

test('an empty item between commas is a filter named "" (a trailing comma is not)', () => {
  const ds = at('[filter_scheduler]\nenabled_filters = ComputeFilter,,PciPassthroughFilter,\n', 'filter-empty-name');
  assert.equal(ds.length, 1);
  assert.deepEqual(ds[0].range.start, { line: 1, character: 32 });
  assert.deepEqual(at('[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter,\n', 'filter-empty-name'), []);
});

test('the catalogue follows the release: a class that only exists up to some release names that release', () => {
  // AvailabilityZoneFilter's module was removed in 2023.2 (28.0.0).
  const path = 'nova.scheduler.filters.availability_zone_filter.AvailabilityZoneFilter';
  assert.deepEqual(judgeClassPath('2023.1', 'filters', path), { kind: 'class', name: 'AvailabilityZoneFilter' });
  const v = judgeClassPath('2023.2', 'filters', path);
  assert.equal(v.kind, 'missing');
  assert.equal(v.kind === 'missing' && v.removedAfter, '2023.1');
});
