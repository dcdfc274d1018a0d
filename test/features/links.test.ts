/** Document links: URLs in comments open; rule codes in suppression comments open their docs section. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { service } from '../helpers';

function links(text: string) {
  const s = service();
  const doc = s.parse(text, 'file:///links.conf', 1);
  const lines = text.split('\n');
  return s.documentLinks(doc).map((l) => ({ text: lines[l.range.start.line].slice(l.range.start.character, l.range.end.character), line: l.range.start.line, target: l.target }));
}

test('a URL in a comment is a link, without the sentence punctuation after it', () => {
  const got = links('[pci]\n# see https://docs.openstack.org/nova/latest/admin/pci-passthrough.html.\ndevice_spec = {"vendor_id": "8086"}\n');
  assert.deepEqual(got, [{ text: 'https://docs.openstack.org/nova/latest/admin/pci-passthrough.html', line: 1, target: 'https://docs.openstack.org/nova/latest/admin/pci-passthrough.html' }]);
});

test('a URL inside a value is not a link (it is config, not a comment)', () => {
  assert.deepEqual(links('[glance]\napi_servers = http://glance.example:9292\n'), []);
});

test('rule codes in nova-conf: disable comments link to docs/rules.md; unknown codes do not', () => {
  const got = links('[pci]\n# nova-conf: disable-next-line alias-missing-ids, no-such-rule\nalias = {"device_type": "type-PF"}\n;  nova-conf: disable-file pci-filter-not-enabled\n');
  assert.deepEqual(got.map((l) => [l.text, l.line]), [['alias-missing-ids', 1], ['pci-filter-not-enabled', 3]]);
  assert.match(got[0].target ?? '', /docs\/rules\.md#alias-missing-ids$/);
});
