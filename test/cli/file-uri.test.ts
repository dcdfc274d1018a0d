/**
 * The CLI's uri for a file (server/src/file-uri.ts) is pathToFileURL(resolve(path)).href for every path: the plain
 * ones it writes itself, the others node:url writes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileUri } from '../../server/src/file-uri';

const PATHS = [
  '/',
  '/etc/nova/nova.conf',
  '/etc/nova/nova.conf.d/50-pci.conf',
  '/srv/kolla/config/nova/nova-compute.conf',
  'examples/nova.conf',
  './examples/../examples/nova.conf',
  '.',
  '..',
  '/a//b///c.conf',
  '/a/./b/../c.conf',
  '/a/b/',
  '/tmp/with space.conf',
  '/tmp/per%cent.conf',
  '/tmp/hash#tag.conf',
  '/tmp/question?.conf',
  '/tmp/semi;colon.conf',
  '/tmp/colon:name.conf',
  '/tmp/tilde~.conf',
  '/tmp/~user/nova.conf',
  '/tmp/back\\slash.conf',
  '/tmp/brackets[1].conf',
  '/tmp/caret^pipe|.conf',
  '/tmp/quote"s\'.conf',
  '/tmp/braces{x}`.conf',
  '/tmp/tab\there.conf',
  '/tmp/new\nline.conf',
  '/tmp/cr\r.conf',
  '/tmp/plus+at@equals=comma,.conf',
  '/tmp/dollar$amp&paren(.conf',
  '/tmp/ü-unicode/nova.conf',
  '/tmp/日本/nova.conf',
  '/tmp/emoji-😀.conf',
  '/tmp/.hidden/.nova.conf',
  '/tmp/...',
  '/tmp/-dash_under.score',
  'relative/Path_With-Mixed.Case9.conf',
];

test('fileUri gives the uri pathToFileURL(resolve(path)) gives, for plain and odd paths', () => {
  for (const p of PATHS) assert.equal(fileUri(p), pathToFileURL(resolve(p)).href, JSON.stringify(p));
});

test('fileUri writes a plain absolute path itself: file:// and the path', () => {
  assert.equal(fileUri('/etc/nova/nova.conf'), 'file:///etc/nova/nova.conf');
  assert.equal(fileUri('/'), 'file:///');
});
