/**
 * Fix quality (issue 19): the two quote fixes that produced text that is still invalid (`{'name': '''}`,
 * `{'''`) and "disable this rule" offered for findings that mean Nova cannot read the file at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES, createLanguageService } from '../../server/src/service/index';
import { fixAll } from '../../server/src/service/fix-all';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';

const svc = createLanguageService();
let n = 0;

function actionsFor(text: string, code: string): { actions: CodeAction[]; uri: string } {
  const uri = `file:///quality/${n++}.conf`;
  const doc = svc.parse(text, uri, 1);
  const ds = svc.diagnostics(doc).filter((d) => d.code === code);
  assert.ok(ds.length > 0, `${code} not reported for ${JSON.stringify(text)}`);
  return { actions: ds.flatMap((d) => svc.codeActions(doc, d.range, { diagnostics: [d] })), uri };
}

test('no quote fix is offered where the quotes do not pair as JSON strings ({\'\'\'}); {\'name\': \'\'\'} gets no "all strings" fix and nothing preferred', () => {
  const a = actionsFor("[pci]\nalias = {'''\n", 'json-invalid');
  assert.deepEqual(a.actions.filter((x) => /double quotes/.test(x.title)).map((x) => x.title), []);
  const b = actionsFor("[pci]\nalias = {'name': '''}\n", 'json-invalid');
  assert.deepEqual(b.actions.filter((x) => /double quotes/.test(x.title)).map((x) => [x.title, x.isPreferred ?? false]), [['Use double quotes: "name"', false]]);
  for (const t of ["[pci]\ndevice_spec = {'''\n", "[pci]\ndevice_spec = {'vendor_id': '''}\n"]) assert.equal(fixAll(t, DEFAULT_SETTINGS).text, t, 'fix-all leaves a value it cannot repair alone');
});

test('every quote fix offered on hostile quoting leaves no broken quote next to what it converted', () => {
  const values = ["{'name': '''}", "{'''", "{'it's': 'x'}", "{'a': ''\"}", "{'a': 'b' 'c'}", "{'name': 'x'", "['a', 'b',]", "{'a': 'b\\'c'}", "{'vendor_id': '8086', 'product_id': '154d'}", "{'a':'b','c':'d'}"];
  for (const v of values) {
    const text = `[pci]\nalias = ${v}\n`;
    const { actions, uri } = actionsFor(text, 'json-invalid');
    for (const a of actions.filter((x) => /double quotes/.test(x.title))) {
      const edits = a.edit!.changes![uri] as TextEdit[];
      const before = TextDocument.create(uri, 'nova-conf', 1, text);
      const fixed = TextDocument.applyEdits(before, edits);
      // Where the converted strings are in the fixed text.
      let delta = 0;
      const spans = edits
        .map((e) => ({ start: before.offsetAt(e.range.start), end: before.offsetAt(e.range.end), text: e.newText }))
        .sort((x, y) => x.start - y.start)
        .map((e) => {
          const span = { start: e.start + delta, end: e.start + delta + e.text.length };
          delta += e.text.length - (e.end - e.start);
          return span;
        });
      const doc = svc.parse(fixed, `${uri}#after`, 2);
      for (const d of svc.diagnostics(doc).filter((x) => x.code === 'json-invalid')) {
        const at = doc.offsetAt(d.range.start);
        const next = spans.some((sp) => at >= sp.start && at <= sp.end);
        assert.ok(!(next && `'"`.includes(fixed[at] ?? '')), `${JSON.stringify(v)}: "${a.title}" left ${JSON.stringify(fixed)} broken at a quote next to what it converted (${d.message})`);
      }
    }
  }
});

test('no "disable" action for findings that mean the file cannot be read (ini-* syntax, json-invalid); other rules keep it', () => {
  const unreadable = [...RULES.values()].filter((r) => r.unreadable);
  assert.deepEqual(unreadable.map((r) => r.code).sort(), ['ini-bom', 'ini-empty-key', 'ini-empty-section', 'ini-no-section', 'ini-no-separator', 'ini-section-not-closed', 'ini-unexpected-continuation', 'json-invalid']);
  const examples: Record<string, string> = { 'ini-bom': '\uFEFFdebug = true\n', 'json-invalid': "[pci]\ndevice_spec = {'vendor_id': '8086'}\n" };
  for (const r of unreadable) {
    const text = examples[r.code] ?? r.bad;
    assert.ok(text, r.code);
    const { actions } = actionsFor(text, r.code);
    assert.deepEqual(actions.filter((a) => a.title.startsWith('Disable')).map((a) => a.title), [], r.code);
  }
  const { actions } = actionsFor('[pci]\nalias = {"name": "a", "vendor_id": "8086", "product_id": "154d"}\n', 'pci-filter-not-enabled');
  assert.ok(actions.some((a) => a.title === 'Disable pci-filter-not-enabled for this line'));
});
