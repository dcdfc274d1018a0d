/** RHOSO / nova-operator forms: customServiceConfig block scalars per service, data-plane ConfigMaps. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractNovaDocuments } from '../../server/src/service/sources/yaml/extract';
import { applyAction, at, find, fixture, yamlLint, yamlService } from './yaml-helpers';

const URI = 'file:///deploy/controlplane.yaml';

test('a single-quoted key in a customServiceConfig device_spec is an error at its YAML line and column', () => {
  const text = fixture('rhoso-controlplane.yaml');
  const y = yamlService();
  const view = y.parse(text, URI, 1);
  const ds = y.diagnostics(view);
  const bad = ds.find((d) => d.code === 'json-invalid');
  assert.ok(bad, JSON.stringify(ds.map((d) => d.code)));
  assert.equal(bad.severity, 1);
  const pos = find(text, "'product_id'");
  assert.deepEqual({ line: at(text, bad).line, column: at(text, bad).column }, pos);
  assert.equal(at(text, bad).text, "'product_id'");
  assert.match(bad.message, /double quotes/);

  const fix = y.codeActions(view, bad.range, { diagnostics: [bad] }).find((a) => a.title.includes('double quotes'));
  assert.ok(fix, 'a quick fix is offered');
  const fixed = applyAction(text, URI, fix);
  // Only the token changed; the block keeps its indentation, and the fixed YAML renders clean JSON.
  assert.equal(fixed, text.replace("'product_id'", '"product_id"'));
  assert.ok(fixed.includes('                device_spec = {"vendor_id": "10de", "product_id": "25b6"}\n'));
  assert.equal(yamlLint(fixed).filter((d) => d.code === 'json-invalid').length, 0);
});

test('each service template gives the role of its customServiceConfig', () => {
  const docs = extractNovaDocuments(fixture('rhoso-controlplane.yaml'));
  const roles = Object.fromEntries(docs.map((d) => [d.id.replace(/^0:spec\.nova\.template\./, ''), d.roles]));
  assert.deepEqual(roles, {
    'apiServiceTemplate.customServiceConfig': ['api'],
    'schedulerServiceTemplate.customServiceConfig': ['scheduler'],
    'cellTemplates.cell1.novaComputeTemplates.compute-ironic.customServiceConfig': ['compute'],
  });
  assert.ok(docs.every((d) => d.fragment));
});

test('a removed filter in the scheduler template is reported on its token', () => {
  const text = fixture('rhoso-controlplane.yaml');
  const d = yamlLint(text).find((x) => x.code === 'filter-removed');
  assert.ok(d);
  assert.equal(at(text, d).text, 'AvailabilityZoneFilter');
  assert.deepEqual({ line: at(text, d).line, column: at(text, d).column }, find(text, 'AvailabilityZoneFilter'));
});

test('a fragment that does not set enabled_filters does not get "PciPassthroughFilter not enabled"', () => {
  // The alias in the API template is fine on its own: the scheduler's filters are set elsewhere.
  assert.equal(yamlLint(fixture('rhoso-controlplane.yaml')).filter((d) => d.code === 'pci-filter-not-enabled').length, 0);
});

test('Nova CR and per-service CRs are read too', () => {
  const text = `apiVersion: nova.openstack.org/v1beta1
kind: NovaScheduler
metadata:
  name: nova-scheduler
spec:
  customServiceConfig: |
    [filter_scheduler]
    enabled_filters = RetryFilter,PciPassthroughFilter
`;
  const d = yamlLint(text).find((x) => x.code === 'filter-removed' || x.code === 'unknown-filter');
  assert.ok(d);
  assert.equal(at(text, d).text, 'RetryFilter');
  const nova = `apiVersion: nova.openstack.org/v1beta1
kind: Nova
metadata:
  name: nova
spec:
  apiServiceTemplate:
    customServiceConfig: "[pci]\\nalias = {\\"name\\": \\"a1\\", \\"vendor_id\\": \\"10de\\", \\"product_id\\": \\"25b6\\", \\"numa_policy\\": \\"prefered\\"}\\n"
  cellTemplates:
    cell1:
      conductorServiceTemplate:
        customServiceConfig: |
          [DEFAULT]
          debug = true
`;
  const docs = extractNovaDocuments(nova);
  assert.deepEqual(docs.map((x) => x.roles), [['api'], ['conductor']]);
  const bad = yamlLint(nova).find((x) => x.code === 'alias-bad-numa-policy');
  assert.ok(bad);
  // Inside an escaped double-quoted scalar the range still covers exactly the value as written.
  assert.equal(at(nova, bad).text, '\\"prefered\\"');
});

test('a data-plane ConfigMap: nova-compute role through the OpenStackDataPlaneService, and a file name edpm never copies', () => {
  const text = fixture('rhoso-dataplane.yaml');
  const docs = extractNovaDocuments(text);
  assert.deepEqual(docs.map((d) => [d.id, d.roles]), [['0:data.25-nova-extra.conf', ['compute']], ['0:data.30-extra.conf', ['compute']]]);
  const ds = yamlLint(text);
  const devname = ds.find((d) => d.code === 'placement-devname');
  assert.ok(devname, JSON.stringify(ds.map((d) => d.code)));
  assert.equal(at(text, devname).line, find(text, '"devname"').line);
  const notLoaded = ds.find((d) => d.code === 'yaml-conf-not-loaded');
  assert.ok(notLoaded);
  assert.equal(at(text, notLoaded).text, '30-extra.conf');
});

test('deployment view: aliases in the API template and a scheduler template without PciPassthroughFilter', () => {
  const cr = (scheduler: string) => `apiVersion: core.openstack.org/v1beta1
kind: OpenStackControlPlane
metadata:
  name: cp
spec:
  nova:
    template:
      apiServiceTemplate:
        customServiceConfig: |
          [pci]
          alias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6", "device_type": "type-PF"}
${scheduler}`;
  // No scheduler override: nova-operator's own 01-nova.conf enables PciPassthroughFilter.
  assert.deepEqual(yamlLint(cr('')).map((d) => d.code), []);
  const text = cr(`      schedulerServiceTemplate:
        customServiceConfig: |
          [filter_scheduler]
          enabled_filters = ComputeFilter,NUMATopologyFilter
`);
  const ds = yamlLint(text);
  const d = ds.find((x) => x.code === 'pci-filter-not-enabled');
  assert.ok(d, JSON.stringify(ds));
  assert.equal(at(text, d).text, 'alias');
  // The related location is the scheduler's enabled_filters, in the same YAML file.
  const rel = d.relatedInformation?.[0];
  assert.ok(rel);
  assert.equal(rel.location.range.start.line + 1, find(text, 'enabled_filters').line);
});

test('a fix that inserts a line inside a literal block scalar gets the block indentation', () => {
  const text = fixture('rhoso-controlplane.yaml');
  const y = yamlService();
  const view = y.parse(text, URI, 1);
  // (json-invalid offers no "disable" action: the file cannot be read; filter-removed does.)
  const bad = y.diagnostics(view).find((d) => d.code === 'filter-removed')!;
  const disable = y.codeActions(view, bad.range, { diagnostics: [bad] }).find((a) => a.title === 'Disable filter-removed for this line');
  assert.ok(disable);
  const fixed = applyAction(text, URI, disable);
  assert.ok(fixed.includes('          [filter_scheduler]\n          # nova-conf: disable-next-line filter-removed\n          enabled_filters = '), fixed);
  assert.deepEqual(yamlLint(fixed).filter((d) => d.code === 'filter-removed'), []);
});

test('a fix inside an escaped double-quoted scalar is written with the escapes kept', () => {
  const text = `apiVersion: nova.openstack.org/v1beta1
kind: NovaAPI
metadata:
  name: nova-api
spec:
  customServiceConfig: "[pci]\\nalias = {\\"name\\": \\"a1\\", \\"vendor_id\\": \\"10de\\", \\"product_id\\": \\"25b6\\", \\"numa_policy\\": \\"prefered\\"}\\n"
`;
  const y = yamlService();
  const uri = 'file:///x/api.yaml';
  const view = y.parse(text, uri, 1);
  const d = y.diagnostics(view).find((x) => x.code === 'alias-bad-numa-policy')!;
  const fix = y.codeActions(view, d.range, { diagnostics: [d] }).find((a) => a.title.includes('preferred'));
  assert.ok(fix);
  assert.equal(applyAction(text, uri, fix), text.replace('\\"prefered\\"', '\\"preferred\\"'));
});

test('JSON a renderer builds from a YAML mapping: a value fix edits the YAML scalar, a comment line is not offered', () => {
  const text = 'parameter_defaults:\n  ControllerExtraConfig:\n    nova::pci::aliases:\n      - name: a1\n        vendor_id: "10de"\n        product_id: "25b6"\n        numa_policy: prefered\n';
  const y = yamlService();
  const uri = 'file:///x/env.yaml';
  const view = y.parse(text, uri, 1);
  const d = y.diagnostics(view).find((x) => x.code === 'alias-bad-numa-policy')!;
  assert.ok(d);
  assert.equal(at(text, d).text, 'prefered');
  const actions = y.codeActions(view, d.range, { diagnostics: [d] });
  const fix = actions.find((a) => a.title.includes('preferred'));
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(applyAction(text, uri, fix), text.replace('numa_policy: prefered', 'numa_policy: preferred'));
  // puppet-nova writes the JSON itself: there is no line in the YAML to put a nova-conf comment on.
  assert.ok(!actions.some((a) => a.title.startsWith('Disable')), JSON.stringify(actions.map((a) => a.title)));
});
