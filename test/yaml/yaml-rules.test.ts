/** Each YAML rule's bad example triggers it and its good example does not; docs/deployments.md lists every rule and form. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { YAML_RULES } from '../../server/src/service/sources/yaml/rules';
import { ROOT } from '../helpers';
import { yamlLint } from './yaml-helpers';

for (const rule of YAML_RULES) {
  test(`${rule.code}: the bad example triggers it, the good one does not`, () => {
    const bad = yamlLint(rule.bad).filter((d) => d.code === rule.code);
    assert.equal(bad.length, 1, JSON.stringify(yamlLint(rule.bad)));
    assert.equal(bad[0].severity, { error: 1, warning: 2, information: 3, hint: 4 }[rule.severity]);
    assert.deepEqual(yamlLint(rule.good).filter((d) => d.code === rule.code), []);
  });
}

test('docs/deployments.md names every YAML rule and every form', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'deployments.md'), 'utf8');
  for (const r of YAML_RULES) assert.ok(doc.includes(`\`${r.code}\``), r.code);
  for (const form of ['customServiceConfig', 'OpenStackDataPlaneService', 'conf.nova', 'nova_nova_conf_overrides', 'NovaPCIPassthrough', 'nova::pci::aliases', 'NovaSchedulerEnabledFilters', 'pci-passthrough-whitelist', 'pci-alias', 'scheduler-default-filters']) {
    assert.ok(doc.includes(form), form);
  }
});
