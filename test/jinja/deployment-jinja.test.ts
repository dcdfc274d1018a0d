/** Jinja templates inside a Kolla/Kayobe config tree: cross-file rules do not compare what the template writes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageService } from '../../server/src/service/index';
import { ROOT } from '../helpers';

const ROOTURI = 'file:///srv/etc/kayobe/kolla/config/';
const LOOP = readFileSync(join(ROOT, 'test', 'fixtures', 'jinja', 'kayobe-gpu-alias-loop.conf'), 'utf8');
const SCHED = '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n';
// nova-compute side in the style of StackHPC's kayobe-config: the loop inside {% raw %} for Kolla to render.
const COMPUTE = [
  '[pci]',
  '{% raw %}',
  '{% for gpu in gpu_list | unique %}',
  'device_spec = { "vendor_id":"{{ gpu_catalogue[gpu].vendor }}", "product_id":"{{ gpu_catalogue[gpu].product }}" }',
  'alias = { "vendor_id":"{{ gpu_catalogue[gpu].vendor }}", "product_id":"{{ gpu_catalogue[gpu].product }}", "device_type":"{{ gpu_catalogue[gpu].kind }}", "name":"{{ gpu_catalogue[gpu].flavor_name }}" }',
  '{% endfor %}',
  '{% endraw %}',
  '',
].join('\n');

function loud(files: Record<string, string>): string[] {
  const s = createLanguageService();
  for (const [rel, text] of Object.entries(files)) s.workspace.set(ROOTURI + rel, text);
  return Object.keys(files).flatMap((rel) => s.diagnostics(s.workspace.document(ROOTURI + rel)!).filter((d) => d.severity! <= 2).map((d) => `${rel}:${d.range.start.line + 1} ${String(d.code)}`));
}

test('templated alias names on both sides: no alias-mismatch', () => {
  assert.deepEqual(loud({ 'nova/nova-api.conf': LOOP, 'nova/nova-compute.conf': COMPUTE, 'nova/nova-scheduler.conf': SCHED }), []);
});

test('a literal alias on one side and templated names on the other: not reported as missing', () => {
  const api = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n';
  assert.deepEqual(loud({ 'nova/nova-api.conf': api, 'nova/nova-compute.conf': COMPUTE, 'nova/nova-scheduler.conf': SCHED }), []);
});

test('a literal alias defined differently on the two sides is still reported next to templated ones', () => {
  const api = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n';
  const compute = COMPUTE.replace('{% endraw %}', '{% endraw %}\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "2236"}');
  assert.deepEqual(loud({ 'nova/nova-api.conf': api, 'nova/nova-compute.conf': compute, 'nova/nova-scheduler.conf': SCHED }), ['nova/nova-compute.conf:8 alias-mismatch']);
});

test('enabled_filters written by a template: no pci-filter-not-enabled, in one file or across the tree', () => {
  const sched = "[filter_scheduler]\nenabled_filters = {{ nova_scheduler_filters | join(',') }}\n";
  const alias = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n';
  assert.deepEqual(loud({ 'nova.conf': alias, 'nova/nova-scheduler.conf': sched }), []);
  const s = createLanguageService();
  const doc = s.parse(sched + alias, 'file:///deploy/nova.conf.j2', 1);
  assert.deepEqual(s.diagnostics(doc).map((d) => String(d.code)), []);
  // A literal list without the filter is still reported.
  const literal = s.parse(sched.replace("{{ nova_scheduler_filters | join(',') }}", 'ComputeFilter') + alias, 'file:///deploy/nova.conf.j2', 1);
  assert.deepEqual(s.diagnostics(literal).map((d) => String(d.code)), ['pci-filter-not-enabled']);
});
