/** Juju charm options; YAML files without any Nova form get nothing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractNovaDocuments } from '../../server/src/service/sources/yaml/extract';
import { at, fixture, yamlLint } from './yaml-helpers';

test('a Juju bundle: pci-alias JSON list items become alias lines, checked in place', () => {
  const text = fixture('juju-bundle.yaml');
  const docs = extractNovaDocuments(text);
  assert.deepEqual(docs.map((d) => d.roles), [['compute'], ['api', 'scheduler', 'conductor']]);
  const ds = yamlLint(text);
  const numa = ds.find((d) => d.code === 'alias-bad-numa-policy');
  assert.ok(numa, JSON.stringify(ds.map((d) => d.code)));
  assert.equal(at(text, numa).text, '"prefered"');
  const removed = ds.filter((d) => d.code === 'filter-removed' || d.code === 'unknown-filter').map((d) => at(text, d).text);
  assert.deepEqual(removed, ['AvailabilityZoneFilter', 'RamFilter']);
});

test('a Juju config file for one application', () => {
  const text = "nova-compute:\n  pci-passthrough-whitelist: '{\"vendor_id\": \"8086\", \"product_id\": \"10fb\", \"address\": \"0000:3b:00.*\", \"physical_network\": \"physnet1\"}'\n";
  assert.equal(extractNovaDocuments(text).length, 1);
  assert.deepEqual(yamlLint(text).filter((d) => d.severity === 1), []);
});

test('a plain Kubernetes manifest and an Ansible playbook: no documents, no diagnostics', () => {
  for (const name of ['k8s-deployment.yaml', 'ansible-playbook.yml']) {
    const text = fixture(name);
    assert.deepEqual(extractNovaDocuments(text), [], name);
    assert.deepEqual(yamlLint(text), [], name);
  }
});

test('malformed YAML never throws and never invents findings', () => {
  for (const text of ['conf:\n  nova:\n    pci: [\n', 'kind: OpenStackControlPlane\nspec: {nova: {template: {apiServiceTemplate: {customServiceConfig: 3}}}}\n', ':\n- - nova\n', '"unterminated nova']) {
    assert.doesNotThrow(() => yamlLint(text));
  }
});
