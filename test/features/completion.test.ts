/** Completion: what a user sees when asking for suggestions, and what accepting one does to the text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CompletionItemTag, InsertTextFormat } from 'vscode-languageserver-types';
import type { CompletionItem, CompletionList, Position, TextEdit } from 'vscode-languageserver-types';
import { caret, HAVE_SHARED, ROOT, SHARED, service } from '../helpers';
import { createLanguageService } from '../../server/src/service/index';
import { bundledPciIds } from '../../server/src/service/catalog/pciids';
import type { Release } from '../../server/src/service/releases';

let n = 0;
function complete(fixture: string, release?: Release): CompletionList & { text: string; position: Position } {
  const { text, position } = caret(fixture);
  const s = service(release);
  const list = s.completion(s.parse(text, `file:///c/${n++}.conf`, 1), position);
  return { ...list, text, position };
}

function labels(list: CompletionList): string[] {
  return list.items.map((i) => i.label);
}

function item(list: CompletionList, label: string): CompletionItem {
  const found = list.items.find((i) => i.label === label);
  assert.ok(found, `no item "${label}" in ${JSON.stringify(labels(list))}`);
  return found;
}

/** Applies an item's text edit the way an editor does. */
function accept(r: { text: string }, it: CompletionItem): string {
  const e = it.textEdit as TextEdit;
  assert.ok(e && 'range' in e, 'every item carries a text edit');
  const lines = r.text.split(/(?<=\r\n|\n)/);
  const off = (p: Position) => lines.slice(0, p.line).join('').length + p.character;
  return r.text.slice(0, off(e.range.start)) + e.newText + r.text.slice(off(e.range.end));
}

function docText(it: CompletionItem): string {
  const d = it.documentation;
  return typeof d === 'string' ? d : (d?.value ?? '');
}

// --- section headers -------------------------------------------------------

test('section headers: every group of the release, pci and filter_scheduler first, with a description', () => {
  const r = complete('[DEFAULT]\ndebug = true\n[|');
  const ls = labels(r);
  assert.ok(ls.includes('pci') && ls.includes('filter_scheduler') && ls.includes('libvirt') && ls.includes('DEFAULT'));
  assert.ok(ls.length > 50, `${ls.length} groups`);
  const sorted = [...r.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
  assert.deepEqual(sorted.slice(0, 2).map((i) => i.label), ['pci', 'filter_scheduler']);
  assert.match(item(r, 'pci').detail ?? '', /PCI passthrough/);
  assert.match(item(r, 'os_brick').detail ?? '', /^\d+ options?$/, 'groups without our own text show their option count');
  assert.equal(accept(r, item(r, 'pci')), '[DEFAULT]\ndebug = true\n[pci]');
});

test('section header already closed: only the name is replaced', () => {
  const r = complete('[filt|]\nenabled_filters = ComputeFilter\n');
  assert.equal(accept(r, item(r, 'filter_scheduler')), '[filter_scheduler]\nenabled_filters = ComputeFilter\n');
});

test('section groups follow the release', () => {
  const byRelease = (rel: Release) => labels(complete('[|', rel));
  // The "rdp" group was dropped in later releases; whichever way, the lists differ and match listGroups.
  assert.notDeepEqual(byRelease('2022.2'), byRelease('master'));
});

// --- option names ----------------------------------------------------------

test('option names of the section, with type and default; deprecated names not offered', () => {
  const r = complete('[pci]\n|');
  assert.deepEqual(labels(r).sort(), ['alias', 'device_spec', 'report_in_placement']);
  assert.equal(item(r, 'report_in_placement').detail, 'boolean · default: false');
  assert.match(docText(item(r, 'device_spec')), /config\.html#pci\.device_spec/);
  assert.equal(accept(r, item(r, 'report_in_placement')), '[pci]\nreport_in_placement = ');
});

test('options already set are not offered again, multi-valued ones are', () => {
  const r = complete('[pci]\nreport_in_placement = true\ndevice_spec = {}\nalias = {}\n|');
  assert.deepEqual(labels(r).sort(), ['alias', 'device_spec']);
});

test('typing a key replaces the typed word only; on an existing key only the name changes', () => {
  const r = complete('[pci]\nrep|\n');
  assert.equal(accept(r, item(r, 'report_in_placement')), '[pci]\nreport_in_placement = \n');
  const r2 = complete('[pci]\ndev|ice_spec = {}\n');
  assert.equal(accept(r2, item(r2, 'device_spec')), '[pci]\ndevice_spec = {}\n');
});

test('option names follow the release: pci_in_placement from 2023.1', () => {
  assert.ok(!labels(complete('[filter_scheduler]\n|', '2022.2')).includes('pci_in_placement'));
  assert.ok(labels(complete('[filter_scheduler]\n|', '2023.1')).includes('pci_in_placement'));
});

test('options deprecated for removal are tagged deprecated', () => {
  const r = complete('[DEFAULT]\n|');
  const it = item(r, 'config_drive_format');
  assert.deepEqual(it.tags, [CompletionItemTag.Deprecated]);
});

// --- plain values ----------------------------------------------------------

test('boolean option values', () => {
  const r = complete('[pci]\nreport_in_placement = |\n');
  assert.deepEqual(labels(r), ['true', 'false']);
  assert.equal(accept(r, item(r, 'true')), '[pci]\nreport_in_placement = true\n');
  const r2 = complete('[pci]\nreport_in_placement = fa|lse\n');
  assert.equal(accept(r2, item(r2, 'true')), '[pci]\nreport_in_placement = true\n', 'the whole value is replaced');
});

test('choices of an option', () => {
  const r = complete('[libvirt]\ncpu_mode = host-|\n');
  assert.deepEqual(labels(r), ['host-model', 'host-passthrough', 'custom', 'none']);
  assert.equal(accept(r, item(r, 'host-passthrough')), '[libvirt]\ncpu_mode = host-passthrough\n');
});

test('enabled_filters: filter class names of the release, listed ones not repeated', () => {
  const r = complete('[filter_scheduler]\nenabled_filters = ComputeFilter, |\n');
  const ls = labels(r);
  assert.ok(ls.includes('PciPassthroughFilter') && ls.includes('NUMATopologyFilter'));
  assert.ok(!ls.includes('ComputeFilter'), 'already listed');
  assert.ok(!ls.includes('AvailabilityZoneFilter'), 'removed in 2023.2');
  assert.ok(labels(complete('[filter_scheduler]\nenabled_filters = ComputeFilter, |\n', '2022.2')).includes('AvailabilityZoneFilter'));
  assert.equal(accept(r, item(r, 'PciPassthroughFilter')), '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n');
  const r2 = complete('[filter_scheduler]\nenabled_filters = ComputeFilter,Pci|,NUMATopologyFilter\n');
  assert.equal(accept(r2, item(r2, 'PciPassthroughFilter')), '[filter_scheduler]\nenabled_filters = ComputeFilter,PciPassthroughFilter,NUMATopologyFilter\n');
  assert.ok(!labels(r2).includes('NUMATopologyFilter'));
  const r3 = complete('[filter_scheduler]\nenabled_filters = ComputeFilter,|\n');
  assert.equal(accept(r3, item(r3, 'PciPassthroughFilter')), '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n');
});

test('nothing inside a comment', () => {
  assert.equal(complete('[pci]\n# device_spec = {"vendor_id": "80|"}\n').items.length, 0);
  assert.equal(complete('[pci]\n; rep|\n').items.length, 0);
  assert.equal(complete('# [|\n').items.length, 0);
});

// --- device_spec JSON keys -------------------------------------------------

test('a key is inserted with its value: a placeholder that opens value suggestions, or the choices', () => {
  const r = complete('[pci]\ndevice_spec = {|}\n');
  const vendor = item(r, 'vendor_id');
  assert.equal(vendor.insertTextFormat, InsertTextFormat.Snippet);
  assert.equal((vendor.textEdit as TextEdit).newText, '"vendor_id": "$1"');
  assert.equal(vendor.command?.command, 'editor.action.triggerSuggest', 'value suggestions open inside the placeholder');
  const trusted = item(r, 'trusted');
  assert.equal((trusted.textEdit as TextEdit).newText, '"trusted": "${1|true,false|}"');
  assert.equal(trusted.command, undefined, 'a choice snippet shows its own list');
  const a = complete('[pci]\nalias = {"name": "gpu", |}\n');
  assert.equal((item(a, 'device_type').textEdit as TextEdit).newText, '"device_type": "${1|type-PCI,type-PF,type-VF|}"');
  assert.match((item(a, 'numa_policy').textEdit as TextEdit).newText, /^"numa_policy": "\$\{1\|(?:legacy|preferred|required|socket)(?:,(?:legacy|preferred|required|socket)){3}\|\}"$/);
  // With the colon already there, only the key is replaced: no snippet, no trigger.
  const withColon = complete('[pci]\ndevice_spec = {"vendor_id": "8086", "phy|": "physnet1"}\n');
  const pn = item(withColon, 'physical_network');
  assert.equal(pn.insertTextFormat, undefined);
  assert.equal(pn.command, undefined);
  // The inserted text, with the snippet's placeholder left empty, is valid JSON Nova reads.
  const plain = accept(r, vendor).replace('$1', '8086').split('\n')[1].slice('device_spec = '.length);
  assert.deepEqual(JSON.parse(plain), { vendor_id: '8086' });
});

test('every item has a detail and documentation, wherever completion is asked', () => {
  const fixtures = [
    '[DEFAULT]\n[|',
    '[pci]\n|',
    '[pci]\nreport_in_placement = |',
    '[filter_scheduler]\nenabled_filters = ComputeFilter, |',
    '[pci]\ndevice_spec = |\n',
    '[pci]\ndevice_spec = {|}\n',
    '[pci]\ndevice_spec = {"address": {|}}\n',
    '[pci]\ndevice_spec = {"vendor_id": "|"}\n',
    '[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "|"}\n',
    '[pci]\ndevice_spec = {"trusted": "|"}\n',
    '[pci]\ndevice_spec = {"physical_network": |}\n',
    '[pci]\nalias = {"name": "gpu", "device_type": "|"}\n',
    '[pci]\nalias = {"name": "gpu"}\nalias = {"name": "|"}\n',
  ];
  for (const fx of fixtures) {
    const r = complete(fx);
    assert.ok(r.items.length > 0, `items at ${JSON.stringify(fx)}`);
    for (const it of r.items) {
      assert.ok(it.detail, `detail of ${it.label} at ${JSON.stringify(fx)}`);
      assert.ok(docText(it).length > 0, `documentation of ${it.label} at ${JSON.stringify(fx)}`);
    }
  }
});

test('device_spec tags in an empty object, with docs and since-release; one_time_use only from 2025.2', () => {
  const r = complete('[pci]\ndevice_spec = {|}\n', '2025.2');
  for (const t of ['vendor_id', 'product_id', 'address', 'devname', 'physical_network', 'remote_managed', 'trusted', 'resource_class', 'traits', 'managed', 'live_migratable', 'one_time_use']) {
    assert.ok(labels(r).includes(t), t);
  }
  assert.match(item(r, 'one_time_use').detail ?? '', /since 2025\.2/);
  assert.match(docText(item(r, 'physical_network')), /physical network/i);
  assert.equal(accept(r, item(r, 'vendor_id')), '[pci]\ndevice_spec = {"vendor_id": "$1"}\n');
  assert.ok(!labels(complete('[pci]\ndevice_spec = {|}\n', '2025.1')).includes('one_time_use'));
  assert.ok(labels(complete('[pci]\ndevice_spec = {|}\n', '2025.1')).includes('live_migratable'));
  assert.ok(!labels(complete('[pci]\ndevice_spec = {|}\n', '2024.2')).includes('live_migratable'));
});

test('keys already in the object are not offered again', () => {
  const r = complete('[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "10ed", |}\n');
  assert.ok(!labels(r).includes('vendor_id') && !labels(r).includes('product_id'));
  assert.ok(labels(r).includes('physical_network'));
  // Keys after the cursor count too.
  const r2 = complete('[pci]\ndevice_spec = {|, "address": "0000:0a:00.1"}\n');
  assert.ok(!labels(r2).includes('address'));
});

test('quoting of an inserted key depends on the quote the user typed', () => {
  const typedQuote = complete('[pci]\ndevice_spec = {"vendor_id": "8086", "phy|\n');
  assert.equal(accept(typedQuote, item(typedQuote, 'physical_network')), '[pci]\ndevice_spec = {"vendor_id": "8086", "physical_network": "$1"\n');
  const autoClosed = complete('[pci]\ndevice_spec = {"vendor_id": "8086", "phy|"}\n');
  assert.equal(accept(autoClosed, item(autoClosed, 'physical_network')), '[pci]\ndevice_spec = {"vendor_id": "8086", "physical_network": "$1"}\n');
  const bare = complete('[pci]\ndevice_spec = {"vendor_id": "8086", phy|}\n');
  assert.equal(accept(bare, item(bare, 'physical_network')), '[pci]\ndevice_spec = {"vendor_id": "8086", "physical_network": "$1"}\n');
  const withColon = complete('[pci]\ndevice_spec = {"vendor_id": "8086", "phy|": "physnet1"}\n');
  assert.equal(accept(withColon, item(withColon, 'physical_network')), '[pci]\ndevice_spec = {"vendor_id": "8086", "physical_network": "physnet1"}\n');
  const noComma = complete('[pci]\ndevice_spec = {"vendor_id": "8086" |}\n');
  assert.equal(accept(noComma, item(noComma, 'trusted')), '[pci]\ndevice_spec = {"vendor_id": "8086" , "trusted": "${1|true,false|}"}\n');
});

test('address sub-keys inside a regex address object', () => {
  const r = complete('[pci]\ndevice_spec = {"address": {"bus": "0a", |}}\n');
  assert.deepEqual(labels(r), ['domain', 'slot', 'function']);
  assert.match(docText(item(r, 'slot')), /not\*\* anchored at the end/);
});

test('device_spec values: "true"/"false" for boolean tags, null for physical_network', () => {
  const r = complete('[pci]\ndevice_spec = {"vendor_id": "8086", "trusted": "|"}\n');
  assert.deepEqual(labels(r), ['true', 'false']);
  assert.equal(accept(r, item(r, 'true')), '[pci]\ndevice_spec = {"vendor_id": "8086", "trusted": "true"}\n');
  const r2 = complete('[pci]\ndevice_spec = {"managed": |}\n');
  assert.equal(accept(r2, item(r2, 'false')), '[pci]\ndevice_spec = {"managed": "false"}\n');
  const r3 = complete('[pci]\ndevice_spec = {"physical_network": |}\n');
  assert.deepEqual(labels(r3), ['null']);
  assert.equal(accept(r3, item(r3, 'null')), '[pci]\ndevice_spec = {"physical_network": null}\n');
});

// --- alias JSON --------------------------------------------------------------

test('alias fields per release: live_migratable only from 2025.1, resource_class from 2023.1', () => {
  const at = (rel: Release) => labels(complete('[pci]\nalias = {"name": "gpu", |}\n', rel));
  assert.ok(!at('2024.2').includes('live_migratable'));
  assert.ok(at('2025.1').includes('live_migratable'));
  assert.ok(!at('2022.2').includes('resource_class'));
  assert.ok(at('2023.1').includes('resource_class'));
  assert.ok(!at('2026.1').includes('name'), 'already present');
  assert.ok(!at('2026.1').includes('physical_network'), 'a device_spec tag is not an alias field');
});

test('alias enums: exactly the three device types, the four NUMA policies, capability_type pci', () => {
  const dt = complete('[pci]\nalias = {"name": "nic", "device_type": "|"}\n');
  assert.deepEqual(labels(dt), ['type-PCI', 'type-PF', 'type-VF']);
  assert.equal(accept(dt, item(dt, 'type-VF')), '[pci]\nalias = {"name": "nic", "device_type": "type-VF"}\n');
  const np = complete('[pci]\nalias = {"name": "nic", "numa_policy": |}\n');
  assert.deepEqual(labels(np).sort(), ['legacy', 'preferred', 'required', 'socket']);
  assert.equal(accept(np, item(np, 'preferred')), '[pci]\nalias = {"name": "nic", "numa_policy": "preferred"}\n');
  assert.match(docText(item(np, 'legacy')), /default/i);
  assert.deepEqual(labels(complete('[pci]\nalias = {"name": "nic", "capability_type": "|"}\n')), ['pci']);
});

// --- PCI ids ---------------------------------------------------------------

test('vendor_id never suggests ids the database marks as wrong, and common passthrough vendors come first', () => {
  const db = bundledPciIds();
  assert.match(db.vendor('0128')?.name ?? '', /\(wrong ID\)/, 'the database does list wrong ids');
  assert.match(db.vendor('0059')?.name ?? '', /\(Wrong ID\)/);
  const empty = complete('[pci]\ndevice_spec = {"vendor_id": "|"}\n');
  assert.ok(empty.items.every((i) => !/wrong id/i.test(String(i.label))), JSON.stringify(labels(empty).slice(0, 10)));
  const ranked = [...empty.items].filter((i) => i.label !== '*').sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
  assert.deepEqual(ranked.slice(0, 4).map((i) => String(i.label).slice(0, 4)), ['8086', '10de', '15b3', '1002']);
  // A query matching many vendors: names starting with it first, wrong ids nowhere.
  const dell = complete('[pci]\ndevice_spec = {"vendor_id": "Dell|"}\n');
  assert.ok(dell.items.length > 0);
  assert.ok(dell.items.every((i) => !/wrong id/i.test(String(i.label))), JSON.stringify(labels(dell)));
  assert.match(String(dell.items[0].label), /— Dell/);
  // "Tiger Jet" has a wrong id (0059) and a right one (e159): only the right one.
  const tiger = complete('[pci]\ndevice_spec = {"vendor_id": "Tiger Jet|"}\n');
  assert.deepEqual(tiger.items.map((i) => String(i.label).slice(0, 4)), ['e159']);
  // An id prefix beats a name that merely contains the text: "10" puts 10xx ids before names with "10" inside.
  const ten = complete('[pci]\ndevice_spec = {"vendor_id": "10|"}\n');
  assert.ok(String(ten.items[0].label).startsWith('10de'), String(ten.items[0].label));
});

test('vendor_id by name or by id from the PCI ID database', () => {
  const byName = complete('[pci]\ndevice_spec = {"vendor_id": "Intel|');
  const intel = item(byName, '8086 — Intel Corporation');
  assert.equal(accept(byName, intel), '[pci]\ndevice_spec = {"vendor_id": "8086"');
  assert.equal(byName.items[0].label, '8086 — Intel Corporation', 'best match first');
  const byId = complete('[pci]\ndevice_spec = {"vendor_id": "8086|"}\n');
  assert.equal(accept(byId, item(byId, '8086 — Intel Corporation')), '[pci]\ndevice_spec = {"vendor_id": "8086"}\n');
});

test('product_id offers the chosen vendor\'s devices, filtered as the user types', () => {
  const r = complete('[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "X520|"}\n');
  const it = item(r, '154d — Ethernet 10G 2P X520 Adapter');
  assert.equal(accept(r, it), '[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "154d"}\n');
  assert.ok(r.items.every((i) => /X520|\*/i.test(String(i.label))), JSON.stringify(labels(r)));
  const r2 = complete('[pci]\ndevice_spec = {"product_id": "10f|", "vendor_id": "8086"}\n');
  assert.ok(labels(r2).includes('10fb — 82599ES 10-Gigabit SFI/SFP+ Network Connection'), 'vendor_id after the cursor counts');
});

test('long PCI id lists are capped and marked incomplete', () => {
  const r = complete('[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "|"}\n');
  const ids = r.items.filter((i) => i.label !== '*');
  assert.equal(ids.length, 50);
  assert.equal(r.isIncomplete, true);
  const small = complete('[pci]\ndevice_spec = {"vendor_id": "8086", "product_id": "X520-Q|"}\n');
  assert.equal(small.isIncomplete, false);
});

test('alias ids insert exactly four hex digits', () => {
  const r = complete('[pci]\nalias = {"name": "gpu", "vendor_id": "NVIDIA|"}\n');
  const it = r.items.find((i) => String(i.label).startsWith('10de'));
  assert.ok(it);
  assert.equal(accept(r, it), '[pci]\nalias = {"name": "gpu", "vendor_id": "10de"}\n');
  const p = complete('[pci]\nalias = {"name": "gpu", "vendor_id": "10de", "product_id": 25|}\n');
  const a16 = item(p, '25b6 — GA107GL [A2 / A16]');
  assert.equal(accept(p, a16), '[pci]\nalias = {"name": "gpu", "vendor_id": "10de", "product_id": "25b6"}\n', 'a bare number becomes a quoted id');
});

test('the PCI ID database is loaded only for vendor_id/product_id values', () => {
  let loads = 0;
  const s = createLanguageService({ pciIds: () => (loads++, bundledPciIds()) });
  const { text, position } = caret('[pci]\ndevice_spec = {"vendor_id": "8086", |}\nalias = {"name": "a", "device_type": "type-PF"}\n');
  const doc = s.parse(text, 'file:///lazy.conf', 1);
  s.diagnostics(doc);
  s.completion(doc, position);
  s.hover(doc, { line: 1, character: 17 });
  assert.equal(loads, 0);
  s.completion(doc, { line: 1, character: 30 });
  assert.equal(loads, 1);
});

// --- snippets ----------------------------------------------------------------

test('snippets for a whole entry at an empty value', () => {
  const r = complete('[pci]\ndevice_spec = |\n');
  assert.deepEqual(labels(r), ['device_spec by PCI address', 'device_spec by vendor and product', 'device_spec for SR-IOV (Neutron physical network)']);
  for (const it of r.items) {
    assert.equal(it.insertTextFormat, InsertTextFormat.Snippet);
    const body = (it.textEdit as TextEdit).newText;
    assert.ok(!body.includes('\n'), 'one line');
    const plain = body.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1');
    assert.equal(typeof JSON.parse(plain), 'object', `valid JSON: ${plain}`);
  }
  assert.match((item(r, 'device_spec for SR-IOV (Neutron physical network)').textEdit as TextEdit).newText, /"physical_network": "\$\{3:physnet1\}"/);
  const a = complete('[pci]\nalias = |');
  assert.deepEqual(labels(a), ['alias']);
  const body = (a.items[0].textEdit as TextEdit).newText.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1');
  assert.deepEqual(Object.keys(JSON.parse(body)), ['name', 'vendor_id', 'product_id', 'device_type']);
  // In a device_spec list, a new item slot gets the snippets too.
  assert.equal(complete('[pci]\ndevice_spec = [{"address": "0000:0a:00.1"}, |]\n').items.length, 3);
});

// --- unfinished, multi-line, CRLF, end of value ------------------------------

test('unfinished JSON while typing: value of vendor_id with partial 80', () => {
  const r = complete('[pci]\ndevice_spec = {"vendor_id": "80|');
  assert.ok(labels(r).includes('8086 — Intel Corporation'));
  const e = item(r, '8086 — Intel Corporation').textEdit as TextEdit;
  assert.deepEqual(e.range, { start: { line: 1, character: 29 }, end: { line: 1, character: 31 } }, 'exactly the typed "80"');
  assert.ok(labels(complete('[pci]\ndevice_spec = {"vendor_id": "8086", |')).includes('product_id'));
  assert.ok(labels(complete('[pci]\ndevice_spec = {|')).includes('address'));
});

test('multi-line values: keys on continuation lines, and on a new indented blank line', () => {
  const fx = '[pci]\ndevice_spec = {\n    "vendor_id": "8086",\n    "tru|\n    }\n';
  const r = complete(fx);
  assert.ok(!labels(r).includes('vendor_id'));
  assert.equal(accept(r, item(r, 'trusted')), '[pci]\ndevice_spec = {\n    "vendor_id": "8086",\n    "trusted": "${1|true,false|}"\n    }\n');
  const blank = complete('[pci]\ndevice_spec = {\n    "vendor_id": "8086",\n    |\n');
  assert.ok(labels(blank).includes('product_id') && !labels(blank).includes('vendor_id'));
  const val = complete('[pci]\ndevice_spec = {"vendor_id": "8086",\n    "product_id": "154|"}\n');
  assert.equal(accept(val, item(val, '154d — Ethernet 10G 2P X520 Adapter')), '[pci]\ndevice_spec = {"vendor_id": "8086",\n    "product_id": "154d"}\n');
});

test('CRLF files give the same ranges', () => {
  const r = complete('[pci]\r\ndevice_spec = {\r\n    "vendor_id": "8086",\r\n    "product_id": "154|"\r\n    }\r\n');
  const it = item(r, '154d — Ethernet 10G 2P X520 Adapter');
  assert.equal(accept(r, it), '[pci]\r\ndevice_spec = {\r\n    "vendor_id": "8086",\r\n    "product_id": "154d"\r\n    }\r\n');
  const k = complete('[pci]\r\nalias = {"name": "x", "device_type": "|"}\r\n');
  assert.deepEqual(labels(k), ['type-PCI', 'type-PF', 'type-VF']);
  assert.equal(accept(k, item(k, 'type-PF')), '[pci]\r\nalias = {"name": "x", "device_type": "type-PF"}\r\n');
  const sec = complete('[DEFAULT]\r\n[pc|\r\n');
  assert.equal(accept(sec, item(sec, 'pci')), '[DEFAULT]\r\n[pci]\r\n');
});

test('at the very end of a value and of the file', () => {
  const r = complete('[pci]\nalias = {"name": "x", "numa_policy": "req|');
  assert.equal(accept(r, item(r, 'required')), '[pci]\nalias = {"name": "x", "numa_policy": "required"');
  assert.equal(complete('[pci]\ndevice_spec = {"vendor_id": "8086"}|\n').items.length, 0, 'after the closing brace nothing fits');
  const trailing = complete('[pci]\nreport_in_placement = |');
  assert.deepEqual(labels(trailing), ['true', 'false']);
});

// --- the example file ----------------------------------------------------------

const EXAMPLE = readFileSync(join(ROOT, 'examples', 'nova.conf'), 'utf8');

test('examples/nova.conf: inside the empty {} of device_spec, the tags with docs', () => {
  const lines = EXAMPLE.split('\n');
  const line = lines.findIndex((l) => l === 'device_spec = {}');
  assert.ok(line > 0);
  const s = service();
  const doc = s.parse(EXAMPLE, 'file:///examples/nova.conf', 1);
  const r = s.completion(doc, { line, character: 'device_spec = {'.length });
  for (const t of ['vendor_id', 'product_id', 'address', 'physical_network']) {
    const it = r.items.find((i) => i.label === t);
    assert.ok(it, t);
    assert.ok(docText(it).length > 40, `${t} has docs`);
  }
  // Inside "device_type": "  of the first alias: exactly the three types.
  const aliasLine = lines.findIndex((l) => l.startsWith('alias = {"name": "a16"'));
  const col = lines[aliasLine].indexOf('"device_type": "') + '"device_type": "'.length;
  const dt = s.completion(doc, { line: aliasLine, character: col });
  assert.deepEqual(dt.items.map((i) => i.label), ['type-PCI', 'type-PF', 'type-VF']);
});

test('examples/nova.conf: every position answers without throwing, and edits stay on the cursor\'s word', () => {
  const s = service();
  const doc = s.parse(EXAMPLE, 'file:///examples/nova.conf', 1);
  const lines = EXAMPLE.split('\n');
  for (let line = 0; line < lines.length; line++) {
    for (let character = 0; character <= lines[line].length; character++) {
      const r = s.completion(doc, { line, character });
      s.hover(doc, { line, character });
      for (const it of r.items) {
        const e = it.textEdit as TextEdit;
        assert.equal(e.range.start.line, line);
        assert.equal(e.range.end.line, line);
        assert.ok(e.range.start.character <= character && character <= e.range.end.character, `${line}:${character} ${JSON.stringify(e.range)}`);
      }
    }
  }
});

test('completion on a 5,000-line file reuses the cached parse', () => {
  const parts: string[] = ['[DEFAULT]'];
  for (let i = 0; parts.length < 4990; i++) parts.push(`# filler ${i}`, `my_ip = 192.0.2.${i % 250}`);
  parts.push('[pci]', 'device_spec = {"vendor_id": "8086", }', '');
  const text = parts.join('\n');
  const s = service();
  const doc = s.parse(text, 'file:///big.conf', 7);
  const line = parts.length - 2;
  const r = s.completion(doc, { line, character: 'device_spec = {"vendor_id": "8086", '.length });
  assert.ok(r.items.some((i) => i.label === 'product_id'));
  assert.equal(s.parse(text, 'file:///big.conf', 7), doc, 'same object for the same uri and version');
  assert.notEqual(s.parse(text + '\n', 'file:///big.conf', 8), doc, 'a new version is parsed again');
});

test('bad input never throws', () => {
  const s = service();
  const inputs = ['', '[', ']', '[pci', '[pci]\n=', '[pci]\ndevice_spec', '[pci]\ndevice_spec = {{{{', '[pci]\ndevice_spec = [[[', '[pci]\nalias = "\\', '\uFEFF[pci]\n device_spec = }', '[pci]\ndevice_spec = {"a": NaN, \'b\': True}\n', '[pci]\ndevice_spec = $x{"vendor_id": "$$"}'];
  for (const text of inputs) {
    const doc = s.parse(text, `file:///bad/${n++}`, 1);
    const lines = text.split('\n');
    for (let line = 0; line <= lines.length; line++) {
      for (let character = 0; character <= (lines[line]?.length ?? 0) + 1; character++) {
        s.completion(doc, { line, character });
        s.hover(doc, { line, character });
      }
    }
  }
});

/**
 * LSP: "the range of the edit must be a single line range and it must contain the position at which completion has
 * been requested". Checked at the end of every line of the real-world configs, as written and after typing one of
 * the trigger characters there (space, quote, colon): trailing whitespace after a value and lists continued over
 * lines gave edits that ended before the cursor or spanned two lines.
 *
 * Every line end of every file is asked about, for each of the four suffixes; what is parsed is chosen so that the
 * test is linear in a file's lines (parsing the whole file again for each line and suffix took ~270 s of `npm test`,
 * almost all of it on the seven 3,500-6,500-line sample configs, which are ~75% comment and ~20% blank lines):
 * - as written (no suffix): one parse of the file, asked at every line end (the same text every time);
 * - lines that set something, section headers, continuation lines, indented and directive (`nova-conf`) lines: the
 *   file with that one line typed on, one parse each, as before;
 * - comment lines (`#` or `;` at column 0) and empty lines: one document per suffix with the suffix typed on all of
 *   them at once. oslo.config decides a line's kind by its first character and a value continues only over indented
 *   lines, so typing at the end of such a line changes no other line's reading: a comment stays a comment, an empty
 *   line becomes a blank one (space) or a new key line (quote, colon) that ends what an empty line ended. The test
 *   checks that this holds in each batched document (the same release and sections, every entry of the file read
 *   exactly as before, new entries only on the typed lines) and, on every 128th batched line, that the one-line
 *   document gives the same completion list.
 */
test('every completion edit is one line long and contains the cursor (real-world configs, end of each line)', { skip: !HAVE_SHARED && 'shared/data not found beside the repository' }, () => {
  const dir = join(SHARED, 'data', 'real-world');
  const s = service();
  let asked = 0;
  let seen = 0;
  let batched = 0;
  let compared = 0;
  let version = 0;
  const check = (f: string, li: number, typed: string, position: Position, list: CompletionList) => {
    asked++;
    for (const it of list.items) {
      const r = (it.textEdit as TextEdit).range;
      seen++;
      assert.ok(
        r.start.line === li && r.end.line === li && r.start.character <= position.character && r.end.character >= position.character,
        `${f}:${li + 1} after typing ${JSON.stringify(typed)}: "${it.label}" edits ${JSON.stringify(r)}`,
      );
    }
  };
  /** How the document reads outside the `typed` lines: release, sections, and every other entry by line and text. */
  const reading = (doc: ReturnType<typeof s.parse>, typed: Set<number>) => {
    const line = (o: number) => doc.positionAt(o).line;
    const at = (sp: { start: number; end: number }) => [doc.positionAt(sp.start), doc.positionAt(sp.end)];
    const entries = doc.ini.entries
      .filter((e) => !typed.has(line(e.keySpan.start)))
      .map((e) => JSON.stringify([e.section?.name, e.key, at(e.keySpan), at(e.sepSpan), e.lines.map(at), e.quoted, e.raw, e.value, at(e.span)]));
    const sections = doc.ini.sections.map((x) => JSON.stringify([x.raw, at(x.header)]));
    return { release: doc.release, services: [...(doc.roles.services ?? [])].sort(), jinja: doc.jinja !== undefined, sections, entries };
  };
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.conf'))) {
    const uri = `file:///rw/${f}`;
    const lines = readFileSync(join(dir, f), 'utf8').split(/\r?\n/);
    const text = lines.join('\n');
    // Line ends in `text` (where a suffix is typed).
    const ends: number[] = [];
    for (let li = 0, o = 0; li < lines.length; o += lines[li].length + 1, li++) ends.push(o + lines[li].length);
    const base = s.parse(text, uri, version++);
    for (let li = 0; li < lines.length; li++) {
      const position = { line: li, character: lines[li].length };
      check(f, li, '', position, s.completion(base, position));
    }
    const batch = new Set<number>();
    lines.forEach((l, li) => {
      if (l === '' || (/^[#;]/.test(l) && !/nova-conf/i.test(l))) batch.add(li);
    });
    const before = reading(base, new Set());
    for (const typed of [' ', '"', ':']) {
      // One edit: the text up to the line's end, the character, the rest (a string concatenation, not a new join).
      const one = (li: number) => s.parse(text.slice(0, ends[li]) + typed + text.slice(ends[li]), uri, version++);
      for (let li = 0; li < lines.length; li++) {
        if (batch.has(li)) continue;
        const position = { line: li, character: lines[li].length + 1 };
        check(f, li, typed, position, s.completion(one(li), position));
      }
      if (batch.size === 0) continue;
      const all = lines.map((l, li) => (batch.has(li) ? l + typed : l)).join('\n');
      const doc = s.parse(all, uri, version++);
      const after = reading(doc, batch);
      assert.deepEqual({ ...after, entries: undefined }, { ...before, entries: undefined }, `${f}, ${JSON.stringify(typed)} on every comment and empty line: release and sections unchanged`);
      assert.deepEqual(after.entries, before.entries, `${f}, ${JSON.stringify(typed)} on every comment and empty line: every other entry read as before`);
      if (typed === ' ') assert.equal(doc.ini.entries.length, base.ini.entries.length, `${f}: a space on an empty line starts no entry`);
      let k = 0;
      for (const li of batch) {
        const position = { line: li, character: lines[li].length + 1 };
        const list = s.completion(doc, position);
        check(f, li, typed, position, list);
        batched++;
        if (k++ % 128 === 0) {
          // The batched document answers as the file with only this line typed on.
          assert.deepEqual(list, s.completion(one(li), position), `${f}:${li + 1} after typing ${JSON.stringify(typed)}: the same list as with only this line typed`);
          compared++;
        }
      }
    }
  }
  process.stdout.write(`# ${asked} line ends asked (${batched} in batched documents, ${compared} of them compared with the one-line document), ${seen} items\n`);
  assert.ok(asked > 10000 && seen > 10000, `${asked} requests, ${seen} items`);
});

test('after a complete value, in the whitespace ending its line, nothing is offered; after a list comma, the next items', () => {
  assert.deepEqual(labels(complete('[DEFAULT]\ndebug = true |')), []);
  assert.deepEqual(labels(complete('[libvirt]\ncpu_mode = custom |')), []);
  assert.deepEqual(labels(complete('[DEFAULT]\ndebug = |')), ['true', 'false']);
  const next = complete('[filter_scheduler]\nenabled_filters = ComputeFilter, |');
  assert.ok(labels(next).includes('PciPassthroughFilter'));
  assert.equal(accept(next, item(next, 'PciPassthroughFilter')), '[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter');
});

test('a list continued over lines: the item edit stays on the cursor line', () => {
  const r = complete('[filter_scheduler]\nenabled_filters = ComputeFilter,\n  PciPass|');
  assert.equal(accept(r, item(r, 'PciPassthroughFilter')), '[filter_scheduler]\nenabled_filters = ComputeFilter,\n  PciPassthroughFilter');
});

/** Completion sent because a trigger character was typed (the adapter passes LSP's `context.triggerCharacter`). */
function typed(fixture: string, trigger: string): string[] {
  const { text, position } = caret(fixture);
  const s = service();
  return labels(s.completion(s.parse(text, `file:///c/${n++}.conf`, 1), position, { triggerCharacter: trigger }));
}

test('a typed space opens suggestions only where it starts something: after =, a list comma, a JSON colon or comma', () => {
  assert.deepEqual(typed('[DEFAULT]\ndebug = |', ' '), ['true', 'false']);
  assert.ok(typed('[filter_scheduler]\nenabled_filters = ComputeFilter, |', ' ').includes('PciPassthroughFilter'));
  assert.ok(typed('[pci]\ndevice_spec = {"vendor_id": "10de", |', ' ').includes('product_id'));
  assert.deepEqual(typed('[pci]\nalias = {"device_type": |', ' '), ['type-PCI', 'type-PF', 'type-VF']);
  assert.deepEqual(typed('[pci |', ' '), [], 'a space inside a section name');
  assert.deepEqual(typed('[pci]\nalias = {"name": "gpu", "device_type": "type-PCI" |', ' '), [], 'a space after a JSON value');
  // Asked for explicitly, the same place offers the next key with its comma.
  assert.ok(labels(complete('[pci]\nalias = {"name": "gpu", "device_type": "type-PCI" |')).includes('vendor_id'));
});

test('a typed quote opens suggestions when it opens a string, not when it closes a value', () => {
  assert.ok(typed('[pci]\ndevice_spec = {"|', '"').includes('vendor_id'));
  assert.ok(typed('[pci]\ndevice_spec = {"vendor_id": "|', '"').length > 0);
  assert.deepEqual(typed('[pci]\ndevice_spec = {"vendor_id": "10de"|', '"'), []);
  const asked = complete('[pci]\ndevice_spec = {"vendor_id": "10de"|');
  assert.equal(accept(asked, item(asked, 'product_id')).split('\n')[1].startsWith('device_spec = {"vendor_id": "10de", "product_id": "'), true);
});

// Option-name lists for a client with item defaults and resolveSupport (VS Code) are kept between requests
// (docs/performance.md, Round 12): what a request offers must still follow the document and the cursor.
const KEPT = { resolveDocumentation: true, itemDefaults: ['editRange', 'data'] } as const;

test('kept option-name lists: each request leaves out what is set in that version, except the entry under the cursor', () => {
  const s = service('2026.1');
  const at = (text: string, line: number, version: number) => {
    const doc = s.parse(text, 'file:///c/kept.conf', version);
    return labels(s.completion(doc, { line, character: 1 }, KEPT));
  };
  const two = '[DEFAULT]\nmy_ip = 10.0.0.1\nhost = h1\n';
  // On one version: the cursor on my_ip offers my_ip (it is the key being edited) but not host, and the other way round.
  const v1 = s.parse(two, 'file:///c/kept.conf', 1);
  for (let k = 0; k < 2; k++) {
    const onIp = labels(s.completion(v1, { line: 1, character: 1 }, KEPT));
    const onHost = labels(s.completion(v1, { line: 2, character: 1 }, KEPT));
    assert.ok(onIp.includes('my_ip') && !onIp.includes('host'), `round ${k}: on my_ip`);
    assert.ok(onHost.includes('host') && !onHost.includes('my_ip'), `round ${k}: on host`);
  }
  // Later versions: an option set since is left out, and offered again once removed.
  const withState = at(`${two}state_path = /var/lib/nova\n`, 1, 2);
  assert.ok(!withState.includes('state_path'));
  const without = at(two, 1, 3);
  assert.ok(without.includes('state_path'));
  assert.deepEqual(without, at(two, 1, 4), 'the same list for the same text');
  // The kept list cannot be changed by a caller.
  const list = s.completion(s.parse(two, 'file:///c/kept.conf', 5), { line: 1, character: 1 }, KEPT);
  assert.throws(() => (list.items as CompletionItem[]).push({ label: 'x' }));
});

test('resolve: each option gets its own documentation, the same each time it is resolved', () => {
  const s = service('2026.1');
  const doc = s.parse('[DEFAULT]\nm\n', 'file:///c/resolve-kept.conf', 1);
  const list = s.completion(doc, { line: 1, character: 1 }, KEPT);
  const resolve = (label: string) => {
    const it = item(list, label);
    const r = s.resolveCompletion({ ...it, data: it.data ?? list.itemDefaults?.data });
    const d = r.documentation as { value: string } | undefined;
    assert.ok(d, `${label} has documentation`);
    return d.value;
  };
  const ip = resolve('my_ip');
  const host = resolve('host');
  assert.match(ip, /\*\*\[DEFAULT\] my_ip\*\*/);
  assert.match(host, /\*\*\[DEFAULT\] host\*\*/);
  assert.equal(resolve('my_ip'), ip);
  assert.equal(resolve('host'), host);
});
