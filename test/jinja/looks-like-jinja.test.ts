/**
 * looksLikeJinja() decides whether a plain `.conf` is read as a template. It looks at every `{` once
 * (Round 7, big10b); this compares it with the three-search version it replaced (kept below as the reference) on
 * generated texts made of the characters that matter (delimiters, line breaks, names, quotes, digits), and checks
 * the answers a user sees on a few hand-written lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeJinja } from '../../server/src/service/sources/jinja';
// A small deterministic generator (mulberry32), so a failure names a reproducible case.
import { rng } from '../../bench/generate';

/** The previous implementation: one search per kind of tag. */
function reference(text: string): boolean {
  const closed = (open: string, close: string, start: RegExp): boolean => {
    let nextClose = -2;
    let nextBreak = -2;
    for (let i = text.indexOf(open); i >= 0; i = text.indexOf(open, i + 1)) {
      if (nextClose !== -1 && nextClose < i + open.length) nextClose = text.indexOf(close, i + open.length);
      if (nextClose === -1) return false;
      if (nextBreak !== -1 && nextBreak < i) nextBreak = text.indexOf('\n', i);
      if ((nextBreak === -1 || nextClose < nextBreak) && start.test(text.slice(i + open.length, i + open.length + 8))) return true;
    }
    return false;
  };
  if (!text.includes('{')) return false;
  return closed('{%', '%}', /^[-+]?[ \t]*[a-z_]/) || closed('{#', '#}', /^/) || closed('{{', '}}', /^-?[ \t]*[A-Za-z_'"[\d]/);
}

const PIECES = ['{', '}', '%', '#', '{{', '}}', '{%', '%}', '{#', '#}', '\n', ' ', '\t', '-', '+', 'a', 'x_y', 'X', '"', "'", '[', '7', '(', '=', ',', ':'];

test('looksLikeJinja answers as the three-search version on 20,000 generated texts', () => {
  const next = rng(20);
  let templates = 0;
  for (let n = 0; n < 20000; n++) {
    const len = 1 + Math.floor(next() * 40);
    let text = '';
    for (let k = 0; k < len; k++) text += PIECES[Math.floor(next() * PIECES.length)];
    const want = reference(text);
    if (want) templates++;
    assert.equal(looksLikeJinja(text, 'file:///etc/nova/nova.conf'), want, JSON.stringify(text));
  }
  // Both answers occur often enough for the comparison to mean something.
  assert.ok(templates > 2000 && templates < 18000, `templates: ${templates}`);
});

test('looksLikeJinja: tags, DevStack log formats and JSON', () => {
  const is = (text: string) => looksLikeJinja(text, 'file:///etc/nova/nova.conf');
  assert.equal(is('[DEFAULT]\n{% if x %}\n{% endif %}\n'), true);
  assert.equal(is('[DEFAULT]\n{# a comment #}\n'), true);
  assert.equal(is('[DEFAULT]\nhost = {{ inventory_hostname }}\n'), true);
  // The closing delimiter must be on the same line.
  assert.equal(is('[DEFAULT]\nhost = {{ inventory_hostname\n}}\n'), false);
  // DevStack's logging format is not a template, and neither is JSON, even after an unclosed tag of another kind.
  assert.equal(is('[DEFAULT]\nlogging_debug_format_suffix = {{(pid=%(process)d) %(funcName)s}}\n'), false);
  assert.equal(is('[pci]\nalias = {"name": "a"}\n{% \nalias = {"name": "b"}\n'), false);
  // A statement after many JSON braces and an unusable expression is still found.
  assert.equal(is(`[pci]\n${'alias = {"name": "a"}\n'.repeat(500)}x = {{(1)}}\n{% set y = 1 %}\n`), true);
  assert.equal(looksLikeJinja('[DEFAULT]\n', 'file:///etc/kolla/nova.conf.j2'), true);
});
