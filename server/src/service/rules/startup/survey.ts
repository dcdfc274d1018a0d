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
  { service: 'nova-compute (libvirt)', check: 'vcpu_pin_set with cpu_shared_set (no cpu_dedicated_set): accepted, cpu_shared_set then only places emulator threads', source: 'nova/virt/libvirt/driver.py (_check_cpu_set_configuration)', status: 'implemented', rule: 'vcpu-pin-set-with-shared-set', note: 'a Warning: only logged' },
  { service: 'nova-compute (libvirt)', check: 'CPU 0 in cpu_dedicated_set with cpu_power_management and the cpu_state strategy (skipped from 27.2.0 / 28.0.1)', source: 'nova/virt/libvirt/cpu/api.py (validate_all_dedicated_cpus)', status: 'implemented', rule: 'power-management-cpu0-ignored', note: 'a Warning; earlier builds try to offline it, which the host decides' },
  { service: 'nova-compute (libvirt)', check: 'cpu_shared_set with cpu_power_management', source: 'nova/virt/libvirt/cpu/api.py, nova/virt/libvirt/driver.py', status: 'out of scope', note: 'no check: power management only touches cpu_dedicated_set' },
  { service: 'nova-compute (libvirt)', check: 'reserved_huge_pages items: node, size and count keys, whole numbers, sizes in KiB or with an IEC unit (LibvirtDriver.__init__)', source: 'nova/virt/hardware.py (numa_get_reserved_huge_pages)', status: 'implemented', rule: 'reserved-huge-pages-invalid, reserved-huge-pages-repeated', note: 'the same code in every release; whether the NUMA node and page size exist needs the host' },
  { service: 'nova-compute (libvirt)', check: 'cpu_models without cpu_mode = custom (unset included), cpu_mode = custom without cpu_models, cpu_mode on a virt_type other than kvm/qemu', source: 'nova/virt/libvirt/driver.py (_check_cpu_compatibility)', status: 'implemented', rule: 'cpu-models-without-custom-mode, cpu-mode-custom-without-models, cpu-mode-unsupported-virt-type', note: 'every release; the model names and cpu_model_extra_flags against the host CPU need the host' },
  { service: 'nova-compute (libvirt)', check: 'cpu_model_extra_flags dropped with cpu_mode = none (or no mode on lxc/parallels)', source: 'nova/virt/libvirt/driver.py (_get_guest_cpu_model_config)', status: 'implemented', rule: 'cpu-extra-flags-ignored', note: 'a Warning: accepted and ignored' },
  { service: 'nova-compute (libvirt)', check: 'live_migration_tunnelled with live_migration_with_native_tls', source: 'nova/virt/libvirt/driver.py (init_host)', status: 'implemented', rule: 'live-migration-tunnelled-with-tls' },
  { service: 'nova-compute (libvirt)', check: 'images_type = rbd with force_raw_images = false', source: 'nova/virt/libvirt/driver.py (init_host)', status: 'implemented', rule: 'rbd-images-not-raw' },
  { service: 'nova-compute (libvirt)', check: 'file_backed_memory with virt_type not kvm/qemu, ram_allocation_ratio not 1.0, or reserved_host_memory_mb not below it', source: 'nova/virt/libvirt/driver.py to 2024.2, nova/virt/libvirt/host.py from 2025.1 (_check_file_backed_memory_support)', status: 'implemented', rule: 'file-backed-memory-conflict' },
  { service: 'nova-compute (libvirt)', check: 'swtpm_enabled with a virt_type other than kvm/qemu', source: 'nova/virt/libvirt/driver.py (_check_vtpm_support)', status: 'implemented', rule: 'swtpm-unsupported-virt-type', note: 'libvirt vTPM support and the swtpm user and group need the host' },
  { service: 'nova-compute (libvirt)', check: 'volume_enforce_multipath without volume_use_multipath (2025.1 on)', source: 'nova/virt/libvirt/driver.py (_check_multipath)', status: 'implemented', rule: 'enforce-multipath-without-multipath', note: 'whether multipathd runs needs the host' },
  { service: 'nova-compute (libvirt)', check: 'cpu_power_management without cpu_dedicated_set (refused before 27.2.0 / 28.0.1)', source: 'nova/virt/libvirt/cpu/api.py', status: 'implemented', rule: 'power-management-without-dedicated', note: 'a point-release gate (docs/point-releases.md)' },
  { service: 'nova-compute (libvirt)', check: 'virt_type, libvirt and QEMU versions, machine types, mdev types', source: 'nova/virt/libvirt/driver.py (init_host)', status: 'needs the host' },
  { service: 'nova-compute (libvirt)', check: '[mdev_<type>] device_addresses: an address given twice, an item that is not a PCI address, a type without addresses that is dropped (LibvirtDriver.__init__)', source: 'nova/virt/libvirt/driver.py (_get_supported_vgpu_types), nova/pci/utils.py (parse_address)', status: 'implemented', rule: 'mdev-address-duplicate, mdev-address-invalid, mdev-type-dropped', note: 'types without addresses handled differently before 2024.1; in master a non-PCI item may be a virtual parent, which needs the host' },
  { service: 'nova-scheduler', check: '[metrics] weight_setting and [filter_scheduler] image_props_weight_setting items that are not name=ratio', source: 'nova/scheduler/utils.py (parse_options), nova/scheduler/weights/metrics.py, image_props.py', status: 'implemented', rule: 'weight-setting-item-ignored', note: 'a Warning: the scheduler logs and drops the item' },
  { service: 'nova-scheduler', check: '[metrics] required with a metric a host does not report', source: 'nova/scheduler/weights/metrics.py', status: 'out of scope', note: 'decided per host at scheduling time' },
  { service: 'nova-compute (libvirt)', check: 'dedicated CPUs offline or with different governors when power management is on', source: 'nova/virt/libvirt/cpu/api.py (validate_all_dedicated_cpus)', status: 'needs the host' },
  { service: 'nova-compute (libvirt)', check: 'device_spec live_migratable with too old libvirt/QEMU', source: 'nova/virt/libvirt/driver.py (_check_pci_whitelist)', status: 'needs the host' },
  { service: 'nova-compute', check: 'one_time_use = true without [pci] report_in_placement', source: 'nova/pci/devspec.py', status: 'implemented', rule: 'one-time-use-needs-placement', note: 'the device-spec family' },
  { service: 'nova-compute', check: 'node identity, host rename, instances on a new service record', source: 'nova/compute/manager.py (_ensure_existing_node_identity, _check_for_host_rename, _sanity_check_new_host)', status: 'out of scope', note: 'decided by the database and the host\'s state' },
  { service: 'nova-compute (libvirt)', check: '[vnc] / [spice] together (USB tablet, SPICE agent)', source: 'nova/virt/libvirt/driver.py (_guest_add_spice_channel, _get_guest_pointer_model)', status: 'out of scope', note: 'no start-up refusal: decided per guest and only logged' },
  { service: 'nova-novncproxy, nova-spicehtml5proxy, nova-serialproxy', check: 'ssl_only with a missing cert file, a missing web directory', source: 'nova/cmd/baseproxy.py (proxy)', status: 'needs the host' },
  { service: 'nova-api', check: 'compute services older than the oldest supported version', source: 'nova/api/openstack/wsgi_app.py (_setup_service), nova/utils.py (raise_if_old_compute)', status: 'out of scope', note: 'decided by the database' },
  { service: 'nova-conductor', check: 'no start-up refusal decided by the file beyond what oslo.config itself refuses', source: 'nova/cmd/conductor.py, nova/conductor/manager.py, nova/service.py', status: 'out of scope' },
  { service: 'nova-api, nova-conductor, nova-scheduler', check: 'database and message-queue connections, Keystone and Placement reachability', source: 'nova/service.py, nova/scheduler/client/report.py', status: 'out of scope', note: 'decided by the running services, not the file' },
];

export function renderSurvey(): string[] {
  const out = ['## Start-up checks surveyed', '', "What nova-compute (ComputeManager.init_host and the libvirt driver's init_host), nova-api, nova-scheduler and nova-conductor refuse at start because of configuration, and whether the file alone decides it.", '', '| service | check | Nova source | status | rule |', '| --- | --- | --- | --- | --- |'];
  for (const r of STARTUP_SURVEY) out.push(`| ${r.service} | ${r.check} | \`${r.source}\` | ${r.status}${r.note ? ` (${r.note})` : ''} | ${r.rule ? r.rule.split(', ').map((c) => (c.endsWith('*') ? `\`${c}\`` : `[${c}](#${c})`)).join(', ') : ''} |`);
  out.push('');
  return out;
}
