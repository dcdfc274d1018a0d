/**
 * Rules for flavor documents and for the alias names shared between flavors and nova
 * configs. Examples are shell command lines (`openstack flavor set …`), checked by
 * test/flavors/flavor-rules.test.ts; the alias examples need a workspace, described
 * by `workspace` (file name -> text).
 */
import type { RuleMeta } from '../rules/types';

export interface FlavorRuleMeta extends RuleMeta {
  /** For cross-file rules: the other files of the example workspace. */
  workspace?: Record<string, string>;
}

const API = 'nova/api/validation/extra_specs/validators.py';
const NOVA_CONF_A1 = '[pci]\nalias = {"name": "a1", "vendor_id": "10de", "product_id": "1db4"}\n';

export const FLAVOR_RULES: FlavorRuleMeta[] = [
  {
    code: 'flavor-extra-spec-key-invalid', severity: 'error', mirrors: 'nova/api/openstack/compute/schemas/flavors_extraspecs.py',
    title: 'extra spec key with characters nova-api refuses',
    description: 'At every microversion, nova-api accepts only keys of 1 to 255 characters made of ASCII letters, digits, `-`, `_`, `:`, `.` and spaces. Any other character (a `/`, an accent) makes the request fail with HTTP 400.',
    bad: 'openstack flavor set --property hw/cpu_policy=dedicated f1', good: 'openstack flavor set --property hw:cpu_policy=dedicated f1',
  },
  {
    code: 'flavor-extra-spec-value-too-long', severity: 'error', mirrors: 'nova/api/validation/parameter_types.py',
    title: 'extra spec value longer than 255 characters',
    description: 'nova-api refuses values longer than 255 characters (HTTP 400), at every microversion.',
    bad: `openstack flavor set --property aggregate_instance_extra_specs:x=${'a'.repeat(256)} f1`, good: 'openstack flavor set --property aggregate_instance_extra_specs:x=a f1',
  },
  {
    code: 'flavor-extra-spec-unknown', severity: 'error', novaRules: ['E6'], mirrors: API,
    title: 'unknown key in a namespace Nova validates',
    description: 'With microversion 2.86 or later (the default of current clients), nova-api looks the key up among its validators; when none matches but the part before the first `:` is a namespace it validates (`hw`, `hw_rng`, `hw_video`, `os`, `pci_passthrough`, `quota`, `accel`, `vmware`, `capabilities`, `aggregate_instance_extra_specs`, `resources…`, `trait…`), the request fails with HTTP 400. Keys in other namespaces, or with no namespace, are accepted unchecked. Older microversions accept the key, and Nova then ignores it. Keys that exist only in some releases say so.',
    bad: 'openstack flavor set --property hw:cpu_polcy=dedicated f1', good: 'openstack flavor set --property hw:cpu_policy=dedicated f1',
  },
  {
    code: 'flavor-extra-spec-unknown-standard-name', severity: 'warning', mirrors: 'nova/api/validation/extra_specs/traits.py',
    title: 'trait or resource class that is not a standard name we know',
    description: 'nova-api builds one validator per standard trait (os-traits) and resource class (os-resource-classes) of the library versions installed with it, so `trait:HW_NEW_THING` is refused unless that library knows it. We ship the names of one version of each library (see docs/flavors.md), so a newer name may be fine on your deployment: hence a warning. Custom names must start with `CUSTOM_`.',
    bad: 'openstack flavor set --property trait:HW_CPU_X86_AVX9=required f1', good: 'openstack flavor set --property trait:CUSTOM_AVX9=required f1',
  },
  {
    code: 'flavor-extra-spec-invalid-value', severity: 'error', novaRules: ['E1', 'E4', 'E5'], mirrors: 'nova/api/validation/extra_specs/base.py',
    title: 'extra spec value nova-api refuses',
    description: 'With microversion 2.86 or later nova-api checks the value against the key\'s validator: a full match of its pattern (if it has one), else membership in its enum (case-sensitive), a Python integer within its bounds, or a strict boolean word. `pci_passthrough:alias` must be exactly `name:count[,name:count…]` with no space after `:` and none at the end; `hw:pci_numa_affinity_policy` one of `required`, `preferred`, `legacy`, `socket`; `hw:viommu_model` one of `intel`, `smmuv3`, `virtio`, `auto`.',
    bad: 'openstack flavor set --property hw:pci_numa_affinity_policy=prefered f1', good: 'openstack flavor set --property hw:pci_numa_affinity_policy=preferred f1',
  },
  {
    code: 'flavor-extra-spec-deprecated', severity: 'information', mirrors: 'nova/api/validation/extra_specs/null.py',
    title: 'deprecated extra spec',
    description: 'Nova still accepts the key but marks it deprecated; use the namespaced key it names.',
    bad: 'openstack flavor set --property hide_hypervisor_id=true f1', good: 'openstack flavor set --property hw:hide_hypervisor_id=true f1',
  },
  {
    code: 'flavor-alias-runtime-error', severity: 'error', novaRules: ['E2'], mirrors: 'nova/pci/request.py',
    title: 'pci_passthrough:alias that nova-api accepts but no server can boot with',
    description: 'nova-api\'s pattern lets an alias name contain `,`, but at server create Nova splits the value on `,` and each item on `:`; an item without exactly one `:` (such as `a` in `a,b:1`, or the empty item in `a:1,,b:2`) raises an unhandled error, so every server create or resize with the flavor fails.',
    bad: 'openstack flavor set --property pci_passthrough:alias=a1:1,,a1:2 f1', good: 'openstack flavor set --property pci_passthrough:alias=a1:1 f1',
  },
  {
    code: 'flavor-alias-undefined', severity: 'warning', novaRules: ['E3'], mirrors: 'nova/pci/request.py',
    title: 'flavor asks for an alias no nova-api config of the workspace defines',
    description: 'nova-api accepts the flavor, but when a server is created or resized with it, nova-api looks each alias name (stripped) up in its own `[pci] alias` and answers HTTP 400 when it is missing. The alias must be defined in the nova.conf that nova-api reads (defining it only on compute nodes is not enough). Reported only when the workspace holds at least one nova config.',
    bad: 'openstack flavor set --property pci_passthrough:alias=a2:1 f1', good: 'openstack flavor set --property pci_passthrough:alias=a1:1 f1',
    workspace: { 'nova.conf': NOVA_CONF_A1 },
  },
  {
    code: 'flavor-alias-unused', severity: 'hint', mirrors: 'nova/pci/request.py',
    title: 'alias that no flavor of the workspace asks for',
    description: 'Reported on a `[pci] alias` definition when the workspace has flavor documents and none of them requests this alias: possibly a leftover or a typo on one side.',
    bad: NOVA_CONF_A1,
    good: NOVA_CONF_A1.replace('"a1"', '"a2"'),
    workspace: { 'flavor.sh': 'openstack flavor set --property pci_passthrough:alias=a2:1 f1\n' },
  },
];

export const FLAVOR_RULE_MAP: ReadonlyMap<string, FlavorRuleMeta & { family: string }> = new Map(FLAVOR_RULES.map((r) => [r.code, { ...r, family: 'flavors' }]));
