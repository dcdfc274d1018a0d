/**
 * Over real stdio: a document edited by a sequence of incremental didChange notifications (typing, deleting,
 * replacing and inserting lines, as an editor sends them) gets, at every version, the diagnostics that opening
 * the same text gives; and the final text opened in a fresh server (nothing remembered from earlier versions)
 * gets the same diagnostics as the edited document. The server reuses per-entry findings across versions
 * (rules/options/index.ts): this is the end-to-end check that reuse never shows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient } from '../lsp-client';
import { HAVE_SHARED, SHARED } from '../helpers';

type Pos = { line: number; character: number };

function offsetOf(text: string, p: Pos): number {
  let off = 0;
  for (let l = 0; l < p.line; l++) off = text.indexOf('\n', off) + 1;
  return off + p.character;
}

/** A small deterministic generator (the edits must be the same on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LINES = ['debug = maybe', 'my_ip = 10.0.0.$x', 'workers = -3', 'passthrough_whitelist = {"vendor_id": "8086"}', 'auth_uri = http://k:5000', 'enabled_filters = [ComputeFilter, PciPassthroughFilter]', 'unknwon = 1', 'host = a # b', '[filter_schedular]', '[pci]', '# nova-conf: disable-next-line unknown-option', ''];

/** One edit as an editor sends it (a range and its new text) on the current text. */
function nextEdit(text: string, r: () => number): { range: { start: Pos; end: Pos }; text: string } {
  const lines = text.split('\n');
  const line = Math.floor(r() * lines.length);
  const len = lines[line].length;
  const col = Math.floor(r() * (len + 1));
  const k = r();
  if (k < 0.35) return { range: { start: { line, character: col }, end: { line, character: col } }, text: 'x=$#, '[Math.floor(r() * 6)] };
  if (k < 0.55 && col < len) return { range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: '' };
  if (k < 0.8) return { range: { start: { line, character: 0 }, end: { line, character: len } }, text: LINES[Math.floor(r() * LINES.length)] };
  if (k < 0.92) return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `${LINES[Math.floor(r() * LINES.length)]}\n` };
  return line + 1 < lines.length ? { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' } : { range: { start: { line, character: col }, end: { line, character: col } }, text: 'y' };
}

const FILES = ['060-tripleo-undercloud-puppet-generated-full.conf', '001-nova-pci-doc-devspec-address.conf', '047-oussema-ubuntu-compute-full.conf'];

for (const file of FILES) {
  test(`${file}: 40 incremental edits give, at every version, the diagnostics of opening that text; a fresh server agrees on the last`, { skip: HAVE_SHARED ? false : 'shared data not found' }, async () => {
    let text = readFileSync(join(SHARED, 'data', 'real-world', file), 'utf8');
    const edited = new LspClient(['--stdio'], { NOVA_CONF_DEBOUNCE_MS: '0' });
    const opened = new LspClient(['--stdio'], { NOVA_CONF_DEBOUNCE_MS: '0' });
    try {
      await edited.initialize({});
      await opened.initialize({});
      const uri = `file:///edits/${file}`;
      edited.open(uri, text);
      await edited.diagnostics(uri, 1);
      const r = rng(20261130 + file.length);
      let previous = '';
      let changed = 0;
      for (let v = 2; v <= 41; v++) {
        const change = nextEdit(text, r);
        text = text.slice(0, offsetOf(text, change.range.start)) + change.text + text.slice(offsetOf(text, change.range.end));
        const since = edited.notifications.length;
        edited.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
        const got = await edited.diagnostics(uri, v, since);
        const ref = `file:///opened/${v}/${file}`;
        opened.open(ref, text);
        const want = await opened.diagnostics(ref, 1);
        const now = JSON.stringify(got.diagnostics);
        if (now !== previous) changed++;
        previous = now;
        assert.deepStrictEqual(JSON.parse(JSON.stringify(got.diagnostics).replaceAll(uri, 'URI')), JSON.parse(JSON.stringify(want.diagnostics).replaceAll(ref, 'URI')), `version ${v} after ${JSON.stringify(change)}`);
      }
      // The edits reach the rules: most versions change what is reported.
      assert.ok(changed >= 12, `only ${changed} of 40 versions changed the diagnostics`);
      const last = await edited.diagnostics(uri, 41);
      const fresh = new LspClient(['--stdio'], { NOVA_CONF_DEBOUNCE_MS: '0' });
      try {
        await fresh.initialize({});
        fresh.open(uri, text);
        const want = await fresh.diagnostics(uri, 1);
        assert.deepStrictEqual(last.diagnostics, want.diagnostics);
        assert.ok(want.diagnostics.length > 0, 'the edited file has findings');
      } finally {
        await fresh.close();
      }
    } finally {
      await edited.close();
      await opened.close();
    }
  });
}
