/**
 * nova-compute (libvirt) start-up refusals the file decides: reserved_huge_pages (nova/virt/hardware.py
 * numa_get_reserved_huge_pages, called from LibvirtDriver.__init__), the CPU mode/model checks
 * (_check_cpu_compatibility), and the init_host checks in nova/virt/libvirt/driver.py (native TLS, rbd,
 * file-backed memory, vTPM, multipath). The reserved_huge_pages and cpu_mode verdicts below were compared with
 * Debian's python3-nova (Zed) running numa_get_reserved_huge_pages and _check_cpu_compatibility; the code is the
 * same at every tag 26.0.0 … 33.0.0 and master.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../helpers';
import { RELEASES, type Release } from '../../server/src/service/releases';
import { osloStringDict, readHugePagesItem, stringToBytes } from '../../server/src/service/rules/startup/huge-pages';
import { sizeWithUnit } from '../../server/src/service/rules/startup/fixes';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { service } from '../helpers';

const hits = (text: string, code: string, release?: Release) => lint(text, release).filter((d) => d.code === code);

test('string_to_bytes (IEC): a unit needs B, b or bit; K/M/G/T with optional i', () => {
  assert.equal(stringToBytes('1GB'), 1024 ** 3);
  assert.equal(stringToBytes('2MB'), 2 * 1024 ** 2);
  assert.equal(stringToBytes('1GiB'), 1024 ** 3);
  assert.equal(stringToBytes('2Mb'), 2 * 1024 ** 2 / 8, 'b and bit are bits');
  assert.equal(stringToBytes('1.5KB'), 1536);
  assert.equal(stringToBytes('+1GB'), 1024 ** 3);
  for (const bad of ['1G', '2M', '1gb', '1kB', '2048 KB', ' 1GB', '1e3B', '']) assert.equal(stringToBytes(bad), undefined, bad);
});

test('reserved_huge_pages items as Nova reads them (same verdicts as hardware.numa_get_reserved_huge_pages)', () => {
  const read = (s: string) => {
    const d = osloStringDict(s);
    assert.ok(d, s);
    const r = readHugePagesItem(d);
    return r.ok ? [r.node, r.sizeKb, r.count] : 'refused';
  };
  assert.deepEqual(read('node:0,size:2048,count:64'), [0, 2048, 64]);
  assert.deepEqual(read('node:0,size:1GB,count:4'), [0, 1048576, 4]);
  assert.deepEqual(read('node: 0 ,size: 2MB ,count:+3'), [0, 2048, 3]);
  assert.deepEqual(read('node:\u0663,size:2048,count:1'), [3, 2048, 1]);
  assert.deepEqual(read('node:0,size:2048,count:1,extra:9'), [0, 2048, 1], 'other keys are ignored');
  for (const bad of ['node:0,size:1G,count:4', '', 'node:0,count:4', 'size:2048,count:1', 'node:x,size:2048,count:1', 'node:0,size:2048,count:1.5', 'node:0,size:2048']) assert.equal(read(bad), 'refused', bad);
  assert.equal(osloStringDict('node:0,size'), undefined, 'oslo itself refuses a piece without ":"');
});

test('reserved-huge-pages-invalid: an unreadable line stops nova-compute, in every release', () => {
  for (const release of RELEASES) {
    const [d] = hits('[DEFAULT]\nreserved_huge_pages = node:0,size:2048,count:64\nreserved_huge_pages = node:1,size:1G,count:4\n', 'reserved-huge-pages-invalid', release);
    assert.equal(d?.severity, 1, release);
    assert.equal(d.range.start.line, 2);
    assert.match(d.message, /size "1G"/);
  }
  assert.match(hits('[DEFAULT]\nreserved_huge_pages =\n', 'reserved-huge-pages-invalid')[0]?.message ?? '', /no "size" key/);
  assert.deepEqual(hits('[DEFAULT]\nreserved_huge_pages = node:0,size:2048,count:64\nreserved_huge_pages = node:1,size:1GB,count:1\n', 'reserved-huge-pages-invalid'), []);
  assert.deepEqual(hits('[DEFAULT]\ncompute_driver = ironic.IronicDriver\nreserved_huge_pages = node:0,size:1G,count:4\n', 'reserved-huge-pages-invalid'), [], 'only the libvirt driver reads it');
});

test('reserved-huge-pages-repeated: the same node and page size twice is a Warning on the line that loses', () => {
  const ds = hits('[DEFAULT]\nreserved_huge_pages = node:0,size:2048,count:64\nreserved_huge_pages = node:0,size:2MB,count:32\n', 'reserved-huge-pages-repeated');
  assert.equal(ds.length, 1);
  assert.equal(ds[0].severity, 2);
  assert.equal(ds[0].range.start.line, 1);
  assert.deepEqual(hits('[DEFAULT]\nreserved_huge_pages = node:0,size:2048,count:64\nreserved_huge_pages = node:0,size:1GB,count:1\n', 'reserved-huge-pages-repeated'), []);
});

test('cpu_mode / cpu_models: the combinations _check_cpu_compatibility refuses, in every release', () => {
  for (const release of RELEASES) {
    assert.equal(hits('[libvirt]\ncpu_models = Nehalem\n', 'cpu-models-without-custom-mode', release).length, 1, `${release}: unset mode`);
    assert.equal(hits('[libvirt]\ncpu_mode = host-model\ncpu_model = Nehalem\n', 'cpu-models-without-custom-mode', release).length, 1, `${release}: deprecated name`);
    assert.equal(hits('[libvirt]\ncpu_mode = custom\n', 'cpu-mode-custom-without-models', release).length, 1, release);
    assert.equal(hits('[libvirt]\nvirt_type = lxc\ncpu_mode = host-passthrough\n', 'cpu-mode-unsupported-virt-type', release).length, 1, release);
  }
  const ok = lint('[libvirt]\nvirt_type = kvm\ncpu_mode = custom\ncpu_models = Nehalem,Haswell-noTSX\ncpu_model_extra_flags = pcid\n');
  assert.deepEqual(ok.filter((d) => d.severity === 1 || d.severity === 2), []);
  assert.deepEqual(codes('[libvirt]\nvirt_type = lxc\ncpu_mode = none\n'), []);
  assert.deepEqual(codes('[libvirt]\ncpu_models =\n'), [], 'an empty list is no model');
  assert.deepEqual(codes('[libvirt]\ncpu_mode = custom\ncpu_models = Nehalem\n'), []);
  assert.deepEqual(codes('[libvirt]\nvirt_type = parallels\n'), []);
});

test('cpu-extra-flags-ignored: flags with cpu_mode = none, or with no mode on lxc/parallels', () => {
  assert.equal(hits('[libvirt]\ncpu_mode = none\ncpu_model_extra_flags = pcid\n', 'cpu-extra-flags-ignored')[0]?.severity, 2);
  assert.equal(hits('[libvirt]\nvirt_type = lxc\ncpu_model_extra_flags = pcid\n', 'cpu-extra-flags-ignored').length, 1);
  assert.deepEqual(hits('[libvirt]\ncpu_model_extra_flags = pcid\n', 'cpu-extra-flags-ignored'), [], 'kvm with no mode means host-model, which takes the flags');
});

function codes(text: string, release?: Release): string[] {
  return lint(text, release).filter((d) => d.severity === 1 || d.severity === 2).map((d) => String(d.code));
}

test('init_host: tunnelled + native TLS, rbd without raw images, vTPM on lxc', () => {
  assert.deepEqual(codes('[libvirt]\nlive_migration_tunnelled = true\nlive_migration_with_native_tls = true\n'), ['live-migration-tunnelled-with-tls']);
  assert.deepEqual(codes('[libvirt]\nlive_migration_tunnelled = false\nlive_migration_with_native_tls = true\n'), []);
  assert.deepEqual(codes('[DEFAULT]\nforce_raw_images = false\n[libvirt]\nimages_type = rbd\n'), ['rbd-images-not-raw']);
  assert.deepEqual(codes('[DEFAULT]\nforce_raw_images = false\n[libvirt]\nimages_type = qcow2\n'), []);
  assert.deepEqual(codes('[libvirt]\nvirt_type = lxc\nswtpm_enabled = true\n'), ['swtpm-unsupported-virt-type']);
  assert.deepEqual(codes('[libvirt]\nvirt_type = qemu\nswtpm_enabled = true\n'), []);
});

test('file-backed-memory-conflict: virt_type, ram_allocation_ratio (unset counts) and reserved memory (512 by default)', () => {
  const msg = (text: string) => hits(text, 'file-backed-memory-conflict').map((d) => d.message);
  assert.match(msg('[libvirt]\nfile_backed_memory = 1048576\n')[0] ?? '', /ram_allocation_ratio is unset/);
  assert.match(msg('[DEFAULT]\nram_allocation_ratio = 1.5\n[libvirt]\nfile_backed_memory = 1048576\n')[0] ?? '', /is 1\.5/);
  assert.match(msg('[DEFAULT]\nram_allocation_ratio = 1.0\n[libvirt]\nfile_backed_memory = 512\n')[0] ?? '', /512, the default/);
  assert.match(msg('[libvirt]\nvirt_type = lxc\nfile_backed_memory = 1048576\n')[0] ?? '', /virt_type is lxc/);
  assert.deepEqual(msg('[DEFAULT]\nram_allocation_ratio = 1\n[libvirt]\nfile_backed_memory = 1048576\n'), [], '512 < 1048576');
  assert.deepEqual(msg('[DEFAULT]\nram_allocation_ratio = 1.0\nreserved_host_memory_mb = 0\n[libvirt]\nfile_backed_memory = 256\n'), []);
  assert.deepEqual(msg('[libvirt]\nfile_backed_memory = 0\n'), []);
});

test('enforce-multipath-without-multipath: from 2025.1 only (the check arrived in 31.0.0)', () => {
  const text = '[libvirt]\nvolume_enforce_multipath = true\n';
  assert.deepEqual(hits(text, 'enforce-multipath-without-multipath', '2024.2'), []);
  for (const release of ['2025.1', '2025.2', '2026.1', 'master'] as Release[]) assert.equal(hits(text, 'enforce-multipath-without-multipath', release).length, 1, release);
  assert.deepEqual(hits(`${text}volume_use_multipath = true\n`, 'enforce-multipath-without-multipath'), []);
});

test('another compute driver: none of the libvirt checks run', () => {
  assert.deepEqual(codes('[DEFAULT]\ncompute_driver = ironic.IronicDriver\n[libvirt]\ncpu_models = Nehalem\nlive_migration_tunnelled = true\nlive_migration_with_native_tls = true\nfile_backed_memory = 1\n'), []);
});

test('weight-setting-item-ignored: items parse_options drops; image_props_weight_setting only where the release has it', () => {
  const ds = hits('[metrics]\nweight_setting = cpu.percent:1.0, memory.used=-1, =2, io=x\n', 'weight-setting-item-ignored');
  assert.deepEqual(ds.map((d) => d.message.match(/item "([^"]*)"/)?.[1]), ['cpu.percent:1.0', '=2', 'io=x']);
  assert.equal(ds[0].severity, 2);
  assert.equal(ds[0].range.start.character, '[metrics]\nweight_setting = '.length - '[metrics]\n'.length, 'the range is the item');
  assert.deepEqual(hits('[metrics]\nweight_setting = cpu.percent=1.0, memory.used=-1e0\n', 'weight-setting-item-ignored'), []);
  const props = '[filter_scheduler]\nimage_props_weight_setting = os_distro:1\n';
  assert.deepEqual(hits(props, 'weight-setting-item-ignored', '2024.2'), [], 'the option is unknown before 2025.1 (the option rules say so)');
  assert.equal(hits(props, 'weight-setting-item-ignored', '2025.1').length, 1);
});

const MDEV = (a: string, b?: string, types = 'nvidia-35, nvidia-36') => `[devices]\nenabled_mdev_types = ${types}\n[mdev_nvidia-35]\ndevice_addresses = ${a}\n${b === undefined ? '' : `[mdev_nvidia-36]\ndevice_addresses = ${b}\n`}`;

test('mdev-address-duplicate / mdev-address-invalid: the first address the driver refuses (verdicts as Zed\'s _get_supported_vgpu_types)', () => {
  for (const release of RELEASES) {
    const [d] = hits(MDEV('0000:84:00.0', '0000:85:00.0,0000:84:00.0'), 'mdev-address-duplicate', release);
    assert.equal(d?.severity, 1, release);
    assert.match(d.message, /already for nvidia-35/);
    assert.equal(d.range.start.line, 5);
    assert.equal(d.range.start.character, 'device_addresses = 0000:85:00.0,'.length);
  }
  assert.match(hits(MDEV('0000:84:00.0,0000:84:00.0', '0000:85:00.0'), 'mdev-address-duplicate')[0]?.message ?? '', /twice/);
  for (const release of ['2022.2', '2024.1', '2026.1'] as Release[]) assert.equal(hits(MDEV('84:00.0', '0000:85:00.0'), 'mdev-address-invalid', release).length, 1, release);
  assert.deepEqual(hits(MDEV('mtty_mtty', '0000:85:00.0'), 'mdev-address-invalid', 'master'), [], 'master: a virtual parent only the host can judge');
  assert.deepEqual(codes(MDEV('0000:84:00.0', '0000:85:00.0')), []);
  // Up to 2023.2 a single enabled type's group is not registered when the driver starts: its addresses are not read.
  const single = '[devices]\nenabled_mdev_types = nvidia-35\n[mdev_nvidia-35]\ndevice_addresses = 84:00.0\n';
  assert.deepEqual(hits(single, 'mdev-address-invalid', '2023.2'), []);
  assert.equal(hits(single, 'mdev-address-invalid', '2024.1').length, 1);
});

test('mdev-type-dropped: a type without addresses, before and after 2024.1', () => {
  const three = '[devices]\nenabled_mdev_types = a, b, c\n[mdev_a]\ndevice_addresses = 0000:84:00.0\n[mdev_c]\ndevice_addresses = 0000:85:00.0\n';
  assert.match(hits(three, 'mdev-type-dropped', '2023.2')[0]?.message ?? '', /only the first type, a, and drops b, c/);
  assert.deepEqual(hits(three, 'mdev-type-dropped', '2024.1'), [], 'b serves the GPUs not listed elsewhere');
  const two = '[devices]\nenabled_mdev_types = a, b\n';
  assert.match(hits(two, 'mdev-type-dropped', '2024.1')[0]?.message ?? '', /a already serves/);
  assert.equal(hits(two, 'mdev-type-dropped', '2024.1')[0]?.severity, 2);
  assert.deepEqual(hits('[devices]\nenabled_mdev_types = a\n', 'mdev-type-dropped'), []);
  // Before 2024.1 the driver stops at the type without addresses: a later duplicate is never read.
  const later = '[devices]\nenabled_mdev_types = a, b, c\n[mdev_b]\ndevice_addresses = 0000:84:00.0\n[mdev_c]\ndevice_addresses = 0000:84:00.0\n';
  assert.deepEqual(hits(later, 'mdev-address-duplicate', '2023.2'), []);
  assert.equal(hits(later, 'mdev-address-duplicate', '2024.1').length, 1);
});

test('vcpu-pin-set-with-shared-set: accepted with a log line; cpu_shared_set then only places emulator threads', () => {
  const [w] = hits('[DEFAULT]\nvcpu_pin_set = 4-15\n[compute]\ncpu_shared_set = 0-3\n', 'vcpu-pin-set-with-shared-set');
  assert.equal(w?.severity, 2);
  assert.equal(w.range.start.line, 3);
  assert.deepEqual(hits('[DEFAULT]\nvcpu_pin_set = 4-15\n[compute]\ncpu_shared_set = 0-3\ncpu_dedicated_set = 8-15\n', 'vcpu-pin-set-with-shared-set'), [], 'that combination is an Error (vcpu-pin-set-with-dedicated)');
  assert.deepEqual(hits('[compute]\ncpu_shared_set = 0-3\n', 'vcpu-pin-set-with-shared-set'), []);
});

test('power-management-cpu0-ignored: CPU 0 with the cpu_state strategy, from 27.2.0 / 28.0.1', async () => {
  const { createLanguageService } = await import('../../server/src/service/index');
  const at = (release: Release, point: string | undefined, text: string) => {
    const svc = createLanguageService({ settings: { release, point } });
    return svc.diagnostics(svc.parse(text, 'file:///s/nova.conf', 1)).filter((d) => d.code === 'power-management-cpu0-ignored');
  };
  const on = '[compute]\ncpu_dedicated_set = 0-7\n[libvirt]\ncpu_power_management = true\n';
  assert.equal(at('2024.1', undefined, on)[0]?.severity, 2);
  assert.equal(at('2023.2', '28.0.1', on).length, 1);
  assert.equal(at('2023.2', '28.0.0', on).length, 0, 'before the fix Nova tried to offline CPU 0 (a host matter)');
  assert.equal(at('2023.1', '27.2.0', on).length, 1);
  assert.equal(at('master', undefined, on.replace('0-7', '1-7')).length, 0);
  assert.equal(at('master', undefined, `${on}cpu_power_management_strategy = governor\n`).length, 0, 'the governor strategy manages CPU 0 like the others');
});

test('reserved-huge-pages-invalid quick fix: a size written without its B gets one (verified, preferred)', () => {
  assert.equal(sizeWithUnit('1G'), '1GB');
  assert.equal(sizeWithUnit('2m'), '2MB');
  assert.equal(sizeWithUnit('1Gi'), '1GiB');
  assert.equal(sizeWithUnit('2x'), undefined);
  assert.equal(sizeWithUnit('1GB'), undefined);
  const text = '[DEFAULT]\nreserved_huge_pages = node:0, size: 1G ,count:4\n';
  const s = service();
  const doc = s.parse(text, 'file:///t/nova.conf', 1);
  const d = s.diagnostics(doc).find((x) => x.code === 'reserved-huge-pages-invalid');
  assert.ok(d);
  assert.match(d.message, /refuse to start\. Did you mean "1GB"\?$/);
  const [a, ...rest] = s.codeActions(doc, d.range, { diagnostics: [d] }).filter((x) => !x.title.startsWith('Disable'));
  assert.equal(rest.length, 0);
  assert.equal(a.title, 'Write the page size as "1GB"');
  assert.equal(a.isPreferred, true);
  const fixed = TextDocument.applyEdits(TextDocument.create('file:///t/nova.conf', 'nova-conf', 1, text), a.edit!.changes!['file:///t/nova.conf']);
  assert.equal(fixed, '[DEFAULT]\nreserved_huge_pages = node:0, size: 1GB ,count:4\n');
  assert.deepEqual(hits(fixed, 'reserved-huge-pages-invalid'), []);
  // No fix where there is no clear reading.
  const other = '[DEFAULT]\nreserved_huge_pages = node:0,size:huge,count:4\n';
  const d2 = s.diagnostics(s.parse(other, 'file:///t/b.conf', 1)).find((x) => x.code === 'reserved-huge-pages-invalid')!;
  assert.deepEqual(s.codeActions(s.parse(other, 'file:///t/b.conf', 1), d2.range, { diagnostics: [d2] }).filter((x) => !x.title.startsWith('Disable')), []);
});
