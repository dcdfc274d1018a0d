// parseDirective looks for the `# nova-conf: service=/release=` line only where "nova-conf:" occurs; it must find
// exactly the line the plain multi-line regex finds (line breaks \n, \r, \r\n, U+2028; suppression comments before it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDirective } from '../../server/src/service/workspace/roles';

const LINE = /^[ \t]*[#;][ \t]*nova-conf:[ \t]*((?:service|release)[ \t]*=.*?)[ \t]*$/m;

test('the directive line found is the first line the multi-line regex matches', () => {
  const parts = ['# nova-conf: service=nova-compute', '; nova-conf: release=2024.1', '#nova-conf:release=zed', 'nova-conf:', '# nova-conf: disable-next-line x', ' ', '\t', '\n', '\r', '\r\n', '\u2028', 'x = 1', '[pci]'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 14 }), (a) => {
      const text = a.join('');
      const m = LINE.exec(text);
      const d = parseDirective(text);
      assert.equal(d?.directive?.start, m ? m.index : undefined, JSON.stringify(text));
      if (m) assert.equal(d?.directive?.end, m.index + m[0].length);
    }),
    { numRuns: 20000 },
  );
});

test('a directive after thousands of suppression comments is still read', () => {
  const text = '# nova-conf: disable-next-line device-spec-matches-all\n[pci]\n'.repeat(5000) + '# nova-conf: release=2024.1\n';
  assert.equal(parseDirective(text)?.release, '2024.1');
});
