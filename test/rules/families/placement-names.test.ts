/** The placement names family (server/src/service/rules/): one range-marked bad case and one good case per code. */
import { familyCases } from './marked';

familyCases('placement names', [
  {
    code: 'traits-whitespace',
    bad: '[pci]\ndevice_spec = {"address": "0000:81:00.0", "traits": |"CUSTOM_FAST, CUSTOM_BIG"|}\n',
    good: '[pci]\ndevice_spec = {"address": "0000:81:00.0", "traits": "CUSTOM_FAST,CUSTOM_BIG"}\n',
  },
  {
    code: 'placement-name-invalid',
    bad: '[pci]\ndevice_spec = {"address": "0000:81:00.0", "resource_class": |"CUSTOM_gpu-a16"|}\n',
    good: '[pci]\ndevice_spec = {"address": "0000:81:00.0", "resource_class": "CUSTOM_GPU_A16"}\n',
  },
]);
