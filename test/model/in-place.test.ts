/**
 * device_spec / alias values are read in place in the document (model/json-value.ts, readPyValue's `lines`): no
 * joined copy of a value of several lines is made. The model must be exactly the one the joined value gives, its
 * spans must still lead to the right document text, and values whose line gaps are not JSON whitespace (a form feed
 * oslo.config strips as space) or that were substituted must still be read as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/service/document';
import { DEFAULT_RELEASE } from '../../server/src/service/releases';
import { type PyValue, keysOf, readPyValue, valueOf } from '../../server/src/service/model/py';
import { keySpanOf, dictItems, itemKey } from '../../server/src/service/model/pci';
import { lint } from '../helpers';

const parse = (text: string) => parseDocument(text, 'file:///t/nova.conf', 1, DEFAULT_RELEASE);

function project(v: PyValue | undefined): unknown {
  if (!v) return v;
  const at = { type: v.type, start: v.start, end: v.end };
  switch (v.type) {
    case 'array':
      return { ...at, items: v.items.map(project) };
    case 'object':
      return { ...at, keys: keysOf(v).map((k) => ({ name: k.name, start: k.start, end: k.end, vs: k.vs, ve: k.ve, value: project(valueOf(k)) })) };
    case 'number':
      return { ...at, value: String(v.value), raw: v.raw };
    default:
      return { ...at, value: v.value };
  }
}

const VALUES = [
  '{"vendor_id": "8086", "product_id": "1572"}',
  '[\n    {"vendor_id": "8086",\n     "product_id": "1572"},\n    {"address": "0000:0a:00.1", "physical_network": null}\n    ]',
  '{"vendor_id": "8086",   \n\t"product_id": "1572",\n  "numa": [1, 2.5e3,\n   -0, true, false, NaN]}',
  '\n  {"name": "a",\n   "vendor_id": "10de"}',
  '{"a"\n  : 1,\n  "b":\n  {"c": [\n  ]\n  }}',
  '{"name": "a\\u00e9\\n", "long": "0123456789012345678901234567890123456789"}',
  // Invalid: a string that runs into the next line, a number split by a line break, a missing comma at a line end.
  '{"name": "a\n  b"}',
  '[12\n  34]',
  '{"a": 1\n  "b": 2}',
  '{"a": tru',
  '[1, 2',
];

for (const eol of ['\n', '\r\n']) {
  test(`values read in place give the model the joined value gives (${eol === '\n' ? 'LF' : 'CRLF'}): values, spans, verdicts`, () => {
    const text = `[pci]\n${VALUES.map((v, i) => `${i % 2 ? 'alias' : 'device_spec'} = ${v}`).join('\n')}\n`.replace(/\n/g, eol);
    const doc = parse(text);
    const jvs = [...doc.deviceSpecs, ...doc.aliases];
    assert.equal(jvs.length, VALUES.length);
    for (const jv of jvs) {
      const joined = readPyValue(jv.entry.value);
      assert.deepEqual(project(jv.py), project(joined), jv.entry.value);
      assert.equal(jv.valid, joined !== undefined, jv.entry.value);
    }
    // The value is still the lines joined with "\n" (what Nova reads), asked for after the open.
    const multi = jvs.find((jv) => jv.entry.lines.length === 4)!;
    assert.equal(multi.entry.value, multi.entry.lines.map((l) => text.slice(l.start, l.end)).join('\n'));
  });
}

test('a key on the fourth line of a CRLF value: its document span is the quoted key', () => {
  const text = '[pci]\r\ndevice_spec = [\r\n    {"vendor_id": "8086",\r\n     "product_id": "1572"},\r\n    {"address": "0000:0a:00.1"}\r\n    ]\r\n';
  const doc = parse(text);
  const [jv] = doc.deviceSpecs;
  const items = dictItems(jv);
  const k = keySpanOf(jv, itemKey(items[1], 'address')!);
  assert.equal(text.slice(k.start, k.end), '"address"');
  const p = keySpanOf(jv, itemKey(items[0], 'product_id')!);
  assert.equal(text.slice(p.start, p.end), '"product_id"');
});

test('a diagnostic on a later line of a value points at its text, with LF, CRLF and tab indentation', () => {
  for (const [eol, indent] of [['\n', '    '], ['\r\n', '    '], ['\n', '\t']]) {
    const text = `[pci]${eol}alias = {"name": "gpu",${eol}${indent}"vendor_id": "10de", "product_id": "1eb8",${eol}${indent}"device_type": "type-XYZ"}${eol}`;
    const d = lint(text).find((x) => x.code === 'alias-bad-device-type');
    assert.ok(d, `${JSON.stringify(eol)} ${JSON.stringify(indent)}: ${lint(text).map((x) => x.code).join(',')}`);
    assert.equal(d.range.start.line, 3);
    const line = text.split(eol)[3];
    assert.equal(line.slice(d.range.start.character, d.range.end.character), '"type-XYZ"');
  }
});

test('values that cannot be read in place are read from their joined text: a form feed between lines, a substituted value, a quoted first line', () => {
  // oslo.config strips \f as whitespace at a line end; JSON does not allow it, but the joined value never sees it.
  const ff = '[pci]\nalias = {"name": "gpu",\f\n    "vendor_id": "10de"}\n';
  const [a] = parse(ff).aliases;
  assert.equal(a.valid, true);
  assert.deepEqual(project(a.py), project(readPyValue('{"name": "gpu",\n"vendor_id": "10de"}')));
  // A value with $name is substituted first; the model is read from the substituted value.
  const sub = '[DEFAULT]\nhost = h1\n[pci]\nalias = {"name": "$host", "vendor_id": "10de"}\n';
  const [s] = parse(sub).aliases;
  assert.equal(s.valid, true);
  assert.equal(s.entry.value, '{"name": "h1", "vendor_id": "10de"}');
  // A quoted first line keeps its quotes when more lines follow: invalid JSON, as Nova reads it.
  const q = '[pci]\nalias = "{"name": "gpu",\n    "vendor_id": "10de"}"\n';
  const [qv] = parse(q).aliases;
  assert.equal(qv.valid, false);
});

test('dict entries far from their dict\'s start, with long keys, wide gaps and long values: every key span is its quoted key', () => {
  // Keys past 8 K characters from the `{` (a heap number), keys of 64+ characters and gaps of 8+ (a tuple).
  const keys = Array.from({ length: 1500 }, (_, i) => (i % 97 === 5 ? `k${i}_${'x'.repeat(70)}` : `k${i}`));
  const value = `{${keys.map((k, i) => `"${k}"${i % 89 === 3 ? '          ' : ''}: ${i % 83 === 7 ? `"${'v'.repeat(600)}"` : i}`).join(', ')}}`;
  const text = `[pci]\nalias = ${value}\n`;
  const [jv] = parse(text).aliases;
  assert.ok(jv.py?.type === 'object');
  const ks = keysOf(jv.py);
  assert.equal(ks.length, keys.length);
  const v = jv.entry.value;
  for (const k of ks) {
    assert.equal(v.slice(k.start, k.end), JSON.stringify(k.name));
    const val = valueOf(k);
    assert.ok(val.type === 'string' || val.type === 'number');
    assert.equal(v.slice(k.vs, k.ve), val.type === 'string' ? JSON.stringify(val.value) : val.raw);
  }
});

test('a section\'s entries and span: sections repeated, an empty header, entries before any section', () => {
  const text = 'x = 0\n[a]\nk1 = 1\nk2 = 2\n  more\n[b]\n[a]\nk3 = 3\n[]\nk4 = 4\n[c]\nk5 = 5\n';
  const ini = parse(text).ini;
  assert.deepEqual(ini.sections.map((s) => [s.name, s.entries.map((e) => e.key)]), [['a', ['k1', 'k2']], ['b', []], ['a', ['k3']], ['c', ['k5']]]);
  assert.deepEqual(ini.sections.map((s) => text.slice(s.span.start, s.span.end)), ['[a]\nk1 = 1\nk2 = 2\n  more', '[b]', '[a]\nk3 = 3', '[c]\nk5 = 5']);
  assert.deepEqual(ini.entries.map((e) => e.key), ['x', 'k1', 'k2', 'k3', 'k4', 'k5']);
});

test('an entry of several lines: its lines, spans, joined value and value map, with short and very long lines, LF and CRLF', () => {
  for (const eol of ['\n', '\r\n']) {
    for (const long of [10, 70_000]) {
      const l3 = `"${'z'.repeat(long)}"`;
      const text = `[pci]${eol}alias = {"name": "a",  ${eol}${eol === '\n' ? '\t' : ' '}  "vendor_id": "10de",${eol}      ${l3}: 1}${eol}next = 1${eol}`;
      const doc = parse(text);
      const e = doc.ini.entries[0];
      const lines = ['{"name": "a",', '"vendor_id": "10de",', `${l3}: 1}`];
      assert.deepEqual(e.lines.map((s) => text.slice(s.start, s.end)), lines);
      assert.equal(e.raw, lines.join('\n'));
      assert.equal(e.value, e.raw);
      assert.equal(text.slice(e.valueSpan.start, e.valueSpan.end), text.slice(text.indexOf('{'), text.indexOf(': 1}') + 4));
      assert.equal(e.span.end, text.indexOf(': 1}') + 4);
      // A value offset on the third line maps to its document offset.
      const v = e.raw.indexOf('z');
      assert.equal(e.rawMap.toDoc(v), text.indexOf('z'));
      assert.equal(doc.ini.sections[0].span.end, text.indexOf(': 1}') + 4 + `${eol}next = 1`.length);
      assert.equal(doc.aliases[0].valid, true);
    }
  }
});
