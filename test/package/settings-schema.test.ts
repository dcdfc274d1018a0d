/** The generated settings (package.json) and .nova-conf.json schema: fresh, and in step with what the server accepts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';
import { PACKAGE_PATH, SCHEMA_PATH, configFileSchema, packageJsonText, schemaText } from '../../scripts/settings-schema';
import { RULES } from '../../server/src/service/rules/registry';
import { RELEASES } from '../../server/src/service/releases';
import { pointReleases } from '../../server/src/service/catalog/point-releases';
import { normalizeSettings } from '../../server/src/config-file';

interface ReleaseSchema {
  anyOf: [{ enum: string[]; enumDescriptions: string[] }, { pattern: string }];
}

test('package.json settings and schemas/nova-conf.schema.json are fresh (npm run docs regenerates them)', () => {
  const pkg = readFileSync(PACKAGE_PATH, 'utf8');
  assert.equal(packageJsonText(pkg), pkg, 'package.json is stale: run npm run docs');
  assert.equal(readFileSync(SCHEMA_PATH, 'utf8'), schemaText(), 'schemas/nova-conf.schema.json is stale: run npm run docs');
});

test('nova-conf.release: every release with a description, and Nova point versions still accepted', () => {
  const pkg = JSON.parse(readFileSync(PACKAGE_PATH, 'utf8'));
  const rel = pkg.contributes.configuration.properties['nova-conf.release'] as ReleaseSchema;
  const [choices, free] = rel.anyOf;
  assert.equal(choices.enum.length, choices.enumDescriptions.length);
  for (const r of RELEASES) assert.ok(choices.enum.includes(r), r);
  for (const v of choices.enum.filter((e) => e !== '')) {
    assert.deepEqual(normalizeSettings({ release: v }, 'x').problems, [], `the server accepts ${v}`);
  }
  assert.match(choices.enumDescriptions[choices.enum.indexOf('2025.2')], /flamingo/);
  const point = pointReleases('2023.2').find((p) => p !== pointReleases('2023.2').at(-1));
  assert.ok(point, 'a point release older than the latest of 2023.2');
  assert.match(point, new RegExp(free.pattern), 'a point version passes the schema');
  assert.equal(normalizeSettings({ release: point }, 'x').settings.point, point);
});

test('nova-conf.rules and .nova-conf.json suggest every rule code with its levels', () => {
  const pkg = JSON.parse(readFileSync(PACKAGE_PATH, 'utf8'));
  const rules = pkg.contributes.configuration.properties['nova-conf.rules'];
  assert.deepEqual(Object.keys(rules.properties).sort(), [...RULES.keys()].sort());
  assert.deepEqual(rules.properties['pci-filter-not-enabled'].enum, ['off', 'error', 'warning', 'information', 'hint']);
  assert.ok(rules.properties['pci-filter-not-enabled'].description.length > 10);
  const schema = configFileSchema() as { properties: { rules: { properties: Record<string, unknown> } } };
  assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), [...RULES.keys()].sort());
  // The schema is contributed for .nova-conf.json and shipped.
  const v = pkg.contributes.jsonValidation as { fileMatch: string; url: string }[];
  assert.ok(v.some((j) => j.fileMatch === '.nova-conf.json' && existsSync(join(ROOT, j.url))));
  assert.ok((pkg.files as string[]).includes('schemas/*.json'));
});
