/**
 * Start-up checks the file decides (nova/virt/hardware.py parse_cpu_spec and get_cpu_*_set,
 * nova/virt/libvirt/driver.py _check_cpu_set_configuration, nova/compute/manager.py init_host); the CPU set
 * verdicts were compared with parse_cpu_spec's behaviour as written in Nova master.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint } from '../helpers';
import { parseCpuSpec } from '../../server/src/service/rules/startup/cpu-spec';
import { STARTUP_SURVEY } from '../../server/src/service/rules/startup/survey';
import { RULES } from '../../server/src/service/index';

const found = (text: string, code: string) => lint(text).filter((d) => d.code === code && d.severity === 1);

test('parse_cpu_spec: numbers, ranges, exclusions, skipped empty items, Python int()', () => {
  const set = (s: string) => { const r = parseCpuSpec(s); return r.ok ? [...r.cpus].sort((a, b) => a - b) : r.item; };
  assert.deepEqual(set('1-4,^3,6'), [1, 2, 4, 6]);
  assert.deepEqual(set(' 0 , 2-3 ,, '), [0, 2, 3]);
  assert.deepEqual(set('0-7,^2-5'), [0, 1, 6, 7]);
  assert.deepEqual(set('+1, 1_0'), [1, 10]);
  assert.deepEqual(set('\u0663'), [3], 'int() reads any Unicode decimal digit');
  assert.equal(set('4-1'), '4-1');
  assert.equal(set('1-'), '1-');
  assert.equal(set('-3'), '-3');
  assert.equal(set('1--3'), '1--3');
  assert.equal(set('^a'), '^a');
  assert.equal(set('1;2'), '1;2');
});

test('cpu-set-invalid: a bad item or a set emptied by its exclusions stops nova-compute', () => {
  assert.equal(found('[compute]\ncpu_dedicated_set = 2-x\n', 'cpu-set-invalid').length, 1);
  assert.equal(found('[compute]\ncpu_shared_set = 0-1,^0-1\n', 'cpu-set-invalid').length, 1);
  assert.equal(found('[DEFAULT]\nvcpu_pin_set = 4,5;6\n', 'cpu-set-invalid').length, 1);
  assert.equal(found('[compute]\ncpu_dedicated_set = 2-7,^4\ncpu_shared_set =\n', 'cpu-set-invalid').length, 0);
  // Another driver does not run the libvirt checks.
  assert.equal(found('[DEFAULT]\ncompute_driver = ironic.IronicDriver\n[compute]\ncpu_dedicated_set = 2-x\n', 'cpu-set-invalid').length, 0);
});

test('cpu sets: overlap, vcpu_pin_set with cpu_dedicated_set, reserved_host_cpus with the sets', () => {
  assert.match(found('[compute]\ncpu_dedicated_set = 2-7\ncpu_shared_set = 0-2\n', 'cpu-sets-overlap')[0].message, /both have 2 — nova-compute will refuse to start\./);
  assert.equal(found('[compute]\ncpu_dedicated_set = 2-7\ncpu_shared_set = 0-7,^2-7\n', 'cpu-sets-overlap').length, 0);
  assert.equal(found('[DEFAULT]\nvcpu_pin_set = 2-7\n[compute]\ncpu_dedicated_set = 2-7\n', 'vcpu-pin-set-with-dedicated').length, 1);
  assert.equal(found('[DEFAULT]\nvcpu_pin_set = 2-7\n[compute]\ncpu_shared_set = 0-1\n', 'vcpu-pin-set-with-dedicated').length, 0, 'only a warning in Nova\'s log');
  assert.equal(found('[DEFAULT]\nreserved_host_cpus = 2\n[compute]\ncpu_dedicated_set = 2-7\n', 'reserved-host-cpus-with-cpu-sets').length, 1);
  assert.equal(found('[DEFAULT]\nreserved_host_cpus = 0\n[compute]\ncpu_dedicated_set = 2-7\n', 'reserved-host-cpus-with-cpu-sets').length, 0);
  assert.equal(found('[DEFAULT]\nreserved_host_cpus = 2\nvcpu_pin_set = 2-7\n', 'reserved-host-cpus-with-cpu-sets').length, 0);
});

test('max-disk-devices-zero: 0 stops nova-compute, -1 and 1 do not', () => {
  assert.equal(found('[compute]\nmax_disk_devices_to_attach = 0\n', 'max-disk-devices-zero').length, 1);
  assert.equal(found('[compute]\nmax_disk_devices_to_attach = -1\n', 'max-disk-devices-zero').length, 0);
  assert.equal(found('[compute]\nmax_disk_devices_to_attach = 1\n', 'max-disk-devices-zero').length, 0);
});

test('every "implemented" survey row names registered rules', () => {
  for (const row of STARTUP_SURVEY.filter((r) => r.status === 'implemented')) {
    assert.ok(row.rule, row.check);
    for (const code of row.rule.split(', ')) {
      if (code.endsWith('*')) assert.ok([...RULES.keys()].some((c) => c.startsWith(code.slice(0, -1))), code);
      else assert.ok(RULES.has(code), code);
    }
  }
});

test('power-management-without-dedicated: refused on 27.0.0-27.1.0 and 28.0.0 only (lifted in 27.2.0 / 28.0.1)', async () => {
  const { createLanguageService } = await import('../../server/src/service/index');
  const at = (release: '2022.2' | '2023.1' | '2023.2' | '2024.1', point: string | undefined, text: string) => {
    const svc = createLanguageService({ settings: { release, point } });
    return svc.diagnostics(svc.parse(text, 'file:///s/nova.conf', 1)).filter((d) => d.code === 'power-management-without-dedicated').length;
  };
  const on = '[libvirt]\ncpu_power_management = true\n';
  assert.equal(at('2023.1', '27.0.0', on), 1);
  assert.equal(at('2023.1', '27.1.0', on), 1);
  assert.equal(at('2023.1', '27.2.0', on), 0);
  assert.equal(at('2023.2', '28.0.0', on), 1);
  assert.equal(at('2023.2', '28.0.1', on), 0);
  assert.equal(at('2023.2', undefined, on), 0, 'the series means 28.3.1');
  assert.equal(at('2024.1', undefined, on), 0);
  assert.equal(at('2023.2', '28.0.0', `${on}[compute]\ncpu_dedicated_set = 2-3\n`), 0);
  assert.equal(at('2023.2', '28.0.0', '[libvirt]\ncpu_power_management = false\n'), 0);
});
