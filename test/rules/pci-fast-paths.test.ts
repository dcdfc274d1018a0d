// The shortcuts the PCI rules take on big files must give Nova's answer: each is compared with the exact path it
// skips, on generated strings built from the characters that matter (hex digits in both cases, `*`, `:`, `.`,
// spaces, `0x`, `_`, a Unicode digit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePyHexInt, parsePyHexNumber } from '../../server/src/service/python/int';
import { checkGlob, globOk } from '../../server/src/service/rules/device-spec/index';
import { ID_PATTERN, idOk } from '../../server/src/service/rules/alias/index';
import { checkPythonRegex } from '../../server/src/service/python/re';

const pieces = ['0', '1', '7', '8', '9', 'a', 'f', 'F', 'g', '*', ':', '.', ' ', '0x', '_', '-', '\u0663', '00', 'ff', '1f', '20'];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((a) => a.join(''));

test('parsePyHexNumber is int(x, 16) as a number', () => {
  fc.assert(
    fc.property(text, (s) => {
      const big = parsePyHexInt(s);
      assert.equal(parsePyHexNumber(s), big === undefined ? undefined : Number(big), JSON.stringify(s));
    }),
    { numRuns: 5000 },
  );
  assert.equal(parsePyHexNumber('ffff'), 0xffff);
  assert.equal(parsePyHexNumber('10000'), 0x10000);
  assert.equal(parsePyHexNumber(' 0x8086 '), 0x8086);
  assert.equal(parsePyHexNumber(''), undefined);
});

test('a glob address the fast check accepts is one the full check accepts, and common addresses take the fast path', () => {
  const failsFully = (addr: string) => {
    let failed = false;
    checkGlob(addr, { start: 0, end: 0 }, () => {
      failed = true;
    });
    return failed;
  };
  fc.assert(
    fc.property(text, (addr) => {
      if (globOk(addr)) assert.equal(failsFully(addr), false, JSON.stringify(addr));
    }),
    { numRuns: 20000 },
  );
  for (const ok of ['0000:0a:00.1', '0000:72:06.*', '*:*:*.*', '0a:1f.7', '1f', 'ffff:ff:1f.07', ':', '.', '0000:0a:00.']) {
    assert.equal(globOk(ok), true, ok);
    assert.equal(failsFully(ok), false, ok);
  }
  for (const bad of ['0000:0a:20.0', '0000:0a:0b:00.1', '0000:0a:00.8', '0000:0a:0*.1', '10000:00:00.0', '0000:100:00.0']) {
    assert.equal(globOk(bad), false, bad);
    assert.equal(failsFully(bad), true, bad);
  }
});

test('the alias id shortcut agrees with the schema pattern', () => {
  fc.assert(
    fc.property(text, (s) => assert.equal(idOk(s), ID_PATTERN.test(s), JSON.stringify(s))),
    { numRuns: 5000 },
  );
  assert.equal(idOk('10de'), true);
  assert.equal(idOk('10DE'), true);
  assert.equal(idOk('0x10'), false);
  assert.equal(idOk('\u0661\u0662ab'), true);
});

test('a remembered regex verdict is the same verdict, and a caller cannot change it for the next one', () => {
  const first = checkPythonRegex('[6[-7]');
  assert.ok(first);
  first.message = 'changed';
  first.offset = 99;
  const again = checkPythonRegex('[6[-7]');
  assert.ok(again);
  assert.notEqual(again.message, 'changed');
  assert.notEqual(again.offset, 99);
  assert.equal(checkPythonRegex('[0-7]'), undefined);
  assert.equal(checkPythonRegex('[0-7]'), undefined);
  assert.ok(checkPythonRegex('*'));
  assert.deepEqual(checkPythonRegex('*'), checkPythonRegex('*'));
});
