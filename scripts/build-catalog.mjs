#!/usr/bin/env node
// Builds the compact option catalogue shipped with the server from the per-release
// catalogues in ../shared/data/nova-options/ (facts only: names, types, defaults,
// bounds, choices, deprecations). Run by hand when the shared data changes; the
// output is committed, so installs and builds never regenerate it.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCatalogueIndex } from './build-catalog-index.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = resolve(process.env.NOVA_CONF_SHARED ?? join(root, '..', 'shared'), 'data', 'nova-options');
const out = join(root, 'server', 'src', 'service', 'catalog', 'options.data.json');
// Library options per release (scripts/build-library-options.py): the shared catalogues
// list every library namespace with Debian's Zed-era libraries; these replace them.
const libraryFile = join(root, 'scripts', 'data', 'library-options.json');
const versionsOut = join(root, 'server', 'src', 'service', 'catalog', 'library-versions.json');

const RELEASES = ['2022.2', '2023.1', '2023.2', '2024.1', '2024.2', '2025.1', '2025.2', '2026.1', 'master'];
const TYPES = {
  'string value': 'str', 'integer value': 'int', 'boolean value': 'bool', 'list value': 'list',
  'floating point value': 'float', 'multi valued': 'multi', 'uri value': 'uri', 'port value': 'port',
  'host address value': 'hostaddr', 'host domain value': 'hostdomain', 'dict value': 'dict',
  'IP address value': 'ip', 'hostname value': 'hostname', 'range value': 'range',
};

// URI schemes a URIOpt allows: the shared catalogues do not record them, so they are
// listed here from Zed's nova/conf (mks.py, rdp.py, vmware.py, read from the Debian
// python3-nova 26.2.2 package); options not listed accept any scheme.
const URI_SCHEMES = {
  'mks.mksproxy_base_url': ['http', 'https'],
  'rdp.html5_proxy_base_url': ['http', 'https'],
  'vmware.serial_port_proxy_uri': ['telnet', 'telnets'],
};

// The options keystonemiddleware's (10.1.0) built-in legacy plugin registers in
// [keystone_authtoken] when no auth_type is set. (The option names of keystoneauth1's
// auth plugins come per release from scripts/data/library-options.json `authPlugin`.)
const AUTHTOKEN_LEGACY_OPTIONS = [
  'auth_admin_prefix', 'auth_host', 'auth_port', 'auth_protocol', 'identity_uri', 'admin_token',
  'admin_user', 'admin_password', 'admin_tenant_name',
];

// Facts that stable point releases changed after the .0.0 tag the catalogues were
// made from (shared/data/nova-options/README.md, "Caveats"): the newest point
// release of the series is what a deployment runs, and using the older, stricter
// fact would report errors that deployment does not have.
const POINT_RELEASE_FIXES = {
  '2023.2': { 'cinder.catalog_info': { re: '^[\\w-]+:\\w*:.*$' } },
  '2024.1': { 'cinder.catalog_info': { re: '^[\\w-]+:\\w*:.*$' } },
  '2024.2': { 'cinder.catalog_info': { re: '^[\\w-]+:\\w*:.*$' } },
};

function compact(o, key) {
  const c = { t: TYPES[o.type] ?? o.type };
  if (o.multi) c.multi = true;
  if (o.item_type) c.it = TYPES[o.item_type] ?? o.item_type;
  if (o.default !== null && o.default !== undefined) c.d = o.default;
  if (o.default_from_sample_default) c.sd = true;
  if (o.choices) c.ch = o.choices;
  if (o.min !== null && o.min !== undefined) c.min = o.min;
  if (o.max !== null && o.max !== undefined) c.max = o.max;
  if (o.regex) c.re = o.regex;
  if (o.max_length) c.ml = o.max_length;
  if (o.ignore_case) c.ic = true;
  if (o.item_choices) c.ich = o.item_choices;
  if (o.item_min !== undefined && o.item_min !== null) c.imin = o.item_min;
  if (o.item_max !== undefined && o.item_max !== null) c.imax = o.item_max;
  if (o.deprecated_names?.length) c.dn = o.deprecated_names.map((d) => [d.group ?? null, d.name]);
  if (o.deprecated_for_removal) c.dfr = true;
  if (o.deprecated_since) c.ds = o.deprecated_since;
  if (o.secret) c.secret = true;
  if (o.namespace && o.namespace !== 'nova.conf') c.ns = o.namespace;
  if (URI_SCHEMES[key]) c.sch = URI_SCHEMES[key];
  return c;
}

const library = JSON.parse(readFileSync(libraryFile, 'utf8'));

/**
 * The release's catalogue with every library-namespace option replaced by the facts of
 * the library version that release pins. A default Nova changes for the library (its
 * set_lib_defaults hook, seen in the shared catalogue as a default that differs from
 * Debian's library of the same name) is kept; every other fact is the library's own.
 */
const KSA_NOT_REGISTERED = ['version', 'min_version', 'max_version'];

function withReleaseLibraries(cat, rel) {
  const shared = {};
  for (const [g, { options }] of Object.entries(cat.groups)) {
    for (const [n, o] of Object.entries(options)) {
      if ((o.namespace ?? 'nova.conf') === 'nova.conf') continue;
      shared[`${g}\u0000${n}`] = o;
      delete options[n];
    }
  }
  // keystoneauth1's adapter/session options of this release, for the groups Nova registers them in.
  const templates = {};
  for (const [g, opts] of Object.entries(library.groups)) {
    if (!g.startsWith('$')) continue;
    for (const [n, variants] of Object.entries(opts)) {
      const v = variants.find((x) => x.releases.includes(rel));
      if (v) (templates[g] ??= {})[n] = v.facts;
    }
  }
  for (const { options } of Object.values(cat.groups)) {
    for (const [template, marker] of [['$ksa_adapter', 'status_code_retry_delay'], ['$ksa_session', 'split_loggers']]) {
      if (options[marker]?.namespace !== 'nova.conf') continue;
      for (const [n, f] of Object.entries(templates[template] ?? {})) {
        // Nova drops the version options (nova/conf/utils.py _ADAPTER_VERSION_OPTS); keep its own facts.
        if (options[n] || KSA_NOT_REGISTERED.includes(n)) continue;
        options[n] = { ...f, namespace: 'nova.conf' };
      }
    }
  }
  for (const [g, opts] of Object.entries(library.groups)) {
    if (g.startsWith('$')) continue;
    for (const [n, variants] of Object.entries(opts)) {
      const v = variants.find((x) => x.releases.includes(rel));
      if (!v) continue;
      const key = `${g}\u0000${n}`;
      const facts = { ...v.facts };
      const before = shared[key];
      const debian = library.debianDefaults[key];
      if (before && debian !== undefined && JSON.stringify(before.default) !== JSON.stringify(debian)) {
        facts.default = before.default;
        facts.default_from_sample_default = before.default_from_sample_default;
      }
      ((cat.groups[g] ??= { options: {} }).options ??= {})[n] = facts;
    }
  }
  for (const [g, v] of Object.entries(cat.groups)) if (!Object.keys(v.options).length) delete cat.groups[g];
  return cat;
}

const groups = {}; // group -> option -> { r: [releaseIdx...], f: facts(newest), v: {idx: facts} }
const dynamic = {};
RELEASES.forEach((rel, idx) => {
  const cat = withReleaseLibraries(JSON.parse(readFileSync(join(src, `${rel}.json`), 'utf8')), rel);
  const add = (table, group, name, opt) => {
    const g = (table[group] ??= {});
    const e = (g[name] ??= { r: [], per: {} });
    e.r.push(idx);
    e.per[idx] = { ...compact(opt, `${group}.${name}`), ...(POINT_RELEASE_FIXES[rel]?.[`${group}.${name}`] ?? {}) };
  };
  for (const [g, { options }] of Object.entries(cat.groups)) {
    for (const [n, o] of Object.entries(options)) add(groups, g, n, o);
  }
  for (const dg of cat.dynamic_groups) {
    for (const [n, o] of Object.entries(dg.options)) add(dynamic, dg.group, n, o);
    dynamic[dg.group].$meta = { r: [], per: {} };
  }
});

function finish(table) {
  const result = {};
  for (const [g, opts] of Object.entries(table)) {
    result[g] = {};
    for (const [n, e] of Object.entries(opts)) {
      if (n === '$meta') continue;
      const newest = e.r[e.r.length - 1];
      const base = e.per[newest];
      const entry = { ...base, rel: e.r.reduce((m, i) => m | (1 << i), 0) };
      const variants = {};
      for (const i of e.r) {
        const s = JSON.stringify(e.per[i]);
        if (s !== JSON.stringify(base)) variants[RELEASES[i]] = e.per[i];
      }
      if (Object.keys(variants).length) entry.var = variants;
      result[g][n] = entry;
    }
  }
  return result;
}

const data = {
  releases: RELEASES,
  groups: finish(groups),
  dynamic: finish(dynamic),
  // keystoneauth1 auth plugin option name -> the releases (bit mask) whose pinned keystoneauth1 has it.
  authPlugin: Object.fromEntries(
    Object.entries(library.authPlugin).map(([n, rels]) => [n, rels.reduce((m, r) => m | (1 << RELEASES.indexOf(r)), 0)]),
  ),
  authtokenLegacy: AUTHTOKEN_LEGACY_OPTIONS,
};
writeFileSync(out, JSON.stringify(data));
// Which library versions each release's catalogue reads (docs and hover cite them).
writeFileSync(versionsOut, JSON.stringify(Object.fromEntries(RELEASES.map((r) => [r, library.releases[r]])), null, 1) + '\n');
console.log(`wrote ${out}: ${Object.keys(data.groups).length} groups, ${JSON.stringify(data).length} bytes`);
// What the language service reads: the groups as JSON text and the catalogue-wide indexes (build-catalog-index.mjs).
const index = writeCatalogueIndex();
console.log(`wrote ${index.out}: ${index.bytes} bytes`);
