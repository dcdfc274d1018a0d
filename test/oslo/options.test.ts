/**
 * The option rules: values checked as oslo.config 9.x types would check them,
 * dynamic groups, release differences, duplicates, `$name` values, and the
 * did-you-mean data quick fixes use.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ROOT, lint } from '../helpers';
import { checkOslo, OsloTypeSpec } from '../../server/src/service/oslo/types';
import type { Release } from '../../server/src/service/releases';

function on(ds: Diagnostic[], code: string, line?: number): Diagnostic[] {
  return ds.filter((d) => d.code === code && (line === undefined || d.range.start.line === line));
}

/** The diagnostics of one `[group] key = value` line (line 1 of the file). */
function value(group: string, line: string, release?: Release, before = ''): Diagnostic[] {
  const pre = before ? `${before}\n` : '';
  const n = pre.split('\n').length - 1;
  return lint(`${pre}[${group}]\n${line}\n`, release).filter((d) => d.range.start.line === n + 1);
}

function invalid(group: string, line: string, release?: Release, before?: string): Diagnostic | undefined {
  return on(value(group, line, release, before), 'invalid-value')[0];
}

describe('values, as oslo.config reads them', () => {
  test('boolean: true/false/yes/no/on/off/1/0 in any case; anything else, or nothing, fails', () => {
    for (const ok of ['true', 'False', 'YES', 'off', '1', '0']) assert.equal(invalid('pci', `report_in_placement = ${ok}`), undefined, ok);
    for (const bad of ['maybe', 't', 'enabled']) {
      const d = invalid('pci', `report_in_placement = ${bad}`);
      assert.ok(d && d.severity === 1, bad);
      assert.match(d.message, /not a boolean/);
    }
    assert.ok(invalid('DEFAULT', 'debug ='), 'an empty boolean is not a boolean');
  });

  test('integer: whitespace, sign and underscores as Python int(); min and max; empty means unset', () => {
    for (const ok of ['10', '+3', '1_000', '']) assert.equal(invalid('DEFAULT', `max_concurrent_builds = ${ok}`), undefined, ok);
    assert.match(invalid('DEFAULT', 'max_concurrent_builds = ten')?.message ?? '', /"ten" is not a whole number/);
    assert.match(invalid('DEFAULT', 'max_concurrent_builds = 1.5')?.message ?? '', /not a whole number/);
    assert.match(invalid('DEFAULT', 'max_concurrent_builds = -1')?.message ?? '', /below the minimum 0/);
    assert.match(invalid('scheduler', 'max_attempts = 0')?.message ?? '', /below the minimum 1/);
  });

  test('integer choices: [libvirt] rx_queue_size', () => {
    assert.equal(invalid('libvirt', 'rx_queue_size = 512'), undefined);
    const d = invalid('libvirt', 'rx_queue_size = 128');
    assert.match(d?.message ?? '', /128 is not one of 256, 512, 1024/);
    assert.deepEqual((d?.data as { choices: string[] }).choices, ['256', '512', '1024']);
  });

  test('float: Python float(), min', () => {
    for (const ok of ['16.0', '.5', '1e1', '']) assert.equal(invalid('DEFAULT', `cpu_allocation_ratio = ${ok}`), undefined, ok);
    assert.match(invalid('DEFAULT', 'cpu_allocation_ratio = 1,5')?.message ?? '', /not a number/);
    assert.match(invalid('DEFAULT', 'cpu_allocation_ratio = -1')?.message ?? '', /below the minimum 0/);
  });

  test('port: 0 to 65535', () => {
    assert.equal(invalid('vnc', 'novncproxy_port = 6080'), undefined);
    assert.match(invalid('vnc', 'novncproxy_port = 70000')?.message ?? '', /above the maximum 65535/);
    assert.match(invalid('vnc', 'novncproxy_port = http')?.message ?? '', /not a whole number/);
  });

  test('string choices: exact case unless the option ignores case', () => {
    assert.equal(invalid('DEFAULT', 'running_deleted_instance_action = reap'), undefined);
    const d = invalid('DEFAULT', 'running_deleted_instance_action = Reap');
    assert.match(d?.message ?? '', /not one of reap, log, shutdown, noop/);
    assert.deepEqual((d?.data as { suggestions: string[] }).suggestions, ['reap']);
    assert.equal(invalid('DEFAULT', 'log_rotation_type = Size'), undefined, 'ignore_case choices');
    assert.equal(invalid('DEFAULT', 'log_rotate_interval_type = midnight'), undefined, 'ignore_case choices');
    assert.ok(invalid('DEFAULT', 'pointer_model ='), 'a None choice is not the empty string');
    assert.equal(invalid('keystone_authtoken', 'memcache_security_strategy = mac'), undefined);
  });

  test('string regex and max_length', () => {
    assert.equal(invalid('serial_console', 'port_range = 10000:20000'), undefined);
    assert.match(invalid('serial_console', 'port_range = 10000-20000')?.message ?? '', /required form/);
    assert.equal(invalid('ironic', 'shard = rack-1', '2024.1'), undefined);
    assert.match(invalid('ironic', `shard = ${'x'.repeat(256)}`, '2024.1')?.message ?? '', /longer than 255 characters/);
    assert.match(invalid('mdev_nvidia-35', 'mdev_class = GPU')?.message ?? '', /required form/);
    assert.equal(invalid('mdev_nvidia-35', 'mdev_class = CUSTOM_A16')?.message, undefined);
  });

  test('[cinder] catalog_info: the pattern of each release (dashes allowed from the point releases of 2023.2 on)', () => {
    assert.ok(invalid('cinder', 'catalog_info = block-storage::internalURL', '2022.2'));
    assert.equal(invalid('cinder', 'catalog_info = block-storage::internalURL', '2024.1'), undefined);
    assert.equal(invalid('cinder', 'catalog_info = block-storage::internalURL', '2025.1'), undefined);
  });

  test('list: items, item choices, empty items, the bracketed form', () => {
    assert.equal(invalid('vnc', 'auth_schemes = vencrypt, none'), undefined);
    assert.equal(invalid('vnc', 'auth_schemes ='), undefined, 'an empty list is fine');
    const d = invalid('vnc', 'auth_schemes = none,tls');
    assert.match(d?.message ?? '', /list item "tls" is not one of none, vencrypt/);
    assert.ok(invalid('vnc', 'auth_schemes = [none, vencrypt]'), 'with item choices the brackets make the items fail');
    const b = value('filter_scheduler', 'enabled_filters = [ComputeFilter, PciPassthroughFilter]');
    assert.equal(on(b, 'invalid-value').length, 0);
    assert.match(on(b, 'value-brackets')[0]?.message ?? '', /"\[ComputeFilter" .* "PciPassthroughFilter\]"/);
    assert.equal(on(b, 'value-brackets')[0]?.severity, 2);
    assert.ok(invalid('neutron_tunnel', 'numa_nodes = 0,one'), 'integer items');
    assert.equal(invalid('neutron_tunnel', 'numa_nodes = 0, 1'), undefined);
  });

  test('dict: key:value pairs, no empty or repeated key', () => {
    assert.equal(invalid('DEFAULT', 'reserved_huge_pages = node:0,size:2048,count:64'), undefined);
    assert.match(invalid('DEFAULT', 'reserved_huge_pages = node:0,size')?.message ?? '', /not a key:value pair/);
    assert.match(invalid('DEFAULT', 'reserved_huge_pages = node:0,node:1')?.message ?? '', /appears twice/);
    assert.match(invalid('DEFAULT', 'reserved_huge_pages = :0')?.message ?? '', /empty key/);
  });

  test('URI: scheme and host required; the allowed schemes', () => {
    assert.equal(invalid('vnc', 'novncproxy_base_url = https://nova.example.com:6080/vnc_lite.html'), undefined);
    assert.equal(invalid('vnc', 'novncproxy_base_url = http://[2001:db8::1]:6080/'), undefined);
    assert.match(invalid('vnc', 'novncproxy_base_url = http:///vnc_auto.html')?.message ?? '', /no host after http:\/\//);
    assert.match(invalid('vnc', 'novncproxy_base_url = 127.0.0.1:6080/vnc_auto.html')?.message ?? '', /no scheme/);
    assert.match(invalid('vnc', 'novncproxy_base_url = nova.example.com/vnc')?.message ?? '', /no scheme/);
    assert.match(invalid('vnc', 'novncproxy_base_url = http://300.1.1.1:6080/')?.message ?? '', /not a valid host/);
    assert.match(invalid('mks', 'mksproxy_base_url = ws://h:6090/')?.message ?? '', /allows only http, https/);
  });

  test('host address and host domain: an IP address or a host name', () => {
    for (const ok of ['0.0.0.0', '::', 'compute-1.example.com']) assert.equal(invalid('vnc', `server_listen = ${ok}`), undefined, ok);
    for (const bad of ['compute_1', '10.0.0.1/24', '01.2.3.4', 'fe80::1%eth0']) assert.ok(invalid('vnc', `server_listen = ${bad}`), bad);
    assert.equal(invalid('DEFAULT', 'host = compute_1'), undefined, 'a host domain allows "_"');
    assert.ok(invalid('DEFAULT', 'host = -compute'));
  });

  test('$name: checked after substitution; unknown names and host-dependent defaults are not value errors', () => {
    assert.equal(invalid('vnc', 'server_listen = $my_ip'), undefined, 'my_ip defaults to the host address');
    const bad = value('vnc', 'server_listen = $myip');
    assert.equal(on(bad, 'invalid-value').length, 0);
    assert.equal(on(bad, 'unknown-substitution').length, 1);
    const subst = lint('[DEFAULT]\nmy_ip = not an address\n[vnc]\nserver_listen = $my_ip\n');
    assert.match(on(subst, 'invalid-value', 3)[0]?.message ?? '', /"not an address"/);
    assert.equal(on(lint('[DEFAULT]\nmy_ip = 192.0.2.10\n[vnc]\nserver_listen = $my_ip\n'), 'invalid-value').length, 0);
  });

  test('recorded oslo.config 9.0.0 verdicts: every case agrees', () => {
    const SPECS: Record<string, OsloTypeSpec> = {
      bool: { t: 'bool' }, int: { t: 'int' }, int_min1: { t: 'int', min: 1 }, int_choices: { t: 'int', ch: [256, 512, 1024] },
      float: { t: 'float' }, float_min0: { t: 'float', min: 0 }, port: { t: 'port' }, str: { t: 'str' },
      str_choices: { t: 'str', ch: ['interval', 'size', 'none'] }, str_choices_ic: { t: 'str', ch: ['Seconds', 'Minutes', 'Midnight'], ic: true },
      str_regex: { t: 'str', re: '^\\d+:\\d+$' }, str_regex_w: { t: 'str', re: '^[\\w-]+:\\w*:.*$' }, str_maxlen: { t: 'str', re: '^[a-zA-Z0-9_.-]*$', ml: 10 },
      list: { t: 'list', it: 'str' }, list_choices: { t: 'list', it: 'str', ich: ['none', 'vencrypt'] }, list_int: { t: 'list', it: 'int' },
      dict: { t: 'dict', it: 'str' }, uri: { t: 'uri' }, uri_http: { t: 'uri', sch: ['http', 'https'] }, hostaddr: { t: 'hostaddr' },
      hostdomain: { t: 'hostdomain' }, ip: { t: 'ip' }, hostname: { t: 'hostname' },
    };
    const cases = (JSON.parse(readFileSync(join(ROOT, 'test', 'data', 'oslo-validator-expectations.json'), 'utf8')) as { types: { type: string; value: string; ok: boolean; error?: string }[] }).types;
    assert.ok(cases.length > 200);
    const wrong = cases.filter((c) => Boolean(checkOslo(SPECS[c.type], c.value)) === c.ok).map((c) => `${c.type} ${JSON.stringify(c.value)}: oslo ${c.ok ? 'accepts' : `refuses (${c.error})`}`);
    assert.deepEqual(wrong, []);
  });

  test('any text, any type: the checks never throw', () => {
    const types = ['bool', 'int', 'port', 'float', 'str', 'list', 'dict', 'uri', 'ip', 'hostname', 'hostaddr', 'hostdomain', 'range', 'weird'];
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.string({ unit: 'binary', maxLength: 80 }), (t, v) => {
        checkOslo({ t, it: 'int', re: '^\\w+$', ch: ['a'] }, v);
      }),
      { numRuns: 3000, seed: Number(process.env.FC_SEED ?? 20261125) },
    );
  });
});

describe('dynamic groups', () => {
  test('[neutron_physnet_NAME]: accepted unless [neutron] physnets is set without NAME', () => {
    assert.deepEqual(on(lint('[neutron_physnet_foo]\nnuma_nodes = 0\n'), 'unknown-group'), []);
    assert.deepEqual(on(lint('[neutron]\nphysnets = Foo, bar\n[neutron_physnet_foo]\nnuma_nodes = 0\n'), 'unknown-group'), []);
    const ds = lint('[neutron]\nphysnets = bar\n[neutron_physnet_foo]\nnuma_nodes = 0\n');
    const g = on(ds, 'unknown-group', 2)[0];
    assert.match(g?.message ?? '', /Nova ignores \[neutron_physnet_foo\] unless \[neutron\] physnets includes foo/);
    assert.deepEqual((g?.data as { suggestions: string[] }).suggestions, ['neutron_physnet_bar']);
    assert.equal(on(ds, 'unknown-option', 3).length, 1, 'its lines are ignored too');
    assert.deepEqual(on(lint('[neutron_tunnel]\nnuma_nodes = 1\n'), 'unknown-group'), []);
  });

  test('[mdev_TYPE] follows [devices] enabled_mdev_types (also under its deprecated name)', () => {
    assert.deepEqual(on(lint('[devices]\nenabled_mdev_types = nvidia-35\n[mdev_nvidia-35]\ndevice_addresses = 0000:84:00.0\n'), 'unknown-group'), []);
    const ds = lint('[devices]\nenabled_vgpu_types = nvidia-35\n[mdev_nvidia-36]\ndevice_addresses = 0000:84:00.0\n');
    assert.match(on(ds, 'unknown-group', 2)[0]?.message ?? '', /\[devices\] enabled_mdev_types includes nvidia-36/);
  });

  test('[vgpu_TYPE] is the deprecated name of [mdev_TYPE] for device_addresses only', () => {
    const ds = lint('[devices]\nenabled_mdev_types = nvidia-35\n[vgpu_nvidia-35]\ndevice_addresses = 0000:84:00.0\nmdev_class = VGPU\n');
    const dep = on(ds, 'deprecated-option', 3)[0];
    assert.match(dep?.message ?? '', /deprecated name of \[mdev_nvidia-35\] device_addresses/);
    assert.deepEqual({ g: (dep?.data as Record<string, string>).newGroup, n: (dep?.data as Record<string, string>).newName }, { g: 'mdev_nvidia-35', n: 'device_addresses' });
    const wrong = on(ds, 'option-wrong-group', 4)[0];
    assert.deepEqual((wrong?.data as { targetGroups: string[] }).targetGroups, ['mdev_nvidia-35']);
  });
});

describe('releases', () => {
  test('an option added in a later release', () => {
    const d = on(lint('[filter_scheduler]\npci_in_placement = true\n', '2022.2'), 'option-not-in-release')[0];
    assert.equal(d?.message, '[filter_scheduler] pci_in_placement was added in 2023.1; Nova 2022.2 ignores it.');
    assert.equal(on(lint('[filter_scheduler]\npci_in_placement = true\n', '2023.1'), 'option-not-in-release').length, 0);
  });

  test('an option removed in a release', () => {
    const d = on(lint('[DEFAULT]\nenabled_apis = osapi_compute\n', '2025.2'), 'option-not-in-release')[0];
    assert.equal(d?.message, '[DEFAULT] enabled_apis was removed in 2025.2 (last in 2025.1); Nova 2025.2 ignores it.');
    assert.equal(on(lint('[DEFAULT]\nenabled_apis = osapi_compute\n', '2025.1'), 'option-not-in-release').length, 0);
  });

  test('a whole section removed: the header and each line', () => {
    const ds = lint('[hyperv]\nenable_instance_metrics_collection = true\n', '2024.1');
    assert.match(on(ds, 'unknown-group', 0)[0]?.message ?? '', /\[hyperv\] was removed in 2024.1 \(last in 2023.2\)/);
    assert.equal(on(ds, 'option-not-in-release', 1).length, 1);
  });
});

describe('duplicates', () => {
  test('the same name twice: the earlier line has no effect and its value is not checked', () => {
    const ds = lint('[DEFAULT]\ndebug = maybe\ndebug = true\n');
    assert.equal(on(ds, 'duplicate-option', 1).length, 1);
    assert.equal(on(ds, 'invalid-value').length, 0);
  });

  test('the current name wins over a deprecated name wherever it is', () => {
    const ds = lint('[pci]\nreport_in_placement = true\n[vnc]\nnovncproxy_port = 6080\n[DEFAULT]\nnovncproxy_port = 99999\n');
    assert.equal(on(ds, 'duplicate-option', 5).length, 1, 'the deprecated [DEFAULT] line is ignored');
    assert.equal(on(ds, 'invalid-value').length, 0);
    assert.equal(on(ds, 'deprecated-option', 5).length, 1);
  });

  test('multi-valued options add up: no duplicate', () => {
    assert.equal(on(lint('[pci]\ndevice_spec = {"vendor_id": "8086"}\ndevice_spec = {"vendor_id": "10de"}\n'), 'duplicate-option').length, 0);
  });
});

describe('names and did-you-mean data', () => {
  test('unknown option: suggestions for the quick fix', () => {
    const d = on(lint('[pci]\nalais = {"name": "gpu"}\n'), 'unknown-option')[0];
    assert.deepEqual((d?.data as { suggestions: string[] }).suggestions, ['alias']);
    assert.match(d?.message ?? '', /did you mean "alias"/);
    const r = on(lint('[devices]\nmdev_enabled_types = nvidia-35\n'), 'unknown-option')[0];
    assert.equal((r?.data as { suggestions: string[] }).suggestions[0], 'enabled_mdev_types', 'the same words in another order');
  });

  test('unknown section: suggestions, and [default] explained', () => {
    const d = on(lint('[filter_schedular]\nenabled_filters = PciPassthroughFilter\n'), 'unknown-group')[0];
    assert.deepEqual((d?.data as { suggestions: string[] }).suggestions, ['filter_scheduler']);
    const low = on(lint('[default]\ndebug = true\n'), 'unknown-group')[0];
    assert.match(low?.message ?? '', /\[default\] is not \[DEFAULT\]/);
    assert.deepEqual((low?.data as { suggestions: string[] }).suggestions, ['DEFAULT']);
    assert.equal(on(lint('[PCI]\nreport_in_placement = true\n'), 'unknown-group').length, 0, 'other section names are case-insensitive');
  });

  test('option in the wrong section names the right one', () => {
    const d = on(lint('[DEFAULT]\ndevice_spec = {"vendor_id": "8086"}\n'), 'option-wrong-group')[0];
    assert.deepEqual((d?.data as { targetGroups: string[] }).targetGroups, ['pci']);
  });

  test('[keystone_authtoken] and keystoneauth groups: auth plugin options are known at run time, typos are not', () => {
    const ds = lint('[keystone_authtoken]\nauth_url = http://keystone:5000\npassword = x\nadmin_user = nova\nauth_ulr = http://keystone:5000\n[service_user]\nusername = nova\n');
    assert.deepEqual(on(ds, 'unknown-option').map((d) => d.range.start.line), [4]);
  });

  test('a name that is also the deprecated name of another option (auth_uri)', () => {
    const d = on(lint('[keystone_authtoken]\nauth_uri = http://keystone:5000\n'), 'deprecated-option')[0];
    assert.match(d?.message ?? '', /www_authenticate_uri/);
  });
});

test('regression: an integer option with non-numeric choices and a Unicode digit value does not throw', () => {
  // Found by the random property above (seed -2115492762): BigInt(NaN) threw.
  assert.doesNotThrow(() => checkOslo({ t: 'int', ch: ['a'] }, '\u0ce6'));
});
