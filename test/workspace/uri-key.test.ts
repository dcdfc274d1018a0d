/** uriKey / UriSet: one file under the spellings clients and node give its uri, and nothing more merged than that. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { UriSet, uriKey, uriUnder } from '../../server/src/service/uri-key';
import { Workspace } from '../../server/src/service/workspace/index';
import { parseDocument } from '../../server/src/service/document';
import { DEFAULT_RELEASE } from '../../server/src/service/releases';

test('the same file: VS Code\'s escapes, node\'s pathToFileURL, hex case, a Windows drive letter', () => {
  const node = pathToFileURL('/srv/deploy@prod/a+b (1)/nova.conf').href;
  assert.equal(uriKey('file:///srv/deploy%40prod/a%2Bb%20%281%29/nova.conf'), uriKey(node));
  assert.equal(uriKey('file:///srv/a%2bb/x.conf'), uriKey('file:///srv/a%2Bb/x.conf'));
  assert.equal(uriKey('file:///c%3A/Users/op/nova.conf'), uriKey('file:///C:/Users/op/nova.conf'));
  assert.equal(uriKey('file:///srv/%C3%BC/nova.conf'), uriKey(pathToFileURL('/srv/ü/nova.conf').href));
});

test('different files stay different: escaped "/", "#", "?" and "%", other schemes, bad escapes', () => {
  assert.notEqual(uriKey('file:///srv/a%2Fb.conf'), uriKey('file:///srv/a/b.conf'));
  assert.notEqual(uriKey('file:///srv/a%23b.conf'), uriKey('file:///srv/a#b.conf'));
  assert.notEqual(uriKey('file:///srv/a%3Fb.conf'), uriKey('file:///srv/a?b.conf'));
  assert.notEqual(uriKey('file:///srv/a%2540.conf'), uriKey('file:///srv/a@.conf'));
  assert.equal(uriKey('untitled:Untitled%40-1'), 'untitled:Untitled%40-1');
  assert.equal(uriKey('file:///srv/%FF.conf'), 'file:///srv/%FF.conf');
});

test('UriSet and uriUnder match by key; the workspace keeps one source per file, under the spelling set last', () => {
  const s = new UriSet();
  s.add('file:///srv/deploy@prod/nova.conf');
  assert.ok(s.has('file:///srv/deploy%40prod/nova.conf'));
  s.add('file:///srv/deploy%40prod/nova.conf');
  assert.deepEqual([...s], ['file:///srv/deploy%40prod/nova.conf']);
  assert.ok(uriUnder('file:///srv/deploy%40prod/x/nova.conf', 'file:///srv/deploy@prod/x'));
  assert.ok(!uriUnder('file:///srv/deploy%40prod-2/nova.conf', 'file:///srv/deploy@prod'));

  const ws = new Workspace((text, uri, version) => parseDocument(text, uri, version, DEFAULT_RELEASE));
  ws.set('file:///srv/deploy@prod/nova.conf', '[DEFAULT]\n');
  ws.set('file:///srv/deploy%40prod/nova.conf', '[pci]\n', undefined, 3);
  assert.deepEqual(ws.uris(), ['file:///srv/deploy%40prod/nova.conf']);
  assert.equal(ws.text('file:///srv/deploy@prod/nova.conf'), '[pci]\n');
  assert.equal(ws.document('file:///srv/deploy@prod/nova.conf')?.uri, 'file:///srv/deploy%40prod/nova.conf');
  assert.ok(ws.delete('file:///srv/deploy@prod/nova.conf'));
  assert.deepEqual(ws.uris(), []);
});
