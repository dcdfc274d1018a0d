/**
 * Adversarial input shapes (issue 19): each generator makes a text of about `bytes` characters. Used by
 * bench/adversarial.ts (growth ratios), the FAMILIES of bench/families.ts and the property tests.
 */
export interface AdversarialShape {
  id: string;
  description: string;
  generate(bytes: number): string;
}

function repeatTo(head: string, unit: string, bytes: number): string {
  return head + unit.repeat(Math.max(1, Math.floor((bytes - head.length) / unit.length)));
}

export const ADVERSARIAL: AdversarialShape[] = [
  { id: 'no-separator', description: "`[pci]` then lines without `=` or `:` (`x` per line), the INI reader's old quadratic case", generate: (b) => repeatTo('[pci]\n', 'x\n', b) },
  { id: 'sections', description: 'thousands of `[pci]` sections each setting an unknown option (`a = 1`), the old fix-all quadratic case', generate: (b) => repeatTo('', '[pci]\na = 1\n', b) },
  { id: 'quote-fixes', description: 'one fixable single-quoted device_spec per line: every line gets a fix under fix-all', generate: (b) => repeatTo('[pci]\n', "device_spec = {'vendor_id': '8086', 'product_id': '154d'}\n", b) },
  { id: 'huge-line', description: 'one option whose value is a single line of the whole size', generate: (b) => `[DEFAULT]\nhost = ${'a'.repeat(Math.max(1, b - 20))}\n` },
  {
    id: 'dynamic-groups',
    description: 'a `[neutron_physnet_NAME]` group per physical network, all listed in `[neutron] physnets`',
    generate: (b) => {
      const k = Math.max(1, Math.floor(b / 60));
      const names = Array.from({ length: k }, (_, i) => `p${i}`);
      return `[neutron]\nphysnets = ${names.join(',')}\n` + names.map((n) => `[neutron_physnet_${n}]\nnuma_nodes = 0\n`).join('');
    },
  },
];
