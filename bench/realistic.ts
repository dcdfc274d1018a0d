/**
 * The realistic-mix input family: what a large generated deployment config
 * looks like, rather than one huge [pci] section. Repeated units of
 *  - a slice of catalogue options (the same groups reappear: oslo.config merges them),
 *  - a `[neutron_physnet_NAME]` group per physical network, listed in `[neutron] physnets`,
 *  - an `[mdev_TYPE]` group per mediated device type, listed in `[devices] enabled_mdev_types`,
 *  - a `[pci]` block with device_spec and alias entries.
 * About 1% of the dynamic groups are left out of their list (Nova ignores them:
 * unknown-group) and about 1% of the PCI entries carry a mistake, so the rules
 * that scale with these lists have work to do. Deterministic for a seed.
 * Growth of this family exposes work proportional to (sections × list length).
 */
import { listGroups, listOptions } from '../server/src/service/catalog/options';
import { DEFAULT_RELEASE } from '../server/src/service/releases';
import { KEYSTROKE_MARKER, rng, sampleValue } from './generate';

const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');

export function generateRealistic(targetBytes: number, seed = 7): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const release = DEFAULT_RELEASE;
  const groups = listGroups(release).filter((g) => g !== 'pci' && g !== 'neutron' && g !== 'devices' && listOptions(release, g).length > 0);
  const physnets: string[] = [];
  const mdevs: string[] = [];
  const body: string[] = [];
  let size = 0;
  const push = (s: string) => {
    body.push(s);
    size += s.length + 1;
  };
  let markerPlaced = false;
  // Reserve room for the two list options of the head (about 14 bytes per name).
  for (let i = 0; size + (physnets.length + mdevs.length) * 14 < targetBytes; i++) {
    // A slice of catalogue options from one group.
    const g = groups[i % groups.length];
    const opts = listOptions(release, g);
    const start = Math.floor(r() * opts.length);
    const slice = opts.slice(start, start + 4 + Math.floor(r() * 8));
    const lines = [`[${g}]`];
    for (const o of slice) for (const v of sampleValue(o)) lines.push(`# ${o.name}`, `${o.name} = ${v}`);
    push(lines.join('\n') + '\n');
    // A physical network group and a mediated device group.
    const net = `physnet${i}`;
    if (r() >= 0.01) physnets.push(net);
    push(`[neutron_physnet_${net}]\nnuma_nodes = ${i % 2},${(i + 1) % 4}\n`);
    if (i % 2 === 0) {
      const type = `nvidia-${200 + i}`;
      if (r() >= 0.01) mdevs.push(type);
      push(`[mdev_${type}]\ndevice_addresses = 0000:${hex(i % 256, 2)}:00.0,0000:${hex((i + 1) % 256, 2)}:00.0\nmdev_class = CUSTOM_VGPU_${i % 97}\n`);
    }
    // A [pci] block.
    const pci = ['[pci]'];
    const n = 1 + Math.floor(r() * 3);
    for (let k = 0; k < n; k++) {
      const bus = hex(Math.floor(r() * 256), 2);
      if (r() < 0.01) pci.push(pick([`device_spec = {'vendor_id': '8086', 'product_id': '154d'}`, `device_spec = {"vendor_id": "8086", "product_id": "154d", "physical_netwrok": "${net}"}`, `alias = {"name": "bad-${i}", "vendor_id": "10de", "product_id": "25b6", "numa_policy": "prefered"}`]));
      else pci.push(`device_spec = {"vendor_id": "8086", "product_id": "154d", "address": "0000:${bus}:00.*", "physical_network": "${net}"}`);
    }
    if (!markerPlaced && size >= targetBytes / 2) {
      markerPlaced = true;
      pci.push(`device_spec = [\n    {"vendor_id": "8086", "product_id": "10ed", "physical_network": "${KEYSTROKE_MARKER}",\n     "trusted": "true"}\n    ]`);
    }
    pci.push(`alias = {"name": "gpu-${i}", "vendor_id": "10de", "product_id": "25b6", "device_type": "type-PCI", "numa_policy": "preferred"}`);
    push(pci.join('\n') + '\n');
  }
  const head = [
    `# Synthetic realistic-mix nova.conf for the nova-conf benchmark (seed ${seed}, about ${(targetBytes / 1e6).toFixed(1)} MB).`,
    '[DEFAULT]',
    'host = bench-compute',
    'my_ip = 192.0.2.10',
    '',
    '[neutron]',
    `physnets = ${physnets.join(',')}`,
    '',
    '[devices]',
    `enabled_mdev_types = ${mdevs.join(',')}`,
    '',
    '[filter_scheduler]',
    'enabled_filters = ComputeFilter,ComputeCapabilitiesFilter,ImagePropertiesFilter,NUMATopologyFilter,PciPassthroughFilter',
    '',
  ];
  return head.join('\n') + '\n' + body.join('\n');
}
