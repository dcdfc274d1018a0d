/**
 * The caches shared across documents (option resolutions in document.ts, the options rule's per-entry findings)
 * must not keep a closed document's text alive: V8 keeps a long slice of a string as a view into the whole
 * string, so a key or value cut from the document and stored as it is would hold the entire text (found with a
 * heap snapshot: a 1 MB file stayed in memory after it was closed). A heap snapshot (taken after a full
 * collection) must hold no string that starts with the closed document's first line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapSnapshot } from 'node:v8';
import { createLanguageService } from '../../server/src/service/index';

const MARKER = `# memo-retention-${process.pid}-${Date.now()}`;

function openAndClose(): number {
  const lines = [MARKER, '[DEFAULT]'];
  // Long keys and values (slices of 13+ characters are views into the text), known, unknown and misplaced ones,
  // an ignored section, and values the type checks refuse.
  for (let i = 0; i < 200; i++) {
    lines.push(`heal_instance_info_cache_interval = ${i % 2 ? 'sixty_seconds_or_so' : '60'}`);
    lines.push(`some_unknown_long_option_name_${i % 7} = a_value_longer_than_thirteen_${i % 5}`);
    lines.push(`[my_unknown_section_name_${i % 3}]`, 'another_long_option_here = 1', '[pci]', 'report_in_placement = maybe_not_really');
    lines.push(`device_spec = {"vendor_id": "8086", "product_id": "154${i % 10}", "physical_network": "physnet_long_name_${i % 4}", "unknown_tag_name_here": "x"}`);
    lines.push(`alias = {"name": "a_long_alias_name_${i % 6}", "vendor_id": "10de", "product_id": "1eb8", "device_type": "type-PCI"}`, '[DEFAULT]');
  }
  const text = lines.join('\n');
  const svc = createLanguageService();
  const uri = 'file:///retention/nova.conf';
  const found = svc.diagnostics(svc.parse(text, uri, 1)).length;
  svc.forget(uri);
  return found;
}

async function snapshotText(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of getHeapSnapshot()) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

test('a closed document is not kept alive by the caches shared across documents', async () => {
  assert.ok(openAndClose() > 100, 'the document has findings (the memo holds entries)');
  // Not references held by a cache: V8's last-match record of the last regular expression run (on the text),
  // and stack slots of the finished call (back to the event loop first).
  /./.test('reset');
  await new Promise((resolve) => setImmediate(resolve));
  const snap = JSON.parse(await snapshotText()) as { strings: string[] };
  // A string node is named after its first 1,024 characters.
  const alive = snap.strings.filter((s) => s.startsWith(MARKER) && s.length > MARKER.length + 500);
  assert.equal(alive.length, 0, 'the closed document text is still reachable');
});
