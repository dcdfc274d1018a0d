/** Alias names across files at the service level: roles, rename refusals, completion, hover; the folder scan's limits. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlavorWorkspace, aliasUsageDiagnostics, flavorCompletion, flavorDiagnostics, flavorHover, renameAlias } from '../../server/src/service/flavors/index';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { readFolderFile, scanFolder } from '../../server/src/workspace-files';

const ALIAS = (n: string) => `[pci]\nalias = {"name": "${n}", "vendor_id": "10de", "product_id": "1db4"}\n`;
const settings = { ...DEFAULT_SETTINGS };

function ws(files: Record<string, string>): FlavorWorkspace {
  const w = new FlavorWorkspace('2026.1');
  for (const [name, text] of Object.entries(files)) w.set(`file:///w/${name}`, text);
  return w;
}

test('an alias defined only in a compute config: warning names the place; an API config definition satisfies it', () => {
  const flavor = 'openstack flavor set --property pci_passthrough:alias=gpu:1 f\n';
  const w1 = ws({ 'compute/nova.conf': ALIAS('gpu'), 'f.sh': flavor });
  const d1 = flavorDiagnostics(w1.flavorDocument('file:///w/f.sh')!, settings, w1);
  assert.deepEqual(d1.map((d) => d.code), ['flavor-alias-undefined']);
  assert.match(d1[0].message, /only in configs nova-api does not read \(nova\.conf:2\)/);
  assert.equal(d1[0].relatedInformation?.[0].location.uri, 'file:///w/compute/nova.conf');
  const w2 = ws({ 'compute/nova.conf': ALIAS('gpu'), 'nova-api.conf': ALIAS('gpu'), 'f.sh': flavor });
  assert.deepEqual(flavorDiagnostics(w2.flavorDocument('file:///w/f.sh')!, settings, w2), []);
  // the unused hint appears on a definition no flavor asks for
  const w3 = ws({ 'nova.conf': ALIAS('gpu') + 'alias = {"name": "nic", "vendor_id": "8086", "product_id": "154d"}\n', 'f.sh': flavor });
  const hints = aliasUsageDiagnostics(w3.novaDocument('file:///w/nova.conf')!, settings, w3);
  assert.deepEqual(hints.map((d) => [d.code, d.severity, d.range.start.line]), [['flavor-alias-unused', 4, 2]]);
});

test('rename is refused where the name is built by a template, and for names Nova could not reference', () => {
  const w = ws({
    'nova.conf': ALIAS('gpu'),
    'site.yml': '- openstack.cloud.compute_flavor:\n    name: f\n    extra_specs:\n      pci_passthrough:alias: "{{ gpu_alias | default(\'gpu\') }}:1"\n',
    'f.sh': 'openstack flavor set --property pci_passthrough:alias=gpu:1 f\n',
  });
  const at = 'alias = {"name": "'.length + '[pci]\n'.length + 1;
  const r = renameAlias(w, 'file:///w/nova.conf', at, 'a100');
  assert.ok(r && 'error' in r);
  assert.match(r.error, /site\.yml:4 builds pci_passthrough:alias with a template/);
  const w2 = ws({ 'nova.conf': ALIAS('gpu'), 'f.sh': 'openstack flavor set --property pci_passthrough:alias=gpu:1 f\n' });
  const bad = renameAlias(w2, 'file:///w/nova.conf', at, 'a,b');
  assert.ok(bad && 'error' in bad);
  const ok = renameAlias(w2, 'file:///w/nova.conf', at, 'a100');
  assert.ok(ok && 'changes' in ok);
  assert.deepEqual(Object.keys(ok.changes ?? {}).sort(), ['file:///w/f.sh', 'file:///w/nova.conf']);
});

test('completion: alias names (nova-api first) and counts in pci_passthrough:alias, enum values, keys; hover on a key', () => {
  const text = 'openstack flavor set --property pci_passthrough:alias=g --property hw:pci_numa_affinity_policy=x --property hw:viommu=y f\n';
  const w = ws({ 'compute/nova.conf': ALIAS('cgpu'), 'nova.conf': ALIAS('gpu'), 'f.sh': text });
  const doc = w.flavorDocument('file:///w/f.sh')!;
  const names = flavorCompletion(doc, text.indexOf('=g') + 2, '2026.1', w).items;
  assert.deepEqual(names.map((i) => [i.label, (i.textEdit as { newText: string }).newText]), [['gpu', 'gpu:1'], ['cgpu', 'cgpu:1']]);
  const enumItems = flavorCompletion(doc, text.indexOf('=x') + 1, '2026.1', w).items.map((i) => i.label);
  assert.deepEqual(enumItems, ['required', 'preferred', 'legacy', 'socket']);
  const keys = flavorCompletion(doc, text.indexOf('hw:viommu') + 3, '2026.1', w).items.map((i) => i.label);
  assert.ok(keys.includes('hw:viommu_model') && keys.includes('pci_passthrough:alias'));
  const text2 = 'openstack flavor set --property pci_passthrough:alias=gpu:2 f\n';
  const w2 = ws({ 'nova.conf': ALIAS('gpu'), 'g.sh': text2 });
  const counts = flavorCompletion(w2.flavorDocument('file:///w/g.sh')!, text2.indexOf(':2') + 1, '2026.1', w2).items.map((i) => i.label);
  assert.deepEqual(counts, ['1', '2', '4', '8']);
  const hover = flavorHover(doc, text.indexOf('hw:pci_numa') + 3, '2026.1', w);
  assert.match(String((hover?.contents as { value: string }).value), /NUMA node[\s\S]*required \| preferred \| legacy \| socket[\s\S]*all releases/);
  const aliasHover = flavorHover(w2.flavorDocument('file:///w/g.sh')!, text2.indexOf('gpu:2') + 1, '2026.1', w2);
  assert.match(String((aliasHover?.contents as { value: string }).value), /nova\.conf:2/);
});

test('the folder scan takes nova configs and flavor files, skips symlinks, other .conf files and dependency folders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-scan-'));
  writeFileSync(join(dir, 'nova.conf'), ALIAS('gpu'));
  writeFileSync(join(dir, 'nginx.conf'), 'server { listen 80; }\n');
  writeFileSync(join(dir, 'f.sh'), 'openstack flavor set --property hw:cpu_policy=dedicated f\n');
  writeFileSync(join(dir, 'other.sh'), 'echo hello\n');
  mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'node_modules', 'nova.conf'), ALIAS('x'));
  symlinkSync('/etc', join(dir, 'etc-link'));
  symlinkSync(join(dir, 'nova.conf'), join(dir, 'nova-link.conf'));
  assert.deepEqual(scanFolder(dir).map((f) => [f.path.slice(dir.length + 1), f.kind]), [['f.sh', 'flavor'], ['nova.conf', 'nova-conf']]);
  // A watched-file event for one file reads it the way the scan would: the same files, and none of the others.
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git', 'f.sh'), 'openstack flavor set --property hw:cpu_policy=dedicated f\n');
  mkdirSync(join(dir, 'real'));
  writeFileSync(join(dir, 'real', 'f.sh'), 'openstack flavor set --property hw:cpu_policy=dedicated f\n');
  symlinkSync(join(dir, 'real'), join(dir, 'real-link'));
  const one = (rel: string) => readFolderFile(dir, join(dir, rel))?.kind;
  assert.deepEqual(['f.sh', 'nova.conf', 'real/f.sh'].map(one), ['flavor', 'nova-conf', 'flavor']);
  for (const rel of ['nginx.conf', 'other.sh', 'node_modules/nova.conf', 'nova-link.conf', 'real-link/f.sh', '.git/f.sh', 'gone.sh', '../nova.conf']) assert.equal(one(rel), undefined, rel);
});
