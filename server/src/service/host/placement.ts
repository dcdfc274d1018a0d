/**
 * What nova-compute does with the allowed devices when `[pci] report_in_placement`
 * is on (nova/compute/pci_placement_translator.py, PlacementView): one resource
 * provider per PF or type-PCI device, VFs counted on their parent's provider. The
 * exceptions it raises at start-up are the conflicts returned here.
 */
import { normalizeResourceClass, normalizeTrait } from '../rules/placement-names/index';
import { lenientBool } from '../oslo/bool';
import type { HostDevice, HostInventory } from './inventory';
import type { Assignment, CompiledSpec } from './match';

export type ConflictKind = 'dependent' | 'mixed-rc' | 'mixed-traits' | 'otu-child';

export interface PlacementMember {
  dev: HostDevice;
  spec: CompiledSpec;
}

export interface PlacementConflict {
  kind: ConflictKind;
  /** The provider's device: the PF (or type-PCI device) address. */
  provider: string;
  /** The device Nova was adding when it raised, and the entry that allowed it. */
  dev: HostDevice;
  spec: CompiledSpec;
  /** Devices already on the provider. */
  existing: PlacementMember[];
  /** For mixed-rc / mixed-traits: the value of the new device and of the existing ones. */
  newValue?: string;
  currentValue?: string;
}

export interface PlacementOptions {
  /** Release behaviour: a truthy live_migratable adds HW_PCI_LIVE_MIGRATABLE (master after 33.0.0). */
  liveMigratableTrait: boolean;
  /** Release behaviour: the one_time_use key on a VF is refused (32.0.0+). */
  oneTimeUse: boolean;
}

function pyTruthy(v: unknown): boolean {
  return !(v === null || v === undefined || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0));
}

/** get_resource_class: the tag normalised, or CUSTOM_PCI_<VENDOR>_<PRODUCT>. Undefined for a non-string tag (Nova fails later, P10). */
export function resourceClassFor(dev: HostDevice, tags: Record<string, unknown>): string | undefined {
  const rc = tags.resource_class;
  if (pyTruthy(rc)) return typeof rc === 'string' ? normalizeResourceClass(rc) : undefined;
  return `CUSTOM_PCI_${dev.vendorId}_${dev.productId}`.toUpperCase();
}

/** _get_traits_for_dev: the traits tag normalised, plus COMPUTE_MANAGED_PCI_DEVICE (and HW_PCI_LIVE_MIGRATABLE where the release adds it). */
export function traitsFor(tags: Record<string, unknown>, opts: PlacementOptions): string[] | undefined {
  const t = tags.traits;
  const out = new Set<string>();
  if (pyTruthy(t)) {
    if (typeof t !== 'string') return undefined;
    for (const item of t.split(',')) out.add(normalizeTrait(item));
  }
  out.add('COMPUTE_MANAGED_PCI_DEVICE');
  const lm = tags.live_migratable;
  if (opts.liveMigratableTrait && lm !== undefined && lm !== null && lenientBool(typeof lm === 'string' ? lm : String(lm === true ? 'True' : lm))) out.add('HW_PCI_LIVE_MIGRATABLE');
  return [...out].sort();
}

interface Provider {
  parent?: PlacementMember;
  children: PlacementMember[];
  rc?: string;
  traits?: string;
}

/** PlacementView.process_dev over every allowed device, in address order; one conflict per provider and kind. */
export function simulatePlacement(inv: HostInventory, a: Assignment, opts: PlacementOptions): PlacementConflict[] {
  const providers = new Map<string, Provider>();
  const out: PlacementConflict[] = [];
  const seen = new Set<string>();
  const push = (c: PlacementConflict) => {
    const key = `${c.kind} ${c.provider}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(c);
  };
  for (const dev of inv.devices) {
    const spec = a.owner.get(dev.address);
    if (!spec) continue;
    if (pyTruthy(spec.tags.physical_network)) continue; // Neutron SR-IOV devices stay out of Placement (P3)
    const isChild = dev.devType === 'type-VF' || dev.devType === 'vdpa';
    const name = isChild ? dev.parentAddr : dev.address;
    if (!name) continue;
    let p = providers.get(name);
    if (!p) providers.set(name, (p = { children: [] }));
    const member = { dev, spec };
    if (!isChild) {
      if (p.parent || p.children.length) {
        push({ kind: 'dependent', provider: name, dev, spec, existing: p.parent ? [p.parent] : [...p.children] });
        continue;
      }
      p.parent = member;
      continue;
    }
    if (p.parent) {
      push({ kind: 'dependent', provider: name, dev, spec, existing: [p.parent] });
      continue;
    }
    const rc = resourceClassFor(dev, spec.tags);
    const traits = traitsFor(spec.tags, opts)?.join(',');
    if (rc === undefined || traits === undefined) continue;
    if (p.rc !== undefined && rc !== p.rc) {
      push({ kind: 'mixed-rc', provider: name, dev, spec, existing: [...p.children], newValue: rc, currentValue: p.rc });
      continue;
    }
    if (p.traits !== undefined && traits !== p.traits) {
      push({ kind: 'mixed-traits', provider: name, dev, spec, existing: [...p.children], newValue: traits, currentValue: p.traits });
      continue;
    }
    if (opts.oneTimeUse && 'one_time_use' in spec.tags) {
      push({ kind: 'otu-child', provider: name, dev, spec, existing: [] });
      continue;
    }
    p.children.push(member);
    p.rc = rc;
    p.traits = traits;
  }
  return out;
}
