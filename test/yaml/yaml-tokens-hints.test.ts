/**
 * Semantic tokens and inlay hints inside YAML-held nova configs: each comes from the embedded document and lands on
 * the YAML characters it describes — and nowhere a renderer adds text or the YAML escapes a character.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InlayHint, SemanticTokens } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SEMANTIC_TOKENS_LEGEND } from '../../server/src/service/index';
import { LspClient } from '../lsp-client';
import { find, fixture, yamlService } from './yaml-helpers';

/** Decodes the protocol's five-integer tokens into `text@line:type` strings over `text`. */
function decode(text: string, t: SemanticTokens): string[] {
  const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
  const out: string[] = [];
  let line = 0;
  let ch = 0;
  for (let i = 0; i < t.data.length; i += 5) {
    const [dl, ds, len, type] = t.data.slice(i, i + 4);
    line += dl;
    ch = dl === 0 ? ch + ds : ds;
    out.push(`${doc.getText({ start: { line, character: ch }, end: { line, character: ch + len } })}@${line + 1}:${SEMANTIC_TOKENS_LEGEND.tokenTypes[type]}`);
  }
  return out;
}

const label = (h: InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));

test('RHOSO customServiceConfig: section and key tokens sit on the block scalar\'s own characters', () => {
  const text = fixture('rhoso-controlplane.yaml');
  const y = yamlService();
  const tokens = decode(text, y.semanticTokens(y.parse(text, 'file:///d/cp.yaml', 1)));
  const alias = find(text, 'alias =');
  assert.ok(tokens.includes(`pci@${alias.line - 1}:namespace`), JSON.stringify(tokens));
  assert.ok(tokens.includes(`alias@${alias.line}:property`), JSON.stringify(tokens));
  // Nothing outside the embedded text: YAML keys such as customServiceConfig get no nova-conf token.
  assert.ok(!tokens.some((t) => t.startsWith('customServiceConfig')), JSON.stringify(tokens));
});

test('a token whose characters the YAML escapes is left out; the others stay', () => {
  // A double-quoted scalar: `\\n` is one newline in the rendered config, `\\u0064ebug` spells "debug" through an escape.
  const text = 'apiVersion: core.openstack.org/v1beta1\nkind: OpenStackControlPlane\nmetadata:\n  name: cp\nspec:\n  nova:\n    template:\n      apiServiceTemplate:\n        customServiceConfig: "[DEFAULT]\\n\\u0064ebug = true\\nlog_dir = /var/log/nova\\n"\n';
  const y = yamlService();
  const view = y.parse(text, 'file:///d/cm.yaml', 1);
  assert.ok(view.parts.length > 0, 'the customServiceConfig form is read');
  const tokens = decode(text, y.semanticTokens(view));
  // `debug` is a key too, but its first letter is the escape `\u0064` in the YAML: no token rather than a wrong one.
  assert.deepEqual(tokens, ['DEFAULT@9:namespace', 'log_dir@9:property']);
});

test('inlay hints: PCI names after vendor_id/product_id values inside the YAML, in the requested range only', () => {
  const text = fixture('rhoso-controlplane.yaml');
  const y = yamlService();
  const view = y.parse(text, 'file:///d/cp.yaml', 1);
  const all = y.inlayHints(view, { start: { line: 0, character: 0 }, end: view.positionAt(text.length) });
  const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
  const vendor = all.find((h) => /NVIDIA/.test(label(h)));
  assert.ok(vendor, JSON.stringify(all.map(label)));
  const before = doc.getText({ start: { line: vendor.position.line, character: 0 }, end: vendor.position });
  assert.match(before, /"vendor_id": "10de"$/, 'right after the closing quote of the vendor id, in YAML coordinates');
  const first = find(text, 'alias =');
  const lineOnly = y.inlayHints(view, { start: { line: first.line - 1, character: 0 }, end: { line: first.line - 1, character: 200 } });
  assert.ok(lineOnly.length > 0 && lineOnly.every((h) => h.position.line === first.line - 1), JSON.stringify(lineOnly));
  assert.ok(lineOnly.length < all.length);
});

test('over stdio: semantic tokens and inlay hints for a YAML deployment file', async () => {
  const text = fixture('rhoso-controlplane.yaml');
  const uri = 'file:///work/deploy/openstack-controlplane.yaml';
  const c = new LspClient();
  try {
    await c.initialize({});
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await c.diagnostics(uri, 1);
    const tokens = decode(text, await c.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } }));
    const alias = find(text, 'alias =');
    assert.ok(tokens.includes(`alias@${alias.line}:property`), JSON.stringify(tokens));
    const ranged = decode(text, await c.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri }, range: { start: { line: alias.line - 1, character: 0 }, end: { line: alias.line - 1, character: 80 } } }));
    assert.deepEqual(ranged, [`alias@${alias.line}:property`]);
    const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } });
    assert.ok(hints.some((h) => /NVIDIA/.test(label(h)) && h.position.line === alias.line - 1), JSON.stringify(hints));
  } finally {
    await c.shutdown();
  }
});
