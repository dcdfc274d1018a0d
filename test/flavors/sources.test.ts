/** Flavor documents of every form: specs found with exact key and value positions; templated ones marked. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FlavorFormat, parseFlavorDocument, flavorFormat } from '../../server/src/service/flavors/document';
import type { FlavorSpec } from '../../server/src/service/flavors/model';

function specs(uri: string, text: string, format: FlavorFormat) {
  return parseFlavorDocument(uri, text, format).specs.map((s: FlavorSpec) => ({
    kind: s.kind, flavor: s.flavor, key: s.key, value: s.value,
    keyText: text.slice(s.keyStart, s.keyEnd), valueText: text.slice(s.valueStart, s.valueEnd), templated: s.templated, exact: Boolean(s.valueOffsets),
  }));
}

test('Ansible: openstack.cloud.compute_flavor and os_nova_flavor tasks; a Jinja value is templated', () => {
  const text = `- hosts: localhost
  tasks:
    - name: GPU flavor
      openstack.cloud.compute_flavor:
        name: gpu.a
        ram: 4096
        extra_specs:
          pci_passthrough:alias: 'gpu:1'
          "hw:cpu_policy": "{{ cpu_policy }}"
    - os_nova_flavor:
        name: old
        extra_specs: {"hw:viommu_model": auto}
`;
  assert.deepEqual(specs('file:///site.yml', text, 'yaml'), [
    { kind: 'ansible', flavor: 'gpu.a', key: 'pci_passthrough:alias', value: 'gpu:1', keyText: 'pci_passthrough:alias', valueText: 'gpu:1', templated: false, exact: true },
    { kind: 'ansible', flavor: 'gpu.a', key: 'hw:cpu_policy', value: '{{ cpu_policy }}', keyText: 'hw:cpu_policy', valueText: '{{ cpu_policy }}', templated: true, exact: true },
    { kind: 'ansible', flavor: 'old', key: 'hw:viommu_model', value: 'auto', keyText: 'hw:viommu_model', valueText: 'auto', templated: false, exact: true },
  ]);
});

test('Kayobe openstack_flavors list (pattern: kayobe-config etc/kayobe/openstack.yml); a double-quoted escape is not one to one', () => {
  const text = `openstack_flavors:
  - name: "gpu.small"
    ram: 2048
    extra_specs:
      "pci_passthrough:alias": "a\\u0031:1"
  - name: plain
`;
  const s = specs('file:///openstack.yml', text, 'yaml');
  assert.equal(s.length, 1);
  assert.equal(s[0].kind, 'kayobe');
  assert.equal(s[0].value, 'a1:1');
  assert.equal(s[0].exact, false);
});

test('YAML extra_specs outside a flavor form are not flavors; Heat intrinsic functions are templated', () => {
  assert.deepEqual(specs('file:///x.yaml', 'something:\n  extra_specs:\n    hw:cpu_policy: nope\n', 'yaml'), []);
  const heat = 'heat_template_version: rocky\nresources:\n  f:\n    type: OS::Nova::Flavor\n    properties:\n      extra_specs:\n        hw:cpu_policy: {get_param: p}\n';
  assert.deepEqual(specs('file:///h.yaml', heat, 'yaml').map((s) => [s.kind, s.flavor, s.key, s.templated]), [['heat', 'f', 'hw:cpu_policy', true]]);
});

test('Terraform: quoted and bare keys, commas, comments, interpolation, other resources ignored', () => {
  const text = `resource "openstack_compute_flavor_v2" "f" {
  name = "gpu"
  /* extra_specs = { "hw:cpu_policy" = "commented" } */
  extra_specs = {
    "pci_passthrough:alias" = "a1:1", # the GPU
    hw_rng_x = "\${var.rate}"
    "hw:mem_page_size" = 2048
  }
}
resource "openstack_compute_instance_v2" "vm" {
  extra_specs = { "hw:cpu_policy" = "nope" }
}
`;
  assert.deepEqual(specs('file:///main.tf', text, 'terraform').map((s) => [s.flavor, s.key, s.value, s.keyText, s.valueText, s.templated]), [
    ['gpu', 'pci_passthrough:alias', 'a1:1', 'pci_passthrough:alias', 'a1:1', false],
    ['gpu', 'hw_rng_x', '${var.rate}', 'hw_rng_x', '${var.rate}', true],
    ['gpu', 'hw:mem_page_size', '2048', 'hw:mem_page_size', '2048', false],
  ]);
});

test('shell: --property K=V and --property=K=V, quotes, continuations, variables; other commands ignored', () => {
  const text = `openstack flavor create --vcpus 2 \\
  --property 'hw:cpu_policy'=dedicated --property="hw:viommu_model=auto" big
openstack server create --property hw:cpu_policy=x vm
openstack flavor set --property pci_passthrough:alias="$ALIAS:1" big # comment --property a=b
`;
  assert.deepEqual(specs('file:///f.sh', text, 'shell').map((s) => [s.flavor, s.key, s.value, s.keyText, s.valueText, s.templated]), [
    ['big', 'hw:cpu_policy', 'dedicated', 'hw:cpu_policy', 'dedicated', false],
    ['big', 'hw:viommu_model', 'auto', 'hw:viommu_model', 'auto', false],
    ['big', 'pci_passthrough:alias', '$ALIAS:1', 'pci_passthrough:alias', '$ALIAS:1', true],
  ]);
});

test('Markdown: shell, console, yaml and hcl fences; other fences and prose ignored', () => {
  const text = [
    'Run openstack flavor set --property hw:cpu_policy=prose f',
    '```console',
    '$ openstack flavor set --property hw:cpu_policy=dedicated f',
    '```',
    '```python',
    'openstack flavor set --property hw:cpu_policy=python f',
    '```',
    '~~~yaml',
    '- openstack.cloud.compute_flavor:',
    '    extra_specs:',
    '      hw:viommu_model: intel',
    '~~~',
    '',
  ].join('\n');
  assert.deepEqual(specs('file:///README.md', text, 'markdown').map((s) => [s.key, s.valueText]), [['hw:cpu_policy', 'dedicated'], ['hw:viommu_model', 'intel']]);
});

test('format by language id, extension and content', () => {
  assert.equal(flavorFormat('file:///a/nova.conf', '[pci]\n'), undefined);
  assert.equal(flavorFormat('untitled:1', 'heat_template_version: 2018-08-31\n'), 'yaml');
  assert.equal(flavorFormat('untitled:2', '#!/bin/bash\nopenstack flavor list\n'), 'shell');
  assert.equal(flavorFormat('file:///x', 'anything', 'terraform'), 'terraform');
  assert.equal(flavorFormat('file:///x.md', ''), 'markdown');
  assert.equal(flavorFormat('file:///x.txt', 'plain'), undefined);
});
