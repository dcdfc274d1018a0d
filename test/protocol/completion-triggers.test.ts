/**
 * Completion trigger characters over stdio: a comma is not one. Typing `"device_type": "type-PCI",` and Enter at the
 * end of a continuation line must give a new line; with ',' as a trigger, VS Code opened the key list on the comma
 * and Enter accepted its first key instead (seen in the workbench e2e).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../lsp-client';

test('LSP: completion triggers on quotes, brackets, ":" , "=" and space, not on ","', async () => {
  const c = new LspClient();
  try {
    const r = await c.request<{ capabilities: { completionProvider: { triggerCharacters: string[] } } }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    const triggers = r.capabilities.completionProvider.triggerCharacters;
    assert.ok(!triggers.includes(','), `"," triggers completion: ${JSON.stringify(triggers)}`);
    for (const t of ['"', ':', '=']) assert.ok(triggers.includes(t), `${t} should still trigger completion`);
  } finally {
    c.kill();
  }
});
