/**
 * vGPU / mediated device types as the libvirt driver reads them when it is built (LibvirtDriver.__init__ →
 * _get_supported_vgpu_types in nova/virt/libvirt/driver.py): for each `[devices] enabled_mdev_types` entry, its
 * `[mdev_<type>] device_addresses` (deprecated group `[vgpu_<type>]`). An address given to two types, or (before
 * the virtual mdev parents of master) one that is not a PCI address, stops nova-compute at the first one; a type
 * that cannot be used is dropped with a log line. How a type without addresses is handled changed in 2024.1
 * (gate `mdev-default-type`).
 */
import type { Entry, Span } from '../../model';
import { gate } from '../../catalog/pci';
import { listItems, splitList } from '../../oslo/list';
import { lastEntry } from '../config-values';
import type { RuleContext, RuleMeta } from '../types';
import type { StartupCode, StartupData } from './data';
import { withConsequence } from '../message';
import { lazyRegExp } from '../../lazy-regexp';

const DRIVER = 'nova/virt/libvirt/driver.py';
const REFUSE = 'nova-compute will refuse to start';

export const mdevRules: RuleMeta<StartupCode>[] = [
  {
    code: 'mdev-address-duplicate', severity: 'error', mirrors: DRIVER,
    title: 'a GPU address given to two mdev types',
    description: 'Each physical GPU serves one mediated device type: nova-compute (libvirt) refuses to start when the same address appears twice in the `[mdev_<type>] device_addresses` of the `[devices] enabled_mdev_types` it reads (in two types, or twice in one). Up to 2023.2 only addresses of types read before the first type without addresses count, and a single enabled type\'s addresses are not read.',
    bad: '[devices]\nenabled_mdev_types = nvidia-35, nvidia-36\n[mdev_nvidia-35]\ndevice_addresses = 0000:84:00.0\n[mdev_nvidia-36]\ndevice_addresses = 0000:84:00.0',
    good: '[devices]\nenabled_mdev_types = nvidia-35, nvidia-36\n[mdev_nvidia-35]\ndevice_addresses = 0000:84:00.0\n[mdev_nvidia-36]\ndevice_addresses = 0000:85:00.0',
  },
  {
    code: 'mdev-address-invalid', severity: 'error', mirrors: DRIVER, releases: { until: '2026.1' },
    title: 'mdev device_addresses item that is not a PCI address',
    description: 'The libvirt driver checks every `[mdev_<type>] device_addresses` item it reads against the full PCI address form `dddd:bb:ss.f` (hex digits, function 0-7) and refuses to start on anything else. (In master an item that is not a PCI address may name a virtual mdev parent such as mtty, which only the host can tell, so the rule stops at 2026.1.)',
    bad: '[devices]\nenabled_mdev_types = nvidia-35, nvidia-36\n[mdev_nvidia-35]\ndevice_addresses = 84:00.0\n[mdev_nvidia-36]\ndevice_addresses = 0000:85:00.0',
    good: '[devices]\nenabled_mdev_types = nvidia-35, nvidia-36\n[mdev_nvidia-35]\ndevice_addresses = 0000:84:00.0\n[mdev_nvidia-36]\ndevice_addresses = 0000:85:00.0',
  },
  {
    code: 'mdev-type-dropped', severity: 'warning', mirrors: DRIVER,
    title: 'an enabled mdev type the driver drops',
    description: 'From 2024.1 the first `[devices] enabled_mdev_types` entry without `device_addresses` serves every GPU not listed elsewhere; a second type without addresses is dropped with only a log line. Up to 2023.2, when several types are enabled and one has no `device_addresses`, nova-compute keeps only the first type and drops all the others. Give every type but one its `[mdev_<type>] device_addresses`.',
    bad: '[devices]\nenabled_mdev_types = nvidia-35, nvidia-36', good: '[devices]\nenabled_mdev_types = nvidia-35, nvidia-36\n[mdev_nvidia-36]\ndevice_addresses = 0000:85:00.0',
  },
];

// nova/pci/utils.py _PCI_ADDRESS_PATTERN (Python's \d is any Unicode decimal digit; "." is any character but \n).
const PCI_ADDRESS = lazyRegExp(() => /^[\p{Nd}a-fA-F]{4}:[\p{Nd}a-fA-F]{2}:[\p{Nd}a-fA-F]{2}[^\n][0-7]$/u);

function span(e: Entry): Span {
  return e.valueSpan.end > e.valueSpan.start ? e.valueSpan : e.keySpan;
}

export function checkMdev(ctx: RuleContext<StartupData>): void {
  const typesEntry = lastEntry(ctx.doc, 'devices', 'enabled_mdev_types');
  if (!typesEntry) return;
  const types = splitList(typesEntry.value).filter((t) => t !== '');
  if (!types.length) return;
  const defaultType = gate(ctx.release, 'mdev-default-type');
  // Up to 2023.2 the per-type groups exist at driver start only when several types are enabled.
  if (!defaultType && types.length === 1) return;
  const owner = new Map<string, string>();
  let fallback: string | undefined;
  for (const type of types) {
    const e = lastEntry(ctx.doc, `mdev_${type}`, 'device_addresses');
    const items = e ? listItems(e) : [];
    if (!items.length) {
      if (!defaultType) {
        const others = types.slice(1).filter((t) => t !== types[0]);
        ctx.report('mdev-type-dropped', span(typesEntry), withConsequence(`The mdev type ${type} has no [mdev_${type}] device_addresses`, `nova-compute uses only the first type, ${types[0]}, and drops ${others.join(', ')} with only a log line`));
        return;
      }
      if (fallback === undefined) fallback = type;
      else ctx.report('mdev-type-dropped', span(typesEntry), withConsequence(`The mdev type ${type} has no [mdev_${type}] device_addresses while ${fallback} already serves the GPUs not listed elsewhere`, `nova-compute drops ${type} with only a log line`));
      continue;
    }
    for (const item of items) {
      const before = owner.get(item.text);
      if (before !== undefined) {
        ctx.report('mdev-address-duplicate', item.span, withConsequence(`The GPU ${item.text} is listed for mdev type ${type}${before === type ? ' twice' : ` and already for ${before}`}, and a GPU can serve one type`, REFUSE));
        return;
      }
      if (!gate(ctx.release, 'mdev-virtual-parents') && !PCI_ADDRESS.test(item.text)) {
        ctx.report('mdev-address-invalid', item.span, withConsequence(`"${item.text}" in [mdev_${type}] device_addresses is not a PCI address (dddd:bb:ss.f)`, REFUSE));
        return;
      }
      owner.set(item.text, type);
    }
  }
}
