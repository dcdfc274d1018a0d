// The PCI rules check every device_spec dict through one reused item (rules/device-spec), and the value reader gets
// a value's lines in arrays reused from one value to the next (oslo/ini.ts valueLinesIn). Nothing of one value may
// reach another's findings: the same value written on several lines, one-line and several-line values one after
// the other, and list items checked one after the other must each report at their own place, with their own fix
// target (the item's index in its list), in a document of any size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service/index';

interface Finding {
  code: string;
  line: number;
  text: string;
  path?: (string | number)[];
}

function findings(text: string): Finding[] {
  const s = createLanguageService({ settings: { maxDiagnostics: Number.MAX_SAFE_INTEGER } });
  const lines = text.split('\n');
  return s.diagnostics(s.parse(text, 'file:///scratch.conf', 1)).map((d) => {
    assert.equal(d.range.start.line, d.range.end.line, `${String(d.code)} spans one line`);
    const data = d.data as { target?: { path: (string | number)[] } } | undefined;
    return { code: String(d.code), line: d.range.start.line, text: lines[d.range.start.line].slice(d.range.start.character, d.range.end.character), path: data?.target?.path };
  });
}

// Each block: its lines, and the findings expected on them (line offsets within the block).
const LIST = 'device_spec = [{"vendor_id": "8086", "address": {"bus": "0A"}}, 7, {"address": {"bus": "0B"}}]';
const LIST2 = 'device_spec = [{"address": {"slot": "1F"}}, {"vendor_id": "8086"}, {"address": {"bus": "0C", "func": "1"}}]';
const MULTI = ['device_spec = {"vendor_id": "8086",', '    "trusted": "yes",', '    "address": {"bus": "8"}}'];
const MULTI2 = ['device_spec = {"vendor_id": "8086", "address": {"bus": "0D"},', '    "remote_managed": "1"}'];
const MULTI4 = ['alias = {', '    "name": "b,c",', '    "vendor_id": "10de", "product_id": "1db4",', '    "numa_policy": "strict"}'];
const ALIAS = 'alias = {"name": "a:b", "vendor_id": 10, "product_id": "1db4", "device_type": "type-X"}';
const RC = 'device_spec = [{"vendor_id": "8086", "resource_class": "CUSTOM_X Y"}, {"vendor_id": "8086"}, {"vendor_id": "8086", "traits": "A, B"}]';

function expected(at: number, block: string[]): Finding[] {
  const key = block.join('\n');
  if (key === LIST)
    return [
      { code: 'device-spec-not-object', line: at, text: '7' },
      { code: 'device-spec-address-regex-case', line: at, text: '"0A"', path: [0, 'address', 'bus'] },
    ];
  if (key === LIST2)
    return [
      { code: 'device-spec-address-regex-case', line: at, text: '"1F"', path: [0, 'address', 'slot'] },
      { code: 'device-spec-address-regex-case', line: at, text: '"0C"', path: [2, 'address', 'bus'] },
      { code: 'device-spec-address-unknown-key', line: at, text: '"func"', path: [2, 'address', 'func'] },
    ];
  if (key === MULTI.join('\n'))
    return [
      { code: 'device-spec-truefalse-tag', line: at + 1, text: '"yes"', path: ['trusted'] },
      { code: 'device-spec-address-regex-prefix', line: at + 2, text: '"8"' },
    ];
  if (key === MULTI2.join('\n'))
    return [
      { code: 'device-spec-address-regex-case', line: at, text: '"0D"', path: ['address', 'bus'] },
      { code: 'device-spec-truefalse-tag', line: at + 1, text: '"1"', path: ['remote_managed'] },
    ];
  if (key === MULTI4.join('\n'))
    return [
      { code: 'alias-bad-numa-policy', line: at + 3, text: '"strict"', path: ['numa_policy'] },
      { code: 'alias-name-unusable', line: at + 1, text: '"b,c"' },
    ];
  if (key === ALIAS)
    return [
      { code: 'alias-bad-id', line: at, text: '10', path: ['vendor_id'] },
      { code: 'alias-bad-device-type', line: at, text: '"type-X"', path: ['device_type'] },
      { code: 'alias-name-unusable', line: at, text: '"a:b"' },
    ];
  if (key === RC)
    return [
      { code: 'placement-name-invalid', line: at, text: '"CUSTOM_X Y"', path: [0, 'resource_class'] },
      { code: 'traits-whitespace', line: at, text: '"A, B"', path: [2, 'traits'] },
    ];
  throw new Error('unknown block');
}

const key = (f: Finding) => `${f.line}:${f.code}:${f.text}:${JSON.stringify(f.path)}`;

test('findings of repeated and neighbouring PCI values keep their own lines and list positions', () => {
  const blocks = [[LIST], MULTI, [LIST2], MULTI2, [ALIAS], MULTI4, [LIST], MULTI, MULTI2, MULTI, [RC], MULTI4, MULTI4, [LIST2], [LIST], [ALIAS], MULTI2, [RC], MULTI, [LIST]];
  for (const size of ['small', 'big']) {
    // The big document goes through a 1 MB text's paths (oslo/ini.ts: entries made where V8 pretenures them).
    const head = ['[filter_scheduler]', 'enabled_filters = PciPassthroughFilter', '[pci]', ...(size === 'big' ? [`# ${'x'.repeat(1 << 20)}`] : [])];
    const lines = [...head];
    const want: Finding[] = [];
    for (const b of blocks) {
      want.push(...expected(lines.length, b));
      lines.push(...b);
    }
    const got = findings(lines.join('\n') + '\n').filter((f) => !f.code.startsWith('alias-duplicate') && f.code !== 'alias-missing-ids');
    assert.deepEqual(got.map(key).sort(), want.map(key).sort(), `${size} document`);
  }
});
