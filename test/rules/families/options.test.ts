/** The options family (server/src/service/rules/): one range-marked bad case and one good case per code. */
import { familyCases } from './marked';

familyCases('options', [
  {
    code: 'unknown-group',
    bad: '[|filter_schedular|]\nenabled_filters = PciPassthroughFilter\n',
    good: '[filter_scheduler]\nenabled_filters = PciPassthroughFilter\n',
  },
  {
    code: 'unknown-option',
    bad: '[pci]\n|alais| = {"name": "gpu"}\n',
    good: '[pci]\nalias = {"name": "gpu"}\n',
  },
  {
    code: 'option-wrong-group',
    bad: '[DEFAULT]\n|device_spec| = {"vendor_id": "8086"}\n',
    good: '[pci]\ndevice_spec = {"vendor_id": "8086"}\n',
  },
  {
    code: 'option-not-in-release',
    bad: '[DEFAULT]\n|enabled_apis| = osapi_compute\n',
    good: '[DEFAULT]\n# enabled_apis was removed in 2025.2: the API services now run under WSGI\n',
  },
  {
    code: 'deprecated-option',
    bad: '[pci]\n|passthrough_whitelist| = {"vendor_id": "8086"}\n',
    good: '[pci]\ndevice_spec = {"vendor_id": "8086"}\n',
  },
  {
    code: 'invalid-value',
    bad: '[pci]\nreport_in_placement = |maybe|\n',
    good: '[pci]\nreport_in_placement = true\n',
  },
  {
    code: 'duplicate-option',
    bad: '[DEFAULT]\n|debug| = true\ndebug = false\n',
    good: '[DEFAULT]\ndebug = false\n',
  },
  {
    code: 'value-brackets',
    bad: '[filter_scheduler]\nenabled_filters = |[ComputeFilter, PciPassthroughFilter]|\n',
    good: '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
  },
  {
    code: 'inline-comment',
    bad: '[DEFAULT]\nhost = compute1 |# rack 4|\n',
    good: '[DEFAULT]\n# rack 4\nhost = compute1\n',
  },
  {
    code: 'deprecated-for-removal',
    bad: '[DEFAULT]\n|vcpu_pin_set| = 2-7\n',
    good: '[compute]\ncpu_dedicated_set = 2-7\n',
  },
]);
