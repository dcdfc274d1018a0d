/** Checks made when nova-compute reports PCI devices to Placement (nova/compute/pci_placement_translator.py). */
import { objectProps, propValue } from '../../python/json';
import { jsonTarget, keySpan, truthy } from '../json-helpers';
import { lastEntry, reportInPlacement } from '../config-values';
import type { RuleContext, DocumentRuleFamily, RuleMeta } from '../types';
import { placementDevnameFixes } from './fixes';
import type { FixTable } from '../fix-types';

const SRC = 'nova/compute/pci_placement_translator.py';
const rules: RuleMeta[] = [
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

function check(ctx: RuleContext): void {
  if (!reportInPlacement(ctx.doc)) return;
  const rip = lastEntry(ctx.doc, 'pci', 'report_in_placement');
  for (const jv of ctx.doc.deviceSpecs) {
    if (!jv.valid || !jv.root) continue;
    const items = jv.root.type === 'array' ? (jv.root.children ?? []).filter((c) => c.type === 'object') : jv.root.type === 'object' ? [jv.root] : [];
    for (const item of items) {
      const props = objectProps(item);
      const dn = props.get('devname');
      if (dn && truthy(jv, propValue(dn))) {
        ctx.report('placement-devname', keySpan(jv, dn), 'This device_spec entry uses devname, which no entry may use with [pci] report_in_placement = true — nova-compute will refuse to start. Select the device by "address" instead.', {
          related: rip ? [{ span: rip.span, message: 'report_in_placement is turned on here' }] : undefined,
          data: { target: jsonTarget(dn.children?.[0] ?? dn) },
        });
      }
      const pn = props.get('physical_network');
      if (pn && truthy(jv, propValue(pn))) {
        ctx.report('placement-physnet-skipped', keySpan(jv, pn), 'Devices with a physical_network are left out of Placement (they are handled through Neutron), so report_in_placement does not apply to them.');
      }
    }
  }
}

/** The quick fixes of this family, by rule code (the registry builds the fix table from these). */
const FIXES: FixTable = { 'placement-devname': placementDevnameFixes };

export const placementFamily: DocumentRuleFamily = { name: 'placement', scope: 'document', rules, check, fixes: FIXES };
