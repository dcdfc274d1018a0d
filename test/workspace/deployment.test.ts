/** Roles, layouts and the cross-file rules, through the language service's workspace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService, LanguageService } from '../../server/src/service/index';
import { placementOf } from '../../server/src/service/workspace/index';
import { fixAll } from '../../server/src/service/fix-all';
import { workspaceService } from '../helpers';

const KOLLA = 'file:///srv/etc/kolla/config/';
const ALIAS = '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n';

function tree(files: Record<string, string>, root = KOLLA): { s: LanguageService; diags: (rel: string) => Diagnostic[]; all: () => { file: string; d: Diagnostic }[] } {
  const s = workspaceService(root, files);
  const diags = (rel: string) => s.diagnostics(s.workspace.document(root + rel)!);
  const all = () => Object.keys(files).flatMap((rel) => diags(rel).map((d) => ({ file: rel, d })));
  return { s, diags, all };
}
const only = (xs: { file: string; d: Diagnostic }[], code: string) => xs.filter((x) => x.d.code === code);

test('kolla: nova/nova-scheduler.conf enables PciPassthroughFilter -> no file gets pci-filter-not-enabled', () => {
  const t = tree({
    'nova.conf': ALIAS,
    'nova/nova-scheduler.conf': '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
    'nova/nova-compute.conf': '[pci]\ndevice_spec = {"vendor_id": "10de", "product_id": "25b6"}\n',
  });
  assert.deepEqual(only(t.all(), 'pci-filter-not-enabled'), []);
});

test('kolla: without PciPassthroughFilter -> exactly one report, on the alias, naming the scheduler file', () => {
  const t = tree({
    'nova.conf': ALIAS,
    'nova/nova-scheduler.conf': '[filter_scheduler]\nenabled_filters = ComputeFilter, ImagePropertiesFilter\n',
    'nova/nova-compute.conf': '[pci]\ndevice_spec = {"vendor_id": "10de", "product_id": "25b6"}\n',
  });
  const hits = only(t.all(), 'pci-filter-not-enabled');
  assert.equal(hits.length, 1);
  assert.equal(hits[0].file, 'nova.conf');
  assert.deepEqual(hits[0].d.range.start, { line: 1, character: 0 }, 'on the alias key');
  assert.match(hits[0].d.message, /nova\/nova-scheduler\.conf:2/);
  assert.equal(hits[0].d.relatedInformation?.[0].location.uri, KOLLA + 'nova/nova-scheduler.conf');
});

test('kolla: no enabled_filters anywhere -> one report that names the scheduler\'s files', () => {
  const t = tree({ 'nova/nova-api.conf': ALIAS, 'nova/nova-scheduler.conf': '[DEFAULT]\ndebug = true\n', 'nova/nova-compute.conf': ALIAS });
  const hits = only(t.all(), 'pci-filter-not-enabled');
  assert.equal(hits.length, 1);
  assert.equal(hits[0].file, 'nova/nova-api.conf');
  assert.match(hits[0].d.message, /set it in nova\/nova-scheduler\.conf/);
});

test('a file marked service=nova-compute with an alias gets no scheduler warning, and fix-all adds no [filter_scheduler]', () => {
  const text = '# nova-conf: service=nova-compute\n' + ALIAS;
  const s = createLanguageService();
  const doc = s.parse(text, 'file:///x/compute.conf', 1);
  assert.deepEqual(s.diagnostics(doc).filter((d) => d.code === 'pci-filter-not-enabled'), []);
  const fixed = fixAll(text, s.settings, { uri: 'file:///x/compute.conf' });
  assert.doesNotMatch(fixed.text, /filter_scheduler/);
  // Today's behaviour for a file of unknown role: reported, and the fix adds the section.
  const plain = s.parse(ALIAS, 'file:///x/plain.conf', 1);
  assert.ok(s.diagnostics(plain).some((d) => d.code === 'pci-filter-not-enabled'));
  assert.match(fixAll(ALIAS, s.settings, { uri: 'file:///x/plain.conf' }).text, /\[filter_scheduler\]/);
});

test('the name says the role: nova-compute.conf gets no scheduler warning; device_spec errors are not reported in a nova-api-only file', () => {
  const s = createLanguageService();
  const compute = s.parse(ALIAS, 'file:///etc/nova/nova-compute.conf', 1);
  assert.ok(!s.diagnostics(compute).some((d) => d.code === 'pci-filter-not-enabled'));
  const badSpec = '[pci]\ndevice_spec = {"vendor_id": "xyz1", "product_id": "154d"}\n';
  const api = s.parse(badSpec, 'file:///srv/etc/kolla/config/nova/nova-api.conf', 1);
  assert.deepEqual(s.diagnostics(api).filter((d) => d.severity === 1), [], 'nova-api never reads device_spec');
  const comp = s.parse(badSpec, 'file:///srv/etc/kolla/config/nova/nova-compute.conf', 1);
  assert.ok(s.diagnostics(comp).some((d) => d.severity === 1), 'nova-compute refuses it');
  // An INI error stops every service that reads the file.
  const broken = s.parse('[pci\nalias = {}\n', 'file:///etc/nova/nova-compute.conf', 2);
  assert.ok(s.diagnostics(broken).some((d) => String(d.code).startsWith('ini-')));
});

test('the directive sets the release for its file', () => {
  const s = createLanguageService();
  // AvailabilityZoneFilter was removed in 2023.2: an Error under the default release, fine under 2023.1.
  const text = '[filter_scheduler]\nenabled_filters = AvailabilityZoneFilter, ComputeFilter\n';
  assert.ok(s.diagnostics(s.parse(text, 'file:///a.conf', 1)).some((d) => d.code === 'filter-removed'));
  const pinned = s.parse('# nova-conf: release=2023.1\n' + text, 'file:///b.conf', 1);
  assert.equal(pinned.release, '2023.1');
  assert.ok(!s.diagnostics(pinned).some((d) => d.code === 'filter-removed'));
  const bad = s.parse('# nova-conf: service=nova-compte release=2031.7\n' + text, 'file:///c.conf', 1);
  const problems = s.diagnostics(bad).filter((d) => d.code === 'directive-invalid');
  assert.equal(problems.length, 2);
  assert.deepEqual(problems[0].range, { start: { line: 0, character: 21 }, end: { line: 0, character: 32 } });
});

test('alias-mismatch between nova/nova-api.conf and nova/nova-compute.conf, with the other file as related information', () => {
  const t = tree({
    'nova/nova-api.conf': '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n',
    'nova/nova-compute.conf': '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "2236"}\n',
    'nova/nova-scheduler.conf': '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
  });
  const hits = only(t.all(), 'alias-mismatch');
  assert.equal(hits.length, 1);
  assert.equal(hits[0].file, 'nova/nova-compute.conf');
  assert.match(hits[0].d.message, /"a16" is defined differently/);
  assert.equal(hits[0].d.relatedInformation?.[0].location.uri, KOLLA + 'nova/nova-api.conf');
  // The same alias in nova.conf (read by both) is fine; key order and spacing do not matter.
  const ok = tree({
    'nova/nova-api.conf': '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n',
    'nova/nova-compute.conf': '[pci]\nalias = {"product_id":"25b6","name":"a16","vendor_id":"10de"}\n',
  });
  assert.deepEqual(only(ok.all(), 'alias-mismatch'), []);
});

test('alias-mismatch: an alias missing on the compute side, and one missing on the API side', () => {
  const t = tree({
    'nova/nova-api.conf': '[pci]\nalias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6"}\n',
    'nova/nova-compute.conf': '[pci]\nalias = {"name": "nvme", "vendor_id": "8086", "product_id": "0a54"}\n',
  });
  const hits = only(t.all(), 'alias-mismatch').map((h) => `${h.file}: ${h.d.message.replace(/:.*/, '')}`);
  assert.deepEqual(hits.sort(), ['nova/nova-api.conf: Alias "a16" is defined for nova-api but not for nova-compute', 'nova/nova-compute.conf: Alias "nvme" is defined for nova-compute but not for nova-api']);
});

test('cross-layer placement-devname: report_in_placement in nova.conf, devname in nova.conf.d/20-pci.conf -> on the device_spec line', () => {
  const root = 'file:///etc/nova/';
  const t = tree({
    'nova.conf': '[pci]\nreport_in_placement = true\n',
    'nova.conf.d/20-pci.conf': '[pci]\ndevice_spec = {"devname": "enp5s0f1", "physical_network": "physnet1"}\n',
  }, root);
  const hits = only(t.all(), 'placement-devname');
  assert.equal(hits.length, 1);
  assert.equal(hits[0].file, 'nova.conf.d/20-pci.conf');
  assert.equal(hits[0].d.severity, 1);
  assert.deepEqual(hits[0].d.range.start, { line: 1, character: 15 });
  assert.equal(hits[0].d.relatedInformation?.[0].location.uri, root + 'nova.conf');
  // A later file that turns it off again: nothing to report.
  const off = tree({
    'nova.conf': '[pci]\nreport_in_placement = true\n',
    'nova.conf.d/20-pci.conf': '[pci]\ndevice_spec = {"devname": "enp5s0f1"}\n',
    'nova.conf.d/30-off.conf': '[pci]\nreport_in_placement = false\n',
  }, root);
  assert.deepEqual(only(off.all(), 'placement-devname'), []);
});

test('kolla: a device_spec in a host override replaces the group-level one (Information on the replaced line)', () => {
  const t = tree({
    'nova.conf': '[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154d"}\n',
    'nova/compute01/nova.conf': '[pci]\ndevice_spec = {"vendor_id": "10de", "product_id": "25b6"}\n',
  });
  const hits = only(t.all(), 'value-overridden');
  assert.equal(hits.length, 1);
  assert.equal(hits[0].file, 'nova.conf');
  assert.equal(hits[0].d.severity, 3);
  assert.match(hits[0].d.message, /^Overridden by nova\/compute01\/nova\.conf:2 for nova-compute on compute01/);
});

test('override-not-read: a misspelt service file, a nova-role service in a host directory, a .cfg in nova.conf.d', () => {
  const t = tree({
    'nova.conf': ALIAS,
    'nova/nova-schedular.conf': '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
    'nova/ctl01/nova-scheduler.conf': '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n',
    'nova/cmp01/nova-compute.conf': '[pci]\ndevice_spec = {"address": "0000:81:00.0"}\n',
  });
  const hits = only(t.all(), 'override-not-read').map((h) => h.file).sort();
  assert.deepEqual(hits, ['nova/ctl01/nova-scheduler.conf', 'nova/nova-schedular.conf']);
  const o = tree({ 'nova.conf': '[DEFAULT]\ndebug = true\n', 'nova.conf.d/10-pci.cfg': ALIAS, 'nova.conf.d/20-pci.conf': ALIAS, 'nova.conf.d/old/30.conf': ALIAS }, 'file:///etc/nova/');
  assert.deepEqual(only(o.all(), 'override-not-read').map((h) => h.file).sort(), ['nova.conf.d/10-pci.cfg', 'nova.conf.d/old/30.conf']);
});

test('layouts: where kolla-ansible and oslo.config put each file', () => {
  const p = (u: string) => {
    const x = placementOf(u);
    return x ? `${x.layout}:${x.layer}${'service' in x && x.service ? ':' + x.service : ''}${'host' in x && x.host ? '@' + x.host : ''}` : 'none';
  };
  assert.equal(p(KOLLA + 'global.conf'), 'kolla:global');
  assert.equal(p(KOLLA + 'nova.conf'), 'kolla:project');
  assert.equal(p(KOLLA + 'nova/nova-api.conf'), 'kolla:service:nova-api');
  assert.equal(p(KOLLA + 'nova/cmp1/nova.conf'), 'kolla:host@cmp1');
  assert.equal(p(KOLLA + 'nova/cmp1/nova-compute.conf'), 'kolla:host-service:nova-compute@cmp1');
  assert.equal(p(KOLLA + 'nova/ctl1/nova-api.conf'), 'kolla:unread');
  assert.equal(p(KOLLA + 'nova/ceph.conf'), 'none');
  assert.equal(p(KOLLA + 'neutron.conf'), 'none');
  assert.equal(p('file:///home/u/kayobe-config/etc/kayobe/kolla/config/nova/nova-compute.conf'), 'kolla:service:nova-compute');
  assert.equal(p('file:///etc/nova/nova.conf'), 'oslo:project');
  assert.equal(p('file:///etc/nova/nova-compute.conf'), 'oslo:service:nova-compute');
  assert.equal(p('file:///etc/nova/nova.conf.d/20-pci.conf'), 'oslo:dir');
  assert.equal(p('file:///etc/nova/nova-compute.conf.d/20-pci.conf'), 'oslo:service-dir:nova-compute');
  assert.equal(p('file:///etc/nova/nova.conf.d/.20-pci.conf'), 'oslo:unread');
  assert.equal(p('file:///x/034-kolla-nova-compute.conf'), 'none');
});

test('oslo config dir: nova.conf.d files are read in sorted order, after nova.conf and nova-<service>.conf', () => {
  const root = 'file:///etc/nova/';
  // Set in another order than they are read.
  const s = workspaceService(root, {
    'nova.conf.d/20-b.conf': '[DEFAULT]\ndebug = false\n',
    'nova.conf.d/10-a.conf': '[DEFAULT]\ndebug = true\n',
    'nova-compute.conf': '[DEFAULT]\ndebug = true\n',
    'nova.conf': '[DEFAULT]\ndebug = true\n',
  });
  const d = s.workspace.deploymentOf(root + 'nova.conf')!;
  assert.deepEqual(d.view('nova-compute')!.layers.map((f) => d.label(f.uri)), ['nova.conf', 'nova-compute.conf', 'nova.conf.d/10-a.conf', 'nova.conf.d/20-b.conf']);
  assert.deepEqual(d.view('nova-api')!.layers.map((f) => d.label(f.uri)), ['nova.conf', 'nova.conf.d/10-a.conf', 'nova.conf.d/20-b.conf']);
});

test('hover on an option in a layered tree says where each service\'s value comes from', () => {
  const t = tree({ 'nova.conf': '[pci]\ndevice_spec = {"address": "0000:05:00.0"}\n', 'nova/compute01/nova.conf': '[pci]\ndevice_spec = {"address": "0000:81:00.0"}\n' });
  const doc = t.s.workspace.document(KOLLA + 'nova.conf')!;
  const h = t.s.hover(doc, { line: 1, character: 3 });
  const md = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  assert.match(md, /nova-compute on compute01: 1 value from nova\/compute01\/nova\.conf:2 — not this line/);
  assert.match(md, /- nova-compute: 1 value: this line$/m);
  assert.doesNotMatch(md, /[ ,]nova\.conf:2/, 'the hovered line is "this line", not a file reference to itself');
});

test('hover on one line of a multi-valued option names the other lines the service reads, not the hovered one', () => {
  const t = tree({
    'nova.conf': '[pci]\ndevice_spec = {"address": "0000:05:00.0"}\ndevice_spec = {"address": "0000:06:00.0"}\n',
    'nova/nova-compute.conf': '[DEFAULT]\ndebug = true\n',
  });
  const doc = t.s.workspace.document(KOLLA + 'nova.conf')!;
  const h = t.s.hover(doc, { line: 2, character: 3 });
  const md = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  assert.match(md, /- nova-compute: 2 values: this line, nova\.conf:2$/m);
  assert.doesNotMatch(md, /nova\.conf:3/);
});

test('a virtual document states its services in its uri (#service=…): no scheduler warning in a compute-only YAML-held config', () => {
  const s = createLanguageService();
  const doc = s.parse(ALIAS, 'file:///x/values.yaml#doc=0&service=nova-compute', 1);
  assert.deepEqual([...(doc.roles.services ?? [])], ['nova-compute']);
  assert.ok(!s.diagnostics(doc).some((d) => d.code === 'pci-filter-not-enabled'));
});
