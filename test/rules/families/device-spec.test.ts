/** The device_spec family (server/src/service/rules/): one range-marked bad case and one good case per code. */
import { familyCases } from './marked';

familyCases('device_spec', [
  {
    code: 'device-spec-not-object',
    bad: '[pci]\ndevice_spec = [|"0000:0a:00.1"|]\n',
    good: '[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154d"}\n',
  },
  {
    code: 'device-spec-id-not-string',
    bad: '[pci]\ndevice_spec = {"vendor_id": |8086|}\n',
    good: '[pci]\ndevice_spec = {"vendor_id": "8086"}\n',
  },
  {
    code: 'device-spec-id-not-hex',
    bad: '[pci]\ndevice_spec = {"vendor_id": |"intel"|}\n',
    good: '[pci]\ndevice_spec = {"vendor_id": "8086"}\n',
  },
  {
    code: 'device-spec-id-too-large',
    bad: '[pci]\ndevice_spec = {"vendor_id": |"80860"|}\n',
    good: '[pci]\ndevice_spec = {"vendor_id": "8086"}\n',
  },
  {
    code: 'device-spec-devname-and-address',
    bad: '[pci]\ndevice_spec = {"devname": "eth0", "address": |"0000:0a:00.1"|}\n',
    good: '[pci]\ndevice_spec = {"address": "0000:0a:00.1"}\n',
  },
  {
    code: 'device-spec-address-format',
    bad: '[pci]\ndevice_spec = {"address": |"0000:0a:0b:00.1"|}\n',
    good: '[pci]\ndevice_spec = {"address": "0000:0a:00.1"}\n',
  },
  {
    code: 'device-spec-address-not-hex',
    bad: '[pci]\ndevice_spec = {"address": |"0000:0a:0*.1"|}\n',
    good: '[pci]\ndevice_spec = {"address": "0000:0a:*.1"}\n',
  },
  {
    code: 'device-spec-address-too-large',
    bad: '[pci]\ndevice_spec = {"address": |"0000:0a:20.0"|}\n',
    good: '[pci]\ndevice_spec = {"address": "0000:0a:1f.0"}\n',
  },
  {
    code: 'device-spec-address-bad-regex',
    bad: '[pci]\ndevice_spec = {"address": {"bus": |"*"|}}\n',
    good: '[pci]\ndevice_spec = {"address": {"bus": ".*"}}\n',
  },
  {
    code: 'device-spec-address-regex-not-string',
    bad: '[pci]\ndevice_spec = {"address": {"function": |1|}}\n',
    good: '[pci]\ndevice_spec = {"address": {"function": "1"}}\n',
  },
  {
    code: 'device-spec-bad-bool-tag',
    bad: '[pci]\ndevice_spec = {"vendor_id": "10de", "managed": |"maybe"|}\n',
    good: '[pci]\ndevice_spec = {"vendor_id": "10de", "managed": "no"}\n',
  },
  {
    code: 'one-time-use-needs-placement',
    bad: '[pci]\ndevice_spec = {"address": "0000:81:00.0", |"one_time_use"|: "true"}\n',
    good: '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:81:00.0", "one_time_use": "true"}\n',
  },
  {
    code: 'live-migratable-needs-libvirt',
    bad: '[pci]\ndevice_spec = {"address": "0000:81:00.1", |"live_migratable"|: "yes"}\n',
    good: '[pci]\ndevice_spec = {"address": "0000:81:00.1"}\n',
  },
  {
    code: 'device-spec-matches-all',
    bad: '[pci]\ndevice_spec = |{"physical_network": "physnet1"}|\n',
    good: '[pci]\ndevice_spec = {"devname": "enp5s0f1", "physical_network": "physnet1"}\n',
  },
  {
    code: 'device-spec-unknown-tag',
    bad: '[pci]\ndevice_spec = {"vendor_id": "8086", |"physical_netwrok"|: "physnet1"}\n',
    good: '[pci]\ndevice_spec = {"vendor_id": "8086", "physical_network": "physnet1"}\n',
  },
  {
    code: 'device-spec-tag-not-string',
    bad: '[pci]\ndevice_spec = {"vendor_id": "8086", "physical_network": |5|}\n',
    good: '[pci]\ndevice_spec = {"vendor_id": "8086", "physical_network": "physnet5"}\n',
  },
  {
    code: 'device-spec-truefalse-tag',
    bad: '[pci]\ndevice_spec = {"devname": "enp5s0f1", "remote_managed": |"yes"|}\n',
    good: '[pci]\ndevice_spec = {"devname": "enp5s0f1", "remote_managed": "true"}\n',
  },
  {
    code: 'device-spec-address-unknown-key',
    bad: '[pci]\ndevice_spec = {"address": {"bus": "0a", |"func"|: "7"}}\n',
    good: '[pci]\ndevice_spec = {"address": {"bus": "0a", "function": "7"}}\n',
  },
  {
    code: 'device-spec-address-regex-case',
    bad: '[pci]\ndevice_spec = {"address": {"bus": |"0A"|}}\n',
    good: '[pci]\ndevice_spec = {"address": {"bus": "0a"}}\n',
  },
  {
    code: 'device-spec-address-regex-prefix',
    bad: '[pci]\ndevice_spec = {"address": {"bus": |"8"|}}\n',
    good: '[pci]\ndevice_spec = {"address": {"bus": "08"}}\n',
  },
  {
    code: 'device-spec-address-glob-fields',
    bad: '[pci]\ndevice_spec = {"address": |"0000:0a"|}\n',
    good: '[pci]\ndevice_spec = {"address": "0000:0a:*.*"}\n',
  },
]);
