/** TripleO: NovaPCIPassthrough, ExtraConfig hieradata for puppet-nova, scheduler filter parameters. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractNovaDocuments } from '../../server/src/service/sources/yaml/extract';
import { at, find, fixture, yamlLint } from './yaml-helpers';

test('a NovaPCIPassthrough item with devname while report_in_placement is on: an error on that item', () => {
  const text = fixture('tripleo-sriov-env.yaml');
  const ds = yamlLint(text);
  const d = ds.find((x) => x.code === 'placement-devname');
  assert.ok(d, JSON.stringify(ds.map((x) => x.code)));
  assert.equal(d.severity, 1);
  assert.equal(at(text, d).line, find(text, 'devname').line);
  assert.match(at(text, d).text, /devname/);
});

test('each NovaPCIPassthrough item becomes one device_spec line, as puppet-nova serialises it', () => {
  const docs = extractNovaDocuments(fixture('tripleo-sriov-env.yaml'));
  const compute = docs.find((d) => d.roles?.includes('compute'))!;
  const specs = compute.text.split('\n').filter((l) => l.startsWith('device_spec = '));
  assert.deepEqual(specs, [
    'device_spec = {"vendor_id":"8086","product_id":"154d","address":"0000:04:00.1","physical_network":"datacentre"}',
    'device_spec = {"devname":"p6p1","physical_network":"tenant"}',
  ]);
  assert.ok(compute.text.includes('report_in_placement = true'));
  const control = docs.find((d) => d.roles?.includes('scheduler'))!;
  assert.ok(control.text.includes('enabled_filters = AvailabilityZoneFilter,ComputeFilter,PciPassthroughFilter'));
  assert.ok(control.text.includes('alias = {"name":"a1","vendor_id":"8086","product_id":"154d","device_type":"type-PF"}'));
});

test('a removed scheduler filter in NovaSchedulerEnabledFilters is reported on its list item', () => {
  const text = fixture('tripleo-sriov-env.yaml');
  const d = yamlLint(text, '2024.1').find((x) => x.code === 'filter-removed');
  assert.ok(d);
  assert.equal(at(text, d).text, 'AvailabilityZoneFilter');
});

test('an unquoted number in a NovaPCIPassthrough item becomes a JSON number, which Nova refuses', () => {
  const text = 'parameter_defaults:\n  NovaPCIPassthrough:\n    - vendor_id: 8086\n      product_id: "154d"\n';
  const d = yamlLint(text).find((x) => x.code === 'device-spec-id-not-string');
  assert.ok(d, JSON.stringify(yamlLint(text).map((x) => x.code)));
  assert.equal(at(text, d).text, '8086');
});
