/** Checks made when nova-compute reports PCI devices to Placement (nova/compute/pci_placement_translator.py). */
import { keyOf, keyTruthy } from '../../model/py';
import { dictItems, keySpanOf, targetOf } from '../../model/pci';
import { lastEntry, reportInPlacement } from '../config-values';
import type { RuleContext, DocumentRuleFamily, RuleMeta } from '../types';
import { placementDevnameFixes } from './fixes';
import type { FixTable } from '../fix-types';
import type { PlacementData } from './data';

const SRC = 'nova/compute/pci_placement_translator.py';
const rules: RuleMeta<keyof PlacementData & string>[] = [
  {
    code: 'placement-devname', severity: 'error', novaRules: ['P1'], mirrors: SRC,
    title: 'devname cannot be used with report_in_placement',
    description: 'With `[pci] report_in_placement = true`, nova-compute refuses to start if any device_spec entry selects devices by `devname` — even one with a `physical_network`. Select the device by `address` instead.',
    bad: '[pci]\nreport_in_placement = true\ndevice_spec = {"devname": "enp5s0f1"}', good: '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:05:00.1"}',
  },
  {
    code: 'placement-physnet-skipped', severity: 'information', novaRules: ['P3'], mirrors: SRC,
    title: 'devices with a physical_network are not reported to Placement',
    description: 'Neutron SR-IOV devices (those with a `physical_network`) stay outside Placement even with `report_in_placement`: their resource_class and traits have no effect there.',
  },
];

function check(ctx: RuleContext<PlacementData>): void {
  if (!reportInPlacement(ctx.doc)) return;
  const rip = lastEntry(ctx.doc, 'pci', 'report_in_placement');
  for (const jv of ctx.doc.deviceSpecs) {
    for (const item of dictItems(jv)) {
      const dn = keyOf(item.dict, 'devname');
      if (dn && keyTruthy(dn)) {
        ctx.report('placement-devname', keySpanOf(jv, dn), 'This device_spec entry uses devname, which no entry may use with [pci] report_in_placement = true — nova-compute will refuse to start. Select the device by "address" instead.', {
          related: rip ? [{ span: rip.span, message: 'report_in_placement is turned on here' }] : undefined,
          data: { target: targetOf(item, 'key', 'devname') },
        });
      }
      const pn = keyOf(item.dict, 'physical_network');
      if (pn && keyTruthy(pn)) {
        ctx.report('placement-physnet-skipped', keySpanOf(jv, pn), 'Devices with a physical_network are left out of Placement (they are handled through Neutron), so report_in_placement does not apply to them.');
      }
    }
  }
}

/** The quick fixes of this family, by rule code (the registry builds the fix table from these). */
const FIXES: FixTable<PlacementData> = { 'placement-devname': placementDevnameFixes };

export const placementFamily: DocumentRuleFamily<PlacementData> = { name: 'placement', scope: 'document', rules, check, fixes: FIXES };
