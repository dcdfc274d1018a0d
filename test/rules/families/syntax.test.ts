/** The syntax family (server/src/service/rules/): one range-marked bad case and one good case per code. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../../server/src/service/index';
import { familyCases } from './marked';

familyCases('syntax', [
  {
    code: 'ini-no-separator',
    bad: '[pci]\nalias = {"name": "gpu",\n  "vendor_id": "10de", "product_id": "1db4"\n|}|\n',
    good: '[pci]\nalias = {"name": "gpu",\n  "vendor_id": "10de", "product_id": "1db4"\n  }\n',
  },
  {
    code: 'ini-empty-key',
    bad: '[DEFAULT]\n|= true|\n',
    good: '[DEFAULT]\ndebug = true\n',
  },
  {
    code: 'ini-section-not-closed',
    bad: '|[pci] # passthrough|\n',
    good: '# passthrough\n[pci]\n',
  },
  {
    code: 'ini-empty-section',
    bad: '|[]|\n',
    good: '[DEFAULT]\n',
  },
  {
    code: 'ini-no-section',
    bad: '|debug| = true\n[DEFAULT]\n',
    good: '[DEFAULT]\ndebug = true\n',
  },
  {
    code: 'ini-unexpected-continuation',
    bad: '[pci]\nalias = {"name": "gpu",\n\n  |"vendor_id": "10de"}|\n',
    good: '[pci]\nalias = {"name": "gpu",\n  "vendor_id": "10de"}\n',
  },
  {
    code: 'json-invalid',
    bad: '[pci]\ndevice_spec = {|\'vendor_id\'|: \'8086\'}\n',
    good: '[pci]\ndevice_spec = {"vendor_id": "8086"}\n',
  },
  {
    code: 'unknown-substitution',
    bad: '[vnc]\nserver_listen = |$myip|\n',
    good: '[vnc]\nserver_listen = $my_ip\n',
  },
  {
    code: 'substitution-default-group',
    bad: '[DEFAULT]\nmy_ip = 192.0.2.10\n[vnc]\nserver_listen = |${DEFAULT.my_ip}|\n',
    good: '[DEFAULT]\nmy_ip = 192.0.2.10\n[vnc]\nserver_listen = $my_ip\n',
  },
  {
    code: 'substitution-loop',
    bad: '[DEFAULT]\nhost = $my_ip\nmy_ip = |$host|\n',
    good: '[DEFAULT]\nmy_ip = 192.0.2.10\n',
  },
  {
    code: 'ini-bom',
    bad: '|\ufeff|debug = true\n[DEFAULT]\n',
    good: '[DEFAULT]\ndebug = true\n',
  },
], {
  'file-not-utf8': 'judged on bytes, not text: test/cli/undecodable.test.ts',
  'document-too-large': 'a 16 MB document: its own test below',
});

test('document-too-large: a file over the 16 MB cap gets one finding at its start and nothing else', () => {
  const svc = createLanguageService({});
  const text = `[DEFAULT]\n${'# filler\n'.repeat(1_900_000)}`;
  assert.ok(text.length > 16 * 1024 * 1024);
  const ds = svc.diagnostics(svc.parse(text, 'file:///fixture/nova.conf', 1));
  assert.deepEqual(ds.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]), [['document-too-large', 0, 0, 0, 0]]);
  const small = svc.parse('[DEFAULT]\ndebug = true\n', 'file:///fixture/small.conf', 1);
  assert.deepEqual(svc.diagnostics(small).filter((d) => d.code === 'document-too-large'), []);
});
