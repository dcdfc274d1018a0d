/** OpenStack-Ansible: nova_nova_conf_overrides (config_template) and the os_nova PCI/scheduler variables. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractNovaDocuments } from '../../server/src/service/sources/yaml/extract';
import { at, find, fixture, yamlLint } from './yaml-helpers';

test('AvailabilityZoneFilter in nova_nova_conf_overrides is an Error from 2023.2 on, at its YAML line', () => {
  const text = fixture('osa-user_variables.yml');
  for (const release of ['2023.2', '2024.1', '2026.1'] as const) {
    const d = yamlLint(text, release).find((x) => x.code === 'filter-removed');
    assert.ok(d, release);
    assert.equal(d.severity, 1);
    assert.equal(at(text, d).text, 'AvailabilityZoneFilter');
    assert.equal(at(text, d).line, find(text, '- AvailabilityZoneFilter').line);
  }
  assert.equal(yamlLint(text, '2023.1').filter((x) => x.code === 'filter-removed').length, 0, 'still there in 2023.1');
});

test('config_template rendering: a list joined with commas, "? item" keys one line each, Python str() of scalars', () => {
  const docs = extractNovaDocuments(fixture('osa-user_variables.yml'));
  const o = docs.find((d) => d.form === 'osa-conf-overrides')!;
  assert.ok(o.text.includes('enabled_filters = ComputeFilter,AvailabilityZoneFilter,PciPassthroughFilter\n'));
  assert.ok(o.text.includes('cpu_allocation_ratio = 4.0\n'));
  assert.ok(o.text.includes('report_in_placement = False\n'));
  const set = extractNovaDocuments('nova_nova_conf_overrides:\n  pci:\n    alias:\n      ? \'{"name": "b", "vendor_id": "10de", "product_id": "0002"}\'\n      ? \'{"name": "a", "vendor_id": "10de", "product_id": "0001"}\'\n')[0];
  assert.deepEqual(set.text.split('\n').filter((l) => l.startsWith('alias = ')), ['alias = {"name": "a", "vendor_id": "10de", "product_id": "0001"}', 'alias = {"name": "b", "vendor_id": "10de", "product_id": "0002"}']);
});

test('os_nova variables: device_spec items (a mapping through to_json), an alias mapping printed as a Python dict', () => {
  const text = fixture('osa-user_variables.yml');
  const v = extractNovaDocuments(text).find((d) => d.form === 'osa-variables')!;
  assert.ok(v.text.includes('device_spec = {"vendor_id": "10de", "product_id": "1eb8"}\n'));
  assert.ok(v.text.includes("alias = {'name': 'nic', 'vendor_id': '8086', 'product_id': '154d'}\n"));
  const ds = yamlLint(text);
  const repr = ds.find((d) => d.code === 'yaml-python-repr');
  assert.ok(repr);
  assert.equal(repr.severity, 1);
  assert.equal(at(text, repr).line, find(text, 'name: nic').line);
  assert.equal(ds.filter((d) => d.code === 'json-invalid').length, 0, 'the Python-dict problem is reported once');
});

test('Jinja values: a placeholder is not judged, the literal text around it is', () => {
  assert.deepEqual(yamlLint('nova_scheduler_default_filters: "{{ my_filters }}"\n'), []);
  assert.deepEqual(yamlLint('nova_pci_alias:\n  - \'{"name": "{{ alias_name }}", "vendor_id": "{{ vid }}", "product_id": "25b6"}\'\n'), []);
  assert.deepEqual(yamlLint('nova_nova_conf_overrides:\n  filter_scheduler:\n    enabled_filters: "{{ base_filters }},PciPassthroughFilter"\n'), []);
  // JSON syntax around a placeholder is still the renderer's: a single-quoted key is reported in the YAML.
  const text = 'nova_pci_alias:\n  - "{\'name\': \\"{{ alias_name }}\\", \\"vendor_id\\": \\"10de\\"}"\n';
  const ds = yamlLint(text);
  assert.deepEqual(ds.map((d) => [d.code, at(text, d).text]), [['json-invalid', "'name'"]]);
});

test('a list for alias in the overrides joins into invalid JSON', () => {
  const text = 'nova_nova_conf_overrides:\n  pci:\n    alias:\n      - \'{"name": "a", "product_id": "0001", "vendor_id": "10de"}\'\n      - \'{"name": "b", "product_id": "0002", "vendor_id": "10de"}\'\n';
  const d = yamlLint(text).find((x) => x.code === 'yaml-list-joined-json');
  assert.ok(d);
  assert.equal(at(text, d).text, 'alias');
  assert.match(d.message, /\? item/);
});
