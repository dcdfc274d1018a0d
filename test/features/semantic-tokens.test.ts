/** Semantic tokens: sections, keys and `$name` references, with what the catalogue of the release knows about them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HAVE_SHARED, SHARED, service } from '../helpers';
import { SEMANTIC_TOKENS_LEGEND } from '../../server/src/service/features/semantic-tokens';
import type { Release } from '../../server/src/service/releases';

let n = 0;
/** Decodes the protocol's relative encoding back to [text, type, modifiers] as a client does. */
function tokens(text: string, release?: Release, range?: { start: { line: number; character: number }; end: { line: number; character: number } }): [string, string, string][] {
  const s = service(release);
  const { data } = s.semanticTokens(s.parse(text, `file:///t/${n++}.conf`, 1), range);
  assert.equal(data.length % 5, 0);
  const lines = text.split(/\r\n|\r|\n/);
  const out: [string, string, string][] = [];
  let line = 0;
  let ch = 0;
  for (let i = 0; i < data.length; i += 5) {
    assert.ok(data[i] >= 0 && data[i + 1] >= 0 && data[i + 2] > 0, 'tokens in document order');
    if (i > 0 && data[i] === 0) assert.ok(data[i + 1] >= data[i - 3], 'no overlap with the previous token');
    line += data[i];
    ch = data[i] === 0 ? ch + data[i + 1] : data[i + 1];
    assert.ok(ch + data[i + 2] <= lines[line].length, 'the token lies on its line');
    const mods = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, b) => (data[i + 4] & (1 << b)) !== 0);
    out.push([lines[line].slice(ch, ch + data[i + 2]), SEMANTIC_TOKENS_LEGEND.tokenTypes[data[i + 3]], mods.join(',')]);
  }
  return out;
}

test('legend: standard token types and modifiers only', () => {
  const standardTypes = ['namespace', 'type', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'parameter', 'variable', 'property', 'enumMember', 'event', 'function', 'method', 'macro', 'keyword', 'modifier', 'comment', 'string', 'number', 'regexp', 'operator', 'decorator'];
  const standardModifiers = ['declaration', 'definition', 'readonly', 'static', 'deprecated', 'abstract', 'async', 'modification', 'documentation', 'defaultLibrary'];
  for (const t of SEMANTIC_TOKENS_LEGEND.tokenTypes) assert.ok(standardTypes.includes(t), t);
  for (const m of SEMANTIC_TOKENS_LEGEND.tokenModifiers) assert.ok(standardModifiers.includes(m), m);
});

test('deprecated names and options deprecated for removal carry the deprecated modifier; current ones do not', () => {
  const t = tokens(['[pci]', 'passthrough_whitelist = {"vendor_id": "8086"}', 'device_spec = {"vendor_id": "8086"}', '[DEFAULT]', 'vcpu_pin_set = 1-3', ''].join('\n'));
  assert.deepEqual(t, [
    ['pci', 'namespace', 'defaultLibrary'],
    ['passthrough_whitelist', 'property', 'deprecated,defaultLibrary'],
    ['device_spec', 'property', 'defaultLibrary'],
    ['DEFAULT', 'namespace', 'defaultLibrary'],
    ['vcpu_pin_set', 'property', 'deprecated,defaultLibrary'],
  ]);
});

test('unknown keys and sections are plain property / namespace (no defaultLibrary)', () => {
  const t = tokens(['[pci]', 'devicespec = x', '[filter_schedular]', 'enabled_filters = A', ''].join('\n'));
  assert.deepEqual(t, [
    ['pci', 'namespace', 'defaultLibrary'],
    ['devicespec', 'property', ''],
    ['filter_schedular', 'namespace', ''],
    ['enabled_filters', 'property', ''],
  ]);
});

test('$name placeholders: variable tokens, defaultLibrary when they name an option', () => {
  const t = tokens(['[DEFAULT]', 'my_ip = 192.0.2.1', '[vnc]', 'server_listen = $my_ip', 'server_proxyclient_address = ${nope}', ''].join('\n'));
  assert.deepEqual(t.filter((x) => x[1] === 'variable'), [
    ['$my_ip', 'variable', 'defaultLibrary'],
    ['${nope}', 'variable', ''],
  ]);
});

test('the release decides: an option removed in the selected release is unknown there', () => {
  const text = '[DEFAULT]\nenabled_apis = osapi_compute\n';
  assert.deepEqual(tokens(text, '2025.1')[1], ['enabled_apis', 'property', 'defaultLibrary']);
  assert.deepEqual(tokens(text, '2026.1')[1], ['enabled_apis', 'property', '']);
});

test('range: only the tokens on the lines asked for; CRLF and multi-line values keep positions', () => {
  const text = '[pci]\r\ndevice_spec = {\r\n    "vendor_id": "8086"}\r\n[vnc]\r\nenabled = true\r\n';
  assert.deepEqual(tokens(text), [
    ['pci', 'namespace', 'defaultLibrary'],
    ['device_spec', 'property', 'defaultLibrary'],
    ['vnc', 'namespace', 'defaultLibrary'],
    ['enabled', 'property', 'defaultLibrary'],
  ]);
  assert.deepEqual(tokens(text, undefined, { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }).map((x) => x[0]), ['vnc', 'enabled']);
});

test('real-world configs: every token lies on its line, in order, without overlap, and names a section, key or reference', { skip: !HAVE_SHARED && 'shared/data not found beside the repository' }, () => {
  const dir = join(SHARED, 'data', 'real-world');
  let count = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.conf'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    const t = tokens(text);
    for (const [tok, type] of t) {
      if (type === 'namespace') assert.match(tok, /^[^\]\s]+/, f);
      else if (type === 'variable') assert.match(tok, /^\$\{?[_a-z][._a-z0-9]*\}?$/i, `${f}: ${tok}`);
      else assert.ok(tok.length > 0 && !/\s/.test(tok), `${f}: ${JSON.stringify(tok)}`);
    }
    count += t.length;
  }
  assert.ok(count > 500, `${count} tokens`);
});
