/** Hover: what a user reads when pointing at options, tags, values and names. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MarkupContent, Range } from 'vscode-languageserver-types';
import { caret, service } from '../helpers';
import { diagnosticCovers } from '../../server/src/service/features/hover-once';
import type { Release } from '../../server/src/service/releases';

let n = 0;
function hover(fixture: string, release?: Release): { md: string; range?: Range } | null {
  const { text, position } = caret(fixture);
  const s = service(release);
  const h = s.hover(s.parse(text, `file:///h/${n++}.conf`, 1), position);
  if (!h) return null;
  return { md: (h.contents as MarkupContent).value, range: h.range };
}

/**
 * A hover that states a problem: the diagnostic at the caret says it, so the hover does not repeat it (the
 * editor shows both); with that rule turned off the hover says it itself.
 */
function problemOnce(fixture: string, problem: RegExp, release?: Release): void {
  const { text, position } = caret(fixture);
  const s = service(release);
  const doc = s.parse(text, `file:///h/${n++}.conf`, 1);
  const at = s.diagnostics(doc).filter((d) => diagnosticCovers(d, position));
  assert.ok(at.length > 0, `a diagnostic at the caret of ${JSON.stringify(fixture)}`);
  const h = s.hover(doc, position);
  const shown = h ? (h.contents as MarkupContent).value : '';
  assert.doesNotMatch(shown, problem, 'the hover does not restate the diagnostic');
  for (const d of at) assert.ok(!shown.includes(d.message), 'nor quote it');
  const off = service(release, Object.fromEntries(at.map((d) => [String(d.code), 'off' as const])));
  const alone = off.hover(off.parse(text, `file:///h/${n++}.conf`, 1), position);
  assert.ok(alone, 'with the rule off the hover explains the problem');
  assert.match((alone.contents as MarkupContent).value, problem);
}

function md(fixture: string, release?: Release): string {
  const h = hover(fixture, release);
  assert.ok(h, `a hover for ${JSON.stringify(fixture)}`);
  return h.md;
}

// --- options -----------------------------------------------------------------

test('option: own-words text, type, default, releases and a link to the configuration reference', () => {
  const h = hover('[pci]\nreport_in_pla|cement = true\n');
  assert.ok(h);
  assert.match(h.md, /\[pci\] report_in_placement\*\* — boolean/);
  assert.match(h.md, /Placement/);
  assert.match(h.md, /Default: `false`/);
  assert.match(h.md, /Available in: every release/);
  assert.match(h.md, /https:\/\/docs\.openstack\.org\/nova\/latest\/configuration\/config\.html#pci\.report_in_placement/);
  assert.deepEqual(h.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 19 } });
});

test('option: min and release range (pci_in_placement from 2023.1, pci_weight_multiplier min 0)', () => {
  assert.match(md('[filter_scheduler]\npci_in_pla|cement = true\n'), /Available in: 2023\.1 and later/);
  const w = md('[filter_scheduler]\npci_weight_multi|plier = 2\n');
  assert.match(w, /Range: 0 to …/);
  assert.match(w, /must not be negative/i);
  assert.match(md('[filter_scheduler]\nenabled_fil|ters = ComputeFilter\n'), /PciPassthroughFilter.*not.*in the default/s);
});

test('option: allowed values', () => {
  assert.match(md('[libvirt]\ncpu_mo|de = custom\n'), /Allowed values: `host-model`, `host-passthrough`, `custom`, `none`/);
});

test('deprecated name: says which option replaces it', () => {
  const h = md('[pci]\npassthrough_white|list = {"vendor_id": "8086"}\n');
  assert.match(h, /`\[pci\] passthrough_whitelist` is a \*\*deprecated name\*\*/);
  assert.match(h, /use `\[pci\] device_spec` instead/);
  assert.match(md('[DEFAULT]\npci_al|ias = {"name": "a"}\n'), /deprecated name.*\[pci\] alias/s);
});

test('deprecated for removal', () => {
  assert.match(md('[DEFAULT]\nconfig_drive_fo|rmat = iso9660\n'), /Deprecated for removal/);
});

test('section header: option count in this release', () => {
  const h = hover('[p|ci]\n');
  assert.ok(h);
  assert.match(h.md, /\*\*\[pci\]\*\* — 3 options in 2026\.1/);
  assert.deepEqual(h.range, { start: { line: 0, character: 1 }, end: { line: 0, character: 4 } });
  assert.match(md('[filter_sch|eduler]\n', '2022.2'), /options in 2022\.2/);
  assert.notEqual(md('[filter_sch|eduler]\n', '2022.2'), md('[filter_sch|eduler]\n', '2023.1'), 'pci_in_placement arrived in 2023.1');
});

test('$name reference: what it resolves to', () => {
  const set = md('[DEFAULT]\nmy_ip = 192.0.2.21\n[vnc]\nserver_listen = $my|_ip\n');
  assert.match(set, /`\$my_ip` → `192\.0\.2\.21`/);
  assert.match(set, /\[DEFAULT\] my_ip`, set on line 2/);
  assert.match(md('[vnc]\nserver_listen = ${my|_ip}\n'), /not set in this file, so its default is used/);
  problemOnce('[vnc]\nserver_listen = $nope|x\n', /does not name an option/);
});

test('nothing in comments', () => {
  assert.equal(hover('# report_in_pla|cement = true\n[pci]\n'), null);
});

// --- device_spec tags and alias fields ---------------------------------------------

test('device_spec tag: meaning and since-release', () => {
  const h = md('[pci]\ndevice_spec = {"one_time_u|se": "true"}\n', '2026.1');
  assert.match(h, /device_spec tag `one_time_use`/);
  assert.match(h, /Since 2025\.2\./);
  assert.match(md('[pci]\ndevice_spec = {"one_time_u|se": "true"}\n', '2025.1'), /not known to Nova 2025\.1/);
  assert.match(md('[pci]\ndevice_spec = {"remote_man|aged": "true"}\n'), /other spellings are read as false/);
  assert.match(md('[pci]\ndevice_spec = {"physnet": "x", "physical_network": "phys|net1"}\n'), /physical network/i, 'a value without its own text shows the tag');
  problemOnce('[pci]\ndevice_spec = {"physical_netwrok|": "x"}\n', /not a tag Nova knows/);
});

test('alias field: meaning, accepted values, since-release', () => {
  const h = md('[pci]\nalias = {"name": "a", "device_ty|pe": "type-PF"}\n');
  assert.match(h, /alias field `device_type`/);
  assert.match(h, /`type-PCI`.*`type-PF`.*`type-VF`/s);
  assert.match(md('[pci]\nalias = {"name": "a", "live_migr|atable": "true"}\n', '2024.2'), /not known to Nova 2024\.2\*\*, which refuses the alias/);
  assert.match(md('[pci]\nalias = {"na|me": "a"}\n'), /required/);
  problemOnce('[pci]\nalias = {"name": "a", "physical_net|work": "x"}\n', /not an alias field/);
});

test('enum values: each device_type and numa_policy explained', () => {
  assert.match(md('[pci]\nalias = {"name": "a", "device_type": "type-P|F"}\n'), /physical function/);
  assert.match(md('[pci]\nalias = {"name": "a", "device_type": "type-V|F"}\n'), /virtual function/);
  assert.match(md('[pci]\nalias = {"name": "a", "numa_policy": "prefer|red"}\n'), /take any device/);
  problemOnce('[pci]\nalias = {"name": "a", "numa_policy": "prefe|red"}\n', /is not one of/);
});

// --- PCI ids ----------------------------------------------------------------------

test('vendor_id / product_id values: names from the PCI ID database', () => {
  const v = hover('[pci]\ndevice_spec = {"vendor_id": "80|86", "product_id": "154d"}\n');
  assert.ok(v);
  assert.match(v.md, /Intel Corporation/);
  assert.deepEqual(v.range, { start: { line: 1, character: 28 }, end: { line: 1, character: 34 } });
  assert.match(md('[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "15|4d"}\n'), /Ethernet 10G 2P X520 Adapter.*8086:154d/);
  assert.match(md('[pci]\ndevice_spec = {"product_id": "10|fb", "vendor_id": "0x8086"}\n'), /82599ES 10-Gigabit SFI\/SFP\+ Network Connection/);
  assert.match(md('[pci]\nalias = {"name": "g", "vendor_id": "10de", "product_id": "25|b6"}\n'), /GA107GL/);
  problemOnce('[pci]\nalias = {"name": "g", "vendor_id": "0x10|de"}\n', /not exactly four hex digits/);
  assert.match(md('[pci]\ndevice_spec = {"vendor_id": "|*"}\n'), /Any vendor/);
});

// --- addresses -------------------------------------------------------------------------

test('glob address decoded, wildcards spelled out, fields filled from the right', () => {
  assert.match(md('[pci]\ndevice_spec = {"address": "*:41:0|0.0"}\n'), /any domain, bus 0x41, slot 0x00, function 0\./);
  assert.match(md('[pci]\ndevice_spec = {"address": "0000:0a:00.|*"}\n'), /domain 0x0000, bus 0x0a, slot 0x00, any function/);
  const two = md('[pci]\ndevice_spec = {"address": "0000:|0a"}\n');
  assert.match(two, /any domain, bus 0x00, slot 0x0a, any function/);
  assert.match(two, /fill from the right/);
  problemOnce('[pci]\ndevice_spec = {"address": "0000:0a:00.|9"}\n', /refuses this address.*function is above/);
  assert.match(md('[pci]\ndevice_spec = {"address": "0000:0a:00.|9"}\n'), /domain 0x0000, bus 0x0a, slot 0x00, function 9/, 'the decoded address stays');
});

test('regex address fields: start-anchored, lower-case, not end-anchored', () => {
  const h = md('[pci]\ndevice_spec = {"address": {"bu|s": "8"}}\n');
  assert.match(h, /start of the lower-case/);
  assert.match(h, /not\*\* anchored at the end/);
  assert.match(md('[pci]\ndevice_spec = {"address": {"bus": "|8"}}\n'), /matches `80`–`8f`/);
});

// --- alias names ---------------------------------------------------------------------

test('alias name: the merged definition, numa_policy defaulting to legacy', () => {
  const text = [
    '[pci]',
    'alias = {"name": "n|ic", "vendor_id": "8086", "product_id": "10fb", "device_type": "type-PF"}',
    'alias = {"name": " nic ", "vendor_id": "8086", "product_id": "154d", "device_type": "type-PF"}',
    'alias = {"name": "other", "vendor_id": "10de", "product_id": "25b6"}',
    '',
  ].join('\n');
  const h = md(text);
  assert.match(h, /alias `nic`/);
  assert.match(h, /lines 2, 3/);
  assert.match(h, /numa_policy: `legacy` \(the default\)/);
  assert.match(h, /device_type: `type-PF`/);
  assert.match(h, /8086:10fb.*82599ES/);
  assert.match(h, /8086:154d.*X520/);
  assert.doesNotMatch(h, /25b6/);
});

// --- layout: multi-line, CRLF -----------------------------------------------------------

test('multi-line values and CRLF files hover the right token', () => {
  const h = hover('[pci]\r\ndevice_spec = {\r\n    "vendor_id": "8086",\r\n    "product_id": "10|fb"\r\n    }\r\n');
  assert.ok(h);
  assert.match(h.md, /82599ES/);
  assert.deepEqual(h.range, { start: { line: 3, character: 18 }, end: { line: 3, character: 24 } });
  const k = hover('[pci]\ndevice_spec = [\n    {"vendor_id": "8086",\n     "tru|sted": "true"}]\n');
  assert.ok(k);
  assert.match(k.md, /device_spec tag `trusted`/);
});

test('scheduler filter names in enabled_filters', () => {
  assert.match(md('[filter_scheduler]\nenabled_filters = ComputeFilter, PciPass|throughFilter\n'), /free PCI devices/);
  problemOnce('[filter_scheduler]\nenabled_filters = AvailabilityZone|Filter\n', /removed in 2023\.2/);
});
