/**
 * Which Nova services exist, which of them read which options, and which
 * services a rule's finding concerns. Data, not code: the tables below are the
 * only place that knows that device_spec is nova-compute's business.
 *
 * Sources: nova/pci/whitelist.py and nova/compute/resource_tracker.py (device_spec and
 * report_in_placement are read by nova-compute), nova/pci/request.py (aliases are read
 * where flavors become PCI requests: nova-api, and nova-compute on resize and migration),
 * nova/scheduler/host_manager.py (enabled_filters is read by nova-scheduler).
 */
import type { Entry } from '../model';

/** Nova services that read a nova.conf (kolla-ansible names them the same way). */
export const NOVA_SERVICES = [
  'nova-api',
  'nova-metadata',
  'nova-scheduler',
  'nova-conductor',
  'nova-super-conductor',
  'nova-compute',
  'nova-compute-ironic',
  'nova-novncproxy',
  'nova-serialproxy',
  'nova-spicehtml5proxy',
] as const;
export type NovaService = (typeof NOVA_SERVICES)[number];

/** Other names for the same service (distribution packages). */
export const SERVICE_ALIASES: Readonly<Record<string, NovaService>> = {
  'nova-api-metadata': 'nova-metadata',
  'nova-api-os-compute': 'nova-api',
  'nova-os-compute-api': 'nova-api',
};

export function serviceName(name: string): NovaService | undefined {
  const n = name.trim().toLowerCase();
  if ((NOVA_SERVICES as readonly string[]).includes(n)) return n as NovaService;
  return SERVICE_ALIASES[n];
}

/** `group.option` (or `group.*`) -> the services that read it. Options not listed concern every service. */
export const OPTION_SERVICES: Readonly<Record<string, readonly NovaService[]>> = {
  'pci.device_spec': ['nova-compute'],
  'pci.report_in_placement': ['nova-compute'],
  'pci.alias': ['nova-api', 'nova-compute'],
  'filter_scheduler.*': ['nova-scheduler'],
};

/** Rule codes whose finding concerns a service other than the option it lands on. */
export const CODE_SERVICES: Readonly<Record<string, readonly NovaService[]>> = {
  // Reported on the alias, but it is the scheduler that skips the PCI check.
  'pci-filter-not-enabled': ['nova-scheduler'],
  // Reported on the alias, but judged against a compute host's devices.
  'host-alias-no-device': ['nova-compute'],
  'host-alias-numa-unknown': ['nova-compute'],
  // Start-up checks of nova-compute's libvirt driver (rules/startup/): other services do not read these.
  ...Object.fromEntries(['cpu-set-invalid', 'cpu-sets-overlap', 'vcpu-pin-set-with-dedicated', 'reserved-host-cpus-with-cpu-sets', 'power-management-without-dedicated', 'max-disk-devices-zero', 'reserved-huge-pages-invalid', 'reserved-huge-pages-repeated', 'cpu-models-without-custom-mode', 'cpu-mode-custom-without-models', 'cpu-mode-unsupported-virt-type', 'cpu-extra-flags-ignored', 'live-migration-tunnelled-with-tls', 'rbd-images-not-raw', 'file-backed-memory-conflict', 'swtpm-unsupported-virt-type', 'enforce-multipath-without-multipath', 'mdev-address-duplicate', 'mdev-address-invalid', 'mdev-type-dropped', 'vcpu-pin-set-with-shared-set', 'power-management-cpu0-ignored'].map((c) => [c, ['nova-compute'] as const])),
  'weight-setting-item-ignored': ['nova-scheduler'],
};

/** Problems with the file itself: every service that reads it fails the same way. */
const WHOLE_FILE = /^(ini-|document-too-large$)/;

export function optionServices(group: string, name: string): readonly NovaService[] | undefined {
  return OPTION_SERVICES[`${group}.${name}`] ?? OPTION_SERVICES[`${group}.*`];
}

/**
 * The services a finding concerns: from the rule code, else from the option of the
 * entry it lands on, else undefined (every service).
 */
export function findingServices(code: string, entry: { option?: { group: string; name: string } } | undefined): readonly NovaService[] | undefined {
  if (WHOLE_FILE.test(code)) return undefined;
  const byCode = CODE_SERVICES[code];
  if (byCode) return byCode;
  const o = entry?.option;
  return o ? optionServices(o.group, o.name) : undefined;
}

/** The entry whose text (key to end of value) contains the offset: binary search over entries in file order. */
export function entryContaining(entries: readonly Entry[], offset: number): Entry | undefined {
  let lo = 0;
  let hi = entries.length - 1;
  let hit: Entry | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].span.start <= offset) {
      hit = entries[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return hit && offset <= hit.span.end ? hit : undefined;
}
