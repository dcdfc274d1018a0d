/** What each host finding carries in `data` (rules/types.ts DataMap): the devices and names it is about. */
type PlacementConflict = { provider: string; device: string; devices: string[] };

export type HostData = {
  'host-placement-pf-and-vf': PlacementConflict;
  'host-placement-mixed-resource-class': PlacementConflict;
  'host-placement-mixed-traits': PlacementConflict;
  'host-one-time-use-on-vf': PlacementConflict;
  'host-remote-managed-pf': { pf: string; unitTestVerdict: 'accept' | 'PciDeviceInvalidPFRemoteManaged' | 'PciConfigInvalidSpec' };
  'host-remote-managed-netdev-missing': { devname: string; suggestions: string[] };
  'host-devname-not-found': { devname: string; suggestions: string[] };
  'host-devname-not-pci-address': { devname: string };
  'host-spec-matches-nothing': { host: string };
  'host-spec-shadowed': undefined;
  'host-pf-address-matches-vfs': { pf: string; vfs: string[] };
  'host-device-beyond-address-limits': { devices: string[] };
  'host-alias-no-device': { alias: string };
  'host-alias-numa-unknown': { alias: string; devices: string[] };
};
