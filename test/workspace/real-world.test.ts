/**
 * Real configs written by others, placed where their authors deployed them: the split of one
 * kolla-ansible deployment (nova-compute, nova-api, nova-scheduler overrides; shared/data/real-world
 * 034–036) and every corpus file as a nova.conf.d/ layer. Cross-file judging adds no Error that the
 * file alone does not have.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService } from '../../server/src/service/index';
import { HAVE_SHARED, SHARED } from '../helpers';

const CORPUS = join(SHARED, 'data', 'real-world');
const skip = HAVE_SHARED ? false : 'shared/ data not found (set NOVA_CONF_SHARED)';

test('a real kolla-ansible split: the scheduler file enables PciPassthroughFilter, the compute file lacks the API\'s alias', { skip }, () => {
  const root = 'file:///kdelphinus/etc/kolla/config/nova/';
  const s = createLanguageService();
  const files: Record<string, string> = {
    'nova-compute.conf': '034-kdelphinus-kolla-nova-compute-gpu.conf',
    'nova-api.conf': '035-kdelphinus-kolla-nova-api-alias-bad-key.conf',
    'nova-scheduler.conf': '036-kdelphinus-kolla-nova-scheduler-unknown-filter.conf',
  };
  for (const [name, src] of Object.entries(files)) s.workspace.set(root + name, readFileSync(join(CORPUS, src), 'utf8'));
  const all = Object.keys(files).flatMap((name) => s.diagnostics(s.workspace.document(root + name)!).map((d) => ({ name, d })));
  assert.deepEqual(all.filter((x) => x.d.code === 'pci-filter-not-enabled'), []);
  const mm = all.filter((x) => x.d.code === 'alias-mismatch');
  assert.equal(mm.length, 1);
  assert.equal(mm[0].name, 'nova-api.conf');
  assert.match(mm[0].d.message, /"gpu-alias" is defined for nova-api but not for nova-compute/);
});

test('every corpus file as a nova.conf.d/ layer next to the others: no Error the file alone does not have', { skip }, () => {
  const names = readdirSync(CORPUS).filter((n) => n.endsWith('.conf'));
  const alone = createLanguageService();
  const together = createLanguageService();
  const errorsOf = (svc: typeof alone, uri: string, text: string) => {
    const doc = uri.startsWith('file:///etc/nova/') ? svc.workspace.document(uri)! : svc.parse(text, uri, 1);
    return svc.diagnostics(doc).filter((d) => d.severity === 1).map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`);
  };
  const texts = new Map(names.map((n) => [n, readFileSync(join(CORPUS, n), 'utf8')]));
  for (const [n, t] of texts) together.workspace.set(`file:///etc/nova/nova.conf.d/${n}`, t);
  const added: string[] = [];
  for (const [n, t] of texts) {
    const a = new Set(errorsOf(alone, `file:///corpus/${n}`, t));
    for (const e of errorsOf(together, `file:///etc/nova/nova.conf.d/${n}`, t)) if (!a.has(e) && !e.startsWith('placement-devname')) added.push(`${n}: ${e}`);
  }
  // placement-devname across files is real: some files turn report_in_placement on, others use devname.
  assert.deepEqual(added, []);
});
