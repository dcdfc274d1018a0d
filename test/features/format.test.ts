/** Document formatting: spacing around `=`, continuation indentation, trailing whitespace; values never change. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { HAVE_SHARED, SHARED, service } from '../helpers';
import { meaningChange } from '../../server/src/service/features/format';

const SPACES = { tabSize: 4, insertSpaces: true };
let n = 0;

function format(text: string, options = SPACES, range?: Range): { text: string; refused?: string; edits: number } {
  const s = service();
  const r = s.format(s.parse(text, `file:///f/${n++}.conf`, 1), options, range);
  return { text: TextDocument.applyEdits(TextDocument.create('file:///x', 'nova-conf', 1, text), r.edits), refused: r.refused, edits: r.edits.length };
}

/** What Nova reads: every entry's section, key and value. */
function values(text: string): string[] {
  const s = service();
  return s.parse(text, `file:///v/${n++}.conf`, 1).ini.entries.map((e) => `[${e.section?.name}] ${e.key} = ${JSON.stringify(e.value)}`);
}

test('one space on each side of "=", the value kept as written; an empty value ends at "="', () => {
  const text = ['[DEFAULT]', 'debug=true', 'my_ip   =    192.0.2.1   ', 'host =', 'transport_url =   ', 'log_dir: /var/log/nova', ''].join('\n');
  assert.equal(format(text).text, ['[DEFAULT]', 'debug = true', 'my_ip = 192.0.2.1', 'host =', 'transport_url =', 'log_dir: /var/log/nova', ''].join('\n'));
});

test('quoted values, "=" inside a value and "$name" keep their text', () => {
  const text = ['[vnc]', 'server_listen=$my_ip', 'novncproxy_base_url  =  "http://a=b/?x=1"', ''].join('\n');
  const out = format(text).text;
  assert.equal(out, ['[vnc]', 'server_listen = $my_ip', 'novncproxy_base_url = "http://a=b/?x=1"', ''].join('\n'));
  assert.deepEqual(values(out), values(text));
});

test('continuation lines: one indent unit, nesting relative to each other kept (spaces, tabs, tab width)', () => {
  const text = ['[pci]', 'device_spec = {', '  "vendor_id": "8086",', '  "address": {', '      "bus": "3b"},', '  "product_id": "154d"', '  }', ''].join('\n');
  assert.equal(format(text).text, ['[pci]', 'device_spec = {', '    "vendor_id": "8086",', '    "address": {', '        "bus": "3b"},', '    "product_id": "154d"', '    }', ''].join('\n'));
  assert.equal(format(text, { tabSize: 2, insertSpaces: false }).text.split('\n')[4], '\t    "bus": "3b"},');
  const tabs = ['[pci]', 'alias = {', '\t"name": "a",', '\t\t"vendor_id": "10de"}', ''].join('\n');
  assert.equal(format(tabs).text, ['[pci]', 'alias = {', '    "name": "a",', '        "vendor_id": "10de"}', ''].join('\n'));
});

test('trailing whitespace trimmed on every line; CRLF line breaks kept', () => {
  const text = '# comment  \r\n[pci]\t\r\nreport_in_placement = true \r\n\r\n';
  assert.equal(format(text).text, '# comment\r\n[pci]\r\nreport_in_placement = true\r\n\r\n');
});

test('already formatted: no edits', () => {
  const text = ['[pci]', 'device_spec = {', '    "vendor_id": "8086"}', ''].join('\n');
  assert.deepEqual(format(text), { text, refused: undefined, edits: 0 });
});

test('range formatting: only the lines of the range', () => {
  const text = ['[DEFAULT]', 'debug=true', 'my_ip=192.0.2.1', 'host=h', ''].join('\n');
  assert.equal(format(text, SPACES, { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }).text, ['[DEFAULT]', 'debug=true', 'my_ip = 192.0.2.1', 'host=h', ''].join('\n'));
});

test('the check: a text that reads differently is caught and named', () => {
  const s = service();
  const doc = s.parse('[pci]\ndevice_spec = {"vendor_id": "8086",\n    "product_id": "154d"}\n', 'file:///c.conf', 1);
  assert.equal(meaningChange(doc, '[pci]\ndevice_spec = {"vendor_id": "8086",\n    "product_id": "154d"}\n'), undefined);
  // The continuation line at column 0 is no longer part of the value (and oslo.config cannot read the file).
  assert.match(meaningChange(doc, '[pci]\ndevice_spec = {"vendor_id": "8086",\n"product_id": "154d"}\n') ?? '', /device_spec.*would become/);
  assert.match(meaningChange(doc, '[PCI]\ndevice_spec = {"vendor_id": "8086",\n    "product_id": "154d"}\n') ?? '', /\[pci\] would become \[PCI\]/);
});

test('Jinja templates are not formatted, and say why', () => {
  const r = format('[DEFAULT]\ndebug={{ nova_debug }}  \n{% if x %}\nhost=h\n{% endif %}\n');
  assert.equal(r.edits, 0);
  assert.match(r.refused ?? '', /Jinja/);
});

test('real-world configs: values identical after formatting, and formatting twice changes nothing more', { skip: !HAVE_SHARED && 'shared/data not found beside the repository' }, () => {
  const dir = join(SHARED, 'data', 'real-world');
  let changed = 0;
  const files = readdirSync(dir).filter((f) => f.endsWith('.conf'));
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    const once = format(text);
    assert.equal(once.refused, undefined, `${f}: ${once.refused}`);
    assert.deepEqual(values(once.text), values(text), f);
    assert.equal(format(once.text).edits, 0, `${f}: formatting is idempotent`);
    if (once.edits) changed++;
  }
  assert.ok(files.length >= 80 && changed > 0, `${changed} of ${files.length} files changed`);
});
