/**
 * Cost of reading nova.conf settings inside YAML: a generated OpenStackControlPlane with many
 * compute templates (customServiceConfig blocks with device_spec/alias lines) and a generated
 * openstack-helm values file. Measures extraction alone, a full check (first open) and a
 * keystroke (one character changed, everything re-read). Reported in docs/deployments.md; never asserted.
 *
 *   node --import tsx bench/yaml.ts
 */
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { createLanguageService } from '../server/src/service/index';
import { extractNovaDocuments } from '../server/src/service/sources/yaml/extract';
import { createYamlFeatures } from '../server/src/service/sources/yaml/service';

function controlPlane(computes: number, lines: number): string {
  const out = ['apiVersion: core.openstack.org/v1beta1', 'kind: OpenStackControlPlane', 'metadata:', '  name: bench', 'spec:', '  nova:', '    template:',
    '      schedulerServiceTemplate:', '        customServiceConfig: |', '          [filter_scheduler]', '          enabled_filters = ComputeFilter,PciPassthroughFilter,NUMATopologyFilter',
    '      cellTemplates:', '        cell1:', '          novaComputeTemplates:'];
  for (let c = 0; c < computes; c++) {
    out.push(`            compute-${c}:`, '              customServiceConfig: |', '                [pci]');
    for (let l = 0; l < lines; l++) {
      const a = (l % 256).toString(16).padStart(2, '0');
      out.push(`                device_spec = {"address": "0000:${a}:00.${l % 8}", "physical_network": "physnet${c}"}`);
      out.push(`                alias = {"name": "gpu${l}", "vendor_id": "10de", "product_id": "25b6", "device_type": "type-PF"}`);
    }
  }
  return out.join('\n') + '\n';
}

function helmValues(sections: number, options: number): string {
  const out = ['conf:', '  nova:'];
  for (let s = 0; s < sections; s++) {
    out.push(s === 0 ? '    pci:' : `    section_${s}:`);
    if (s === 0) out.push('      alias:', '        type: multistring', '        values:');
    for (let o = 0; o < options; o++) {
      if (s === 0) out.push(`          - '{"name": "a${o}", "vendor_id": "10de", "product_id": "25b6"}'`);
      else out.push(`      option_${o}: "value ${o}"`);
    }
  }
  return out.join('\n') + '\n';
}

function best(fn: (r: number) => void, reps: number): number {
  let b = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    fn(r);
    b = Math.min(b, performance.now() - t0);
  }
  return b;
}

const cases = [
  { label: 'OpenStackControlPlane, 20 compute templates × 100 device_spec+alias lines', text: controlPlane(20, 100) },
  { label: 'openstack-helm values, 50 sections × 40 options + 40 multistring aliases', text: helmValues(50, 40) },
];
console.log(`load average at start: ${loadavg()[0].toFixed(1)}`);
console.log('| input | size | documents | extract | first check | keystroke |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const c of cases) {
  const docs = extractNovaDocuments(c.text).length;
  const extract = best(() => extractNovaDocuments(c.text, 'file:///b.yaml'), 10);
  const first = best((r) => {
    const y = createYamlFeatures(createLanguageService());
    y.diagnostics(y.parse(c.text, `file:///b${r}.yaml`, 1));
  }, 5);
  const y = createYamlFeatures(createLanguageService());
  y.diagnostics(y.parse(c.text, 'file:///k.yaml', 1));
  const i = c.text.lastIndexOf('"25b6"') + 2;
  const keystroke = best((r) => {
    const t = c.text.slice(0, i) + String.fromCharCode(97 + (r % 6)) + c.text.slice(i + 1);
    y.diagnostics(y.parse(t, 'file:///k.yaml', r + 2));
  }, 10);
  const f = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
  console.log(`| ${c.label} | ${(c.text.length / 1024).toFixed(0)} KB | ${docs} | ${f(extract)} | ${f(first)} | ${f(keystroke)} |`);
}
