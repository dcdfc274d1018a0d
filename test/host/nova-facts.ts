/**
 * Synthetic sysfs trees from the `host` facts of shared/data/nova-cases.json. The facts are
 * what Nova's unit tests mock (is_physical_function, get_function_by_ifname, the VF/PF id
 * readers); each becomes the smallest host with those answers.
 */
import type { FakePci } from './sysfs';

export interface HostFacts {
  is_pf?: boolean;
  vf_product_id?: string;
  pf_ids?: [string, string];
  ifname?: Record<string, [string, boolean]>;
}

const HEX4 = /^[0-9a-fA-F]{1,4}$/;

/** The one address a spec names (wildcards read as 0), for placing the device the facts talk about. */
function namedAddress(address: unknown): string {
  if (typeof address === 'string' && address) {
    const [dbs, fn = '0'] = address.split('.');
    const parts = dbs.split(':').map((p) => p.trim());
    while (parts.length < 3) parts.unshift('0');
    const h = (s: string, w: number) => (s === '*' || s === '' ? '0' : s).padStart(w, '0').toLowerCase();
    return `${h(parts[0], 4)}:${h(parts[1], 2)}:${h(parts[2], 2)}.${fn.trim() === '*' || fn === '' ? '0' : fn.trim()}`;
  }
  if (address && typeof address === 'object') {
    const a = address as Record<string, string>;
    return `${a.domain ?? '0000'}:${a.bus ?? '00'}:${a.slot ?? '00'}.${a.function ?? '0'}`;
  }
  return '0000:0a:00.0';
}

/** A PF at `address` with one VF, or a plain device. */
function device(address: string, isPf: boolean, ids: [string, string], vfProduct: string | undefined, net: string[] = []): FakePci[] {
  if (!isPf) return [{ address, vendor: ids[0], device: ids[1], numa: 0, net }];
  const [dbs] = address.split('.');
  const vf = `${dbs.slice(0, -2)}${((parseInt(dbs.slice(-2), 16) + 0x10) & 0x1f).toString(16).padStart(2, '0')}.0`;
  return [
    { address, vendor: ids[0], device: ids[1], numa: 0, totalVfs: 8, vfDevice: vfProduct, vfs: [vf], net },
    { address: vf, vendor: ids[0], device: vfProduct ?? ids[1], numa: 0, physfn: address },
  ];
}

export function treeForCase(input: string, facts: HostFacts | undefined): FakePci[] {
  const spec = JSON.parse(input) as Record<string, unknown>;
  const f = facts ?? {};
  const out: FakePci[] = [];
  for (const [name, [address, isPf]] of Object.entries(f.ifname ?? {})) out.push(...device(address, isPf, ['8086', '5057'], undefined, [name]));
  if (f.is_pf !== undefined) {
    const vendor = typeof spec.vendor_id === 'string' && HEX4.test(spec.vendor_id) ? spec.vendor_id : '8086';
    const product = typeof spec.product_id === 'string' && HEX4.test(spec.product_id) ? spec.product_id : '5057';
    out.push(...device(namedAddress(spec.address), f.is_pf, f.pf_ids ?? [vendor, product], f.vf_product_id));
  }
  return out;
}
