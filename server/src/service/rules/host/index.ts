/**
 * Host rules: device_spec and aliases judged against one compute host's PCI
 * devices (a snapshot or a filesystem root, see docs/host.md). They run only when
 * a host inventory is configured. Each mirrors what Nova does with the real
 * devices: nova/pci/devspec.py and nova/pci/whitelist.py (matching and the
 * remote_managed checks), nova/compute/pci_placement_translator.py (Placement
 * reporting), nova/pci/stats.py (alias requests and NUMA policies).
 */
import type { Span } from '../../model';
import { inRange } from '../../releases';
import { suggest } from '../../suggest';
import { reportInPlacement } from '../config-values';
import { keySpan, nodeSpan, show } from '../json-helpers';
import type { DocumentRuleFamily, RuleContext, RuleMeta } from '../types';
import { HostAnalysis, SpecSite, aliasCandidates, aliasHostDevices, analyzeHost, listAddresses } from '../../host/analysis';
import type { HostDevice } from '../../host/inventory';
import { idsMatch } from '../../host/match';
import { isSingleAddress, sysfsName } from '../../host/address';
import { PlacementConflict, simulatePlacement } from '../../host/placement';
import { HOST_BEHAVIOUR } from '../../host/behaviour';
import type { HostData } from './data';

const DEVSPEC = 'nova/pci/devspec.py';
const TRANSLATOR = 'nova/compute/pci_placement_translator.py';
const REFUSE = 'nova-compute will refuse to start';

const rules: RuleMeta<keyof HostData & string>[] = [
  {
    code: 'host-placement-pf-and-vf', severity: 'error', novaRules: ['P4'], mirrors: TRANSLATOR, needsHost: true,
    title: 'a PF and one of its VFs are both reported to Placement',
    description: 'With `[pci] report_in_placement = true`, Placement gets one resource provider per PF, holding either the PF itself or its VFs, never both. When device_spec allows a PF and at least one of its VFs (and neither has a `physical_network`), nova-compute refuses to start with PlacementPciDependentDeviceException. A single PF address also matches the PF\'s VFs, so `{"address": "<PF>"}` alone is enough to trip this. Allow either the PF or its VFs.',
    bad: '[pci]\nreport_in_placement = true\ndevice_spec = [{"address": "0000:3b:00.0"}, {"vendor_id": "8086", "product_id": "154c"}]',
    good: '[pci]\nreport_in_placement = true\ndevice_spec = {"vendor_id": "8086", "product_id": "154c"}',
  },
  {
    code: 'host-placement-mixed-resource-class', severity: 'error', novaRules: ['P5'], mirrors: TRANSLATOR, needsHost: true,
    title: 'VFs of one PF get different resource classes',
    description: 'All VFs of one PF share a Placement resource provider, so they must have the same resource class after Nova normalises it (`foo` and `CUSTOM_FOO` are the same; no `resource_class` means `CUSTOM_PCI_<vendor>_<product>`). Otherwise nova-compute refuses to start with PlacementPciMixedResourceClassException.',
    bad: '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:3b:02.0", "resource_class": "fast"}\ndevice_spec = {"address": "0000:3b:02.1", "resource_class": "slow"}',
    good: '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:3b:02.*", "resource_class": "fast"}',
  },
  {
    code: 'host-placement-mixed-traits', severity: 'error', novaRules: ['P6'], mirrors: TRANSLATOR, needsHost: true,
    title: 'VFs of one PF get different traits',
    description: 'VFs of one PF share a resource provider, so their trait sets (after normalisation) must be equal, or nova-compute refuses to start with PlacementPciMixedTraitsException. On master a truthy `live_migratable` adds the trait HW_PCI_LIVE_MIGRATABLE, so VFs of one PF that differ only in `live_migratable` conflict there too.',
    bad: '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:3b:02.0", "traits": "CUSTOM_A"}\ndevice_spec = {"address": "0000:3b:02.1"}',
    good: '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:3b:02.*", "traits": "CUSTOM_A"}',
  },
  {
    code: 'host-one-time-use-on-vf', severity: 'error', novaRules: ['P7'], mirrors: TRANSLATOR, needsHost: true, releases: HOST_BEHAVIOUR.oneTimeUse,
    title: 'one_time_use on an entry that allows VFs',
    description: 'Only type-PCI and type-PF devices can be one-time-use. When an entry that allows a VF (or a vDPA device) has a `one_time_use` key at all, even `"false"` or null, nova-compute refuses to start with PlacementPciException while reporting to Placement. Entries with a `physical_network` are skipped before this check.',
    bad: '[pci]\nreport_in_placement = true\ndevice_spec = {"vendor_id": "8086", "product_id": "154c", "one_time_use": "false"}',
    good: '[pci]\nreport_in_placement = true\ndevice_spec = {"vendor_id": "8086", "product_id": "154c"}',
  },
  {
    code: 'host-remote-managed-pf', severity: 'error', novaRules: ['D24', 'D24a'], mirrors: DEVSPEC, needsHost: true,
    title: 'remote_managed on the address of an SR-IOV PF',
    description: 'Remote-managed (SmartNIC/DPU) devices must be VFs. When `remote_managed` is true and the entry names one PF (by single address or devname), Nova means to refuse it (PciDeviceInvalidPFRemoteManaged) unless `product_id` is the PF\'s VF device id, and to refuse ids that fit neither the PF nor its VFs (PciConfigInvalidSpec). On a real host it fails before that in every release from 26.0.0 to master: the sysfs lookup it makes reads a path that does not exist (PciDeviceNotFoundById), so even the VF product id does not help. List the VFs by their own addresses instead.',
    bad: 'device_spec = {"address": "0000:3b:00.0", "remote_managed": "true"}',
    good: 'device_spec = {"address": "0000:3b:02.*", "remote_managed": "true"}',
  },
  {
    code: 'host-remote-managed-netdev-missing', severity: 'error', novaRules: ['D23'], mirrors: DEVSPEC, needsHost: true,
    title: 'remote_managed with a devname that has no PCI device on this host',
    description: 'With `remote_managed` true, Nova looks the `devname` up in sysfs when it parses device_spec; when there is no such network interface (or it is not a PCI device), nova-compute refuses to start with PciDeviceRemoteManagedNotPresent.',
    bad: 'device_spec = {"devname": "ens9", "remote_managed": "true"}',
    good: 'device_spec = {"devname": "ens1f0v0", "remote_managed": "true"}',
  },
  {
    code: 'host-devname-not-found', severity: 'warning', novaRules: ['W2'], mirrors: 'nova/pci/utils.py', needsHost: true,
    title: 'devname names no PCI network interface on this host',
    description: 'Nova finds a `devname` through `/sys/class/net/<name>/device`. An interface that does not exist, or one without a PCI device (such as `lo` or a bridge), is accepted silently and the entry matches nothing.',
    bad: 'device_spec = {"devname": "ens9"}',
    good: 'device_spec = {"devname": "ens1f0"}',
  },
  {
    code: 'host-devname-not-pci-address', severity: 'error', novaRules: ['W2'], mirrors: 'nova/pci/utils.py', needsHost: true,
    title: 'devname belongs to a device Nova cannot read as a PCI address',
    description: 'Nova takes the target of `/sys/class/net/<name>/device` as a PCI address. For an interface whose device is not a PCI function (a virtio NIC shows `virtio2`), that text does not parse, and nova-compute refuses to start with PciConfigInvalidSpec. Use the PCI address of the device instead.',
  },
  {
    code: 'host-spec-matches-nothing', severity: 'warning', mirrors: 'nova/pci/whitelist.py', needsHost: true,
    title: 'this entry matches no PCI device on the host',
    description: 'Nova accepts an entry that matches nothing and silently allows no device through it. Often a typo in an id or address, or a config meant for other hardware.',
    bad: 'device_spec = {"vendor_id": "8086", "product_id": "154d"}',
    good: 'device_spec = {"vendor_id": "8086", "product_id": "154c"}',
  },
  {
    code: 'host-spec-shadowed', severity: 'information', mirrors: 'nova/pci/whitelist.py', needsHost: true,
    title: 'every device this entry matches is taken by an earlier entry',
    description: 'Nova gives each device to the first device_spec entry that matches it; that entry\'s tags (physical_network, resource_class, traits …) are the ones that apply. An entry whose devices all belong to earlier entries has no effect.',
    bad: 'device_spec = {"address": "0000:3b:02.*"}\ndevice_spec = {"vendor_id": "8086", "product_id": "154c", "physical_network": "physnet1"}',
    good: 'device_spec = {"vendor_id": "8086", "product_id": "154c", "physical_network": "physnet1"}',
  },
  {
    code: 'host-pf-address-matches-vfs', severity: 'information', novaRules: ['W4'], mirrors: DEVSPEC, needsHost: true,
    title: 'a PF address also matches the PF\'s VFs',
    description: 'When an entry names a single address (or a devname) that is an SR-IOV PF on this host, Nova also matches every VF of that PF through the VF\'s parent address. To allow only the PF, or only the VFs, list them by ids or by the VFs\' own addresses.',
    bad: 'device_spec = {"address": "0000:3b:00.0"}',
    good: 'device_spec = {"address": "0000:3b:02.*"}',
  },
  {
    code: 'host-device-beyond-address-limits', severity: 'warning', novaRules: ['D16'], mirrors: 'nova/pci/manager.py', needsHost: true,
    title: 'a device the entry names is beyond Nova\'s PCI address limits',
    description: 'Nova parses every device address with the same limits as device_spec (domain up to ffff, bus ff, slot 1f, function 7). A device outside them, such as one behind an Intel VMD controller in domain 10000, is skipped with only a debug log: the entry does not get it, even when it names the device by its ids.',
    bad: 'device_spec = {"vendor_id": "144d", "product_id": "a80a"}',
  },
  {
    code: 'host-alias-no-device', severity: 'information', mirrors: 'nova/pci/stats.py', needsHost: true,
    title: 'no device allowed on this host fits the alias',
    description: 'An alias is matched against the devices device_spec allows, by vendor_id, product_id and device_type (without device_type, Nova never hands out a PF or a vDPA device). When none fits on this host, a flavor asking for the alias can never be scheduled here. That is fine for an alias meant for other hosts.',
    bad: '[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154c"}\nalias = {"name": "nic", "vendor_id": "8086", "product_id": "1572"}',
    good: '[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154c"}\nalias = {"name": "nic", "vendor_id": "8086", "product_id": "154c"}',
  },
  {
    code: 'host-alias-numa-unknown', severity: 'warning', mirrors: 'nova/pci/stats.py', needsHost: true,
    title: 'numa_policy required (or socket) for devices without a NUMA node',
    description: 'With `numa_policy` `required` (or `socket`), Nova gives an instance that has a NUMA topology only devices on its NUMA nodes. A device whose NUMA node the host does not report (sysfs `numa_node` is -1, common for GPUs on single-socket or misconfigured firmware) never qualifies, so such instances can never get it. Use `legacy` or `preferred`, or fix the firmware\'s NUMA reporting. A flavor\'s `hw:pci_numa_affinity_policy` overrides the alias.',
    bad: '[pci]\ndevice_spec = {"vendor_id": "10de", "product_id": "20b5"}\nalias = {"name": "a10", "vendor_id": "10de", "product_id": "20b5", "numa_policy": "required"}',
    good: '[pci]\ndevice_spec = {"vendor_id": "10de", "product_id": "20b5"}\nalias = {"name": "a10", "vendor_id": "10de", "product_id": "20b5", "numa_policy": "preferred"}',
  },
];

const SELECTOR_KEYS = ['address', 'devname', 'product_id', 'vendor_id'];

/** Where an entry is reported: the key that selects devices (address, devname, ids), else the whole object. */
export function siteSpan(site: SpecSite): Span {
  for (const k of SELECTOR_KEYS) {
    const p = site.props.get(k);
    if (p) return keySpan(site.jv, p);
  }
  return nodeSpan(site.jv, site.node);
}

function line(ctx: RuleContext<HostData>, site: SpecSite): number {
  return ctx.doc.positionAt(nodeSpan(site.jv, site.node).start).line + 1;
}

function describe(d: HostDevice): string {
  const kind = d.devType === 'type-PF' ? 'PF' : d.devType === 'type-VF' ? `VF of ${d.parentAddr}` : d.devType === 'vdpa' ? `vDPA VF of ${d.parentAddr}` : 'device';
  return `${d.address} (${d.vendorId}:${d.productId}, ${kind})`;
}

function related(a: HostAnalysis, devs: HostDevice[], by?: (d: HostDevice) => SpecSite | undefined, max = 8): { span: Span; message: string }[] {
  return devs.slice(0, max).map((d) => {
    const site = by?.(d);
    return { span: site ? siteSpan(site) : { start: 0, end: 0 }, message: `${describe(d)} on ${a.host.name}${d.numaNode === null ? '' : `, NUMA ${d.numaNode}`}` };
  });
}

function anyDevname(a: HostAnalysis): boolean {
  return a.sites.some((s) => s.compiled?.devname);
}

function checkPlacement(ctx: RuleContext<HostData>, a: HostAnalysis): void {
  if (!reportInPlacement(ctx.doc) || anyDevname(a)) return; // with a devname, placement-devname (P1) fails first
  const conflicts = simulatePlacement(a.host, a.assignment, {
    liveMigratableTrait: inRange(ctx.release, HOST_BEHAVIOUR.liveMigratableTrait),
    oneTimeUse: inRange(ctx.release, HOST_BEHAVIOUR.oneTimeUse),
  });
  for (const c of conflicts) reportConflict(ctx, a, c);
}

function reportConflict(ctx: RuleContext<HostData>, a: HostAnalysis, c: PlacementConflict): void {
  const site = a.sites[c.spec.index];
  const bySite = (d: HostDevice) => {
    const s = a.assignment.owner.get(d.address);
    return s ? a.sites[s.index] : undefined;
  };
  const where = (d: HostDevice) => {
    const s = bySite(d);
    return s === site ? 'this entry' : s ? `the entry on line ${line(ctx, s)}` : 'another entry';
  };
  const rel = related(a, [...c.existing.map((m) => m.dev), c.dev], bySite);
  const data = { provider: c.provider, device: c.dev.address, devices: c.existing.map((m) => m.dev.address) };
  switch (c.kind) {
    case 'dependent': {
      const pf = c.dev.devType === 'type-PF' || c.dev.devType === 'type-PCI' ? c.dev : c.existing[0].dev;
      const vf = pf === c.dev ? c.existing[0].dev : c.dev;
      const by = where(pf) === where(vf) ? ` (both allowed by ${where(pf)})` : '';
      const pfBy = by ? '' : ` (allowed by ${where(pf)})`;
      const vfBy = by ? '' : ` (allowed by ${where(vf)})`;
      ctx.report('host-placement-pf-and-vf', siteSpan(site), `PF ${pf.address}${pfBy} and its VF ${vf.address}${vfBy}${by} would be reported to Placement together (report_in_placement) — ${REFUSE} on ${a.host.name}. Allow either the PF or its VFs.`, { related: rel, data });
      return;
    }
    case 'mixed-rc':
      ctx.report('host-placement-mixed-resource-class', siteSpan(site), `VF ${c.dev.address} of PF ${c.provider} gets resource class ${c.newValue}, but its sibling${c.existing.length > 1 ? 's' : ''} ${listAddresses(c.existing.map((m) => m.dev))} got ${c.currentValue}; all VFs of one PF need the same resource class (report_in_placement) — ${REFUSE} on ${a.host.name}.`, { related: rel, data });
      return;
    case 'mixed-traits':
      ctx.report('host-placement-mixed-traits', siteSpan(site), `VF ${c.dev.address} of PF ${c.provider} gets traits ${c.newValue}, but its sibling${c.existing.length > 1 ? 's' : ''} ${listAddresses(c.existing.map((m) => m.dev))} got ${c.currentValue}; all VFs of one PF need the same traits (report_in_placement) — ${REFUSE} on ${a.host.name}.`, { related: rel, data });
      return;
    case 'otu-child': {
      const p = site.props.get('one_time_use');
      ctx.report('host-one-time-use-on-vf', p ? keySpan(site.jv, p) : siteSpan(site), `This entry allows ${describe(c.dev)}, and one_time_use (whatever its value) is only allowed for type-PCI and type-PF devices (report_in_placement) — ${REFUSE} on ${a.host.name}.`, { related: rel, data });
      return;
    }
  }
}

function checkRemoteManaged(ctx: RuleContext<HostData>, a: HostAnalysis, site: SpecSite): boolean {
  const s = site.compiled;
  if (!s?.remoteManaged) return false;
  const rm = site.props.get('remote_managed');
  if (s.devname && s.devnameLookup?.state === 'absent') {
    ctx.report('host-remote-managed-netdev-missing', siteSpan(site), `remote_managed is set and there is no PCI network interface "${s.devname}" on ${a.host.name}, so Nova cannot find the device (PciDeviceRemoteManagedNotPresent) — ${REFUSE}.`, {
      data: { devname: s.devname, suggestions: suggest(s.devname, [...a.host.netdevs.values()].filter((n) => n.address).map((n) => n.name), 3) },
    });
    return true;
  }
  if (!s.address?.isPhysicalFunction) return false;
  const pfAddr = s.devnameLookup?.state === 'found' ? s.devnameLookup.address : sysfsName(s.address.spec);
  const pf = a.host.byAddress.get(pfAddr.toLowerCase());
  const pfVendor = pf?.vendorId;
  const pfProduct = pf?.productId;
  const vfProduct = pf?.sriovVfDevice ?? undefined;
  const vendorOk = s.vendorId === '*' || s.vendorId === pfVendor;
  let intended: 'accept' | 'PciDeviceInvalidPFRemoteManaged' | 'PciConfigInvalidSpec';
  if (vfProduct !== undefined && s.productId === vfProduct && vendorOk) intended = 'accept';
  else if ((s.productId === '*' || s.productId === pfProduct) && vendorOk) intended = 'PciDeviceInvalidPFRemoteManaged';
  else intended = 'PciConfigInvalidSpec';
  const vfs = pf ? pf.vfs.length : 0;
  const instead = vfs ? ` List its VFs by their own addresses instead (for example ${JSON.stringify(commonPrefix(pf?.vfs ?? []))}).` : '';
  const realHost = 'on a real host Nova\'s sysfs lookup for this check fails first (PciDeviceNotFoundById, every release 26.0.0 to master)';
  let message: string;
  if (intended === 'accept') message = `remote_managed is set on ${pfAddr}, an SR-IOV PF on ${a.host.name}; Nova's check would accept it because product_id is the PF's VF device id ${vfProduct}, but ${realHost} — ${REFUSE}.${instead}`;
  else if (intended === 'PciDeviceInvalidPFRemoteManaged') message = `remote_managed is set on ${pfAddr}, an SR-IOV PF on ${a.host.name} (${pfVendor}:${pfProduct}); remote-managed devices must be VFs (PciDeviceInvalidPFRemoteManaged; ${realHost}) — ${REFUSE}.${instead}`;
  else message = `With remote_managed on the PF address ${pfAddr}, vendor_id/product_id ${s.vendorId}:${s.productId} must be the PF's VF ids (${pfVendor}:${vfProduct ?? '?'}) (PciConfigInvalidSpec; ${realHost}) — ${REFUSE}.${instead}`;
  ctx.report('host-remote-managed-pf', rm ? keySpan(site.jv, rm) : siteSpan(site), message, { data: { pf: pfAddr, unitTestVerdict: intended }, related: pf ? related(a, [pf]).map((r) => ({ ...r, span: siteSpan(site) })) : undefined });
  return true;
}

/** "0000:3b:02.*" for VFs that share everything but the function; else the first VF. */
function commonPrefix(addrs: string[]): string {
  if (addrs.length === 0) return '';
  const dbs = new Set(addrs.map((x) => x.split('.')[0]));
  return dbs.size === 1 ? `${[...dbs][0]}.*` : addrs[0];
}

function checkDevname(ctx: RuleContext<HostData>, a: HostAnalysis, site: SpecSite): boolean {
  const s = site.compiled;
  if (!s?.devname || !s.devnameLookup) return false;
  const p = site.props.get('devname');
  const span = p ? keySpan(site.jv, p) : siteSpan(site);
  if (s.devnameLookup.state === 'absent') {
    const n = a.host.netdevs.get(s.devname);
    const pciNames = [...a.host.netdevs.values()].filter((x) => x.address).map((x) => x.name);
    const sug = suggest(s.devname, pciNames, 3);
    const msg = n
      ? `"${s.devname}" on ${a.host.name} is not a PCI network interface (it has no PCI device), so this entry matches nothing.`
      : `There is no network interface "${s.devname}" on ${a.host.name}, so this entry matches nothing${sug.length ? ` — did you mean "${sug[0]}"?` : '.'}`;
    ctx.report('host-devname-not-found', span, msg, { data: { devname: s.devname, suggestions: sug } });
    return true;
  }
  if (s.devnameLookup.state === 'not-pci') {
    ctx.report('host-devname-not-pci-address', span, `The device of "${s.devname}" on ${a.host.name} is ${show(s.devnameLookup.text)}, which Nova then reads as a PCI address and cannot parse — ${REFUSE}. Select the device by its PCI address instead.`, { data: { devname: s.devname } });
    return true;
  }
  return false;
}

function checkMatches(ctx: RuleContext<HostData>, a: HostAnalysis, site: SpecSite): void {
  const s = site.compiled;
  if (!s || !s.address || s.uncertain) return;
  const matched = a.assignment.matches.get(s.index) ?? [];
  if (matched.length === 0) {
    const beyond = a.assignment.outOfLimits.filter((d) => idsMatch(s, d));
    if (beyond.length && (s.vendorId !== '*' || s.productId !== '*')) {
      ctx.report('host-device-beyond-address-limits', siteSpan(site), `This entry names ${listAddresses(beyond)} on ${a.host.name} by its ids, but ${beyond.length === 1 ? 'that address is' : 'those addresses are'} beyond Nova's PCI address limits (domain up to ffff): Nova skips ${beyond.length === 1 ? 'the device' : 'them'} and the entry matches nothing.`, { related: related(a, beyond).map((r) => ({ ...r, span: siteSpan(site) })), data: { devices: beyond.map((d) => d.address) } });
      return;
    }
    const byIds = a.host.devices.filter((d) => d.inLimits && idsMatch(s, d));
    const hint = (s.vendorId !== '*' || s.productId !== '*') && byIds.length && site.props.has('address')
      ? ` (${byIds.length} device${byIds.length === 1 ? ' has' : 's have'} these ids, at ${listAddresses(byIds)}, but not at this address)`
      : '';
    ctx.report('host-spec-matches-nothing', siteSpan(site), `On ${a.host.name} this entry matches no PCI device${hint}; Nova accepts it and allows nothing through it.`, { data: { host: a.host.name } });
    return;
  }
  const owned = matched.filter((d) => a.assignment.owner.get(d.address) === s);
  if (owned.length === 0) {
    const first = a.assignment.owner.get(matched[0].address);
    const firstSite = first ? a.sites[first.index] : undefined;
    ctx.report('host-spec-shadowed', siteSpan(site), `Every device this entry matches on ${a.host.name} (${listAddresses(matched)}) is already taken by an earlier entry${firstSite ? ` (line ${line(ctx, firstSite)})` : ''}; Nova uses the first entry that matches, so this one has no effect.`, {
      related: firstSite ? [{ span: siteSpan(firstSite), message: 'the earlier entry that takes the devices' }] : undefined,
    });
  }
  if (s.address.isPhysicalFunction && (s.devnameLookup?.state === 'found' || isSingleAddress(s.address.spec))) {
    const pfAddr = s.devnameLookup?.state === 'found' ? s.devnameLookup.address : sysfsName(s.address.spec);
    const vfs = matched.filter((d) => d.parentAddr === pfAddr.toLowerCase());
    if (vfs.length) {
      ctx.report('host-pf-address-matches-vfs', siteSpan(site), `${pfAddr} is an SR-IOV PF on ${a.host.name}: this entry matches the PF and also its ${vfs.length} VF${vfs.length === 1 ? '' : 's'} (${listAddresses(vfs)}) through their parent address.`, {
        data: { pf: pfAddr, vfs: vfs.map((d) => d.address) },
      });
    }
  }
}

function checkAliases(ctx: RuleContext<HostData>, a: HostAnalysis): void {
  for (const al of a.aliases) {
    const v = al.value;
    if (typeof v.name !== 'string') continue;
    const nameProp = al.props.get('name');
    const span = nameProp ? keySpan(al.jv, nameProp) : nodeSpan(al.jv, al.node);
    const cands = aliasCandidates(a, v);
    const what = [typeof v.vendor_id === 'string' ? `vendor ${v.vendor_id}` : '', typeof v.product_id === 'string' ? `product ${v.product_id}` : '', typeof v.device_type === 'string' ? v.device_type : 'type-PCI or type-VF'].filter(Boolean).join(', ');
    if (cands.length === 0) {
      const present = aliasHostDevices(a.host, v).filter((d) => d.inLimits);
      const allowedParents = typeof v.device_type === 'string' ? [] : present.filter((d) => a.assignment.owner.has(d.address) && (d.devType === 'type-PF' || d.devType === 'vdpa'));
      const extra = allowedParents.length
        ? ` ${listAddresses(allowedParents)} ${allowedParents.length === 1 ? 'fits its ids but is a' : 'fit its ids but are'} ${allowedParents[0].devType === 'vdpa' ? 'vDPA device' : 'PF'}${allowedParents.length === 1 ? '' : 's'}, which Nova only hands out when the alias says "device_type": "${allowedParents[0].devType}".`
        : present.length ? ` The host has ${listAddresses(present)}, but no device_spec entry allows ${present.length === 1 ? 'it' : 'them'}.` : '';
      ctx.report('host-alias-no-device', span, `No device that device_spec allows on ${a.host.name} fits alias "${v.name.trim()}" (${what}), so flavors asking for it cannot land on this host.${extra}`, { data: { alias: v.name } });
    }
    const policy = v.numa_policy;
    if (policy === 'required' || policy === 'socket') {
      const devs = (cands.length ? cands : aliasHostDevices(a.host, v)).filter((d) => d.inLimits && d.numaNode === null);
      if (devs.length) {
        const pp = al.props.get('numa_policy');
        ctx.report('host-alias-numa-unknown', pp ? keySpan(al.jv, pp) : span, `numa_policy "${policy}": ${listAddresses(devs)} on ${a.host.name} ${devs.length === 1 ? 'has' : 'have'} no NUMA node (sysfs numa_node is -1), so an instance with a NUMA topology can never get ${devs.length === 1 ? 'it' : 'them'} through alias "${v.name.trim()}". Use "preferred" or "legacy", or fix the host's NUMA reporting.`, {
          data: { alias: v.name, devices: devs.map((d) => d.address) },
        });
      }
    }
  }
}

function check(ctx: RuleContext<HostData>): void {
  if (!ctx.host) return;
  const a = analyzeHost(ctx.doc, ctx.host);
  for (const site of a.sites) {
    if (checkRemoteManaged(ctx, a, site)) continue;
    if (checkDevname(ctx, a, site)) continue;
    checkMatches(ctx, a, site);
  }
  checkPlacement(ctx, a);
  checkAliases(ctx, a);
}

export const hostFamily: DocumentRuleFamily<HostData> = { name: 'host', scope: 'document', rules, check };
