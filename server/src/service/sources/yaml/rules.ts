/**
 * Rules about what a deployment tool's renderer does with a YAML form, before Nova reads
 * the result. The Nova rules themselves run on the rendered text (see ../yaml/service.ts).
 */
import type { YamlRuleMeta } from './types';

export const YAML_RULES: YamlRuleMeta[] = [
  {
    code: 'yaml-list-joined-json', severity: 'error',
    title: 'a YAML list where one line per item was meant ([pci] alias / device_spec)',
    description: 'helm-toolkit\'s to_oslo_conf and OpenStack-Ansible\'s config_template join a YAML list with commas into ONE value. For `[pci] alias` and `[pci] device_spec`, which Nova reads one JSON text per line, two or more items become `{...},{...}`, which is not valid JSON: nova-api and nova-compute refuse to start. Use `type: multistring` (openstack-helm) or set keys (`? item`, OpenStack-Ansible) to get one line per item.',
    mirrors: 'openstack-helm helm-toolkit/templates/utils/_to_oslo_conf.tpl; ansible-config_template plugins/action/config_template.py',
    bad: 'conf:\n  nova:\n    pci:\n      alias:\n        - \'{"name": "a1", "vendor_id": "10de", "product_id": "25b6"}\'\n        - \'{"name": "a2", "vendor_id": "10de", "product_id": "2236"}\'\n',
    good: 'conf:\n  nova:\n    pci:\n      alias:\n        type: multistring\n        values:\n          - \'{"name": "a1", "vendor_id": "10de", "product_id": "25b6"}\'\n          - \'{"name": "a2", "vendor_id": "10de", "product_id": "2236"}\'\n',
  },
  {
    code: 'yaml-list-joined-multi', severity: 'warning',
    title: 'a YAML list for a multi-valued option',
    description: 'The renderer joins a YAML list with commas into one value, but the option is a MultiStrOpt that takes one value per line: Nova reads a single value with commas in it.',
    mirrors: 'openstack-helm helm-toolkit/templates/utils/_to_oslo_conf.tpl; ansible-config_template plugins/action/config_template.py',
    bad: 'conf:\n  nova:\n    filter_scheduler:\n      available_filters:\n        - nova.scheduler.filters.all_filters\n        - mypkg.filters.MyFilter\n',
    good: 'conf:\n  nova:\n    filter_scheduler:\n      available_filters:\n        type: multistring\n        values:\n          - nova.scheduler.filters.all_filters\n          - mypkg.filters.MyFilter\n',
  },
  {
    code: 'yaml-map-not-rendered', severity: 'warning',
    title: 'a mapping that helm-toolkit does not write',
    description: 'helm-toolkit\'s to_oslo_conf writes a mapping value only when it has `type: multistring` or `type: csv` and a `values` list; any other mapping (for example an alias written as YAML instead of a JSON string) is silently left out of nova.conf.',
    mirrors: 'openstack-helm helm-toolkit/templates/utils/_to_oslo_conf.tpl',
    bad: 'conf:\n  nova:\n    pci:\n      alias:\n        name: a1\n        vendor_id: "10de"\n        product_id: "25b6"\n',
    good: 'conf:\n  nova:\n    pci:\n      alias: \'{"name": "a1", "vendor_id": "10de", "product_id": "25b6"}\'\n',
  },
  {
    code: 'yaml-python-repr', severity: 'error',
    title: 'a YAML mapping printed as a Python dict',
    description: 'os_nova writes each `nova_pci_alias` item with `{{ item }}`: a YAML mapping comes out as a Python dict (`{\'name\': \'a1\'}`), which is not JSON, so nova-api and nova-compute refuse to start. Write each item as a JSON string.',
    mirrors: 'openstack-ansible-os_nova templates/nova.conf.j2',
    bad: 'nova_pci_alias:\n  - name: a1\n    vendor_id: "10de"\n    product_id: "25b6"\n',
    good: 'nova_pci_alias:\n  - \'{"name": "a1", "vendor_id": "10de", "product_id": "25b6"}\'\n',
  },
  {
    code: 'yaml-conf-not-loaded', severity: 'warning',
    title: 'a data-plane ConfigMap file nova-compute never reads',
    description: 'edpm-ansible\'s edpm_nova role copies only files named `*nova*.conf` from the ConfigMaps a nova OpenStackDataPlaneService mounts into nova-compute\'s `/etc/nova/nova.conf.d/`. A key such as `25-extra.conf` is mounted but ignored.',
    mirrors: 'edpm-ansible roles/edpm_nova/files/kolla_config/nova_compute.yaml',
    bad: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nova-extra-config\ndata:\n  25-extra.conf: |\n    [pci]\n    report_in_placement = true\n---\napiVersion: dataplane.openstack.org/v1beta1\nkind: OpenStackDataPlaneService\nmetadata:\n  name: nova-custom\nspec:\n  edpmServiceType: nova\n  dataSources:\n    - configMapRef:\n        name: nova-extra-config\n',
    good: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nova-extra-config\ndata:\n  25-nova-extra.conf: |\n    [pci]\n    report_in_placement = true\n---\napiVersion: dataplane.openstack.org/v1beta1\nkind: OpenStackDataPlaneService\nmetadata:\n  name: nova-custom\nspec:\n  edpmServiceType: nova\n  dataSources:\n    - configMapRef:\n        name: nova-extra-config\n',
  },
];

export const YAML_RULE_BY_CODE = new Map(YAML_RULES.map((r) => [r.code, r]));

/**
 * Nova rules that report an option's ABSENCE. A YAML form that is a fragment (merged with a
 * generated base config) cannot tell, so these are dropped unless the fragment sets the option.
 */
export const NEEDS_OPTION_IN_FRAGMENT: Record<string, string> = {
  'pci-filter-not-enabled': 'filter_scheduler.enabled_filters',
  'pci-in-placement-without-report': 'pci.report_in_placement',
  'one-time-use-needs-placement': 'pci.report_in_placement',
};
