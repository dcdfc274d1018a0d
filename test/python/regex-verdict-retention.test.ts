/**
 * checkPythonRegex remembers the verdicts of short patterns across documents (python/re.ts). A pattern of 25 to 64
 * characters in a device_spec regex address is read as a slice of the document's text (model/py.ts cuts longer
 * strings from the text instead of copying them), and V8 keeps a slice of 13 or more characters as a view into the
 * whole text: stored as it is, that key would keep a closed document's text alive until the cache is next emptied.
 * The same check as test/rules/memo-retention.test.ts (assertNotRetained in test/heap-retainers.ts): after the document is closed, a heap snapshot must hold no
 * string that starts with its first line (except for a moment in V8's own compiler handles).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNotRetained, diagnoseAndForget } from '../heap-retainers';

const URI = 'file:///retention/regex.conf';

function documentText(marker: string): string {
  const lines = [marker, '[pci]'];
  for (let i = 0; i < 300; i++) {
    // Address regexes of 25-64 characters (read as slices of the text), each different, with a value that compiles.
    lines.push(`device_spec = {"vendor_id": "8086", "address": {"bus": "(0a|0b|0c|0d|0e|0f|1a|1b|${(i % 256).toString(16).padStart(2, '0')})", "slot": "[0-1][0-9a-f]"}}`);
  }
  return lines.join('\n');
}

test("a closed document's long address regexes do not keep its text alive through the regex verdict cache", async (t) => {
  const marker = `# regex-verdict-retention-${process.pid}-${Date.now()}`;
  assert.ok(diagnoseAndForget(documentText(marker), URI) >= 0);
  await assertNotRetained(t, marker);
});
