/** The placement family (server/src/service/rules/): one range-marked bad case and one good case per code. */
import { familyCases } from './marked';

familyCases('placement', [
  {
    code: 'placement-devname',
    bad: '[pci]\nreport_in_placement = true\ndevice_spec = {|"devname"|: "enp5s0f1"}\n',
    good: '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:05:00.1"}\n',
  },
  {
    code: 'placement-physnet-skipped',
    bad: '[pci]\nreport_in_placement = true\ndevice_spec = {"address": "0000:81:00.2", |"physical_network"|: "physnet1"}\n',
    good: '[pci]\ndevice_spec = {"address": "0000:81:00.2", "physical_network": "physnet1"}\n',
  },
]);
