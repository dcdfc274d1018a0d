/**
 * The cross-file family (rules/deployment/): for every code it reports, a kolla-ansible config tree where exactly
 * one file holds the range-marked (`|…|`) finding, and a close variant of the tree without it. Files start with
 * `# file: PATH` lines (PATH under the kolla-ansible config directory), as in the rules' own examples. The trees
 * follow kolla-ansible's documented override layout (`nova.conf`, `nova/<service>.conf`, `nova/<host>/nova.conf`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../../server/src/service/index';
import { DEPLOYMENT_FAMILIES } from '../../../server/src/service/rules/registry';
import type { DeploymentCode } from '../../../server/src/service/rules/deployment/data';
import { marked } from './marked';

const ROOT = 'file:///srv/kolla/config/';

interface TreeCase {
  code: DeploymentCode;
  /** `# file: PATH` sections; one of them carries the two `|` marks. */
  bad: string;
  good: string;
}

function files(tree: string): { path: string; text: string }[] {
  return tree.split(/^# file: /m).filter(Boolean).map((part) => {
    const nl = part.indexOf('\n');
    return { path: part.slice(0, nl).trim(), text: part.slice(nl + 1) };
  });
}

/** Every finding of `code` in the tree, as `path:start-end:text`. */
function findings(tree: { path: string; text: string }[], code: string): string[] {
  const s = createLanguageService();
  for (const f of tree) s.workspace.set(ROOT + f.path, f.text);
  return tree.flatMap((f) =>
    s.diagnostics(s.workspace.document(ROOT + f.path)!).filter((d) => d.code === code).map((d) => {
      const doc = s.workspace.document(ROOT + f.path)!;
      const start = doc.offsetAt(d.range.start);
      const end = doc.offsetAt(d.range.end);
      return `${f.path}:${start}-${end}:${f.text.slice(start, end)}`;
    }),
  );
}

const GPU_ALIAS = '{"name": "a16", "vendor_id": "10de", "product_id": "25b6"}';

const CASES: TreeCase[] = [
  {
    code: 'alias-mismatch',
    bad: `# file: nova/nova-api.conf\n[pci]\nalias = ${GPU_ALIAS}\n# file: nova/nova-compute.conf\n[pci]\nalias = {|"name"|: "a16", "vendor_id": "10de", "product_id": "2236"}\n`,
    good: `# file: nova/nova-api.conf\n[pci]\nalias = ${GPU_ALIAS}\n# file: nova/nova-compute.conf\n[pci]\nalias = ${GPU_ALIAS}\n`,
  },
  {
    code: 'override-not-read',
    bad: '# file: nova/nova-schedular.conf\n|[filter_scheduler]|\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
    good: '# file: nova/nova-scheduler.conf\n[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
  },
  {
    code: 'value-overridden',
    bad: '# file: nova.conf\n[pci]\n|device_spec| = {"vendor_id": "8086", "product_id": "154d"}\n# file: nova/compute01/nova.conf\n[pci]\ndevice_spec = {"vendor_id": "10de", "product_id": "25b6"}\n',
    good: '# file: nova.conf\n[DEFAULT]\ndebug = true\n# file: nova/compute01/nova.conf\n[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154d"}\ndevice_spec = {"vendor_id": "10de", "product_id": "25b6"}\n',
  },
  {
    code: 'pci-filter-not-enabled',
    bad: `# file: nova.conf\n[pci]\n|alias| = ${GPU_ALIAS}\n# file: nova/nova-scheduler.conf\n[filter_scheduler]\nenabled_filters = ComputeFilter, ImagePropertiesFilter\n`,
    good: `# file: nova.conf\n[pci]\nalias = ${GPU_ALIAS}\n# file: nova/nova-scheduler.conf\n[filter_scheduler]\nenabled_filters = ComputeFilter, ImagePropertiesFilter, PciPassthroughFilter\n`,
  },
  {
    code: 'placement-devname',
    bad: '# file: nova.conf\n[pci]\ndevice_spec = {|"devname"|: "enp59s0f0", "physical_network": "physnet1"}\n# file: nova/nova-compute.conf\n[pci]\nreport_in_placement = true\n',
    good: '# file: nova.conf\n[pci]\ndevice_spec = {"address": "0000:3b:00.0", "physical_network": "physnet1"}\n# file: nova/nova-compute.conf\n[pci]\nreport_in_placement = true\n',
  },
];

test('deployment: every cross-file code has a range-marked bad tree and a good tree', () => {
  const declared = DEPLOYMENT_FAMILIES.flatMap((f) => f.rules.map((r) => r.code));
  const have = new Set(CASES.map((c) => c.code));
  assert.deepEqual(declared.filter((code) => !have.has(code as DeploymentCode)), []);
});

for (const c of CASES) {
  test(`${c.code}: reported over the marked range in the marked file only; the good tree is clean`, () => {
    const tree = files(c.bad);
    const target = tree.filter((f) => f.text.includes('|'));
    assert.equal(target.length, 1, 'exactly one file carries the marks');
    const { text, start, end } = marked(target[0].text);
    target[0].text = text;
    assert.deepEqual(findings(tree, c.code), [`${target[0].path}:${start}-${end}:${text.slice(start, end)}`]);
    assert.deepEqual(findings(files(c.good), c.code), []);
  });
}
