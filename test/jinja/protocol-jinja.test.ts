/** Jinja templates over real LSP stdio: diagnostics at exact positions, hover on a placeholder, completion inside one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';
import { LspClient } from '../lsp-client';

const FIX = join(ROOT, 'test', 'fixtures', 'jinja');

test('a Kayobe alias loop with mistakes, over stdio: only the real mistakes, hover and completion on the Jinja', async () => {
  const c = new LspClient();
  try {
    await c.initialize({});
    const uri = 'file:///deploy/etc/kayobe/kolla/config/nova/nova-api.conf';
    const text = readFileSync(join(FIX, 'kayobe-gpu-alias-loop-mistakes.conf'), 'utf8');
    c.open(uri, text, 1);
    const { diagnostics } = await c.diagnostics(uri, 1);
    const loud = diagnostics.filter((d) => d.severity <= 2).map((d) => [d.code, d.range.start.line, d.range.start.character]);
    assert.deepEqual(loud, [
      ['json-invalid', 4, 57],
      ['alias-unknown-key', 5, 57],
      ['alias-bad-numa-policy', 6, 120],
    ]);

    // Hover over `{{ gpu_catalogue[gpu].vendor }}` on line 5.
    const col = text.split('\n')[4].indexOf('{{') + 5;
    const hover = await c.request<{ contents: { value: string }; range: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: col } });
    assert.ok(hover);
    assert.match(hover.contents.value, /set by the template at deploy time/i);

    // Completion inside the placeholder: nothing, and the server keeps answering.
    const inside = await c.request<{ items: unknown[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: col } });
    assert.deepEqual(inside.items, []);

    // The single-quote fix is offered, and it edits only the quotes.
    const quotes = diagnostics.find((d) => d.code === 'json-invalid')!;
    const actions = await c.request<{ title: string; edit?: { changes: Record<string, { range: { start: { character: number }; end: { character: number } }; newText: string }[]> } }[]>('textDocument/codeAction', { textDocument: { uri }, range: quotes.range, context: { diagnostics: [quotes] } });
    const fix = actions.find((a) => a.edit && !/disable|suppress/i.test(a.title));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    for (const e of fix.edit!.changes[uri]) assert.ok(!e.newText.includes('{{') && e.range.start.character >= 57 && e.range.end.character <= 69, JSON.stringify(e));
  } finally {
    await c.shutdown();
  }
});

test('a Kolla template named nova.conf.j2 with if/else branches: no Jinja-caused diagnostics over stdio', async () => {
  const c = new LspClient();
  try {
    await c.initialize({});
    const uri = 'file:///deploy/templates/nova.conf.j2';
    const text = [
      '[DEFAULT]',
      'my_ip = {{ api_interface_address }}',
      'debug = {{ nova_logging_debug }}',
      '{% if enable_ironic | bool %}',
      'compute_driver = ironic.IronicDriver',
      '{% else %}',
      'compute_driver = libvirt.LibvirtDriver',
      '{% endif %}',
      '',
    ].join('\n');
    c.open(uri, text, 1);
    const { diagnostics } = await c.diagnostics(uri, 1);
    assert.deepEqual(diagnostics.filter((d) => d.severity <= 2), []);
  } finally {
    await c.shutdown();
  }
});
