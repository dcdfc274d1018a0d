/** The host family (server/src/service/rules/): one range-marked bad case and one good case per code. */
import { familyCases } from './marked';

familyCases('host', [
  {
    code: 'host-placement-pf-and-vf', host: true,
    bad: '[pci]\nreport_in_placement = true\ndevice_spec = [{|"address"|: "0000:3b:00.0"}, {"vendor_id": "8086", "product_id": "154c"}]\n',
    good: '[pci]\nreport_in_placement = true\ndevice_spec = {"vendor_id": "8086", "product_id": "154c"}\n',
  },
  {
    code: 'host-placement-mixed-resource-class', host: true,
    bad: '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:3b:02.0", "resource_class": "fast"}\ndevice_spec = {|"address"|: "0000:3b:02.1", "resource_class": "slow"}\n',
    good: '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:3b:02.*", "resource_class": "fast"}\n',
  },
  {
    code: 'host-placement-mixed-traits', host: true,
    bad: '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:3b:02.0", "traits": "CUSTOM_A"}\ndevice_spec = {|"address"|: "0000:3b:02.1"}\n',
    good: '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:3b:02.*", "traits": "CUSTOM_A"}\n',
  },
  {
    code: 'host-one-time-use-on-vf', host: true,
    bad: '[pci]\nreport_in_placement = true\ndevice_spec = {"vendor_id": "8086", "product_id": "154c", |"one_time_use"|: "false"}\n',
    good: '[pci]\nreport_in_placement = true\ndevice_spec = {"vendor_id": "8086", "product_id": "154c"}\n',
  },
  {
    code: 'host-remote-managed-pf', host: true,
    bad: '[pci]\ndevice_spec = {"address": "0000:3b:00.0", |"remote_managed"|: "true"}\n',
    good: '[pci]\ndevice_spec = {"address": "0000:3b:02.*", "remote_managed": "true"}\n',
  },
  {
    code: 'host-remote-managed-netdev-missing', host: true,
    bad: '[pci]\ndevice_spec = {|"devname"|: "ens9", "remote_managed": "true"}\n',
    good: '[pci]\ndevice_spec = {"devname": "ens1f0v0", "remote_managed": "true"}\n',
  },
  {
    code: 'host-devname-not-found', host: true,
    bad: '[pci]\ndevice_spec = {|"devname"|: "ens9"}\n',
    good: '[pci]\ndevice_spec = {"devname": "ens1f0"}\n',
  },
  {
    code: 'host-spec-matches-nothing', host: true,
    bad: '[pci]\ndevice_spec = {"vendor_id": "8086", |"product_id"|: "154d"}\n',
    good: '[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154c"}\n',
  },
  {
    code: 'host-spec-shadowed', host: true,
    bad: '[pci]\ndevice_spec = {"address": "0000:3b:02.*"}\ndevice_spec = {"vendor_id": "8086", |"product_id"|: "154c", "physical_network": "physnet1"}\n',
    good: '[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154c", "physical_network": "physnet1"}\n',
  },
  {
    code: 'host-pf-address-matches-vfs', host: true,
    bad: '[pci]\ndevice_spec = {|"address"|: "0000:3b:00.0"}\n',
    good: '[pci]\ndevice_spec = {"address": "0000:3b:02.*"}\n',
  },
  {
    code: 'host-device-beyond-address-limits', host: true,
    bad: '[pci]\ndevice_spec = {"vendor_id": "144d", |"product_id"|: "a80a"}\n',
    good: '[pci]\n\n',
  },
  {
    code: 'host-alias-no-device', host: true,
    bad: '[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154c"}\nalias = {|"name"|: "nic", "vendor_id": "8086", "product_id": "1572"}\n',
    good: '[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154c"}\nalias = {"name": "nic", "vendor_id": "8086", "product_id": "154c"}\n',
  },
  {
    code: 'host-alias-numa-unknown', host: true,
    bad: '[pci]\ndevice_spec = {"vendor_id": "10de", "product_id": "20b5"}\nalias = {"name": "a10", "vendor_id": "10de", "product_id": "20b5", |"numa_policy"|: "required"}\n',
    good: '[pci]\ndevice_spec = {"vendor_id": "10de", "product_id": "20b5"}\nalias = {"name": "a10", "vendor_id": "10de", "product_id": "20b5", "numa_policy": "preferred"}\n',
  },
], {
  'host-devname-not-pci-address': 'needs a host whose interface sits on a non-PCI device: test/host/rules.test.ts',
});
