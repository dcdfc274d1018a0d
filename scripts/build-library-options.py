#!/usr/bin/env python3
"""Library option facts per Nova release (run by hand; the output is committed).

For each Nova release this script
  1. reads the library namespaces of Nova's etc/nova/nova-config-generator.conf at
     the release's tag (nova mirror),
  2. reads the version of each library that openstack/requirements'
     upper-constraints.txt pins for that release (requirements mirror; see RELEASES
     for the branch or commit used),
  3. extracts each library at that tag (its git mirror) and asks the library itself
     for its options, the way oslo-config-generator does: the `oslo.config.opts`
     entry point of the namespace (setup.cfg or pyproject.toml at that tag), called
     in a child Python with the library, keystoneauth1 and oslo.config at their
     pinned tags first on sys.path (Debian's python3-nova packages supply the rest),
4. keeps facts only (type, default, choices, bounds, deprecated names, flags) and
     writes them, each option stored once with the releases it has the same facts in,
     to scripts/data/library-options.json. scripts/build-catalog.mjs merges that file
     into the option catalogue.

It also dumps the libraries installed by Debian's python3-nova (the versions the
shared catalogues were made with) so that build-catalog.mjs can tell the defaults
Nova overrides (its set_lib_defaults hook, seen in the shared catalogues) from the
library's own defaults.

Usage (Debian 12's /usr/bin/python3 with python3-nova and python3-osprofiler installed):
  /usr/bin/python3 scripts/build-library-options.py [--mirrors /work/.mirror]
"""
import argparse
import configparser
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'data', 'library-options.json')

# Nova release -> (nova git ref, requirements git ref and why).
# 2023.2 and 2024.2 are end-of-life: their stable branches are gone; the commits are
# the `2023.2-eol` / `2024.2-eol` tags that openstack/releases records in
# deliverables/bobcat/requirements.yaml and deliverables/dalmatian/requirements.yaml.
RELEASES = [
    ('2022.2', '26.0.0', 'unmaintained/zed'),
    ('2023.1', '27.0.0', 'unmaintained/2023.1'),
    ('2023.2', '28.0.0', '5df9e1dc718f0b1f719d32fc445160911c99470f'),
    ('2024.1', '29.0.0', 'unmaintained/2024.1'),
    ('2024.2', '30.0.0', '9cc6272c9527bc175aedc478acb8e5fca4567ba7'),
    ('2025.1', '31.0.0', 'stable/2025.1'),
    ('2025.2', '32.0.0', 'stable/2025.2'),
    ('2026.1', '33.0.0', 'stable/2026.1'),
    ('master', 'master', 'master'),
]

# Generator namespace -> (distribution name in upper-constraints, mirror directory, import package).
NAMESPACES = {
    'oslo.limit': ('oslo.limit', 'openstack+oslo.limit', 'oslo_limit'),
    'oslo.log': ('oslo.log', 'openstack+oslo.log', 'oslo_log'),
    'oslo.messaging': ('oslo.messaging', 'openstack+oslo.messaging', 'oslo_messaging'),
    'oslo.policy': ('oslo.policy', 'openstack+oslo.policy', 'oslo_policy'),
    'oslo.privsep': ('oslo.privsep', 'openstack+oslo.privsep', 'oslo_privsep'),
    'oslo.service.periodic_task': ('oslo.service', 'openstack+oslo.service', 'oslo_service'),
    'oslo.service.service': ('oslo.service', 'openstack+oslo.service', 'oslo_service'),
    'oslo.middleware': ('oslo.middleware', 'openstack+oslo.middleware', 'oslo_middleware'),
    'oslo.concurrency': ('oslo.concurrency', 'openstack+oslo.concurrency', 'oslo_concurrency'),
    'oslo.reports': ('oslo.reports', 'openstack+oslo.reports', 'oslo_reports'),
    'oslo.versionedobjects': ('oslo.versionedobjects', 'openstack+oslo.versionedobjects', 'oslo_versionedobjects'),
    'keystonemiddleware.auth_token': ('keystonemiddleware', 'openstack+keystonemiddleware', 'keystonemiddleware'),
    'osprofiler': ('osprofiler', 'openstack+osprofiler', 'osprofiler'),
    'os_vif': ('os-vif', 'openstack+os-vif', 'os_vif'),
    'os_brick': ('os-brick', 'openstack+os-brick', 'os_brick'),
}
FALLBACK_ENTRY_POINTS = {'os_vif': 'os_vif.opts:list_plugins_opts'}
SUPPORT = {
    'keystoneauth1': ('keystoneauth1', 'openstack+keystoneauth', 'keystoneauth1'),
    'oslo.config': ('oslo.config', 'openstack+oslo.config', 'oslo_config'),
}


def git(mirror, *args):
    return subprocess.run(['git', '-C', mirror, *args], check=True, capture_output=True, text=True).stdout


def norm(name):
    return re.sub(r'[-_.]+', '-', name).lower()


def upper_constraints(mirrors, ref):
    text = git(os.path.join(mirrors, 'openstack+requirements', 'repo'), 'show', f'{ref}:upper-constraints.txt')
    pins = {}
    for line in text.splitlines():
        m = re.match(r'^([A-Za-z0-9_.\-]+)===([^;\s]+)(?:;(.*))?$', line.strip())
        if not m:
            continue
        name, version, marker = norm(m.group(1)), m.group(2), (m.group(3) or '')
        # A pin for old Pythons only (python_version=='3.9') loses to the general one.
        if name in pins and re.search(r"python_version\s*(==|<)\s*'3\.[0-9]'", marker):
            continue
        pins[name] = version
    return pins


def generator_namespaces(mirrors, ref):
    text = git(os.path.join(mirrors, 'openstack+nova', 'repo'), 'show', f'{ref}:etc/nova/nova-config-generator.conf')
    return [m.group(1) for m in re.finditer(r'^namespace\s*=\s*(\S+)', text, re.M)]


def version_key(v):
    return [int(x) if x.isdigit() else x for x in re.split(r'[.]', v)]


def resolve_tag(mirror, version):
    """The tag for a pinned version; when the mirror lacks it, the newest older release tag."""
    tags = [t for t in git(mirror, 'tag').split() if re.fullmatch(r'\d+(\.\d+)+', t)]
    if version in tags:
        return version
    older = sorted((t for t in tags if version_key(t) <= version_key(version)), key=version_key)
    if not older:
        raise SystemExit(f'{mirror}: no tag for {version}')
    return older[-1]


def entry_points(mirror, tag, group='oslo.config.opts'):
    files = git(mirror, 'ls-tree', '--name-only', tag).split()
    eps = {}
    if 'setup.cfg' in files:
        cp = configparser.ConfigParser(interpolation=None)
        cp.read_string(git(mirror, 'show', f'{tag}:setup.cfg'))
        if cp.has_option('entry_points', group):
            for line in cp.get('entry_points', group).splitlines():
                if '=' in line:
                    k, v = line.split('=', 1)
                    eps[k.strip()] = v.strip()
    if not eps and 'pyproject.toml' in files:
        text = git(mirror, 'show', f'{tag}:pyproject.toml')
        m = re.search(r'^\[project\.entry-points\."' + re.escape(group) + r'"\]\n(.*?)(?=^\[|\Z)', text, re.M | re.S)
        if m:
            for line in m.group(1).splitlines():
                mm = re.match(r'^\s*"?([^"=]+?)"?\s*=\s*"([^"]+)"', line)
                if mm:
                    eps[mm.group(1)] = mm.group(2)
    return eps


_extracted = {}


def extract(mirror, tag, workdir):
    key = (mirror, tag)
    if key in _extracted:
        return _extracted[key]
    dest = os.path.join(workdir, os.path.basename(os.path.dirname(mirror)) + '-' + tag)
    os.makedirs(dest, exist_ok=True)
    archive = subprocess.Popen(['git', '-C', mirror, 'archive', tag], stdout=subprocess.PIPE)
    subprocess.run(['tar', '-x', '-C', dest], stdin=archive.stdout, check=True)
    archive.wait()
    _extracted[key] = dest
    return dest


# Run in the child interpreter: load the entry points and print the option facts.
CHILD = r'''
import importlib, json, sys
# Import shim only (changes no option): newer keystoneauth1 annotates with
# stevedore generics that Debian's stevedore 4.x classes do not accept.
import stevedore.extension, stevedore.named, stevedore.driver
for _cls in (stevedore.extension.Extension, stevedore.extension.ExtensionManager,
             stevedore.named.NamedExtensionManager, stevedore.driver.DriverManager):
    if not hasattr(_cls, '__class_getitem__'):
        _cls.__class_getitem__ = classmethod(lambda cls, item: cls)
from oslo_config import cfg, types

def jsonable(v):
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return str(v)

# keystoneauth1 builds its options with a plain Python type; the generator names those too.
PY_TYPES = {str: 'string value', int: 'integer value', float: 'floating point value', bool: 'boolean value'}

def type_name(t):
    return getattr(t, 'type_name', None) or PY_TYPES.get(t, 'unknown value')

def facts(opt, group):
    t = opt.type
    item = getattr(t, 'item_type', None) or getattr(t, 'value_type', None)
    default = opt.sample_default if opt.sample_default is not None else opt.default
    choices = getattr(t, 'choices', None)
    f = {
        'type': type_name(t), 'multi': bool(opt.multi),
        'item_type': type_name(item) if item is not None else None,
        'default': jsonable(default), 'default_from_sample_default': opt.sample_default is not None,
        'choices': [jsonable(c) for c in choices] if choices else None,
        'min': getattr(t, 'min', None), 'max': getattr(t, 'max', None),
        'regex': getattr(getattr(t, 'regex', None), 'pattern', None),
        'max_length': getattr(t, 'max_length', None) or None,
        'ignore_case': bool(getattr(t, 'ignore_case', False)),
        'deprecated_names': [], 'deprecated_for_removal': bool(opt.deprecated_for_removal),
        'deprecated_since': opt.deprecated_since, 'secret': bool(opt.secret),
    }
    if item is not None and getattr(item, 'choices', None):
        f['item_choices'] = [jsonable(c) for c in item.choices]
    for d in opt.deprecated_opts:
        name = d.name or opt.dest
        if '-' in name:
            continue
        f['deprecated_names'].append({'group': d.group or group, 'name': name})
    return f

out, errors = {}, {}
for ns, target in json.loads(sys.argv[1]).items():
    mod, func = target.split(':')
    groups = {}
    try:
        listed = getattr(importlib.import_module(mod), func)()
    except Exception as e:  # reported; the parent retries that namespace alone
        errors[ns] = f'{type(e).__name__}: {e}'
        continue
    for group, opts in listed:
        gname = getattr(group, 'name', group) or 'DEFAULT'
        g = groups.setdefault(gname, {})
        for opt in opts:
            g[opt.dest] = facts(opt, gname)
    out[ns] = groups
extra = json.loads(sys.argv[2])
if extra:
    from keystoneauth1 import loading
    for ns, groups in extra.items():
        for gname in groups:
            g = out.setdefault(ns, {}).setdefault(gname, {})
            for opt in loading.get_auth_common_conf_options():
                g.setdefault(opt.dest, facts(opt, gname))
# keystoneauth1's adapter and session options, which Nova registers itself in its service
# groups ([placement], [neutron], [cinder] ... through nova/conf/utils.py register_ksa_opts):
# build-catalog.mjs adds the ones this keystoneauth1 has and the shared catalogue lacks.
from keystoneauth1 import loading as _ksa
out['keystoneauth1'] = {
    '$ksa_adapter': {o.dest: facts(o, '$ksa_adapter') for o in _ksa.get_adapter_conf_options(include_deprecated=False)},
    '$ksa_session': {o.dest: facts(o, '$ksa_session') for o in _ksa.get_session_conf_options()},
}
# The option names of every keystoneauth1 auth plugin (its `keystoneauth1.plugin` entry points):
# a group with auth_type gets the chosen plugin's options at run time.
plugin_names = set()
for name, target in json.loads(sys.argv[3]).items():
    mod, cls = target.split(':')
    try:
        loader = getattr(importlib.import_module(mod), cls)()
        plugin_names.update(o.dest for o in loader.get_options())
    except Exception as e:
        errors[f'keystoneauth1.plugin {name}'] = f'{type(e).__name__}: {e}'
out = {'options': out, 'errors': errors, 'authPlugin': sorted(plugin_names)}
print(json.dumps(out))
'''


def auth_registered_groups(src, pkg):
    """Groups a library registers keystoneauth's auth_type/auth_section in at run time
    (register_auth_conf_options) that its list_opts leaves out: oslo.limit's
    oslo_limit/opts.py register_opts does this for [oslo_limit]."""
    path = os.path.join(src, pkg, 'opts.py')
    if pkg != 'oslo_limit' or not os.path.exists(path):
        return []
    text = open(path).read()
    return ['oslo_limit'] if 'register_auth_conf_options' in text else []


def dump(namespaces_eps, paths, extra, plugins=None):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths), PBR_VERSION='0.0.0')
    r = subprocess.run(['/usr/bin/python3', '-c', CHILD, json.dumps(namespaces_eps), json.dumps(extra), json.dumps(plugins or {})],
                       capture_output=True, text=True, env=env, cwd='/')
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-3000:])
    return json.loads(r.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mirrors', default='/work/.mirror')
    ap.add_argument('--out', default=OUT)
    ap.add_argument('--only', help='dump this release only and print it (debugging)')
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix='libopts-')
    versions, per_release, notes, auth_plugin = {}, {}, {}, {}
    for release, nova_ref, req_ref in RELEASES:
        if args.only and release != args.only:
            continue
        pins = upper_constraints(args.mirrors, req_ref)
        namespaces = [n for n in generator_namespaces(args.mirrors, nova_ref) if n != 'nova.conf']
        support, support_versions = {}, {}
        for name, (dist, mdir, _pkg) in SUPPORT.items():
            mirror = os.path.join(args.mirrors, mdir, 'repo')
            tag = resolve_tag(mirror, pins[norm(dist)])
            support[name] = extract(mirror, tag, work)
            support_versions[dist] = pins[norm(dist)] if tag == pins[norm(dist)] else {'pinned': pins[norm(dist)], 'read': tag}
        by_lib = {}
        for ns in namespaces:
            dist, mdir, pkg = NAMESPACES[ns]
            by_lib.setdefault(dist, []).append(ns)
        options = {}
        versions[release] = {'requirements': req_ref, 'nova': nova_ref, 'libraries': {}, 'alongside': support_versions}
        # One interpreter per release, every library at its pinned tag on sys.path (as
        # one deployment of that release has them), then oslo.config and keystoneauth1.
        paths, chosen, extra = [], {}, {}
        for dist, nss in by_lib.items():
            _d, mdir, pkg = NAMESPACES[nss[0]]
            mirror = os.path.join(args.mirrors, mdir, 'repo')
            pinned = pins[norm(dist)]
            tag = resolve_tag(mirror, pinned)
            versions[release]['libraries'][dist] = pinned if tag == pinned else {'pinned': pinned, 'read': tag}
            src = extract(mirror, tag, work)
            paths.append(src)
            eps = entry_points(mirror, tag)
            for ns in nss:
                if ns not in eps:
                    # os-vif 5.x's pyproject.toml files its list_plugins_opts under the
                    # name "oslo.cache"; the options still exist at run time, so read
                    # the function earlier tags named for this namespace.
                    eps[ns] = FALLBACK_ENTRY_POINTS[ns]
                    notes.setdefault(release, []).append(f'{dist} {tag} has no {ns} entry point; read {eps[ns]}')
                chosen[ns] = eps[ns]
                if auth_registered_groups(src, pkg):
                    extra[ns] = auth_registered_groups(src, pkg)
        paths += [support['keystoneauth1'], support['oslo.config']]
        ksa_mirror = os.path.join(args.mirrors, SUPPORT['keystoneauth1'][1], 'repo')
        plugins = entry_points(ksa_mirror, resolve_tag(ksa_mirror, pins['keystoneauth1']), 'keystoneauth1.plugin')
        got = dump(chosen, paths, extra, plugins)
        for ns, err in got['errors'].items():
            notes.setdefault(release, []).append(f'{ns}: {err}')
        auth_plugin[release] = got['authPlugin']
        for ns, groups in got['options'].items():
            for g, opts in groups.items():
                for n, f in opts.items():
                    options[(g, n)] = dict(f, namespace=ns)
        print(f'{release}: {len(options)} options; errors: {got["errors"]}', file=sys.stderr)
        per_release[release] = options
    if args.only:
        return
    # Debian's installed libraries (what the shared catalogues were made with), plain sys.path.
    debian = {}
    all_ns = sorted({ns for rel in per_release.values() for (_g, _n), f in rel.items() for ns in [f['namespace']] if ns in NAMESPACES})
    deb_eps = {}
    for ns in all_ns:
        dist, mdir, pkg = NAMESPACES[ns]
        mirror = os.path.join(args.mirrors, mdir, 'repo')
        eps = entry_points(mirror, resolve_tag(mirror, pins_zed_version(args.mirrors, dist)))
        deb_eps[ns] = eps[ns]
    got = dump(deb_eps, [], {})
    for ns, err in got['errors'].items():
        notes.setdefault('debian', []).append(f'{ns}: {err}')
    for ns, groups in got['options'].items():
        for g, opts in groups.items():
            for n, f in opts.items():
                debian[f'{g}\u0000{n}'] = f.get('default')
    # Store each option once per distinct set of facts, with the releases that have it.
    releases = [r for r, _n, _q in RELEASES]
    table = {}
    for idx, release in enumerate(releases):
        for (g, n), f in per_release[release].items():
            variants = table.setdefault(g, {}).setdefault(n, [])
            for v in variants:
                if v['facts'] == f:
                    v['releases'].append(release)
                    break
            else:
                variants.append({'releases': [release], 'facts': f})
    out = {
        'about': 'Library option facts per Nova release, generated by scripts/build-library-options.py',
        'releases': versions,
        'notes': notes,
        'debianDefaults': debian,
        'authPlugin': {n: [r for r in releases if n in auth_plugin[r]] for n in sorted({x for v in auth_plugin.values() for x in v})},
        'groups': {g: dict(sorted(table[g].items())) for g in sorted(table)},
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, 'w') as fh:
        json.dump(out, fh, indent=0, sort_keys=False)
        fh.write('\n')
    print(f'wrote {args.out}', file=sys.stderr)


def pins_zed_version(mirrors, dist):
    return upper_constraints(mirrors, RELEASES[0][2])[norm(dist)]


if __name__ == '__main__':
    main()
