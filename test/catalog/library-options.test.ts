/**
 * Library options per release: each release's catalogue reads the library versions its
 * upper-constraints pin (scripts/build-library-options.py -> scripts/data/library-options.json
 * -> scripts/build-catalog.mjs), so an option a later library added is a Warning on older
 * releases and silent on newer ones, and an unknown library option is a Warning on every release.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, lint } from '../helpers';
import { LspClient } from '../lsp-client';
import { getOption } from '../../server/src/service/catalog/options';
import { RELEASES, type Release } from '../../server/src/service/releases';
import VERSIONS from '../../server/src/service/catalog/library-versions.json';

/** The findings on line 2 (the option line of a two-line fixture) as code:severity. */
function onOption(text: string, release: Release): string[] {
  return lint(text, release)
    .filter((d) => d.range.start.line === 1)
    .map((d) => `${d.code}:${d.severity}`);
}

test('an option a later library version added is a Warning on older releases and known from the release that pins it', () => {
  // oslo.limit 2.6.0 added endpoint_interface (2025.1 pins 2.6.1; 2024.2 pins 2.5.0).
  const limit = '[oslo_limit]\nendpoint_interface = internal\n';
  assert.deepEqual(onOption(limit, '2024.2'), ['option-not-in-release:2']);
  assert.match(lint(limit, '2024.2').find((d) => d.code === 'option-not-in-release')?.message ?? '', /was added in 2025\.1/);
  for (const r of ['2025.1', '2025.2', '2026.1', 'master'] as const) assert.deepEqual(onOption(limit, r), [], r);
  // oslo.messaging 14.5 added rabbit_transient_quorum_queue (2024.1 pins 14.7.2, 2023.2 pins 14.4.2).
  const rabbit = '[oslo_messaging_rabbit]\nrabbit_transient_quorum_queue = true\n';
  assert.deepEqual(onOption(rabbit, '2023.2'), ['option-not-in-release:2']);
  assert.deepEqual(onOption(rabbit, '2024.1'), []);
});

test("keystoneauth's adapter options follow the pinned keystoneauth1 in the groups Nova registers them in", () => {
  // keystoneauth1 5.5.0 added retriable_status_codes; 2023.2 pins 5.3.x, 2024.1 pins 5.6.1. Nova registers the
  // adapter options in [placement], [neutron], [glance] ... (nova/conf/utils.py register_ksa_opts).
  for (const group of ['placement', 'neutron', 'glance']) {
    const text = `[${group}]\nretriable_status_codes = 503\n`;
    assert.deepEqual(onOption(text, '2023.2'), ['option-not-in-release:2'], group);
    assert.deepEqual(onOption(text, '2024.1'), [], group);
    assert.deepEqual(onOption(`[${group}]\nretriable_status_codes = x\n`, '2024.1'), ['invalid-value:1'], `${group}: a list of integers`);
  }
  // Nova drops the version options from its adapter groups (nova/conf/utils.py _ADAPTER_VERSION_OPTS).
  assert.equal(getOption('2026.1', 'placement', 'min_version'), undefined);
});

test('an unknown option of a library group is a Warning on every release (no Zed-only Information)', () => {
  for (const r of RELEASES) {
    assert.deepEqual(onOption('[oslo_messaging_rabbit]\nno_such_option_here = 1\n', r), ['unknown-option:2'], r);
    assert.deepEqual(onOption('[keystone_authtoken]\nno_such_option_here = 1\n', r), ['unknown-option:2'], r);
  }
});

test('a deprecated name a library dropped stops working in the release that pins the new library', () => {
  // oslo.concurrency 6.0.0 (2024.1) no longer reads lock_path from [DEFAULT].
  const text = '[DEFAULT]\nlock_path = /var/lib/nova/tmp\n';
  assert.deepEqual(onOption(text, '2023.2'), ['deprecated-option:2']);
  const later = lint(text, '2024.1').find((d) => d.range.start.line === 1);
  assert.equal(later?.code, 'option-wrong-group');
  assert.match(later?.message ?? '', /\[oslo_concurrency\]/);
});

test('library facts follow the release: defaults Nova overrides stay, library default changes show', () => {
  for (const r of RELEASES) assert.equal(getOption(r, 'DEFAULT', 'control_exchange')?.default, 'nova', `${r}: nova's set_lib_defaults`);
  // oslo.policy 4.4.0 (2024.2) turned enforce_scope / enforce_new_defaults on; Nova stopped overriding them.
  assert.equal(getOption('2024.1', 'oslo_policy', 'enforce_new_defaults')?.default, true, 'Nova 29 still sets it');
  assert.equal(getOption('2024.2', 'oslo_policy', 'enforce_new_defaults')?.default, true, 'oslo.policy 4.4.0 default');
  // oslo.messaging 14.4 (2023.2): heartbeat_rate 2; 14.7 (2024.1): 3.
  assert.equal(getOption('2023.2', 'oslo_messaging_rabbit', 'heartbeat_rate')?.default, 2);
  assert.equal(getOption('2024.1', 'oslo_messaging_rabbit', 'heartbeat_rate')?.default, 3);
  // A value out of a later library's range is an Error only where that range exists.
  const interval = '[oslo_messaging_rabbit]\nrabbit_retry_interval = 0\n';
  assert.deepEqual(onOption(interval, '2022.2'), []);
  assert.deepEqual(onOption(interval, '2025.1'), ['invalid-value:1']);
});

test('keystoneauth options oslo.limit registers at run time in [oslo_limit] are known; [barbican] and [glance] get none', () => {
  // oslo_limit/opts.py register_opts: register_auth_conf_options(CONF, 'oslo_limit') (auth_type, auth_section),
  // then the chosen plugin's options.
  const limit = '[oslo_limit]\nauth_type = password\nusername = nova\npassword = secret\nuser_domain_name = Default\nsystem_scope = all\n';
  for (const r of RELEASES) {
    assert.deepEqual(lint(limit, r).map((d) => d.code), [], r);
  }
  // castellan's BarbicanKeyManager registers only session options in [barbican] (auth options go to
  // [barbican_service_user]); nova/conf/glance.py calls register_ksa_opts(..., include_auth=False).
  for (const r of RELEASES) {
    assert.deepEqual(onOption('[barbican]\npassword = secret\n', r), ['option-wrong-group:2'], r);
    assert.deepEqual(onOption('[glance]\nauth_type = password\n', r), ['option-wrong-group:2'], r);
  }
  const glance = lint('[glance]\nauth_url = https://keystone.example/v3\n').find((d) => d.code === 'option-wrong-group');
  assert.match(glance?.message ?? '', /\[glance\] takes no auth options, so Nova ignores auth_url here: .*user's own token/);
  assert.deepEqual((glance?.data as { targetGroups: string[] }).targetGroups, [], 'no move to another service group is offered');
  // An option of other groups that is not an auth option keeps the usual message.
  assert.match(lint('[glance]\ncatalog_info = volumev3::publicURL\n').find((d) => d.code === 'option-wrong-group')?.message ?? '', /belongs in \[cinder\]/);
});

test('auth plugin options follow the pinned keystoneauth1', () => {
  // keystoneauth1 5.1 added the v3oauth2clientcredential plugin (oauth2_endpoint, oauth2_client_id ...):
  // 2022.2 pins 5.0.1, 2023.1 pins 5.1.3.
  for (const group of ['service_user', 'keystone_authtoken', 'oslo_limit']) {
    const text = `[${group}]\noauth2_endpoint = https://keystone.example/oauth2\n`;
    assert.deepEqual(onOption(text, '2022.2'), ['unknown-option:2'], group);
    assert.deepEqual(onOption(text, '2023.1'), [], group);
  }
});

test('the library versions of every release are recorded and listed in docs/catalogue.md', () => {
  const versions = VERSIONS as Record<string, { requirements: string; libraries: Record<string, string | { pinned: string; read: string }> }>;
  const doc = readFileSync(join(ROOT, 'docs', 'catalogue.md'), 'utf8');
  for (const r of RELEASES) {
    const v = versions[r];
    assert.ok(v && Object.keys(v.libraries).length >= 11, r);
    const row = doc.split('\n').find((l) => l.startsWith(`| ${r} |`));
    assert.ok(row, `docs/catalogue.md has a row for ${r}`);
    for (const [lib, ver] of Object.entries(v.libraries)) {
      const shown = typeof ver === 'string' ? ver : `${ver.read} (pinned ${ver.pinned})`;
      assert.ok(row.includes(`${lib} ${shown}`), `${r}: ${lib} ${shown} in ${row}`);
    }
  }
});

test('over LSP stdio, the release setting decides whether a newer library option is known', async () => {
  for (const [release, expected] of [['2024.2', ['option-not-in-release']], ['2025.1', []]] as const) {
    const c = new LspClient();
    try {
      c.configuration = { release, rules: { 'pci-filter-not-enabled': 'off' } };
      await c.initialize({ workspace: { configuration: true } });
      c.open('file:///work/nova.conf', '[oslo_limit]\nendpoint_interface = internal\n');
      const d = await c.diagnostics('file:///work/nova.conf', 1);
      assert.deepEqual(d.diagnostics.map((x) => x.code), expected, release);
      await c.shutdown();
    } finally {
      c.kill();
    }
  }
});
