/** openstack-helm / MOSK: conf.nova as helm-toolkit's to_oslo_conf renders it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractNovaDocuments } from '../../server/src/service/sources/yaml/extract';
import { applyAction, at, find, fixture, yamlLint, yamlService } from './yaml-helpers';

test('the rendered nova.conf follows to_oslo_conf: lists joined with commas, multistring one line per item', () => {
  const [doc] = extractNovaDocuments(fixture('osh-nova-values.yaml'));
  assert.equal(doc.form, 'helm-conf-nova');
  const lines = doc.text.split('\n');
  assert.ok(lines.includes('debug = true'));
  assert.ok(lines.includes('vif_plugging_timeout = 30'));
  assert.equal(lines.filter((l) => l.startsWith('device_spec = ')).length, 1, 'a list is ONE comma-joined value');
  assert.equal(lines.filter((l) => l.startsWith('alias = ')).length, 2, 'multistring is one line per item');
});

test('numa_policy "prefered" is reported on the YAML scalar, and the fix edits inside the single-quoted scalar', () => {
  const text = fixture('osh-nova-values.yaml');
  const y = yamlService();
  const uri = 'file:///osh/nova.yaml';
  const view = y.parse(text, uri, 1);
  const ds = y.diagnostics(view);
  const d = ds.find((x) => x.code === 'alias-bad-numa-policy');
  assert.ok(d, JSON.stringify(ds.map((x) => x.code)));
  assert.equal(at(text, d).text, '"prefered"');
  assert.deepEqual({ line: at(text, d).line, column: at(text, d).column }, find(text, '"prefered"'));
  const fix = y.codeActions(view, d.range, { diagnostics: [d] }).find((a) => a.title.includes('preferred'));
  assert.ok(fix);
  assert.equal(applyAction(text, uri, fix), text.replace('"prefered"', '"preferred"'));
});

test('a list where multistring was meant: one error on the YAML key, not a stray JSON error at a comma', () => {
  const text = fixture('osh-nova-values.yaml');
  const ds = yamlLint(text);
  const d = ds.find((x) => x.code === 'yaml-list-joined-json');
  assert.ok(d);
  assert.equal(d.severity, 1);
  assert.equal(at(text, d).text, 'device_spec');
  assert.match(d.message, /multistring/);
  assert.equal(ds.filter((x) => x.code === 'json-invalid').length, 0);
});

test('a mapping without type: multistring is left out by helm-toolkit', () => {
  const text = 'conf:\n  nova:\n    pci:\n      alias:\n        name: a1\n        vendor_id: "10de"\n        product_id: "25b6"\n';
  const d = yamlLint(text).find((x) => x.code === 'yaml-map-not-rendered');
  assert.ok(d);
  assert.equal(at(text, d).text, 'alias');
});

test('a block scalar value: lines after the first start at column 0 in the rendered file', () => {
  // to_oslo_conf prints the string as is: a multi-line JSON breaks oslo's INI syntax.
  const text = 'conf:\n  nova:\n    pci:\n      alias: |\n        {"name": "a1",\n         "vendor_id": "10de", "product_id": "25b6"}\n';
  const [doc] = extractNovaDocuments(text);
  assert.ok(doc.text.includes('alias = {"name": "a1",\n "vendor_id"'));
  // The continuation line starts with a space, so oslo joins it: no error, the alias is valid.
  assert.equal(yamlLint(text).filter((x) => x.severity === 1).length, 0);
});

test('MOSK OpenStackDeployment service overrides', () => {
  const text = `apiVersion: lcm.mirantis.com/v1alpha1
kind: OpenStackDeployment
metadata:
  name: osh-dev
spec:
  openstack_version: caracal
  services:
    compute:
      nova:
        values:
          conf:
            nova:
              filter_scheduler:
                enabled_filters:
                  - RetryFilter
                  - PciPassthroughFilter
`;
  const d = yamlLint(text).find((x) => x.code === 'filter-removed' || x.code === 'unknown-filter');
  assert.ok(d);
  assert.equal(at(text, d).text, 'RetryFilter');
});
