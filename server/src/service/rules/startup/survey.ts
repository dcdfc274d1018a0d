/**
 * The survey of Nova's start-up refusals decided by configuration (issue #17 item 6): what each service checks
 * when it starts, and whether a rule implements it, it needs the host, or it is out of scope. Rendered into
 * docs/rules.md by scripts/rules-doc.ts.
 */
export interface SurveyRow {
  service: string;
  check: string;
  source: string;
  status: 'implemented' | 'needs the host' | 'out of scope' | 'not yet';
  rule?: string;
  note?: string;
}

export const STARTUP_SURVEY: SurveyRow[] = [
  { service: 'nova-compute', check: '[compute] max_disk_devices_to_attach = 0', source: 'nova/compute/manager.py (init_host)', status: 'implemented', rule: 'max-disk-devices-zero' },
  { service: 'nova-compute (libvirt)', check: 'cpu_dedicated_set / cpu_shared_set / vcpu_pin_set syntax, or empty after exclusions', source: 'nova/virt/hardware.py (parse_cpu_spec, get_cpu_*_set)', status: 'implemented', rule: 'cpu-set-invalid' },
  { service: 'nova-compute (libvirt)', check: 'cpu_dedicated_set and cpu_shared_set overlap', source: 'nova/virt/libvirt/driver.py (_check_cpu_set_configuration)', status: 'implemented', rule: 'cpu-sets-overlap' },
  { service: 'nova-compute (libvirt)', check: 'vcpu_pin_set with cpu_dedicated_set', source: 'nova/virt/libvirt/driver.py (_check_cpu_set_configuration)', status: 'implemented', rule: 'vcpu-pin-set-with-dedicated' },
  { service: 'nova-compute (libvirt)', check: 'reserved_host_cpus with cpu_shared_set / cpu_dedicated_set', source: 'nova/virt/libvirt/driver.py (_check_cpu_set_configuration)', status: 'implemented', rule: 'reserved-host-cpus-with-cpu-sets' },
  { service: 'nova-compute', check: '[pci] device_spec parse errors', source: 'nova/pci/whitelist.py, nova/pci/devspec.py', status: 'implemented', rule: 'device-spec-*', note: 'the device-spec family' },
  { service: 'nova-api, nova-compute', check: '[pci] alias validation (2025.2; 2025.1 from 31.3.1)', source: 'nova/pci/request.py', status: 'implemented', rule: 'alias-*', note: 'the alias family' },
  { service: 'nova-scheduler', check: 'filter and weigher class paths, enabled_filters names', source: 'nova/loadables.py, nova/scheduler/host_manager.py', status: 'implemented', rule: 'unknown-filter, scheduler-class-not-found' },
  { service: 'nova-compute', check: 'CPU sets naming CPUs the host does not have (or offline)', source: 'nova/virt/libvirt/driver.py (_get_pcpu_available, _get_vcpu_available)', status: 'needs the host' },
  { service: 'nova-compute (libvirt)', check: 'reserved_huge_pages syntax (node:…,size:…,count:…)', source: 'nova/conf/compute.py (Dict type), nova/virt/hardware.py', status: 'not yet', note: 'the item types are checked by oslo (invalid-value); the page sizes and NUMA nodes need the host' },
  { service: 'nova-compute (libvirt)', check: '[libvirt] cpu_mode / cpu_models / cpu_model_extra_flags consistency', source: 'nova/virt/libvirt/driver.py (_check_cpu_compatibility)', status: 'not yet', note: 'the model names are judged by libvirt on the host; the mode/models combinations are file-decided and remain to be written' },
  { service: 'nova-compute (libvirt)', check: 'cpu_power_management without cpu_dedicated_set (refused before 27.2.0 / 28.0.1)', source: 'nova/virt/libvirt/cpu/api.py', status: 'implemented', rule: 'power-management-without-dedicated', note: 'a point-release gate (docs/point-releases.md)' },
  { service: 'nova-compute (libvirt)', check: 'virt_type, libvirt and QEMU versions, machine types, mdev types', source: 'nova/virt/libvirt/driver.py (init_host)', status: 'needs the host' },
  { service: 'nova-api, nova-conductor, nova-scheduler', check: 'database and message-queue connections, Keystone and Placement reachability', source: 'nova/service.py, nova/scheduler/client/report.py', status: 'out of scope', note: 'decided by the running services, not the file' },
];

export function renderSurvey(): string[] {
  const out = ['## Start-up checks surveyed', '', "What nova-compute (ComputeManager.init_host and the libvirt driver's init_host), nova-api, nova-scheduler and nova-conductor refuse at start because of configuration, and whether the file alone decides it.", '', '| service | check | Nova source | status | rule |', '| --- | --- | --- | --- | --- |'];
  for (const r of STARTUP_SURVEY) out.push(`| ${r.service} | ${r.check} | \`${r.source}\` | ${r.status}${r.note ? ` (${r.note})` : ''} | ${r.rule ? r.rule.split(', ').map((c) => (c.endsWith('*') ? `\`${c}\`` : `[${c}](#${c})`)).join(', ') : ''} |`);
  out.push('');
  return out;
}
