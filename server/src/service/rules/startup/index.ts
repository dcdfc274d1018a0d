/**
 * Start-up checks that the file alone decides: what nova-compute refuses when it starts (ComputeManager.init_host
 * in nova/compute/manager.py; the libvirt driver's init_host, _check_cpu_set_configuration, in
 * nova/virt/libvirt/driver.py; the CPU set readers in nova/virt/hardware.py). docs/rules.md has the survey of
 * the other start-up checks and why they are not here.
 */
import type { Entry, Span } from '../../model';
import { lastEntry } from '../config-values';
import type { DocumentRuleFamily, RuleContext, RuleMeta } from '../types';
import type { StartupCode, StartupData } from './data';
import { parseCpuSpec, pyDecimalInt } from './cpu-spec';
import { osloBool } from '../../oslo/bool';
import { gate, gateBackports } from '../../catalog/pci';
import { checkLibvirtInit, libvirtInitRules, otherDriver } from './libvirt-init';
import { checkWeightSettings, weightSettingRules } from './weight-settings';
import { mdevRules } from './mdev';
import { STARTUP_FIXES } from './fixes';
import { withConsequence } from '../message';

const REFUSE = 'nova-compute will refuse to start';

const HW = 'nova/virt/hardware.py';
const LIBVIRT = 'nova/virt/libvirt/driver.py';

const rules: RuleMeta<StartupCode>[] = [
  {
    code: 'cpu-set-invalid', severity: 'error', mirrors: HW,
    title: 'CPU set that Nova cannot read',
    description: '`[compute] cpu_dedicated_set`, `[compute] cpu_shared_set` and `[DEFAULT] vcpu_pin_set` are lists of CPU numbers, ranges `a-b` and exclusions `^n` or `^a-b`, separated by commas. nova-compute (libvirt) reads them when it starts and refuses to start on an item that is not a number or a valid range (a range must not go downwards), and on a set that ends up empty once the exclusions are removed.',
    bad: '[compute]\ncpu_dedicated_set = 4-1', good: '[compute]\ncpu_dedicated_set = 1-4',
  },
  {
    code: 'cpu-sets-overlap', severity: 'error', mirrors: LIBVIRT,
    title: 'cpu_dedicated_set and cpu_shared_set share CPUs',
    description: 'A host CPU is either dedicated (PCPU, pinned guests) or shared (VCPU, emulator threads): when both `[compute] cpu_dedicated_set` and `[compute] cpu_shared_set` are set, nova-compute (libvirt) refuses to start if they have a CPU in common.',
    bad: '[compute]\ncpu_dedicated_set = 2-7\ncpu_shared_set = 0-2', good: '[compute]\ncpu_dedicated_set = 2-7\ncpu_shared_set = 0-1',
  },
  {
    code: 'vcpu-pin-set-with-dedicated', severity: 'error', mirrors: LIBVIRT,
    title: 'vcpu_pin_set together with cpu_dedicated_set',
    description: 'The deprecated `[DEFAULT] vcpu_pin_set` cannot be combined with `[compute] cpu_dedicated_set`: nova-compute (libvirt) refuses to start. Move the pinned CPUs to `cpu_dedicated_set` (and the others to `cpu_shared_set`) and remove `vcpu_pin_set`.',
    bad: '[DEFAULT]\nvcpu_pin_set = 2-7\n[compute]\ncpu_dedicated_set = 2-7', good: '[compute]\ncpu_dedicated_set = 2-7',
  },
  {
    code: 'reserved-host-cpus-with-cpu-sets', severity: 'error', mirrors: LIBVIRT,
    title: 'reserved_host_cpus together with cpu_shared_set / cpu_dedicated_set',
    description: 'With `[compute] cpu_shared_set` or `cpu_dedicated_set` (and no `vcpu_pin_set`), the host CPUs Nova may use are named explicitly, so a non-zero `[DEFAULT] reserved_host_cpus` is refused at nova-compute (libvirt) start: leave the reserved CPUs out of both sets instead.',
    bad: '[DEFAULT]\nreserved_host_cpus = 2\n[compute]\ncpu_shared_set = 2-3', good: '[compute]\ncpu_shared_set = 2-3',
  },
  {
    code: 'power-management-without-dedicated', severity: 'error', mirrors: 'nova/virt/libvirt/cpu/api.py', releases: { since: '2023.1', until: '2023.2' }, untilPointBefore: '28.0.1',
    title: 'cpu_power_management without cpu_dedicated_set (early 2023.1 / 2023.2)',
    description: 'When CPU power management arrived (2023.1), nova-compute (libvirt) refused to start with `[libvirt] cpu_power_management = true` and no `[compute] cpu_dedicated_set`. Point releases 27.2.0 and 28.0.1 lifted this (power management then simply has no CPU to manage), so only earlier point releases report it.',
    bad: '[libvirt]\ncpu_power_management = true', good: '[libvirt]\ncpu_power_management = true\n[compute]\ncpu_dedicated_set = 2-7',
  },
  {
    code: 'max-disk-devices-zero', severity: 'error', mirrors: 'nova/compute/manager.py',
    title: 'max_disk_devices_to_attach = 0',
    description: '`[compute] max_disk_devices_to_attach = 0` would leave no room even for the root disk, so nova-compute refuses to start. Use -1 for no limit or a positive number.',
    bad: '[compute]\nmax_disk_devices_to_attach = 0', good: '[compute]\nmax_disk_devices_to_attach = -1',
  },
  ...libvirtInitRules,
  ...weightSettingRules,
  ...mdevRules,
];

interface CpuSet {
  entry: Entry;
  cpus?: Set<number>;
}

function span(e: Entry): Span {
  return e.valueSpan.end > e.valueSpan.start ? e.valueSpan : e.keySpan;
}

/** hardware.get_*: None when unset or empty; otherwise the parsed set (a finding when Nova refuses it). */
function readSet(ctx: RuleContext<StartupData>, group: string, name: string): CpuSet | undefined {
  const e = lastEntry(ctx.doc, group, name);
  if (!e || e.value === '') return undefined;
  const r = parseCpuSpec(e.value);
  if (!r.ok) {
    const what = r.kind === 'range' ? 'range' : r.kind === 'exclusion' ? 'exclusion' : 'CPU number';
    ctx.report('cpu-set-invalid', span(e), withConsequence(`[${group}] ${name} has an invalid ${what} "${r.item}" (items are CPU numbers, ranges low-high, or ^ exclusions, separated by commas)`, REFUSE));
    return { entry: e };
  }
  if (!r.huge && r.cpus.size === 0) {
    ctx.report('cpu-set-invalid', span(e), withConsequence(`No CPUs are left in [${group}] ${name} once its exclusions are removed`, REFUSE));
    return { entry: e };
  }
  return { entry: e, cpus: r.huge ? undefined : r.cpus };
}

function check(ctx: RuleContext<StartupData>): void {
  const { doc } = ctx;
  const disk = lastEntry(doc, 'compute', 'max_disk_devices_to_attach');
  if (disk && pyDecimalInt(disk.value) === 0) {
    ctx.report('max-disk-devices-zero', span(disk), `${withConsequence('[compute] max_disk_devices_to_attach = 0 leaves no room for any disk', REFUSE)} Use -1 (no limit) or a positive number.`);
  }
  checkWeightSettings(ctx);
  checkLibvirtInit(ctx);
  if (otherDriver(doc)) return;
  const power = lastEntry(doc, 'libvirt', 'cpu_power_management');
  if (power && osloBool(power.value) === true && !gate(ctx.release, 'power-management-without-dedicated', ctx.point) && !lastEntry(doc, 'compute', 'cpu_dedicated_set')?.value) {
    ctx.report('power-management-without-dedicated', span(power), withConsequence(`[libvirt] cpu_power_management is on without [compute] cpu_dedicated_set, which this point release requires (lifted from ${gateBackports('power-management-without-dedicated')})`, REFUSE));
  }
  const pin = readSet(ctx, 'DEFAULT', 'vcpu_pin_set');
  const shared = readSet(ctx, 'compute', 'cpu_shared_set');
  const dedicated = readSet(ctx, 'compute', 'cpu_dedicated_set');
  if (!pin) {
    if (!shared && !dedicated) return;
    if (shared?.cpus && dedicated?.cpus) {
      const common = [...dedicated.cpus].filter((c) => shared.cpus!.has(c)).sort((a, b) => a - b);
      if (common.length) {
        ctx.report('cpu-sets-overlap', span(shared.entry), withConsequence(`[compute] cpu_dedicated_set and cpu_shared_set must not share CPUs, and both have ${common.slice(0, 8).join(', ')}${common.length > 8 ? ', …' : ''}`, REFUSE), { related: [{ span: span(dedicated.entry), message: 'cpu_dedicated_set' }] });
        return;
      }
    }
    const reserved = lastEntry(doc, 'DEFAULT', 'reserved_host_cpus');
    const n = reserved ? pyDecimalInt(reserved.value) : undefined;
    if (reserved && n !== undefined && n !== 0) {
      ctx.report('reserved-host-cpus-with-cpu-sets', span(reserved), `${withConsequence(`reserved_host_cpus cannot be used with [compute] ${dedicated ? 'cpu_dedicated_set' : 'cpu_shared_set'}`, REFUSE)} Leave the reserved CPUs out of the sets and unset reserved_host_cpus.`, { related: [{ span: span((dedicated ?? shared)!.entry), message: 'the CPU set' }] });
    }
    return;
  }
  if (dedicated) {
    ctx.report('vcpu-pin-set-with-dedicated', pin.entry.keySpan, `${withConsequence('The deprecated vcpu_pin_set cannot be set together with [compute] cpu_dedicated_set', REFUSE)} Move its CPUs to cpu_dedicated_set / cpu_shared_set and unset it.`, { related: [{ span: dedicated.entry.keySpan, message: 'cpu_dedicated_set' }] });
  }
}

export const startupFamily: DocumentRuleFamily<StartupData> = { name: 'startup', scope: 'document', rules, check, fixes: STARTUP_FIXES };
