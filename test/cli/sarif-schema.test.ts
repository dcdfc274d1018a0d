/**
 * `--format sarif` is what GitHub code scanning uploads: the log must validate against the SARIF 2.1.0
 * JSON schema (the OASIS schema as published in @microsoft/jest-sarif), for findings of every severity.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { ROOT } from '../helpers';

const readJson = (module: string) => JSON.parse(readFileSync(require.resolve(module), 'utf8')) as object;
const schema = readJson('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

test('SARIF output validates against the SARIF 2.1.0 schema and carries rules, levels and regions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-sarif-'));
  const f = join(dir, 'nova.conf');
  // An Error (bad numa_policy), a Warning (no PciPassthroughFilter) and an Information (an option deprecated for removal).
  writeFileSync(f, '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6", "numa_policy": "prefered"}\n[libvirt]\nlive_migration_uri = qemu+ssh://%s/system\n');
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--format', 'sarif', f], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string }[] }[] };
  const ajv = new Ajv({ schemaId: 'id', allErrors: true, validateSchema: false });
  ajv.addMetaSchema(readJson('ajv/lib/refs/json-schema-draft-04.json'));
  const valid = ajv.validate(schema, log);
  assert.ok(valid, JSON.stringify(ajv.errors, null, 2));
  const levels = new Set(log.runs[0].results.map((x) => x.level));
  assert.deepEqual([...levels].sort(), ['error', 'note', 'warning']);
  const ids = new Set(log.runs[0].tool.driver.rules.map((x) => x.id));
  for (const res of log.runs[0].results) assert.ok(ids.has(res.ruleId), `rule ${res.ruleId} is described in the driver`);
  // A broken log must not validate (the check has teeth).
  assert.equal(ajv.validate(schema, { version: '2.1.0', runs: [{ results: [] }] }), false);
});
