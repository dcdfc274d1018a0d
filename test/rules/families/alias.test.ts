/** The alias family (server/src/service/rules/): one range-marked bad case and one good case per code. */
import { familyCases } from './marked';

familyCases('alias', [
  {
    code: 'alias-not-object',
    bad: '[pci]\nalias = |[{"name": "a"}, {"name": "b"}]|\n',
    good: '[pci]\nalias = {"name": "a", "vendor_id": "10de", "product_id": "1db4"}\n',
  },
  {
    code: 'alias-unknown-key',
    bad: '[pci]\nalias = {"name": "gpu", |"vendorid"|: "10de"}\n',
    good: '[pci]\nalias = {"name": "gpu", "vendor_id": "10de"}\n',
  },
  {
    code: 'alias-bad-name',
    bad: '[pci]\nalias = |{"vendor_id": "10de", "product_id": "1db4"}|\n',
    good: '[pci]\nalias = {"name": "v100", "vendor_id": "10de", "product_id": "1db4"}\n',
  },
  {
    code: 'alias-bad-id',
    bad: '[pci]\nalias = {"name": "nic", "vendor_id": |"0x8086"|}\n',
    good: '[pci]\nalias = {"name": "nic", "vendor_id": "8086"}\n',
  },
  {
    code: 'alias-bad-device-type',
    bad: '[pci]\nalias = {"name": "nic", "device_type": |"type-pf"|}\n',
    good: '[pci]\nalias = {"name": "nic", "device_type": "type-PF"}\n',
  },
  {
    code: 'alias-bad-numa-policy',
    bad: '[pci]\nalias = {"name": "gpu", "numa_policy": |"prefered"|}\n',
    good: '[pci]\nalias = {"name": "gpu", "numa_policy": "preferred"}\n',
  },
  {
    code: 'alias-bad-capability-type',
    bad: '[pci]\nalias = {"name": "gpu", "capability_type": |"gpu"|}\n',
    good: '[pci]\nalias = {"name": "gpu", "capability_type": "pci"}\n',
  },
  {
    code: 'alias-field-not-string',
    bad: '[pci]\nalias = {"name": "gpu", "live_migratable": |true|}\n',
    good: '[pci]\nalias = {"name": "gpu", "live_migratable": "true"}\n',
  },
  {
    code: 'alias-bad-live-migratable',
    bad: '[pci]\nalias = {"name": "gpu", "live_migratable": |"sometimes"|}\n',
    good: '[pci]\nalias = {"name": "gpu", "live_migratable": "true"}\n',
  },
  {
    code: 'alias-duplicate-mismatch',
    bad: '[pci]\nalias = {"name": |"nic"|, "vendor_id": "8086", "product_id": "1572"}\nalias = {"name": "nic", "vendor_id": "8086", "product_id": "1583", "device_type": "type-PF"}\n',
    good: '[pci]\nalias = {"name": "nic", "vendor_id": "8086", "product_id": "1572", "device_type": "type-PF"}\nalias = {"name": "nic", "vendor_id": "8086", "product_id": "1583", "device_type": "type-PF"}\n',
  },
  {
    code: 'alias-duplicate-in-placement',
    bad: '[filter_scheduler]\npci_in_placement = true\n[pci]\nalias = {"name": "a", "vendor_id": "10de", "product_id": "1db4"}\nalias = {"name": |"a"|, "vendor_id": "10de", "product_id": "1db5"}\n',
    good: '[filter_scheduler]\npci_in_placement = true\n[pci]\nalias = {"name": "a", "resource_class": "CUSTOM_GPU"}\n',
  },
  {
    code: 'alias-missing-ids',
    bad: '[pci]\nalias = {"name": |"gpu"|, "device_type": "type-PCI"}\n',
    good: '[pci]\nalias = {"name": "gpu", "vendor_id": "10de", "product_id": "1db4", "device_type": "type-PCI"}\n',
  },
  {
    code: 'alias-matches-any-device', release: '2025.1', point: '31.3.0',
    bad: '[pci]\nalias = {"name": |"gpu"|, "device_type": "type-PCI"}\n',
    good: '[pci]\nalias = {"name": "gpu", "vendor_id": "10de", "product_id": "1db4", "device_type": "type-PCI"}\n',
  },
  {
    code: 'alias-name-unusable',
    bad: '[pci]\nalias = {"name": |"gpu:a100"|, "vendor_id": "10de", "product_id": "20b0"}\n',
    good: '[pci]\nalias = {"name": "gpu-a100", "vendor_id": "10de", "product_id": "20b0"}\n',
  },
]);
