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
  { id: 'unknown-keys', description: 'distinct unknown options in `[DEFAULT]` (`x1 = a`, `x2 = a` …): a did-you-mean per key', generate: (b) => numbered('[DEFAULT]\n', (i) => `x${i} = a\n`, b) },
  { id: 'repeated-key', description: 'one unknown option set again and again (`x = a` per line)', generate: (b) => repeatTo('[DEFAULT]\n', 'x = a\n', b) },
  { id: 'references', description: 'a chain of `$name` references (`o2 = $o1`, `o3 = $o2` …) in `[DEFAULT]`', generate: (b) => numbered('[DEFAULT]\no0 = v\n', (i) => `o${i + 1} = $o${i}\n`, b) },
  { id: 'aliases', description: 'distinct PCI aliases in one `[pci]` section (`alias = {"name": "aN", …}`)', generate: (b) => numbered('[pci]\n', (i) => `alias = {"name": "a${i}", "vendor_id": "8086", "product_id": "154d"}\n`, b) },
  { id: 'long-list', description: 'one `enabled_filters` line listing thousands of unknown filter names', generate: (b) => `[filter_scheduler]\nenabled_filters = ${numbered('', (i) => `F${i},`, b - 40)}ComputeFilter\n` },
  { id: 'bad-int-list', description: 'one `[oslo_limit] retriable_status_codes` line (a list of integers) of thousands of items that are not integers', generate: (b) => `[oslo_limit]\nretriable_status_codes = ${numbered('', (i) => `x${i},`, b - 40)}500\n` },
];

function numbered(head: string, line: (i: number) => string, bytes: number): string {
  const parts = [head];
  let n = head.length;
  for (let i = 0; n < bytes; i++) {
    const l = line(i);
    parts.push(l);
    n += l.length;
  }
  return parts.join('');
}
