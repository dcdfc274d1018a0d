/**
 * A code-action request over a selection that names many diagnostics (select all, then the light bulb) is
 * verified with shared whole-document re-checks (rules/verify-actions.ts). It must offer exactly the actions
 * that asking for each diagnostic on its own offers, and a server must answer it (it used to re-check the
 * document once per action: minutes on a large file, with nothing else answered meanwhile).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service/index';
import { LspClient } from '../lsp-client';
import { HAVE_SHARED, SHARED } from '../helpers';

/** A compute node's config with many PCI mistakes that have fixes (typos in tags, a devname/address mix, bad aliases). */
function manyMistakes(n: number): string {
  const out = ['[pci]'];
  for (let i = 0; i < n; i++) {
    const bus = (0x10 + i).toString(16).padStart(2, '0');
    if (i % 3 === 0) out.push(`device_spec = {"address": "0000:${bus}:00.0", "phyiscal_network": "physnet${i}"}`);
    else if (i % 3 === 1) out.push(`device_spec = {"vendor_id": "8086", "product_id": "154c", "physical_network": "sriov${i}", "trusted": "true"}`);
    else out.push(`alias = {"name": "gpu${i}", "vendor_id": "10de", "product_id": "25b6", "device_type": "type_PF"}`);
  }
  return out.join('\n') + '\n';
}

const key = (a: CodeAction) => JSON.stringify([a.title, a.isPreferred ?? false, a.diagnostics?.[0]?.code, a.diagnostics?.[0]?.range, a.edit]);

test('many diagnostics at once: the same actions as asking for each one alone', () => {
  const s = createLanguageService();
  const text = manyMistakes(60);
  const doc = s.parse(text, 'file:///etc/nova/nova.conf', 1);
  const diags = s.diagnostics(doc);
  assert.ok(diags.length >= 40, `fixture has many findings: ${diags.length}`);
  const alone = diags.flatMap((d) => s.codeActions(doc, d.range, { diagnostics: [d] }).map(key));
  const together = s.codeActions(doc, { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, { diagnostics: diags }).map(key);
  assert.ok(alone.filter((k) => k.includes('"isPreferred":true') || k.includes(',true,')).length > 0, 'some preferred fixes');
  assert.deepEqual(together, alone);
});

test('real-world configs: a whole-file request offers what per-diagnostic requests offer', { skip: !HAVE_SHARED && 'shared/data not found beside the repository' }, () => {
  const dir = join(SHARED, 'data', 'real-world');
  let checked = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.conf'))) {
    const s = createLanguageService();
    const text = readFileSync(join(dir, name), 'utf8');
    const doc = s.parse(text, `file:///rw/${name}`, 1);
    const diags = s.diagnostics(doc);
    if (diags.length < 4) continue; // up to three go the one-by-one way anyway
    checked++;
    const alone = diags.flatMap((d) => s.codeActions(doc, d.range, { diagnostics: [d] }).map(key));
    const together = s.codeActions(doc, { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, { diagnostics: diags }).map(key);
    assert.deepEqual(together, alone, name);
  }
  assert.ok(checked >= 10, `${checked} configs with four or more findings`);
});

test('over stdio: select-all code actions on a 3,000-finding file are answered, each preferred fix removes its finding', async () => {
  const uri = 'file:///work/big/nova.conf';
  const text = manyMistakes(3000);
  const c = new LspClient();
  try {
    await c.initialize({});
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'nova-conf', version: 1, text } });
    const { diagnostics } = await c.diagnostics(uri, 1);
    assert.ok(diagnostics.length >= 900, `${diagnostics.length}`);
    const doc = TextDocument.create(uri, 'nova-conf', 1, text);
    const all = { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: all, context: { diagnostics, only: ['quickfix'] } });
    const preferred = actions.filter((a) => a.isPreferred);
    assert.ok(preferred.length >= diagnostics.length / 2, `${preferred.length} preferred fixes for ${diagnostics.length} findings`);
    // Spot-check: the first and the last preferred fix, applied alone, remove their own finding.
    for (const a of [preferred[0], preferred[preferred.length - 1]]) {
      const d = a.diagnostics![0] as Diagnostic;
      const next = TextDocument.applyEdits(doc, a.edit!.changes![uri]);
      const s = createLanguageService();
      const after = s.diagnostics(s.parse(next, uri, 2));
      assert.ok(!after.some((x) => x.code === d.code && x.range.start.line === d.range.start.line), `${a.title} at line ${d.range.start.line + 1}`);
    }
  } finally {
    await c.shutdown();
  }
});
