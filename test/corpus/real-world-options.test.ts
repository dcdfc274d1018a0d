/**
 * Every real-world nova.conf of shared/data/real-world against what
 * oslo-config-validator (Debian's python3-nova 26.2.2 = Zed, oslo.config 9.0.0)
 * reports for it: each option it calls unknown or deprecated must be reported
 * by us too, on that line and of that kind (release 2022.2), and we report no
 * other line as unknown. Where Nova itself reads the file differently from the
 * validator, the difference is listed in EXCEPTIONS with the reason.
 *
 * The validator's findings are recorded in test/data/oslo-validator-expectations.json
 * (scripts/record-oslo-expectations.py). When `oslo-config-validator` is installed,
 * one extra test re-runs it on a few files and checks the recording is current.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HAVE_SHARED, ROOT, SHARED, service } from '../helpers';

interface Finding {
  group: string;
  option: string;
  kind: 'unknown' | 'deprecated' | 'skipped';
}
interface FileRecord {
  file: string;
  exit: number;
  findings: Finding[];
  other?: string[];
}
interface Recording {
  tool: { namespaces: string[]; release: string };
  validator: FileRecord[];
}

const RECORDING = join(ROOT, 'test', 'data', 'oslo-validator-expectations.json');
const rec: Recording = JSON.parse(readFileSync(RECORDING, 'utf8'));

/** Our codes, by the validator's kinds. */
const KIND: Record<string, 'unknown' | 'deprecated'> = {
  'unknown-option': 'unknown',
  'option-wrong-group': 'unknown',
  'option-not-in-release': 'unknown',
  'deprecated-option': 'deprecated',
};

/**
 * Lines where we knowingly differ from the validator: `validator` is what it says
 * (or "skipped"/"nothing"), `ours` what we say, `why` the reason Nova agrees with us.
 */
const DYNAMIC = 'the validator knows only the sample config, not the groups Nova registers at run time from [neutron] physnets / [devices] enabled_mdev_types; this file lists the group there, so Nova reads it';
const PCI_CASE = 'the validator compares section names as written; oslo.config lower-cases every section name but DEFAULT when it reads the file, so Nova reads [PCI] as [pci]';
const LIMIT_AUTH = "the validator knows only oslo.limit's list_opts, which leaves out auth_type; oslo_limit/opts.py register_opts registers it in [oslo_limit] (register_auth_conf_options) when Nova loads oslo.limit, so Nova reads it";
const EXCEPTIONS: { file: string; group: string; option: string; validator: string; ours: string; why: string }[] = [
  { file: '017-nova-vgpu-doc-mdev-types.conf', group: 'mdev_nvidia-35', option: 'device_addresses', validator: 'unknown', ours: 'nothing', why: DYNAMIC },
  { file: '017-nova-vgpu-doc-mdev-types.conf', group: 'mdev_nvidia-36', option: 'device_addresses', validator: 'unknown', ours: 'nothing', why: DYNAMIC },
  { file: '017-nova-vgpu-doc-mdev-types.conf', group: 'mdev_nvidia-36', option: 'mdev_class', validator: 'unknown', ours: 'nothing', why: DYNAMIC },
  { file: '019-nova-networking-doc-physnet-numa.conf', group: 'neutron_physnet_foo', option: 'numa_nodes', validator: 'unknown', ours: 'nothing', why: DYNAMIC },
  { file: '019-nova-networking-doc-physnet-numa.conf', group: 'neutron_physnet_bar', option: 'numa_nodes', validator: 'unknown', ours: 'nothing', why: DYNAMIC },
  { file: '041-rhoso-arch-vgpu-legacy-groups.conf', group: 'vgpu_nvidia-228', option: 'device_addresses', validator: 'unknown', ours: 'deprecated', why: `${DYNAMIC}; [vgpu_TYPE] is the deprecated name of [mdev_TYPE] for device_addresses` },
  { file: '041-rhoso-arch-vgpu-legacy-groups.conf', group: 'vgpu_nvidia-229', option: 'device_addresses', validator: 'unknown', ours: 'deprecated', why: `${DYNAMIC}; [vgpu_TYPE] is the deprecated name of [mdev_TYPE] for device_addresses` },
  { file: '050-charm-nova-compute-yoga-rendered.conf', group: 'keystone_authtoken', option: 'signing_dir', validator: 'skipped', ours: 'unknown', why: 'the validator skips [keystone_authtoken] entirely; keystonemiddleware 10.1.0 registers no signing_dir (neither itself nor through an auth plugin), so the line is ignored' },
  { file: '051-openstack-ansible-os-nova-rendered-aio.conf', group: 'mdev_nvidia-610', option: 'device_addresses', validator: 'unknown', ours: 'nothing', why: DYNAMIC },
  { file: '051-openstack-ansible-os-nova-rendered-aio.conf', group: 'mdev_nvidia-611', option: 'device_addresses', validator: 'unknown', ours: 'nothing', why: DYNAMIC },
  { file: '062-satish-blog-gpu-uppercase-pci-section.conf', group: 'PCI', option: 'passthrough_whitelist', validator: 'unknown', ours: 'deprecated', why: `${PCI_CASE}, where passthrough_whitelist is the deprecated name of device_spec` },
  { file: '063-satish-blog-gpu-alias-colon-separator.conf', group: 'PCI', option: 'alias', validator: 'unknown', ours: 'nothing', why: PCI_CASE },
  { file: '064-satish-blog-hpc-ib-vf-alias.conf', group: 'PCI', option: 'alias', validator: 'unknown', ours: 'nothing', why: PCI_CASE },
  { file: '077-stackhpc-kayobe-vgpu-mdev-rendered.conf', group: 'mdev_nvidia-700', option: 'device_addresses', validator: 'unknown', ours: 'nothing', why: DYNAMIC },
  { file: '077-stackhpc-kayobe-vgpu-mdev-rendered.conf', group: 'mdev_nvidia-700', option: 'mdev_class', validator: 'unknown', ours: 'nothing', why: DYNAMIC },
  { file: '077-stackhpc-kayobe-vgpu-mdev-rendered.conf', group: 'mdev_nvidia-699', option: 'device_addresses', validator: 'unknown', ours: 'nothing', why: DYNAMIC },
  { file: '077-stackhpc-kayobe-vgpu-mdev-rendered.conf', group: 'mdev_nvidia-699', option: 'mdev_class', validator: 'unknown', ours: 'nothing', why: DYNAMIC },
  { file: '081-rhoso-nova-operator-rendered-compute.conf', group: 'oslo_limit', option: 'auth_type', validator: 'unknown', ours: 'nothing', why: LIMIT_AUTH },
  { file: '082-rhoso-nova-operator-rendered-scheduler.conf', group: 'oslo_limit', option: 'auth_type', validator: 'unknown', ours: 'nothing', why: LIMIT_AUTH },
];

interface Line {
  group: string;
  option: string;
  validator: string;
  ours: string;
}

/** Per option line of the file: what the validator says and what we say. */
function compare(r: FileRecord): Line[] {
  const text = readFileSync(join(SHARED, 'data', 'real-world', r.file), 'utf8');
  const svc = service('2022.2');
  const doc = svc.parse(text, `file:///real-world/${r.file}`, 1);
  const diags = svc.diagnostics(doc);
  const out: Line[] = [];
  for (const e of doc.ini.entries) {
    if (!e.section) continue;
    const line = doc.positionAt(e.keySpan.start).line;
    const ourKinds = diags.filter((d) => d.range.start.line === line && KIND[String(d.code)]).map((d) => KIND[String(d.code)]);
    const ours = ourKinds.includes('unknown') ? 'unknown' : ourKinds.includes('deprecated') ? 'deprecated' : 'nothing';
    const f = r.findings.find((x) => x.group === e.section?.raw && x.option === e.key);
    const validator = f ? f.kind : 'nothing';
    out.push({ group: e.section.raw, option: e.key, validator, ours });
  }
  return out;
}

function agrees(l: Line): boolean {
  if (l.validator === 'skipped') return l.ours !== 'unknown'; // skipped lines: we must not call them unknown
  return l.validator === l.ours;
}

if (!HAVE_SHARED) {
  test('real-world options (skipped: shared/data not found beside the repository; set NOVA_CONF_SHARED)', { skip: true }, () => {});
} else {
  const live = (() => {
    try {
      execFileSync('oslo-config-validator', ['--help'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  console.log(`# real-world-options: comparing against the recorded validator findings (${RECORDING}); live oslo-config-validator ${live ? 'available: one extra test re-checks the recording' : 'not installed: recordings only'}`);

  const usedExceptions = new Set<number>();
  for (const r of rec.validator) {
    test(`${r.file}: unknown and deprecated options as oslo-config-validator (Zed) reports them`, () => {
      const problems: string[] = [];
      for (const l of compare(r)) {
        if (agrees(l)) continue;
        const i = EXCEPTIONS.findIndex((x) => x.file === r.file && x.group === l.group && x.option === l.option && x.validator === l.validator && x.ours === l.ours);
        if (i >= 0) {
          usedExceptions.add(i);
          continue;
        }
        problems.push(`[${l.group}] ${l.option}: validator says ${l.validator}, we say ${l.ours}`);
      }
      assert.deepEqual(problems, []);
    });
  }

  test('every listed exception is still a real difference', () => {
    const stale = EXCEPTIONS.filter((_, i) => !usedExceptions.has(i)).map((x) => `${x.file} [${x.group}] ${x.option}`);
    assert.deepEqual(stale, []);
  });

  test('the recording covers every real-world file', () => {
    const files = JSON.parse(readFileSync(join(SHARED, 'data', 'real-world', 'SOURCES.json'), 'utf8')) as { file: string }[];
    assert.deepEqual(rec.validator.map((r) => r.file).sort(), files.map((f) => f.file).sort());
  });

  test('live oslo-config-validator agrees with the recording', { skip: live ? false : 'oslo-config-validator is not installed (apt-get install python3-nova python3-osprofiler)' }, () => {
    for (const r of rec.validator.filter((x) => x.findings.length > 0).slice(0, 4)) {
      const args = rec.tool.namespaces.flatMap((n) => ['--namespace', n]).concat(['--input-file', join(SHARED, 'data', 'real-world', r.file)]);
      let out = '';
      try {
        execFileSync('oslo-config-validator', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (e) {
        out = String((e as { stderr?: Buffer }).stderr ?? '');
      }
      for (const f of r.findings.filter((x) => x.kind !== 'skipped')) {
        assert.ok(out.includes(`${f.group}/${f.option}`), `${r.file}: live validator no longer reports ${f.group}/${f.option}`);
      }
    }
  });
}
