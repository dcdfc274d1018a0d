/**
 * Flavors over real LSP stdio, on the workspace of test/fixtures/flavors/workspace/ (a nova.conf
 * defining alias a1, a Heat template, a Terraform file and a shell script): diagnostics of a
 * flavor document, definition from a flavor to [pci] alias, references back, and a rename
 * across every file in one WorkspaceEdit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { LspClient } from '../lsp-client';
import { ROOT } from '../helpers';

const DIR = join(ROOT, 'test', 'fixtures', 'flavors', 'workspace');
const FILES = ['nova.conf', 'flavors.yaml', 'gpu.tf', 'make-flavors.sh'];
const uri = (f: string) => pathToFileURL(join(DIR, f)).href;
const text = (f: string) => readFileSync(join(DIR, f), 'utf8');

/** Position of the n-th occurrence of `needle` in a file (plus `delta` characters). */
function pos(file: string, needle: string, n = 0, delta = 0) {
  const t = text(file);
  let i = -1;
  for (let k = 0; k <= n; k++) i = t.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} in ${file}`);
  return TextDocument.create('x', 'x', 0, t).positionAt(i + delta);
}

function openAs(c: LspClient, file: string, languageId: string) {
  c.notify('textDocument/didOpen', { textDocument: { uri: uri(file), languageId, version: 1, text: text(file) } });
}

test('flavor workspace over LSP: diagnostics, definition, references, rename', async () => {
  const c = new LspClient();
  try {
    await c.initialize({}, undefined, pathToFileURL(DIR).href);
    openAs(c, 'flavors.yaml', 'yaml');
    const diags = await c.diagnostics(uri('flavors.yaml'));
    const got = diags.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]);
    assert.deepEqual(got, [
      ['flavor-alias-undefined', 2, 22, 36, 38],
      ['flavor-extra-spec-invalid-value', 1, 23, 37, 45],
    ]);

    // definition: from a1 in the Heat template to the alias in nova.conf
    const defs = await c.request<Location[]>('textDocument/definition', { textDocument: { uri: uri('flavors.yaml') }, position: pos('flavors.yaml', '"a1:2"', 0, 2) });
    const aliasAt = pos('nova.conf', '"a1"', 0, 1);
    assert.deepEqual(defs, [{ uri: uri('nova.conf'), range: { start: aliasAt, end: { line: aliasAt.line, character: aliasAt.character + 2 } } }]);

    // references: from the definition to every usage (Heat twice, Terraform, shell)
    openAs(c, 'nova.conf', 'nova-conf');
    const refs = await c.request<Location[]>('textDocument/references', { textDocument: { uri: uri('nova.conf') }, position: aliasAt, context: { includeDeclaration: false } });
    const where = refs.map((l) => [l.uri.slice(l.uri.lastIndexOf('/') + 1), l.range.start.line, l.range.start.character]).sort();
    assert.deepEqual(where, [
      ['flavors.yaml', 12, 34],
      ['flavors.yaml', 22, 31],
      ['gpu.tf', 8, 31],
      ['make-flavors.sh', 4, 38],
    ]);

    // rename a1 -> gpu: every definition and usage, and nothing else
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uri('nova.conf') }, position: aliasAt, newName: 'gpu' });
    const changes = edit.changes ?? {};
    assert.deepEqual(Object.keys(changes).map((u) => u.slice(u.lastIndexOf('/') + 1)).sort(), [...FILES].sort());
    for (const f of FILES) {
      const after = TextDocument.applyEdits(TextDocument.create(uri(f), 'x', 1, text(f)), changes[uri(f)] as TextEdit[]);
      const expected = f === 'nova.conf' ? text(f).replace('"a1"', '"gpu"') : text(f).replace(/\ba1(?=:)/g, 'gpu');
      assert.equal(after, expected, f);
    }

    // a name Nova could never reference is refused with a message
    await assert.rejects(
      c.request('textDocument/rename', { textDocument: { uri: uri('nova.conf') }, position: aliasAt, newName: 'gpu:2' }),
      /letters, digits/,
    );
    // prepareRename: only on alias names
    assert.equal(await c.request('textDocument/prepareRename', { textDocument: { uri: uri('nova.conf') }, position: { line: 2, character: 2 } }), null);
  } finally {
    await c.shutdown().catch(() => c.kill());
  }
});

test('closing the nova config that defines an alias re-checks the open flavor document', async () => {
  // No workspace folder: only open editors count, so the closed config leaves the workspace.
  const c = new LspClient();
  const conf = 'file:///nowhere/nova.conf';
  const yaml = uri('flavors.yaml');
  const undefinedA1 = (d: { diagnostics: { code: string; message: string }[] }) => d.diagnostics.filter((x) => x.code === 'flavor-alias-undefined' && x.message.includes("'a1'")).length;
  try {
    await c.initialize();
    // Another config stays open: with no nova config at all the flavor side does not judge alias names.
    c.open('file:///nowhere/other.conf', '[DEFAULT]\ndebug = false\n');
    await c.diagnostics('file:///nowhere/other.conf');
    openAs(c, 'flavors.yaml', 'yaml');
    assert.ok(undefinedA1(await c.diagnostics(yaml)) > 0, 'a1 is undefined while no config defines it');
    let since = c.notifications.length;
    c.open(conf, text('nova.conf'));
    await c.diagnostics(conf, undefined, since);
    // The open config defines a1: the flavor document is checked again without the warning.
    const defined = await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === yaml && undefinedA1(m.params as never) === 0, 10000, since);
    assert.ok(defined);
    since = c.notifications.length;
    c.notify('textDocument/didClose', { textDocument: { uri: conf } });
    const again = await c.diagnostics(yaml, undefined, since);
    assert.ok(undefinedA1(again) > 0, 'closing the config brings the warning back');
  } finally {
    await c.close();
  }
});
