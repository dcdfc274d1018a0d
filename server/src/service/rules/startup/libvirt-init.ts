/**
 * More of what nova-compute with the libvirt driver refuses at start from the file alone (issue #17 item 6):
 * LibvirtDriver.__init__ (reserved_huge_pages, through nova/virt/hardware.py) and LibvirtDriver.init_host with the
 * checks it calls in nova/virt/libvirt/driver.py — _check_cpu_compatibility, _check_vtpm_support, _check_multipath,
 * the native-TLS and rbd checks written inline, and the file-backed memory check (driver.py up to 2024.2,
 * nova/virt/libvirt/host.py from 2025.1, still reached from init_host). Each verdict was read at the 26.0.0 …
 * 33.0.0 tags and master; where a release range is given, the check exists only there. mdev.ts has the vGPU types.
 */
import type { NovaConfDocument } from '../../document';
import type { Entry, Span } from '../../model';
import { osloBool } from '../../oslo/bool';
import { splitList } from '../../oslo/list';
import { pyFloat } from '../../oslo/types';
import { lastEntry } from '../config-values';
import type { RuleContext, RuleMeta } from '../types';
import type { StartupCode, StartupData } from './data';
import { withConsequence } from '../message';
import { parseCpuSpec, pyDecimalInt } from './cpu-spec';
import { gate } from '../../catalog/pci';
import { osloStringDict, readHugePagesItem } from './huge-pages';
import { checkMdev } from './mdev';
import { sizeValueSpan, sizeWithUnit } from './fixes';

const DRIVER = 'nova/virt/libvirt/driver.py';
const REFUSE = 'nova-compute will refuse to start';

export const libvirtInitRules: RuleMeta<StartupCode>[] = [
  {
    code: 'reserved-huge-pages-invalid', severity: 'error', mirrors: 'nova/virt/hardware.py',
    title: 'reserved_huge_pages item that Nova cannot read',
    description: 'Each `[DEFAULT] reserved_huge_pages` line is one NUMA node\'s reservation, `node:N,size:S,count:C`. The libvirt driver reads every line when nova-compute starts: it needs all three keys, `node` and `count` must be whole numbers, and `size` must be a number of KiB (`2048`) or a size with an IEC unit ending in B, b or bit (`2MB`, `1GB`, `1GiB`; `2M` and `1G` are not sizes to it). Any other line stops nova-compute (InvalidReservedMemoryPagesOption). An empty `reserved_huge_pages =` line counts as an item with no keys.',
    bad: '[DEFAULT]\nreserved_huge_pages = node:0,size:1G,count:4', good: '[DEFAULT]\nreserved_huge_pages = node:0,size:1GB,count:4',
  },
  {
    code: 'reserved-huge-pages-repeated', severity: 'warning', mirrors: 'nova/virt/hardware.py',
    title: 'reserved_huge_pages names the same node and page size twice',
    description: 'Nova keeps one reserved count per NUMA node and page size: when two `reserved_huge_pages` lines name the same node and the same size (`2048` and `2MB` are the same size), the later line replaces the earlier one without a word. Give each node and size one line.',
    bad: '[DEFAULT]\nreserved_huge_pages = node:0,size:2048,count:64\nreserved_huge_pages = node:0,size:2MB,count:32', good: '[DEFAULT]\nreserved_huge_pages = node:0,size:2048,count:64\nreserved_huge_pages = node:1,size:2MB,count:32',
  },
  {
    code: 'cpu-models-without-custom-mode', severity: 'error', mirrors: DRIVER,
    title: 'cpu_models set while cpu_mode is not custom',
    description: 'nova-compute (libvirt) only accepts `[libvirt] cpu_models` (formerly `cpu_model`) with `[libvirt] cpu_mode = custom`. With any other mode, or with `cpu_mode` left unset (which means host-model on kvm/qemu), it refuses to start. Set `cpu_mode = custom` or remove `cpu_models`.',
    bad: '[libvirt]\ncpu_mode = host-model\ncpu_models = Cascadelake-Server', good: '[libvirt]\ncpu_mode = custom\ncpu_models = Cascadelake-Server',
  },
  {
    code: 'cpu-mode-custom-without-models', severity: 'error', mirrors: DRIVER,
    title: 'cpu_mode = custom without cpu_models',
    description: 'With `[libvirt] cpu_mode = custom`, nova-compute (libvirt) needs at least one CPU model in `[libvirt] cpu_models` and refuses to start without one.',
    bad: '[libvirt]\ncpu_mode = custom', good: '[libvirt]\ncpu_mode = custom\ncpu_models = Skylake-Server-IBRS',
  },
  {
    code: 'cpu-mode-unsupported-virt-type', severity: 'error', mirrors: DRIVER,
    title: 'cpu_mode set for a virt_type that cannot select CPU models',
    description: 'Only the kvm and qemu virt types let Nova choose the guest CPU. With `[libvirt] virt_type` lxc or parallels, any `[libvirt] cpu_mode` other than none makes nova-compute refuse to start. Leave `cpu_mode` unset (or none) there.',
    bad: '[libvirt]\nvirt_type = lxc\ncpu_mode = host-passthrough', good: '[libvirt]\nvirt_type = lxc',
  },
  {
    code: 'cpu-extra-flags-ignored', severity: 'warning', mirrors: DRIVER,
    title: 'cpu_model_extra_flags that no guest gets',
    description: 'Nova adds `[libvirt] cpu_model_extra_flags` to the guest CPU it describes. With `cpu_mode = none`, or on a virt type other than kvm/qemu with `cpu_mode` unset, Nova describes no guest CPU at all, so the flags are dropped without a word.',
    bad: '[libvirt]\ncpu_mode = none\ncpu_model_extra_flags = pcid', good: '[libvirt]\ncpu_mode = host-model\ncpu_model_extra_flags = pcid',
  },
  {
    code: 'live-migration-tunnelled-with-tls', severity: 'error', mirrors: DRIVER,
    title: 'live_migration_tunnelled together with live_migration_with_native_tls',
    description: 'Tunnelling live migrations through libvirtd and QEMU\'s native TLS are two ways of doing the same thing; with both `[libvirt] live_migration_tunnelled` and `live_migration_with_native_tls` true, nova-compute (libvirt) refuses to start. Keep native TLS.',
    bad: '[libvirt]\nlive_migration_tunnelled = true\nlive_migration_with_native_tls = true', good: '[libvirt]\nlive_migration_with_native_tls = true',
  },
  {
    code: 'rbd-images-not-raw', severity: 'error', mirrors: DRIVER,
    title: 'images_type = rbd with force_raw_images = false',
    description: 'The rbd image backend imports only raw images, so with `[libvirt] images_type = rbd` nova-compute (libvirt) refuses to start when `[DEFAULT] force_raw_images` is false. Leave `force_raw_images` at its default (true).',
    bad: '[DEFAULT]\nforce_raw_images = false\n[libvirt]\nimages_type = rbd', good: '[libvirt]\nimages_type = rbd',
  },
  {
    code: 'file-backed-memory-conflict', severity: 'error', mirrors: DRIVER,
    title: 'file_backed_memory with settings it cannot work with',
    description: 'When `[libvirt] file_backed_memory` is above 0, nova-compute (libvirt) refuses to start if `[libvirt] virt_type` is not kvm or qemu, if `[DEFAULT] ram_allocation_ratio` is not exactly 1.0 (leaving it unset counts as not 1.0), or if `[DEFAULT] reserved_host_memory_mb` (512 by default) is not below `file_backed_memory`. The check is in nova/virt/libvirt/driver.py up to 2024.2 and in nova/virt/libvirt/host.py from 2025.1, in both cases run at start.',
    bad: '[libvirt]\nfile_backed_memory = 1048576', good: '[DEFAULT]\nram_allocation_ratio = 1.0\nreserved_host_memory_mb = 0\n[libvirt]\nfile_backed_memory = 1048576',
  },
  {
    code: 'swtpm-unsupported-virt-type', severity: 'error', mirrors: DRIVER,
    title: 'swtpm_enabled on a virt_type without vTPM',
    description: 'Emulated TPMs need the kvm or qemu virt type: with `[libvirt] swtpm_enabled = true` and another `[libvirt] virt_type`, nova-compute (libvirt) refuses to start. (Whether swtpm is installed and its user and group exist is decided on the host.)',
    bad: '[libvirt]\nvirt_type = lxc\nswtpm_enabled = true', good: '[libvirt]\nvirt_type = kvm\nswtpm_enabled = true',
  },
  {
    code: 'enforce-multipath-without-multipath', severity: 'error', mirrors: DRIVER, releases: { since: '2025.1' },
    title: 'volume_enforce_multipath without volume_use_multipath',
    description: 'From 2025.1, `[libvirt] volume_enforce_multipath = true` requires `[libvirt] volume_use_multipath = true`; without it nova-compute (libvirt) refuses to start. (That multipathd runs is decided on the host.)',
    bad: '[libvirt]\nvolume_enforce_multipath = true', good: '[libvirt]\nvolume_use_multipath = true\nvolume_enforce_multipath = true',
  },
  {
    code: 'vcpu-pin-set-with-shared-set', severity: 'warning', mirrors: DRIVER,
    title: 'vcpu_pin_set together with cpu_shared_set',
    description: 'While the deprecated `[DEFAULT] vcpu_pin_set` is set (and `cpu_dedicated_set` is not), it still decides which host CPUs give VCPU inventory; `[compute] cpu_shared_set` is then used only for emulator threads of flavors with `hw:emulator_threads_policy=shared`. nova-compute starts with only a log line. Move `vcpu_pin_set` to `cpu_shared_set` (or `cpu_dedicated_set`).',
    bad: '[DEFAULT]\nvcpu_pin_set = 4-15\n[compute]\ncpu_shared_set = 0-3', good: '[compute]\ncpu_shared_set = 4-15',
  },
  {
    code: 'power-management-cpu0-ignored', severity: 'warning', mirrors: 'nova/virt/libvirt/cpu/api.py',
    title: 'CPU 0 in cpu_dedicated_set is not power-managed',
    description: 'With `[libvirt] cpu_power_management = true` and the cpu_state strategy (the default), Nova never takes CPU 0 offline: when `[compute] cpu_dedicated_set` includes it, that CPU is skipped with only a log line and stays powered. (From 27.2.0 and 28.0.1; earlier builds tried to offline it.)',
    bad: '[compute]\ncpu_dedicated_set = 0-7\n[libvirt]\ncpu_power_management = true', good: '[compute]\ncpu_dedicated_set = 1-7\n[libvirt]\ncpu_power_management = true',
  },
];

function span(e: Entry): Span {
  return e.valueSpan.end > e.valueSpan.start ? e.valueSpan : e.keySpan;
}

/** The compute driver named in the file is not libvirt (the libvirt-only checks do not apply); unset means libvirt. */
export function otherDriver(doc: NovaConfDocument): boolean {
  const d = lastEntry(doc, 'DEFAULT', 'compute_driver')?.value.trim();
  return d !== undefined && d !== '' && !/^libvirt\.LibvirtDriver$/.test(d);
}

function bool(doc: NovaConfDocument, group: string, name: string, dflt: boolean): { value: boolean; entry?: Entry } {
  const entry = lastEntry(doc, group, name);
  if (!entry) return { value: dflt };
  return { value: osloBool(entry.value) ?? dflt, entry };
}

const CPU_MODES = new Set(['host-model', 'host-passthrough', 'custom', 'none']);
const CPU_VIRT_TYPES = new Set(['kvm', 'qemu']);
/** [libvirt] virt_type as Nova reads it (default kvm), or undefined for a value oslo refuses (invalid-value reports it). */
function virtType(doc: NovaConfDocument): { virt?: string; entry?: Entry } {
  const entry = lastEntry(doc, 'libvirt', 'virt_type');
  const v = entry?.value.trim() || 'kvm';
  return { virt: ['kvm', 'qemu', 'lxc', 'parallels'].includes(v) ? v : undefined, entry };
}

function checkHugePages(ctx: RuleContext<StartupData>): void {
  const entries = ctx.doc.byOption.get('DEFAULT.reserved_huge_pages') ?? [];
  const seen = new Map<string, Entry>();
  for (const e of entries) {
    const dict = osloStringDict(e.value);
    if (!dict) continue; // oslo refuses the value itself: invalid-value says so
    const item = readHugePagesItem(dict);
    if (!item.ok) {
      const fixed = item.size !== undefined ? sizeWithUnit(item.size) : undefined;
      const at = fixed ? sizeValueSpan(e) : undefined;
      const hint = fixed ? ` — did you mean "${fixed}"?` : '';
      ctx.report('reserved-huge-pages-invalid', span(e), withConsequence(`This reserved_huge_pages line ${item.reason} (write node:N,size:S,count:C)${hint}`, REFUSE), at && fixed ? { data: { ...at, text: fixed } } : undefined);
      continue;
    }
    const key = `${item.node}/${item.sizeKb}`;
    const before = seen.get(key);
    if (before) ctx.report('reserved-huge-pages-repeated', span(before), withConsequence(`NUMA node ${item.node} with ${item.sizeKb} KiB pages is reserved again on a later line`, 'Nova keeps only the later count, without a warning'), { related: [{ span: span(e), message: 'the line that wins' }] });
    seen.set(key, e);
  }
}

function checkCpu(ctx: RuleContext<StartupData>): void {
  const { doc } = ctx;
  const { virt, entry: virtEntry } = virtType(doc);
  if (!virt) return;
  const modeEntry = lastEntry(doc, 'libvirt', 'cpu_mode');
  const mode = modeEntry?.value.trim() || undefined;
  if (mode !== undefined && !CPU_MODES.has(mode)) return; // not a value oslo accepts: invalid-value
  const modelsEntry = lastEntry(doc, 'libvirt', 'cpu_models');
  const models = modelsEntry ? splitList(modelsEntry.value).filter((m) => m.trim() !== '') : [];
  const flagsEntry = lastEntry(doc, 'libvirt', 'cpu_model_extra_flags');
  const flags = flagsEntry ? splitList(flagsEntry.value).filter((m) => m.trim() !== '') : [];
  const related = (e: Entry | undefined, message: string) => (e ? { related: [{ span: span(e), message }] } : undefined);
  if (!CPU_VIRT_TYPES.has(virt) && mode !== undefined && mode !== 'none') {
    ctx.report('cpu-mode-unsupported-virt-type', span(modeEntry!), withConsequence(`cpu_mode = ${mode} asks for a guest CPU model, which virt_type ${virt} cannot select`, REFUSE), related(virtEntry, 'virt_type'));
  }
  if (mode !== 'custom' && models.length && modelsEntry) {
    ctx.report('cpu-models-without-custom-mode', span(modelsEntry), withConsequence(`cpu_models is set while cpu_mode is ${mode ?? 'unset'}, and Nova takes CPU models only with cpu_mode = custom`, REFUSE), related(modeEntry, 'cpu_mode'));
  }
  if (mode === 'custom' && !models.length) {
    ctx.report('cpu-mode-custom-without-models', span(modeEntry!), withConsequence(`cpu_mode = custom names no CPU model in [libvirt] cpu_models`, REFUSE));
  }
  if (flags.length && flagsEntry && (mode === 'none' || (mode === undefined && !CPU_VIRT_TYPES.has(virt)))) {
    const why = mode === 'none' ? 'cpu_mode = none' : `virt_type ${virt} with cpu_mode unset`;
    ctx.report('cpu-extra-flags-ignored', span(flagsEntry), withConsequence(`cpu_model_extra_flags is set with ${why}, where Nova describes no guest CPU`, 'the flags reach no guest'), related(modeEntry, 'cpu_mode'));
  }
}

function checkFileBackedMemory(ctx: RuleContext<StartupData>, virt: string): void {
  const { doc } = ctx;
  const fbm = lastEntry(doc, 'libvirt', 'file_backed_memory');
  const fbmMb = fbm ? pyDecimalInt(fbm.value) : undefined;
  if (fbm && fbmMb !== undefined && fbmMb > 0) {
    const problems: string[] = [];
    if (!CPU_VIRT_TYPES.has(virt)) problems.push(`virt_type is ${virt}, not kvm or qemu`);
    else {
      const ratioEntry = lastEntry(doc, 'DEFAULT', 'ram_allocation_ratio');
      const ratio = ratioEntry ? pyFloat(ratioEntry.value) : undefined;
      if (!ratioEntry || ratioEntry.value.trim() === '') problems.push('[DEFAULT] ram_allocation_ratio is unset (it must be 1.0)');
      else if (ratio !== undefined && ratio !== 1) problems.push(`[DEFAULT] ram_allocation_ratio is ${ratioEntry.value.trim()} (it must be 1.0)`);
      else if (ratio !== undefined) {
        const reservedEntry = lastEntry(doc, 'DEFAULT', 'reserved_host_memory_mb');
        const reserved = reservedEntry ? (reservedEntry.value.trim() === '' ? 0 : pyDecimalInt(reservedEntry.value)) : 512;
        if (reserved !== undefined && reserved !== 0 && reserved >= fbmMb) problems.push(`[DEFAULT] reserved_host_memory_mb (${reserved}${reservedEntry ? '' : ', the default'}) is not below it`);
      }
    }
    if (problems.length) ctx.report('file-backed-memory-conflict', span(fbm), withConsequence(`file_backed_memory = ${fbmMb} is set but ${problems[0]}`, REFUSE));
  }
}

function checkInitHost(ctx: RuleContext<StartupData>): void {
  const { doc } = ctx;
  const { virt, entry: virtEntry } = virtType(doc);
  const tunnelled = bool(doc, 'libvirt', 'live_migration_tunnelled', false);
  const tls = bool(doc, 'libvirt', 'live_migration_with_native_tls', false);
  if (tunnelled.value && tls.value && tunnelled.entry && tls.entry) {
    ctx.report('live-migration-tunnelled-with-tls', span(tunnelled.entry), withConsequence(`live_migration_tunnelled and live_migration_with_native_tls are both on, and Nova allows only one way of securing live migration`, REFUSE), { related: [{ span: span(tls.entry), message: 'live_migration_with_native_tls' }] });
  }
  const images = lastEntry(doc, 'libvirt', 'images_type');
  const raw = bool(doc, 'DEFAULT', 'force_raw_images', true);
  if (images?.value.trim() === 'rbd' && !raw.value && raw.entry) {
    ctx.report('rbd-images-not-raw', span(raw.entry), withConsequence(`force_raw_images = false while [libvirt] images_type = rbd, which imports only raw images`, REFUSE), { related: [{ span: span(images), message: 'images_type' }] });
  }
  if (virt) checkFileBackedMemory(ctx, virt);
  const swtpm = bool(doc, 'libvirt', 'swtpm_enabled', false);
  if (swtpm.value && swtpm.entry && virt && !CPU_VIRT_TYPES.has(virt)) {
    ctx.report('swtpm-unsupported-virt-type', span(swtpm.entry), withConsequence(`swtpm_enabled is on but virt_type ${virt} has no vTPM support (only kvm and qemu do)`, REFUSE), virtEntry ? { related: [{ span: span(virtEntry), message: 'virt_type' }] } : undefined);
  }
  const enforce = bool(doc, 'libvirt', 'volume_enforce_multipath', false);
  if (enforce.value && enforce.entry && !bool(doc, 'libvirt', 'volume_use_multipath', false).value) {
    ctx.report('enforce-multipath-without-multipath', span(enforce.entry), withConsequence(`volume_enforce_multipath is on but volume_use_multipath is off`, REFUSE));
  }
}

/** CPU sets Nova accepts but reads differently from what the file suggests (cpu-set-invalid covers unreadable ones). */
function readCpus(doc: NovaConfDocument, group: string, name: string): { entry: Entry; cpus?: Set<number> } | undefined {
  const entry = lastEntry(doc, group, name);
  if (!entry || entry.value === '') return undefined;
  const r = parseCpuSpec(entry.value);
  return { entry, cpus: r.ok && !r.huge ? r.cpus : undefined };
}

function checkCpuSetWarnings(ctx: RuleContext<StartupData>): void {
  const { doc } = ctx;
  const pin = readCpus(doc, 'DEFAULT', 'vcpu_pin_set');
  const shared = readCpus(doc, 'compute', 'cpu_shared_set');
  const dedicated = readCpus(doc, 'compute', 'cpu_dedicated_set');
  if (pin?.cpus?.size && shared?.cpus?.size && !dedicated) {
    ctx.report('vcpu-pin-set-with-shared-set', span(shared.entry), withConsequence('cpu_shared_set is set while the deprecated vcpu_pin_set still decides the VCPU CPUs', 'Nova uses cpu_shared_set only for emulator threads'), { related: [{ span: span(pin.entry), message: 'vcpu_pin_set' }] });
  }
  const power = bool(doc, 'libvirt', 'cpu_power_management', false);
  const strategy = lastEntry(doc, 'libvirt', 'cpu_power_management_strategy')?.value.trim() || 'cpu_state';
  if (power.value && strategy === 'cpu_state' && dedicated?.cpus?.has(0) && gate(ctx.release, 'power-management-cpu0', ctx.point)) {
    ctx.report('power-management-cpu0-ignored', span(dedicated.entry), withConsequence('cpu_dedicated_set includes CPU 0, which cpu_power_management never takes offline', 'Nova skips it with only a log line and it stays powered'));
  }
}

/** The checks above, for a file whose compute driver is libvirt (or not named). */
export function checkLibvirtInit(ctx: RuleContext<StartupData>): void {
  if (otherDriver(ctx.doc)) return;
  checkHugePages(ctx);
  checkCpu(ctx);
  checkInitHost(ctx);
  checkMdev(ctx);
  checkCpuSetWarnings(ctx);
}
