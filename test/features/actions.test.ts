/** Code actions as a user sees them: titles, which one is preferred, and the text after applying them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-types';
import { service } from '../helpers';
import { fixAll } from '../../server/src/service/fix-all';
import { DEFAULT_SETTINGS } from '../../server/src/service/index';

const URI = 'file:///t/nova.conf';

function actionsFor(text: string, code: string, only?: string[]) {
  const s = service();
  const doc = s.parse(text, URI, 1);
  const d = s.diagnostics(doc).find((x) => x.code === code);
  assert.ok(d, `no ${code} in ${JSON.stringify(s.diagnostics(doc).map((x) => x.code))}`);
  return s.codeActions(doc, d.range, { diagnostics: [d], only });
}

function apply(text: string, a: CodeAction): string {
  return TextDocument.applyEdits(TextDocument.create(URI, 'nova-conf', 1, text), a.edit!.changes![URI]);
}

function fixes(text: string, code: string) {
  return actionsFor(text, code).filter((a) => !a.title.startsWith('Disable'));
}

function preferred(text: string, code: string): string {
  const p = fixes(text, code).filter((a) => a.isPreferred);
  assert.equal(p.length, 1, `one preferred fix for ${code}: ${JSON.stringify(fixes(text, code).map((a) => a.title))}`);
  return apply(text, p[0]);
}

const F = '\n[filter_scheduler]\nenabled_filters = ComputeFilter, PciPassthroughFilter\n';

test('JSON: single quotes, Python literals, trailing comma, unquoted key', () => {
  assert.equal(preferred(`[pci]\ndevice_spec = {'vendor_id': '8086'}${F}`, 'json-invalid'), `[pci]\ndevice_spec = {"vendor_id": "8086"}${F}`);
  const one = fixes(`[pci]\ndevice_spec = {'vendor_id': '8086'}${F}`, 'json-invalid').find((a) => !a.isPreferred)!;
  assert.equal(apply(`[pci]\ndevice_spec = {'vendor_id': '8086'}${F}`, one), `[pci]\ndevice_spec = {"vendor_id": '8086'}${F}`, 'the token-only action');
  assert.equal(preferred(`[pci]\nalias = {"name": "a", "vendor_id": "8086", "product_id": "154d", "device_type": None}${F}`, 'json-invalid'), `[pci]\nalias = {"name": "a", "vendor_id": "8086", "product_id": "154d", "device_type": null}${F}`);
  assert.equal(preferred(`[pci]\ndevice_spec = {"vendor_id": "8086",\n    }${F}`, 'json-invalid'), `[pci]\ndevice_spec = {"vendor_id": "8086"\n    }${F}`);
  assert.equal(preferred(`[pci]\ndevice_spec = {vendor_id: "8086"}${F}`, 'json-invalid'), `[pci]\ndevice_spec = {"vendor_id": "8086"}${F}`);
});

test('JSON: an inline comment moves to its own line; a closing bracket at column 0 gets indented (CRLF kept)', () => {
  assert.equal(preferred(`[pci]\ndevice_spec = {"vendor_id": "8086"}  # NICs${F}`, 'json-invalid'), `[pci]\n# NICs\ndevice_spec = {"vendor_id": "8086"}${F}`);
  const crlf = '[pci]\r\nalias = {"name": "a",\r\n   "vendor_id": "8086", "product_id": "154d", "device_type": "type-PF"\r\n}\r\n[filter_scheduler]\r\nenabled_filters = PciPassthroughFilter\r\n';
  assert.equal(preferred(crlf, 'ini-no-separator'), crlf.replace('\r\n}', '\r\n   }'));
});

test('ids, enums and did-you-mean', () => {
  assert.equal(preferred(`[pci]\nalias = {"name": "n", "vendor_id": "0x8086", "product_id": "154d"}${F}`, 'alias-bad-id'), `[pci]\nalias = {"name": "n", "vendor_id": "8086", "product_id": "154d"}${F}`);
  assert.equal(preferred(`[pci]\nalias = {"name": "n", "vendor_id": "8086", "product_id": "154d", "numa_policy": "prefered"}${F}`, 'alias-bad-numa-policy'), `[pci]\nalias = {"name": "n", "vendor_id": "8086", "product_id": "154d", "numa_policy": "preferred"}${F}`);
  assert.equal(preferred(`[pci]\nalias = {"name": "n", "vendor_id": "8086", "product_id": "154d", "device_type": "type-pf"}${F}`, 'alias-bad-device-type'), `[pci]\nalias = {"name": "n", "vendor_id": "8086", "product_id": "154d", "device_type": "type-PF"}${F}`);
  assert.equal(preferred(`[pci]\ndevice_spec = {"vendor_id": "8086", "physical_netwrok": "p1"}${F}`, 'device-spec-unknown-tag'), `[pci]\ndevice_spec = {"vendor_id": "8086", "physical_network": "p1"}${F}`);
  const opts = fixes('[libvirt]\ncpu_modle = host-model\n', 'unknown-option');
  // "cpu_models = host-model" would be a new Error (cpu-models-without-custom-mode: cpu_models needs cpu_mode = custom),
  // so that candidate fails verification and is not offered.
  assert.deepEqual(opts.map((a) => [a.title, Boolean(a.isPreferred)]), [['Change "cpu_modle" to "cpu_mode"', true]]);
  assert.equal(preferred('[filter_schedular]\nmax_io_ops_per_host = 8\n', 'unknown-group'), '[filter_scheduler]\nmax_io_ops_per_host = 8\n');
});

test('deprecated names: rename in place, or move the whole entry into [pci] (created when missing)', () => {
  assert.equal(preferred(`[pci]\npassthrough_whitelist = {"vendor_id": "8086"}${F}`, 'deprecated-option'), `[pci]\ndevice_spec = {"vendor_id": "8086"}${F}`);
  const text = '[DEFAULT]\ndebug = true\npci_passthrough_whitelist = [{"vendor_id": "8086"},\n    {"vendor_id": "15b3"}]\nhost = c1\n';
  assert.equal(preferred(text, 'deprecated-option'), '[DEFAULT]\ndebug = true\nhost = c1\n\n[pci]\ndevice_spec = [{"vendor_id": "8086"},\n    {"vendor_id": "15b3"}]\n');
  assert.equal(preferred('[DEFAULT]\npci_in_placement = false\n[filter_scheduler]\nenabled_filters = ComputeFilter\n', 'option-wrong-group'), '[DEFAULT]\n[filter_scheduler]\nenabled_filters = ComputeFilter\npci_in_placement = false\n');
});

test('scheduler filters: add PciPassthroughFilter, write the default list when unset, remove AvailabilityZoneFilter', () => {
  const alias = '[pci]\nalias = {"name": "g", "vendor_id": "10de", "product_id": "1db4", "device_type": "type-PCI"}\n';
  assert.equal(preferred(`${alias}[filter_scheduler]\nenabled_filters = ComputeFilter,ImagePropertiesFilter\n`, 'pci-filter-not-enabled'), `${alias}[filter_scheduler]\nenabled_filters = ComputeFilter,ImagePropertiesFilter,PciPassthroughFilter\n`);
  const unset = preferred(alias, 'pci-filter-not-enabled');
  assert.match(unset, /\n\[filter_scheduler\]\nenabled_filters = ComputeFilter, .*, PciPassthroughFilter\n$/);
  assert.equal(preferred(`${alias}[filter_scheduler]\nenabled_filters = AvailabilityZoneFilter, PciPassthroughFilter\n`, 'filter-removed'), `${alias}[filter_scheduler]\nenabled_filters = PciPassthroughFilter\n`);
});

test('values: booleans offer true and false with neither preferred; placement devname is removed; duplicate aliases get a device_type', () => {
  const b = fixes('[pci]\nreport_in_placement = maybe\n', 'invalid-value');
  assert.deepEqual(b.map((a) => [a.title, Boolean(a.isPreferred)]), [['Set report_in_placement to true', false], ['Set report_in_placement to false', false]]);
  const dn = fixes(`[pci]\nreport_in_placement = true\ndevice_spec = {"devname": "eth0", "vendor_id": "8086"}${F}`, 'placement-devname');
  assert.equal(dn.length, 1);
  assert.equal(apply(`[pci]\nreport_in_placement = true\ndevice_spec = {"devname": "eth0", "vendor_id": "8086"}${F}`, dn[0]), `[pci]\nreport_in_placement = true\ndevice_spec = {"vendor_id": "8086"}${F}`);
  const dup = `[pci]\nalias = {"name": "n", "vendor_id": "8086", "product_id": "1572"}\nalias = {"name": "n", "vendor_id": "8086", "product_id": "1583", "device_type": "type-PF"}${F}`;
  assert.equal(preferred(dup, 'alias-duplicate-mismatch'), dup.replace('"1572"}', '"1572", "device_type": "type-PF"}'));
});

test('every diagnostic can be disabled for its line or for the file', () => {
  const text = '# my nova.conf\n# managed by hand\n[pci]\nalias = {"name": "n", "vendor_id": "0x8086", "product_id": "154d"}\n';
  const acts = actionsFor(text, 'alias-bad-id');
  const line = acts.find((a) => a.title === 'Disable alias-bad-id for this line')!;
  const file = acts.find((a) => a.title === 'Disable alias-bad-id for this file')!;
  assert.ok(line && file && !line.isPreferred && !file.isPreferred);
  assert.equal(apply(text, line), text.replace('alias =', '# nova-conf: disable-next-line alias-bad-id\nalias ='));
  assert.equal(apply(text, file), text.replace('[pci]', '# nova-conf: disable-file alias-bad-id\n[pci]'));
});

test('source.fixAll applies every preferred fix at once; quick fixes are not returned for it', () => {
  const text = `[pci]\r\ndevice_spec = {'vendor_id': '8086', "trusted": True,}\r\nalias = {"name": "n", "vendor_id": "0x8086", "product_id": "154d", "device_type": "type-pf"}\r\n`;
  const acts = actionsFor(text, 'json-invalid', ['source.fixAll']);
  assert.equal(acts.length, 1);
  assert.equal(acts[0].kind, 'source.fixAll.nova-conf');
  const out = apply(text, acts[0]);
  assert.equal(out, '[pci]\r\ndevice_spec = {"vendor_id": "8086", "trusted": "true"}\r\nalias = {"name": "n", "vendor_id": "8086", "product_id": "154d", "device_type": "type-PF"}\r\n\r\n[filter_scheduler]\r\nenabled_filters = ComputeFilter, ComputeCapabilitiesFilter, ImagePropertiesFilter, ServerGroupAntiAffinityFilter, ServerGroupAffinityFilter, PciPassthroughFilter\r\n');
  assert.equal(fixAll(out, DEFAULT_SETTINGS).fixes.length, 0, 'nothing left to fix');
});

test('a stale or foreign diagnostic gets no action, and garbage does not throw', () => {
  const s = service();
  const doc = s.parse('[pci]\nalias = {"name": "n", "vendor_id": "0x8086"}\n', URI, 1);
  const stale = { range: { start: { line: 1, character: 3 }, end: { line: 1, character: 9 } }, code: 'alias-bad-id', source: 'nova-conf', message: 'x', data: { rule: 'alias-bad-id', replacement: '"8086"' } };
  assert.deepEqual(s.codeActions(doc, stale.range, { diagnostics: [stale] }), []);
  const foreign = { ...stale, source: 'other' };
  assert.deepEqual(s.codeActions(doc, stale.range, { diagnostics: [foreign] }), []);
  const bad = { range: { start: { line: 99, character: -4 }, end: { line: -1, character: 1e9 } }, code: 'json-invalid', source: 'nova-conf', message: 'x', data: { rule: 'json-invalid', valueStart: 'x' } };
  assert.doesNotThrow(() => s.codeActions(doc, bad.range, { diagnostics: [bad], only: ['quickfix', 'source.fixAll'] }));
});
