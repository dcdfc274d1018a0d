/**
 * The extra-spec catalogue and docs/flavors.md: the catalogue is what the extraction script
 * reads from Nova (when the Nova mirror and the os-traits library are here), every Nova
 * regex translates, the lookup follows validators.py, and the docs are fresh with rule
 * examples that trigger (bad) and do not (good).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_VALIDATORS, lookupExtraSpec, pyFullMatchRegex, validatorsOf } from '../../server/src/service/catalog/extra-specs';
import { FLAVOR_RULES } from '../../server/src/service/flavors/rules';
import { RELEASES } from '../../server/src/service/releases';
import { flavorMessagesFor, render } from '../../scripts/flavors-doc';
import { ROOT } from '../helpers';

const MIRROR = process.env.NOVA_MIRROR ?? '/work/.mirror/openstack+nova/repo';
const canExtract = existsSync(MIRROR) && spawnSync('/usr/bin/python3', ['-c', 'import os_traits, os_resource_classes'], { encoding: 'utf8' }).status === 0;

test('the shipped catalogue is what scripts/build-extra-specs.py extracts from Nova', { skip: !canExtract && 'no Nova mirror or os-traits here' }, () => {
  const out = join(mkdtempSync(join(tmpdir(), 'nova-conf-specs-')), 'specs.json');
  const r = spawnSync('python3', [join(ROOT, 'scripts', 'build-extra-specs.py'), '--out', out, MIRROR], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(out, 'utf8'), readFileSync(join(ROOT, 'server', 'src', 'service', 'catalog', 'extra-specs.data.json'), 'utf8'));
});

test('every name regex and value pattern of every release translates to a JavaScript regex', () => {
  for (const v of ALL_VALIDATORS) {
    assert.doesNotThrow(() => pyFullMatchRegex(v.regex), v.regex);
    if (v.value.pattern) assert.doesNotThrow(() => pyFullMatchRegex(v.value.pattern as string), v.value.pattern);
  }
  // Python's \d is any Unicode decimal digit; a full match, not a search
  assert.ok(pyFullMatchRegex('\\d+').test('١٢'));
  assert.ok(!pyFullMatchRegex('\\d+').test('12a'));
});

test('the PCI extra specs are validated in every release; release-bound keys come and go', () => {
  for (const r of RELEASES) {
    const names = new Set(validatorsOf(r).map((v) => v.name));
    for (const k of ['pci_passthrough:alias', 'hw:pci_numa_affinity_policy', 'hw:viommu_model']) assert.ok(names.has(k), `${k} in ${r}`);
  }
  assert.equal(lookupExtraSpec('os:monitors', '2023.2').kind, 'validator');
  assert.equal(lookupExtraSpec('os:monitors', '2024.1').kind, 'unknown');
  assert.equal(lookupExtraSpec('hw:cpu_max_cores', '2024.1').kind, 'unknown');
  assert.equal(lookupExtraSpec('hw:cpu_max_cores', '2024.2').kind, 'validator');
});

test('lookup follows validators.py: parameters, request groups, namespaces, free keys', () => {
  const kind = (k: string) => lookupExtraSpec(k, '2026.1').kind;
  assert.equal(kind('hw:numa_cpus.1'), 'validator');
  assert.equal(kind('resources_gpu:CUSTOM_A16'), 'validator');
  assert.equal(kind('resources1:VGPU'), 'validator');
  assert.equal(kind('trait2:HW_CPU_X86_AVX2'), 'validator');
  assert.equal(kind('aggregate_instance_extra_specs:ssd'), 'validator');
  assert.equal(kind('capabilities:cpu_info:features'), 'validator');
  assert.equal(kind('hw:nope'), 'unknown');
  assert.equal(kind('resources:NOT_A_CLASS'), 'unknown');
  assert.equal(kind('resources!:VCPU'), 'free', "'resources!' is not a namespace Nova validates");
  assert.equal(kind('my_namespace:anything'), 'free');
  assert.equal(kind('no_namespace_at_all'), 'free');
});

test('docs/flavors.md is generated from the current rules and catalogue (npm run docs:flavors)', () => {
  assert.equal(readFileSync(join(ROOT, 'docs', 'flavors.md'), 'utf8'), render());
  const doc = render();
  for (const v of ALL_VALIDATORS) assert.ok(doc.includes(`\`${v.name}\``), v.name);
});

test('each flavor rule: its bad example is reported with it, its good example is not', () => {
  const problems: string[] = [];
  for (const r of FLAVOR_RULES) {
    assert.ok(r.description.length > 40 && r.mirrors.length > 5, r.code);
    if (r.bad && flavorMessagesFor(r, r.bad).length === 0) problems.push(`${r.code}: bad example not reported`);
    if (r.good && flavorMessagesFor(r, r.good).length !== 0) problems.push(`${r.code}: good example reported`);
  }
  assert.deepEqual(problems, []);
});
