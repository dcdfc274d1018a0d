/**
 * Cost of reading Jinja templates: parse + diagnostics of a generated Kolla-style template
 * (if/else blocks, placeholders in INI values and in alias/device_spec JSON, a for loop) against
 * the same text with its Jinja delimiters replaced by plain characters (read as a plain nova.conf).
 * Reported in docs/deployments.md; never asserted.
 *
 *   node --import tsx bench/jinja.ts
 */
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { createLanguageService } from '../server/src/service/index';

function template(blocks: number): string {
  const out = ['[DEFAULT]', 'debug = {{ nova_logging_debug }}', 'my_ip = {{ api_interface_address }}', '', '[pci]'];
  for (let i = 0; i < blocks; i++) {
    out.push(
      `{% if inventory_hostname in groups['gpu_${i}'] %}`,
      `device_spec = {"vendor_id": "{{ gpu_${i}.vendor }}", "product_id": "{{ gpu_${i}.product }}"}`,
      `alias = {"name": "{{ gpu_${i}.name }}", "vendor_id": "{{ gpu_${i}.vendor }}", "product_id": "{{ gpu_${i}.product }}", "device_type": "type-PCI"}`,
      '{% else %}',
      `{% for nic in sriov_${i} %}`,
      'device_spec = {"devname": "{{ nic.dev }}", "physical_network": "{{ nic.physnet }}"}',
      '{% endfor %}',
      '{% endif %}',
    );
  }
  return out.join('\n') + '\n';
}

const svc = createLanguageService();
function best(text: string, uri: string, reps: number): number {
  let b = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    svc.diagnostics(svc.parse(text, uri, r));
    b = Math.min(b, performance.now() - t0);
  }
  return b;
}

console.log(`load average at start: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('| template | tags | as template (best) | same text without Jinja (best) |');
console.log('| --- | --- | --- | --- |');
for (const [blocks, reps] of [[40, 30], [4000, 5], [20000, 3]] as const) {
  const text = template(blocks);
  const plain = text.replace(/\{[{%#]/g, '((').replace(/[}%#]\}/g, '))');
  const doc = svc.parse(text, 'file:///bench/nova.conf.j2', -1);
  const tags = doc.jinja?.template.tags.length ?? 0;
  const a = best(text, 'file:///bench/nova.conf.j2', reps);
  const b = best(plain, 'file:///bench/nova.conf', reps);
  console.log(`| ${(text.length / 1024).toFixed(0)} kB | ${tags.toLocaleString('en')} | ${a.toFixed(1)} ms | ${b.toFixed(1)} ms |`);
}
