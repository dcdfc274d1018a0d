/**
 * Benchmark inputs, generated deterministically (same bytes on every run):
 *  - a "full" nova.conf: every option of every group of the catalogue set to its
 *    default (or a sensible value where the default is host-dependent or unset),
 *    laid out like oslo's generated sample config, plus a small [pci] block;
 *  - PCI-heavy files of a target size: thousands of device_spec and alias
 *    entries, one-line and multi-line, with a small share of mistakes.
 * Each generated text carries the marker KEYSTROKE_MARKER inside a device_spec
 * value, where the benchmark types its keystroke.
 */
import { listGroups, listOptions, OptionInfo } from '../server/src/service/catalog/options';
import { DEFAULT_RELEASE, Release } from '../server/src/service/releases';

/** A string inside a device_spec value where the keystroke benchmark types. */
export const KEYSTROKE_MARKER = 'physnet-keystroke';

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPE_NAMES: Record<string, string> = {
  str: 'string value', int: 'integer value', bool: 'boolean value', list: 'list value', float: 'floating point value',
  multi: 'multi valued', uri: 'uri value', port: 'port value', hostaddr: 'host address value', hostdomain: 'host domain value',
  dict: 'dict value', ip: 'IP address value', hostname: 'hostname value', range: 'range value',
};

/** Values for options whose catalogue default depends on the host that generated the sample. */
const HOST_VALUES: Record<string, string> = {
  'DEFAULT.host': 'compute-01',
  'DEFAULT.console_host': 'compute-01',
  'DEFAULT.my_ip': '192.0.2.10',
  'DEFAULT.pybasedir': '/usr/lib/python3/dist-packages',
  'privsep.thread_pool_size': '4',
  'filter_scheduler.enabled_filters': 'ComputeFilter,ComputeCapabilitiesFilter,ImagePropertiesFilter,ServerGroupAntiAffinityFilter,ServerGroupAffinityFilter,NUMATopologyFilter,PciPassthroughFilter',
};

function scalar(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/** The value a sample config would show, made concrete where the default is unset or host-dependent. */
export function sampleValue(o: OptionInfo): string[] {
  const key = `${o.group}.${o.name}`;
  if (HOST_VALUES[key] !== undefined) return [HOST_VALUES[key]];
  const d = o.default;
  if (o.multi) return Array.isArray(d) ? d.map(scalar) : [];
  if (Array.isArray(d)) return [d.map(scalar).join(',')];
  if (d !== undefined && d !== null && typeof d !== 'object') return [String(d)];
  switch (o.type) {
    case 'bool':
      return ['false'];
    case 'port':
      return [String(o.min ?? 8080)];
    case 'hostaddr':
    case 'ip':
      return ['192.0.2.10'];
    case 'hostdomain':
    case 'hostname':
      return ['compute-01.example.org'];
    case 'uri':
      return ['http://controller.example.org:8080/'];
    case 'str':
      if (o.choices && o.choices.length && !o.choices.includes(null) && !o.choices.includes('')) return [scalar(o.choices[0])];
      return [''];
    default:
      return [''];
  }
}

const FULL_PCI = [
  'device_spec = {"address": "0000:41:00.*", "vendor_id": "10de", "product_id": "25b6", "resource_class": "CUSTOM_A16"}',
  'device_spec = [',
  `    {"vendor_id": "8086", "product_id": "10ed", "physical_network": "${KEYSTROKE_MARKER}",`,
  '     "trusted": "true"},',
  '    {"vendor_id": "8086", "product_id": "10ed", "address": {"domain": "0000", "bus": "81", "slot": "10", "function": "[0-7]"}}',
  '    ]',
  'alias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6", "device_type": "type-PCI", "numa_policy": "preferred"}',
  'alias = {"name": "vf", "vendor_id": "8086", "product_id": "10ed", "device_type": "type-VF"}',
];

/** Every option of every group of the release, oslo sample-config style, values uncommented. */
export function generateFull(release: Release = DEFAULT_RELEASE): string {
  const out: string[] = [
    '# Full nova.conf generated from the nova-conf option catalogue for the benchmark',
    `# (release ${release}): every option of every group, set to its default or a sensible value.`,
    '',
  ];
  const groups = listGroups(release);
  const ordered = ['DEFAULT', ...groups.filter((g) => g !== 'DEFAULT').sort()].filter((g) => groups.includes(g));
  for (const g of ordered) {
    out.push(`[${g}]`, '');
    const opts = listOptions(release, g).sort((a, b) => a.name.localeCompare(b.name));
    const byNs = new Map<string, OptionInfo[]>();
    for (const o of opts) byNs.set(o.namespace ?? 'nova.conf', [...(byNs.get(o.namespace ?? 'nova.conf') ?? []), o]);
    for (const [ns, list] of byNs) {
      out.push('#', `# From ${ns}`, '#', '');
      for (const o of list) {
        const facts = [TYPE_NAMES[o.type] ?? o.type];
        if (o.min !== undefined) facts.push(`minimum ${o.min}`);
        if (o.max !== undefined) facts.push(`maximum ${o.max}`);
        if (o.choices?.length) facts.push(`choices: ${o.choices.map((c) => (c === null ? '<None>' : String(c))).join(', ')}`);
        out.push(`# ${o.name} (${facts.join('; ')})`);
        for (const [dg, dn] of o.deprecatedNames) out.push(`# Deprecated group/name - [${dg ?? g}]/${dn}`);
        if (o.deprecatedForRemoval) out.push('# This option is deprecated for removal.');
        if (g === 'pci' && (o.name === 'device_spec' || o.name === 'alias')) {
          out.push(...FULL_PCI.filter((l) => (o.name === 'alias' ? l.startsWith('alias') : !l.startsWith('alias'))), '');
          continue;
        }
        for (const v of sampleValue(o)) out.push(`${o.name} = ${v}`);
        out.push('');
      }
    }
  }
  return out.join('\n');
}

const VENDORS: [string, string[]][] = [
  ['8086', ['10ed', '154d', '1572', '1583', '158b', '37cd', '1889']],
  ['10de', ['25b6', '20b0', '1db4', '2236', '2331']],
  ['15b3', ['1018', '101e', '1016', 'a2d6']],
  ['14e4', ['16d7', '1750']],
  ['1077', ['8070', '8090']],
];
const DEVICE_TYPES = ['type-PCI', 'type-PF', 'type-VF'];
const NUMA = ['required', 'legacy', 'preferred', 'socket'];

const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');

/**
 * A PCI-heavy nova.conf of about `targetBytes`: device_spec (objects, lists over
 * continuation lines, regex addresses) and alias entries, about 1% of them with
 * a mistake Nova refuses or misreads.
 */
export function generatePci(targetBytes: number, seed = 1): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const vp = () => {
    const [v, ps] = pick(VENDORS);
    return [v, pick(ps)] as const;
  };
  const addr = () => `0000:${hex(Math.floor(r() * 256), 2)}:${hex(Math.floor(r() * 32), 2)}.${r() < 0.3 ? '*' : Math.floor(r() * 8)}`;
  const head = [
    `# Synthetic PCI-heavy nova.conf for the nova-conf benchmark (seed ${seed}, about ${Math.round(targetBytes / 1e6)} MB).`,
    '[DEFAULT]',
    'host = bench-compute',
    'my_ip = 192.0.2.10',
    '',
    '[filter_scheduler]',
    'enabled_filters = ComputeFilter,ComputeCapabilitiesFilter,ImagePropertiesFilter,NUMATopologyFilter,PciPassthroughFilter',
    '',
    '[pci]',
    'report_in_placement = false',
  ];
  const parts: string[] = [head.join('\n') + '\n'];
  let size = parts[0].length;
  let i = 0;
  let markerPlaced = false;
  const push = (s: string) => {
    parts.push(s);
    size += s.length + 1;
  };
  while (size < targetBytes) {
    i++;
    if (!markerPlaced && size >= targetBytes / 2) {
      markerPlaced = true;
      push(`device_spec = [\n    {"vendor_id": "8086", "product_id": "154d", "physical_network": "${KEYSTROKE_MARKER}",\n     "trusted": "true"},\n    {"vendor_id": "8086", "product_id": "154d", "address": "0000:3b:00.*"}\n    ]`);
      continue;
    }
    const x = r();
    if (r() < 0.01) {
      // One of the mistakes operators make; Nova refuses or silently misreads each.
      const [v, p] = vp();
      push(
        pick([
          `device_spec = {'vendor_id': '${v}', 'product_id': '${p}'}`,
          `device_spec = {"vendor_id": "${v}", "product_id": "${p}",}`,
          `device_spec = {"vendor_id": "${v}0", "product_id": "${p}"}`,
          `device_spec = {"vendor_id": "${v}", "product_id": "${p}", "physical_netwrok": "physnet${i % 7}"}`,
          `device_spec = {"devname": "enp${i % 200}s0f1", "address": "${addr()}"}`,
          `device_spec = {"vendor_id": "${v}", "product_id": "${p}", "trusted": True}`,
          `alias = {"name": "bad-${i}", "vendor_id": "${v}", "product_id": "${p}", "device_type": "type-PCI", "numa_policy": "prefered"}`,
          `alias = {"name": "bad-${i}", "vendor_id": "${v}", "product_id": "${p}", "device_type": "type-pci"}`,
          `# nova-conf: disable-next-line device-spec-unknown-tag\ndevice_spec = {"vendor_id": "${v}", "product_id": "${p}", "rack": "r${i % 40}"}`,
        ]),
      );
    } else if (x < 0.4) {
      const [v, p] = vp();
      const extra = r() < 0.5 ? `, "physical_network": "physnet${i % 8}"` : r() < 0.5 ? `, "resource_class": "CUSTOM_DEV_${i % 50}"` : '';
      push(`device_spec = {"vendor_id": "${v}", "product_id": "${p}", "address": "${addr()}"${extra}}`);
    } else if (x < 0.6) {
      const n = 2 + Math.floor(r() * 4);
      const items: string[] = [];
      for (let k = 0; k < n; k++) {
        const [v, p] = vp();
        items.push(`    {"vendor_id": "${v}", "product_id": "${p}", "address": "${addr()}",\n     "physical_network": "physnet${(i + k) % 8}", "trusted": "${r() < 0.5 ? 'true' : 'false'}"}`);
      }
      push(`device_spec = [\n${items.join(',\n')}\n    ]`);
    } else if (x < 0.7) {
      const [v, p] = vp();
      push(`device_spec = {"vendor_id": "${v}", "product_id": "${p}",\n    "address": {"domain": "0000", "bus": "${hex(Math.floor(r() * 256), 2)}", "slot": "[0-1][0-9a-f]", "function": "[0-7]"},\n    "resource_class": "CUSTOM_RX_${i % 30}"}`);
    } else if (x < 0.95) {
      const [v, p] = vp();
      const line = `alias = {"name": "dev-${i}", "vendor_id": "${v}", "product_id": "${p}", "device_type": "${pick(DEVICE_TYPES)}", "numa_policy": "${pick(NUMA)}"}`;
      push(r() < 0.2 ? line.replace(', "device_type"', ',\n    "device_type"') : line);
    } else {
      push(`# rack ${i % 40}, slot ${i % 16}: devices reserved for tenant workloads`);
    }
  }
  return parts.join('\n') + '\n';
}
