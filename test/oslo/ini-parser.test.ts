/**
 * The INI parser against oslo.config (python3-oslo.config 9.0.0, iniparser.BaseParser):
 * each expected value below was recorded by running oslo.config on the same text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIni } from '../../server/src/service/oslo/ini';
import { parseDocument } from '../../server/src/service/document';

/** Groups -> keys -> values, as oslo.config's normalized sections; or the first error code. */
function oslo(text: string): Record<string, Record<string, string[]>> | string {
  const m = parseIni(text);
  if (m.problems.length) return m.problems[0].code;
  const out: Record<string, Record<string, string[]>> = {};
  for (const e of m.entries) ((out[e.section!.name] ??= {})[e.key] ??= []).push(e.value);
  for (const s of m.sections) out[s.name] ??= {};
  return out;
}

test('section names are case-insensitive except DEFAULT', () => {
  assert.deepEqual(oslo('[PCI]\nfoo=1\n[default]\nbar=2\n[DEFAULT]\nbaz=3\n'), { pci: { foo: ['1'] }, default: { bar: ['2'] }, DEFAULT: { baz: ['3'] } });
  assert.deepEqual(oslo('[ PCI ]\nfoo=1\n'), { ' pci ': { foo: ['1'] } });
});

test('key = value and key: value split at whichever comes first, stripped', () => {
  assert.deepEqual(oslo('[pci]\nalias: {"a": 1}\n'), { pci: { alias: ['{"a": 1}'] } });
  assert.deepEqual(oslo('[DEFAULT]\nurl = http://x:80\n'), { DEFAULT: { url: ['http://x:80'] } });
  assert.deepEqual(oslo('[DEFAULT]\nurl: http://x=80\n'), { DEFAULT: { url: ['http://x=80'] } });
  assert.deepEqual(oslo('[pci]\nfoo bar = 1\n'), { pci: { 'foo bar': ['1'] } });
  assert.deepEqual(oslo('[pci]\nfoo =\n'), { pci: { foo: [''] } });
});

test('comments are whole lines starting with # or ; at column 0; a # after a value is part of it', () => {
  assert.deepEqual(oslo('[pci]\nfoo = bar # baz\n'), { pci: { foo: ['bar # baz'] } });
  assert.deepEqual(oslo('[pci]\n; hi\n# ho\nfoo=1\n'), { pci: { foo: ['1'] } });
});

test('an indented # or ; line continues the open value', () => {
  assert.deepEqual(oslo('[pci]\nalias = {"a":\n  # x\n  1}\n'), { pci: { alias: ['{"a":\n# x\n1}'] } });
  assert.deepEqual(oslo('[pci]\nfoo=1\n ; c\n'), { pci: { foo: ['1\n; c'] } });
  assert.equal(oslo('[pci]\n  # x\nfoo=1\n'), 'ini-unexpected-continuation');
});

test('continuation lines are left-stripped and joined with \\n; a blank line ends the value', () => {
  assert.deepEqual(oslo('[pci]\nfoo = a\n\tb\n   c  \n'), { pci: { foo: ['a\nb\nc'] } });
  assert.deepEqual(oslo('[pci]\ndevice_spec = {"a":\r\n  "b"}\r\n'), { pci: { device_spec: ['{"a":\n"b"}'] } });
  assert.equal(oslo('[pci]\nfoo=1\n\n  cont\n'), 'ini-unexpected-continuation');
  assert.equal(oslo('[pci]\nfoo = 1\n   \n  x\n'), 'ini-unexpected-continuation', 'a whitespace-only line is blank');
  assert.equal(oslo('[pci]\n  cont\n'), 'ini-unexpected-continuation');
  assert.equal(oslo('[pci]\nfoo=1\n# c\n  cont\n'), 'ini-unexpected-continuation', 'a comment ends the value');
});

test('one pair of matching quotes is stripped from the first line only', () => {
  assert.deepEqual(oslo("[pci]\nalias = '{\"a\": 1}'\n"), { pci: { alias: ['{"a": 1}'] } });
  assert.deepEqual(oslo("[pci]\nalias = '{\"a\":\n 1}'\n"), { pci: { alias: ['\'{"a":\n1}\''] } });
  assert.deepEqual(oslo('[pci]\nalias = "x"\n  y\n'), { pci: { alias: ['x\ny'] } });
  assert.deepEqual(oslo('[pci]\nfoo = "\n'), { pci: { foo: [''] } });
  assert.deepEqual(oslo('[pci]\nfoo = "a\'\n'), { pci: { foo: ['"a\''] } });
});

test('oslo parse errors at the exact line', () => {
  const cases: [string, string, number][] = [
    ['[pci]\nfoo\n', 'ini-no-separator', 1],
    ['[pci]\n= 1\n', 'ini-empty-key', 1],
    ['[pci\nfoo=1\n', 'ini-section-not-closed', 0],
    ['[pci] # x\n', 'ini-section-not-closed', 0],
    ['[]\nfoo=1\n', 'ini-empty-section', 0],
    ['foo=1\n', 'ini-no-section', 0],
    ['[pci]\nalias = {"a":\n 1\n}\n', 'ini-no-separator', 3],
    ['[pci]\nfoo = 1\n\u00a0x\n', 'ini-no-separator', 2],
  ];
  for (const [text, code, line] of cases) {
    const m = parseIni(text);
    assert.equal(m.problems[0]?.code, code, text);
    const before = text.slice(0, m.problems[0].span.start).split('\n').length - 1;
    assert.equal(before, line, text);
  }
});

test('a UTF-8 BOM is not skipped (oslo fails on it)', () => {
  assert.equal(oslo('\ufeff[DEFAULT]\nfoo = 1\n'), 'ini-no-separator');
  const m = parseIni('\ufeff[DEFAULT]\nfoo = 1\n');
  assert.equal(m.problems[0].data?.bom, true);
  assert.deepEqual(parseIni('\ufeffdebug = 1\n[DEFAULT]\n').problems.map((p) => p.code), ['ini-bom', 'ini-no-section']);
});

test('CR-only and CRLF line endings', () => {
  assert.deepEqual(oslo('[pci]\rfoo=1\r'), { pci: { foo: ['1'] } });
  assert.deepEqual(oslo('[pci]\r\nfoo=1\r\n'), { pci: { foo: ['1'] } });
});

test('repeated keys are kept in order; deprecated names are read before the new name', () => {
  assert.deepEqual(oslo('[pci]\nalias = 1\nalias = 2\n'), { pci: { alias: ['1', '2'] } });
  const doc = parseDocument('[pci]\ndevice_spec = {"vendor_id": "1"}\npassthrough_whitelist = {"vendor_id": "2"}\n[DEFAULT]\npci_passthrough_whitelist = {"vendor_id": "3"}\n', 'file:///x', 1, '2025.2');
  assert.deepEqual(doc.deviceSpecs.map((j) => j.entry.value), ['{"vendor_id": "2"}', '{"vendor_id": "3"}', '{"vendor_id": "1"}']);
});

test('$name and ${group.name} substitution, $$ escape, group then DEFAULT lookup', () => {
  const doc = parseDocument('[DEFAULT]\nmy_ip = 10.0.0.1\n[vnc]\nserver_listen = $my_ip\nnovncproxy_host = ${vnc.server_listen}-x\nnovncproxy_base_url = $$x \\$y $1 $\n', 'file:///x', 1, '2025.2');
  const v = (k: string) => doc.ini.entries.find((e) => e.key === k)!.value;
  assert.equal(v('server_listen'), '10.0.0.1');
  assert.equal(v('novncproxy_host'), '10.0.0.1-x');
  assert.equal(v('novncproxy_base_url'), '$x $y $1 $');
  const bad = parseDocument('[vnc]\nserver_listen = $nope\n', 'file:///x', 1, '2025.2');
  assert.deepEqual(bad.refProblems.map((r) => [r.name, r.kind]), [['nope', 'unknown']]);
  const loop = parseDocument('[DEFAULT]\nhost = $my_ip\nmy_ip = $host\n', 'file:///x', 1, '2025.2');
  assert.ok(loop.refProblems.some((r) => r.kind === 'loop'));
  // A `$` before a non-name character (a regex anchor) stays as it is.
  const rx = parseDocument('[pci]\ndevice_spec = {"address": {"bus": "0[0-7]$"}}\n', 'file:///x', 1, '2025.2');
  assert.equal(rx.deviceSpecs[0].entry.value, '{"address": {"bus": "0[0-7]$"}}');
});

test('the value map points JSON offsets back at the document', () => {
  const text = '[pci]\ndevice_spec = {"a":\n    \'b\'}\n';
  const doc = parseDocument(text, 'file:///x', 1, '2025.2');
  const jv = doc.deviceSpecs[0];
  assert.equal(jv.entry.value, '{"a":\n\'b\'}');
  assert.equal(text.slice(jv.error!.span.start, jv.error!.span.end), "'b'");
  assert.deepEqual(doc.positionAt(jv.error!.span.start), { line: 2, character: 4 });
});

test('an entry\'s quoting, key, value and spans (derived from fewer fields since Round 14): quotes, tabs, CRLF, non-ASCII, several lines', () => {
  const lines = ['a = "x"', 'b = "', 'c = ""', "d = 'x\"", "e\t=\t'é'  ", 'f = "x"\r\n  y ', 'g = x"', 'h="a"', 'i =', 'j: "{\'k\': 1}"\n\t"z"', "l = ''\n  ''"];
  const text = `[pci]\n${lines.join('\n')}\n`;
  const m = parseIni(text);
  const got = m.entries.map((e) => ({
    key: e.key,
    keySpan: text.slice(e.keySpan.start, e.keySpan.end),
    sep: text.slice(e.sepSpan.start, e.sepSpan.end),
    quoted: e.quoted,
    value: e.value,
    span: text.slice(e.span.start, e.span.end),
    valueSpan: text.slice(e.valueSpan.start, e.valueSpan.end),
    lines: e.lines.map((l) => text.slice(l.start, l.end)),
  }));
  assert.deepEqual(got, [
    { key: 'a', keySpan: 'a', sep: '=', quoted: true, value: 'x', span: 'a = "x"', valueSpan: 'x', lines: ['x'] },
    { key: 'b', keySpan: 'b', sep: '=', quoted: true, value: '', span: 'b = "', valueSpan: '', lines: [''] },
    { key: 'c', keySpan: 'c', sep: '=', quoted: true, value: '', span: 'c = ""', valueSpan: '', lines: [''] },
    { key: 'd', keySpan: 'd', sep: '=', quoted: false, value: "'x\"", span: "d = 'x\"", valueSpan: "'x\"", lines: ["'x\""] },
    { key: 'e', keySpan: 'e', sep: '=', quoted: true, value: 'é', span: "e\t=\t'é'", valueSpan: 'é', lines: ['é'] },
    { key: 'f', keySpan: 'f', sep: '=', quoted: true, value: 'x\ny', span: 'f = "x"\r\n  y', valueSpan: 'x"\r\n  y', lines: ['x', 'y'] },
    { key: 'g', keySpan: 'g', sep: '=', quoted: false, value: 'x"', span: 'g = x"', valueSpan: 'x"', lines: ['x"'] },
    { key: 'h', keySpan: 'h', sep: '=', quoted: true, value: 'a', span: 'h="a"', valueSpan: 'a', lines: ['a'] },
    { key: 'i', keySpan: 'i', sep: '=', quoted: false, value: '', span: 'i =', valueSpan: '', lines: [''] },
    { key: 'j', keySpan: 'j', sep: ':', quoted: true, value: "{'k': 1}\n\"z\"", span: 'j: "{\'k\': 1}"\n\t"z"', valueSpan: '{\'k\': 1}"\n\t"z"', lines: ["{'k': 1}", '"z"'] },
    { key: 'l', keySpan: 'l', sep: '=', quoted: true, value: "\n''", span: "l = ''\n  ''", valueSpan: "'\n  ''", lines: ['', "''"] },
  ]);
});

test('thousands of entries of one-line and several-line values (short, long, CRLF, tabs, non-ASCII) each keep their own lines, value and spans; an edit that adds an entry re-indexes the entries after it', () => {
  // parseIni collects an entry's lines in one list it reuses for the whole file: a value of five lines followed by one
  // of two (or of one) must not carry the longer value's lines over.
  const shapes = [
    (i: number) => ({ src: `k${i} = v${i}`, value: `v${i}`, lines: [`v${i}`] }),
    (i: number) => ({ src: `k${i} = {"a": ${i},\n  "b": 2,\n  "c": 3,\n\t"d": 4,\n  "é€": 5}`, value: `{"a": ${i},\n"b": 2,\n"c": 3,\n"d": 4,\n"é€": 5}`, lines: [`{"a": ${i},`, '"b": 2,', '"c": 3,', '"d": 4,', '"é€": 5}'] }),
    (i: number) => ({ src: `k${i}\t=\t"x${i}"\r\n  y`, value: `x${i}\ny`, lines: [`x${i}`, 'y'] }),
    (i: number) => ({ src: `k${i} = 🙂${'z'.repeat(i % 97)}`, value: `🙂${'z'.repeat(i % 97)}`, lines: [`🙂${'z'.repeat(i % 97)}`] }),
  ];
  const made = Array.from({ length: 3000 }, (_, i) => ({ key: `k${i}`, ...shapes[(i * 7) % 4 === 3 ? 3 : i % 3](i) }));
  // The same entries in a small text and after a 1 MB comment line (a text that big has its entries made apart:
  // ini.ts newIniEntry).
  for (const head of ['', `# ${'x'.repeat(1 << 20)}\n`]) {
    const text = `${head}[pci]\n${made.map((m) => m.src).join('\n')}\n`;
    const ini = parseIni(text);
    assert.equal(ini.entries.length, made.length);
    ini.entries.forEach((e, i) => {
      const want = made[i];
      assert.equal(e.key, want.key);
      assert.equal(e.value, want.value, want.key);
      assert.deepEqual(e.lines.map((l) => text.slice(l.start, l.end)), want.lines, want.key);
      assert.equal(text.slice(e.span.start, e.span.end), want.src.trimEnd(), want.key);
    });

    // One entry more, before the others: the document's table of what each entry sets follows the new positions.
    const known = `${head}[pci]\nalias = {"name": "a"}\n`;
    const rest = text.slice(head.length + 6);
    const before = parseDocument(`${known}${rest}`, 'file:///t.conf', 1, '2025.2');
    const after = parseDocument(`${known}passthrough_whitelist = {}\n${rest}`, 'file:///t.conf', 2, '2025.2');
    assert.equal(after.ini.entries.length, before.ini.entries.length + 1);
    // (`get` answers for every entry of its own document: with the option for a known name, without one for `k1`.)
    const options = (d: typeof before) => d.ini.entries.map((e) => {
      const r = d.resolved.get(e);
      return `${e.key}:${r?.entry === e ? (r.option?.name ?? '-') : 'not found'}`;
    });
    assert.deepEqual(options(after), [options(before)[0], 'passthrough_whitelist:device_spec', ...options(before).slice(1)]);
    // An entry of the other version is not in this version's table.
    assert.equal(after.resolved.get(before.ini.entries[1]), undefined);
  }
});
