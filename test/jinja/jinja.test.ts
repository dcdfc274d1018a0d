/**
 * Jinja-templated nova configs (Kolla-Ansible / Kayobe overrides, *.conf.j2): no Error or Warning that
 * the Jinja causes, and real mistakes inside the same template still reported at their exact place.
 * Fixtures are ours, modelled on public patterns named in each file's header comment.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ROOT, service } from '../helpers';
import { looksLikeJinja, parseJinja } from '../../server/src/service/sources/jinja';

const FIX = join(ROOT, 'test', 'fixtures', 'jinja');
const fixture = (name: string) => readFileSync(join(FIX, name), 'utf8');

let n = 0;
function lintAs(text: string, name = `t${n++}.conf.j2`): Diagnostic[] {
  const s = service();
  return s.diagnostics(s.parse(text, `file:///deploy/${name}`, 1));
}
/** Errors and Warnings as `line:col code` (1-based), in order. */
function loud(ds: Diagnostic[]): string[] {
  return ds.filter((d) => d.severity! <= 2).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}`);
}
const loudCodes = (ds: Diagnostic[]) => ds.filter((d) => d.severity! <= 2).map((d) => String(d.code));

test('the Kayobe-style alias loop gives no Jinja-caused Error or Warning', () => {
  const ds = lintAs(fixture('kayobe-gpu-alias-loop.conf'), 'nova-api.conf');
  // nova-api.conf is not read by the scheduler, so no scheduler Warning either (workspace roles).
  assert.deepEqual(loudCodes(ds), []);
});

test('real mistakes inside the loop are reported at their exact position', () => {
  const text = fixture('kayobe-gpu-alias-loop-mistakes.conf');
  const ds = lintAs(text, 'nova-api.conf').filter((d) => d.severity === 1);
  const at = (d: Diagnostic) => [String(d.code), text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character)];
  assert.deepEqual(ds.map(at), [
    ['json-invalid', "'product_id'"],
    ['alias-unknown-key', '"productid"'],
    ['alias-bad-numa-policy', '"prefered"'],
  ]);
  assert.deepEqual(ds.map((d) => d.range.start.line + 1), [5, 6, 7]);
});

test('the Kolla override with if/elif/else branches and {{ }} ids gives no Jinja-caused Error or Warning', () => {
  const ds = lintAs(fixture('kolla-compute-override.conf'), 'nova-compute.conf');
  assert.deepEqual(loudCodes(ds), []);
});

test('a mistake in one branch of the Kolla override is still reported', () => {
  const text = fixture('kolla-compute-override.conf').replace('"device_type": "type-VF"}', '"device_type": "type-vf"}').replace('"numa_policy": "{{ gpu_numa_policy }}"', '"numa_policy": "{{ gpu_numa_policy }}", "numa": "x"');
  const ds = lintAs(text, 'nova-compute.conf').filter((d) => d.severity === 1);
  const lines = text.split('\n');
  assert.deepEqual(ds.map((d) => [d.range.start.line + 1, String(d.code), lines[d.range.start.line].slice(d.range.start.character, d.range.end.character)]), [
    [16, 'alias-unknown-key', '"numa"'],
    [19, 'alias-bad-device-type', '"type-vf"'],
  ]);
});

test('statement and comment lines are structure: they neither end nor continue a value', () => {
  const text = [
    '[pci]',
    'alias = {"name": "gpu",',
    '{% if with_ids %}',
    '  "vendor_id": "10de", "product_id": "1db4",',
    '{% endif %}',
    '{# the policy is the same everywhere #}',
    '  "numa_policy": "preferred"}',
  ].join('\n');
  assert.deepEqual(loud(lintAs(text)), ['2:1 pci-filter-not-enabled']);
  // A blank line still ends the value, as oslo.config reads it.
  assert.deepEqual(loud(lintAs(text.replace('{% endif %}\n', '{% endif %}\n\n'))).filter((s) => s.includes('ini-')), ['8:3 ini-unexpected-continuation']);
});

test('a tag at the start of a line hides itself; the rest of the line is read', () => {
  const ds = lintAs('[DEFAULT]\n{% if debug_on %}debug = true\n{% endif %}\n{% if x %}debug = maybe\n{% endif %}\n');
  assert.deepEqual(loud(ds).filter((s) => !s.includes('duplicate')), ['4:19 invalid-value']);
});

test('whitespace control and trim_blocks that change the rendered lines are reported', () => {
  const join = (t: string) => loud(lintAs(t)).filter((s) => s.endsWith('jinja-line-join'));
  // `{#-` eats the line break after the section header: "[DEFAULT]debug = true".
  assert.deepEqual(join('[DEFAULT]\n{#- tuning #}\ndebug = true\n'), ['2:1 jinja-line-join']);
  // A loop on one line: every alias on one line, glued to the next line too.
  const loop = '[pci]\n{% for g in gpus %}alias = {"name": "{{ g }}"}{% endfor %}\n[DEFAULT]\n';
  assert.deepEqual(join(loop), ['2:47 jinja-line-join']);
  // ...harmless when a blank line follows (Kolla writes memcache_servers that way).
  assert.deepEqual(join(loop.replace('\n[DEFAULT]', '\n\n[DEFAULT]')), []);
  // `-%}` strips the indentation of a continuation line.
  assert.deepEqual(join('[pci]\nalias = {"name": "a",\n{% if x -%}\n  "vendor_id": "10de"}\n{% endif %}\n'), ['3:9 jinja-line-join']);
  // An indented statement leaves its spaces in front of the next line (lstrip_blocks is off).
  assert.deepEqual(join('[DEFAULT]\n  {% if x %}\ndebug = true\n{% endif %}\n'), ['2:1 jinja-line-join']);
  // ...unless the template turns lstrip_blocks on in its first line.
  assert.deepEqual(join('#jinja2: lstrip_blocks: True\n[DEFAULT]\n  {% if x %}\ndebug = true\n{% endif %}\n'), []);
  // Kolla's own style: tags in column 0, indentation inside the tag, `{%-` only after another tag.
  assert.deepEqual(join('[DEFAULT]\n{% if a %}\n{%     if b %}\ndebug = true\n{%     endif %}\n{%- endif %}\n'), []);
});

test('with trim_blocks off (#jinja2: header) a statement line is a blank line: it ends a value', () => {
  const text = '#jinja2: trim_blocks: False\n[pci]\nalias = {"name": "gpu",\n{% if x %}\n  "vendor_id": "10de"}\n{% endif %}\n';
  assert.deepEqual(loud(lintAs(text)).filter((s) => s.includes('ini-')), ['5:3 ini-unexpected-continuation']);
});

test('keys set in different branches of one if are not duplicates; keys in one branch still are', () => {
  const branches = '[DEFAULT]\n{% if a %}\ndebug = true\n{% elif b %}\ndebug = false\n{% else %}\ndebug = true\n{% endif %}\n';
  assert.deepEqual(loud(lintAs(branches)), []);
  const same = '[DEFAULT]\n{% if a %}\ndebug = true\ndebug = false\n{% endif %}\n';
  assert.deepEqual(loud(lintAs(same)), ['3:1 duplicate-option']);
  // An alias defined differently in two branches: alternatives, not a mismatch.
  const aliases = '[pci]\n{% if big %}\nalias = {"name": "gpu", "vendor_id": "10de", "product_id": "1db4", "device_type": "type-PF"}\n{% else %}\nalias = {"name": "gpu", "vendor_id": "10de", "product_id": "1db4", "device_type": "type-PCI"}\n{% endif %}\n[filter_scheduler]\nenabled_filters = PciPassthroughFilter\n';
  assert.deepEqual(loud(lintAs(aliases)), []);
});

test('a placeholder skips only what it can change: ids and enum words, not key names or literals', () => {
  const text = '[pci]\nalias = {"name": "{{ n }}", "vendor_id": "{{ v }}", "product_id": "{{ p }}", "device_type": "{{ t }}", "numa_policy": "{{ np }}", "vendorid": "10de"}\n[filter_scheduler]\nenabled_filters = PciPassthroughFilter\n';
  assert.deepEqual(loud(lintAs(text)), ['2:131 alias-unknown-key']);
  // A literal next to a placeholder in the same string is the template's too.
  assert.deepEqual(loud(lintAs(text.replace('"vendorid": "10de"', '"capability_type": "pci"'))), []);
  assert.deepEqual(loud(lintAs(text.replace('"vendorid": "10de"', '"capability_type": "gpu"'))), ['2:150 alias-bad-capability-type']);
});

test('unquoted placeholders: a whole value, a key, object members, a number', () => {
  const tail = '\n[filter_scheduler]\nenabled_filters = PciPassthroughFilter\n';
  // `{{ x | to_json }}` stands for any JSON value.
  assert.deepEqual(loud(lintAs(`[pci]\ndevice_spec = {{ spec | to_json }}\nalias = {{ gpu_alias | to_json }}${tail}`)), []);
  // A key placeholder: its property is the template's.
  assert.deepEqual(loud(lintAs(`[pci]\nalias = {"name": "gpu", {{ id_key }}: "10de", "product_id": "1db4", "vendor_id": "10de"}${tail}`)), []);
  // Members spliced in: the object as a whole is not judged (it may get its name there)...
  assert.deepEqual(loud(lintAs(`[pci]\nalias = {"vendor_id": "10de", {{ more_fields }} }${tail}`)), []);
  // ...but its JSON syntax around the placeholder still is.
  assert.deepEqual(loud(lintAs(`[pci]\nalias = {'vendor_id': "10de", {{ more_fields }} }${tail}`)), ['2:10 json-invalid']);
  // A number written by the template.
  assert.deepEqual(loud(lintAs(`[pci]\ndevice_spec = [{"vendor_id": "8086", "product_id": "154c"}, {{ extra_spec }}]\n[DEFAULT]\ncpu_allocation_ratio = {{ ratio }}\n`)), []);
});

test('a line that is only an expression writes unknown lines and is not read as INI', () => {
  assert.deepEqual(loud(lintAs('[DEFAULT]\n{{ nova_extra_config }}\ndebug = true\n')), []);
});

test('Jinja that cannot render is reported; the rest of the file is still checked', () => {
  const ds = lintAs('[pci]\n{% for gpu in gpus %}\nalias = {"name": "{{ gpu.name }}", "vendor_id": "10de", "product_id": "1db4", "numa_policy": "prefered"}\n[filter_scheduler]\nenabled_filters = PciPassthroughFilter\n');
  assert.deepEqual(loud(ds), ['2:1 jinja-syntax', '3:94 alias-bad-numa-policy']);
  assert.deepEqual(loud(lintAs('[DEFAULT]\n{% endif %}\ndebug = {{ d\n')), ['2:1 jinja-syntax', '3:9 jinja-syntax']);
  assert.deepEqual(loud(lintAs('[DEFAULT]\n{% if a %}\ndebug = true\n{% endfor %}\n{% endif %}\n')), ['4:1 jinja-syntax']);
});

test('{% raw %} in a Kayobe config defers Jinja to Kolla: its content is read as template', () => {
  const text = '[pci]\n{% raw %}\n{% for item in gpus %}\ndevice_spec = { "vendor_id":"{{ item.vendor }}", "product_id":"{{ item.product }}" }\n{% endfor %}\n{% endraw %}\n';
  assert.deepEqual(loud(lintAs(text, 'nova-compute.conf')), []);
});

test('which files are read as templates', () => {
  assert.equal(looksLikeJinja('[DEFAULT]\ndebug = true\n', 'file:///x/nova.conf.j2'), true);
  assert.equal(looksLikeJinja('[DEFAULT]\n{% if x %}\n{% endif %}\n', 'file:///x/nova.conf'), true);
  assert.equal(looksLikeJinja('[DEFAULT]\nhost = {{ inventory_hostname }}\n', 'file:///x/nova.conf'), true);
  // DevStack writes `{{(pid=…)…}}` into a logging format: not a template.
  assert.equal(looksLikeJinja('[DEFAULT]\nlogging_debug_format_suffix = {{(pid=%(process)d) %(funcName)s}}\n', 'file:///x/nova.conf'), false);
  assert.equal(looksLikeJinja('[pci]\nalias = {"name": "a"}\n', 'file:///x/nova.conf'), false);
});

test('masking keeps every offset: the masked text has the same length and line breaks', () => {
  const text = '[pci]\r\n{%- if x -%}\r\nalias = {"name": "{{ a }}"}\r\n{# multi\r\nline #}\r\n{% endif %}';
  const tpl = parseJinja(text);
  assert.equal(tpl.masked.length, text.length);
  assert.deepEqual([...tpl.masked].map((c, i) => (c === '\n' || c === '\r' ? i : -1)).filter((i) => i >= 0), [...text].map((c, i) => (c === '\n' || c === '\r' ? i : -1)).filter((i) => i >= 0));
  assert.deepEqual([...tpl.skipLines].sort(), [1, 3, 4, 5]);
});

test('hover on a placeholder says it is set by the template at deploy time', () => {
  const s = service();
  const text = '[pci]\nalias = {"name": "gpu", "vendor_id": "{{ gpu_vendor }}", "product_id": "1db4"}\n{% if x %}\n{% endif %}\n';
  const doc = s.parse(text, 'file:///deploy/nova.conf.j2', 1);
  const h = s.hover(doc, { line: 1, character: 45 });
  assert.ok(h);
  const md = (h.contents as { value: string }).value;
  assert.match(md, /set by the template at deploy time/i);
  assert.match(md, /vendor_id/);
  assert.deepEqual(h.range, { start: { line: 1, character: 38 }, end: { line: 1, character: 54 } });
  const st = s.hover(doc, { line: 2, character: 4 });
  assert.match((st!.contents as { value: string }).value, /Jinja statement/);
});

test('completion inside a placeholder or statement offers nothing, and no position throws', () => {
  const s = service();
  const text = fixture('kolla-compute-override.conf') + '{% if x %}\nalias = {"name": "{{ gpu.\n{{ unfinished';
  const doc = s.parse(text, 'file:///deploy/nova-compute.conf', 1);
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    for (let character = 0; character <= lines[line].length; character++) {
      const c = s.completion(doc, { line, character });
      s.hover(doc, { line, character });
      const offset = doc.offsetAt({ line, character });
      const inTag = doc.jinja!.template.tags.some((t) => offset > t.span.start && offset < t.span.end);
      if (inTag) assert.deepEqual(c.items, [], `completion inside a tag at ${line}:${character}`);
    }
  }
  // Outside the Jinja, completion still works in a template.
  const small = s.parse('[pci]\n{% if gpu %}\n\n{% endif %}\n', 'file:///deploy/nova.conf.j2', 1);
  const keys = s.completion(small, { line: 2, character: 0 });
  assert.ok(keys.items.some((i) => i.label === 'device_spec'));
});

test('quick fixes never edit inside Jinja', () => {
  const s = service();
  const text = "[pci]\n{% for g in gpus %}\nalias = {'name': \"{{ g.name }}\", \"vendor_id\": \"0x10de\", \"product_id\": \"{{ g.product }}\", \"numa_policy\": \"prefered\"}\n{% endfor %}\n";
  const doc = s.parse(text, 'file:///deploy/nova-api.conf', 1);
  const ds = s.diagnostics(doc);
  const tags = doc.jinja!.template.tags.map((t) => t.span);
  let offered = 0;
  for (const d of ds) {
    for (const a of s.codeActions(doc, d.range, { diagnostics: [d] })) {
      for (const e of a.edit?.changes?.[doc.uri] ?? []) {
        const start = doc.offsetAt(e.range.start);
        const end = doc.offsetAt(e.range.end);
        offered++;
        for (const t of tags) assert.ok(end <= t.start || start >= t.end, `${a.title} edits ${text.slice(start, end)} inside ${text.slice(t.start, t.end)}`);
      }
    }
  }
  assert.ok(offered > 0, 'fixes outside the Jinja are still offered');
});

test('a storm of unclosed tags: each is reported on its own line, and the rest of the file still reads', () => {
  const text = '[DEFAULT]\n' + 'debug = {{ flag\n'.repeat(3000) + '{% if x\n'.repeat(3000) + '[pci]\nalias = {"name": "a", "vendor_id": "10de", "product_id": "1db4", "numa_policy": "prefered"}\n';
  const s = service(undefined, {});
  s.configure({ maxDiagnostics: 100000 });
  const ds = s.diagnostics(s.parse(text, 'file:///deploy/storm.conf.j2', 1));
  const syntax = ds.filter((d) => d.code === 'jinja-syntax');
  assert.equal(syntax.length, 6000);
  assert.deepEqual(syntax.slice(0, 2).map((d) => d.range), [
    { start: { line: 1, character: 8 }, end: { line: 1, character: 15 } },
    { start: { line: 2, character: 8 }, end: { line: 2, character: 15 } },
  ]);
  assert.ok(ds.some((d) => d.code === 'alias-bad-numa-policy' && d.range.start.line === 6002));
});
