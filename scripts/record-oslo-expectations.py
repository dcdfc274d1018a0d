#!/usr/bin/python3
"""Optional dev tool: records what oslo.config itself says, for the option tests.

Writes test/data/oslo-validator-expectations.json with two parts:

* "validator": what `oslo-config-validator` (Debian 12's python3-nova 26.2.2,
  Zed, and python3-oslo.config 9.0.0) reports for every file of
  shared/data/real-world/*.conf: one record per finding, {file, group, option,
  kind} with kind "unknown" (an ERROR "... is not part of the sample config")
  or "deprecated" (a WARNING "Deprecated opt ... found"), plus the INFO lines
  the validator uses to skip [keystone_authtoken]. The validator is run as the
  command line tool, once per file, with the namespaces of Zed's
  etc/nova/nova-config-generator.conf.
* "types": verdicts of oslo_config.types on a list of (type, value) cases:
  accepted or not, and oslo's own error text (kept only for debugging the
  tests; the tests compare the verdict).

Needs (Debian 12): apt-get install -y python3-nova python3-osprofiler
Run: /usr/bin/python3 scripts/record-oslo-expectations.py [SHARED_DIR]
Nothing in the build or the tests runs this script.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('NOVA_CONF_SHARED', os.path.join(ROOT, '..', 'shared'))
OUT = os.path.join(ROOT, 'test', 'data', 'oslo-validator-expectations.json')

# Zed's etc/nova/nova-config-generator.conf (also shared/data/nova-options/index.json, 2022.2).
NAMESPACES = [
    'nova.conf', 'oslo.limit', 'oslo.log', 'oslo.messaging', 'oslo.policy', 'oslo.privsep',
    'oslo.service.periodic_task', 'oslo.service.service', 'oslo.middleware', 'oslo.concurrency',
    'oslo.reports', 'keystonemiddleware.auth_token', 'osprofiler',
]

LINE = re.compile(r'^(ERROR|WARNING|INFO):root:(.*)$')


def run_validator(path):
    cmd = ['oslo-config-validator']
    for ns in NAMESPACES:
        cmd += ['--namespace', ns]
    cmd += ['--input-file', path]
    p = subprocess.run(cmd, capture_output=True, text=True)
    findings = []
    other = []
    for line in (p.stderr + p.stdout).splitlines():
        m = LINE.match(line)
        if not m:
            if line.strip() and 'stevedore' not in line:
                other.append(line)
            continue
        level, msg = m.groups()
        d = re.match(r'^Deprecated opt (.*?)/(.*) found$', msg)
        u = re.match(r'^(.*?)/(.*) is not part of the sample config$', msg)
        s = re.match(r'^Ignoring missing option "(.*)" from group "(.*)" because', msg)
        if d:
            findings.append({'group': d.group(1), 'option': d.group(2), 'kind': 'deprecated'})
        elif u:
            findings.append({'group': u.group(1), 'option': u.group(2), 'kind': 'unknown'})
        elif s:
            findings.append({'group': s.group(2), 'option': s.group(1), 'kind': 'skipped'})
        else:
            other.append(line)
    if any(l.startswith('Traceback') for l in other):
        # The validator's own INI parser refused the file: it reports nothing else.
        other = [other[-1].replace(os.path.dirname(path) + os.sep, '')]
    return p.returncode, findings, other


def type_cases():
    from oslo_config import types as t
    specs = {
        'bool': t.Boolean(),
        'int': t.Integer(),
        'int_min1': t.Integer(min=1),
        'int_choices': t.Integer(choices=[256, 512, 1024]),
        'float': t.Float(),
        'float_min0': t.Float(min=0.0),
        'port': t.Port(),
        'str': t.String(),
        'str_choices': t.String(choices=['interval', 'size', 'none']),
        'str_choices_ic': t.String(choices=['Seconds', 'Minutes', 'Midnight'], ignore_case=True),
        'str_regex': t.String(regex=r'^\d+:\d+$'),
        'str_regex_w': t.String(regex=r'^[\w-]+:\w*:.*$'),
        'str_maxlen': t.String(regex=r'^[a-zA-Z0-9_.-]*$', max_length=10),
        'list': t.List(),
        'list_choices': t.List(item_type=t.String(choices=['none', 'vencrypt'])),
        'list_int': t.List(item_type=t.Integer()),
        'dict': t.Dict(),
        'uri': t.URI(),
        'uri_http': t.URI(schemes=['http', 'https']),
        'hostaddr': t.HostAddress(),
        'hostdomain': t.HostDomain(),
        'ip': t.IPAddress(),
        'hostname': t.Hostname(),
    }
    values = {
        'bool': ['true', 'False', 'YES', 'no', 'On', 'off', '1', '0', '', ' true', 'true ', 't', 'y', 'enabled', 'truee', '2'],
        'int': ['5', ' 5 ', '+3', '-7', '1_000', '1__0', '_1', '0x10', '1.0', '1e3', '', '  ', '٣', '12abc', '007'],
        'int_min1': ['1', '0', '-1', '', '99999999999999999999'],
        'int_choices': ['256', '512', '1024', '128', '', '0256'],
        'float': ['1.5', '.5', '5.', '1e5', '1E-3', 'inf', '-Infinity', 'nan', 'NaN', '1_0.5', '1,5', '0x1p3', '', ' 2 ', 'abc', '1.2.3', '+.5e+2'],
        'float_min0': ['0', '0.0', '-0.1', '-0', 'nan', '-inf', '1e309'],
        'port': ['0', '80', '65535', '65536', '-1', '', 'http', '8080 '],
        'str': ['', 'anything at all', '$$'],
        'str_choices': ['interval', 'size', 'none', 'Size', '', 'sizes'],
        'str_choices_ic': ['seconds', 'MIDNIGHT', 'Minutes', 'hours', ''],
        'str_regex': ['10000:20000', '10000-20000', '', '1:2\n', '١:٢'],
        'str_regex_w': ['volumev3:cinderv3:publicURL', 'block-storage::internalURL', 'volumev3', 'a:b', 'é:b:c'],
        'str_maxlen': ['short', 'exactly10c', 'elevenchars', 'a b', ''],
        'list': ['', 'a', 'a,b', 'a, b ,c', '[a, b]', 'a,,b', 'a,b,', ',', ' , '],
        'list_choices': ['none', 'none,vencrypt', 'vencrypt, none', '', 'tls', 'none,', '[none, vencrypt]', 'none,,vencrypt', 'None'],
        'list_int': ['1,2,3', '', '1, 2', '1,a', '[1,2]', '1,,2'],
        'dict': ['', 'a:1', 'a:1,b:2', 'a:1, b : 2', 'a', 'a:1,a:2', ':1', 'a:b:c', '{a:1}', 'a:1,', 'a:1,,b:2', 'node:0,size:1GB'],
        'uri': ['http://127.0.0.1:6080/vnc_auto.html', 'ws://h:6083/', 'http://[::1]:80/', 'http://[fe80::1%25eth0]/', 'http://[fe80::1%eth0]/',
                'http://h:port/', 'http:/x', 'h:80', 'http://', 'https://a b/', 'http://h/a b', 'http://h/%zz', 'HTTP://h', 'http://user@h/',
                'http://user:pw@h:1/', 'http://h:99999/', '1http://h/', 'http://*.example/', 'http://h_o/', 'http://10.0.0.1:6080', 'file:///x',
                '', 'http://300.1.1.1/', 'http://1.2.3.4.5/', 'http://h/[x]', 'http://h?q=1#f', 'http://:80/', 'http://h:/', '//h/x',
                'https://nova.example.com:6080/vnc_lite.html?path=%3Ftoken%3Dx', 'http://é.example/', 'http://h\\x', 'ws://h/ path'],
        'uri_http': ['http://h/', 'https://h/', 'HTTP://h/', 'ws://h/', 'telnet://h:1/'],
        'hostaddr': ['127.0.0.1', '0.0.0.0', '::', '::1', 'fe80::1%eth0', '01.2.3.4', '1.2.3', '256.1.1.1', 'compute-1', 'compute-1.example.com',
                     'example.com.', 'a_b', '-a', 'a-', '123', '1.2.3.4.5', 'a..b', '', 'x' * 64, 'x' * 63, '*', '<current_hostname>',
                     '1.2.3.4 ', ' 1.2.3.4', '::ffff:1.2.3.4', '1::2::3', 'controller', 'k8s.local', '10.0.0.1/24', 'a.1b', 'a.1', '[::1]'],
        'hostdomain': ['a_b', '_a', 'a_', '-a', 'a.b_c', '123', 'host_1.example.com', 'a:b', 'a=b', '127.0.0.1', ''],
        'ip': ['1.2.3.4', '::1', 'compute', '', '1.2.3.4 ', '0:0:0:0:0:0:0:1', '1:2:3:4:5:6:7:8:9', '::1.2.3.4', '1.2.3.255'],
        'hostname': ['a', 'a.b', 'a.', 'a..', '.a', 'a.b.c.d.e', '1.2', 'a.123', 'a-b.c', ''],
    }
    out = []
    for name, values_ in values.items():
        fn = specs[name]
        for v in values_:
            try:
                r = fn(v)
                out.append({'type': name, 'value': v, 'ok': True, 'result': repr(r)})
            except ValueError as e:
                out.append({'type': name, 'value': v, 'ok': False, 'error': str(e)[:200]})
    return out


def main():
    real = os.path.join(SHARED, 'data', 'real-world')
    files = sorted(f for f in os.listdir(real) if f.endswith('.conf'))
    records = []
    for f in files:
        rc, findings, other = run_validator(os.path.join(real, f))
        rec = {'file': f, 'exit': rc, 'findings': findings}
        if other:
            rec['other'] = other
        records.append(rec)
        print(f'{f}: exit {rc}, {len(findings)} findings', file=sys.stderr)
    import oslo_config
    data = {
        'about': 'Recorded by scripts/record-oslo-expectations.py; see that script. Do not edit by hand.',
        'tool': {
            'oslo-config-validator': 'python3-oslo.config ' + getattr(oslo_config, '__version__', '9.0.0'),
            'nova': subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'python3-nova'], capture_output=True, text=True).stdout,
            'release': '2022.2',
            'namespaces': NAMESPACES,
        },
        'validator': records,
        'types': type_cases(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False)
        fh.write('\n')
    print(f'wrote {OUT}', file=sys.stderr)


if __name__ == '__main__':
    main()
