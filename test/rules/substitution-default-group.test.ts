/**
 * `${DEFAULT.name}`: oslo.config looks a dotted reference's group up by its registered name, and DEFAULT is not
 * one (NoSuchGroupError — checked with oslo.config 9.0.0: `${DEFAULT.my_ip}` fails, `$my_ip` and `${my_ip}`
 * give the [DEFAULT] value, `${vnc.other}` works, group names are case-sensitive).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, lint, service } from '../helpers';
import { fixAll } from '../../server/src/service/fix-all';

const BAD = '[DEFAULT]\nmy_ip = 192.0.2.10\n[vnc]\nserver_listen = ${DEFAULT.my_ip}\n';

test('${DEFAULT.my_ip} is an Error on the reference itself', () => {
  const ds = lint(BAD).filter((d) => d.code === 'substitution-default-group');
  assert.equal(ds.length, 1);
  assert.equal(ds[0].severity, 1);
  assert.deepEqual(ds[0].range, { start: { line: 3, character: 16 }, end: { line: 3, character: 32 } });
  assert.match(ds[0].message, /Write \$my_ip\.$/);
});

test('the other reference forms oslo.config accepts stay silent', () => {
  for (const ref of ['$my_ip', '${my_ip}', '$$DEFAULT.my_ip']) {
    assert.deepEqual(codes(lint(`[DEFAULT]\nmy_ip = 192.0.2.10\n[vnc]\nserver_listen = ${ref}\n`)).filter((c) => /substitution/.test(c)), [], ref);
  }
});

test('the fix writes $my_ip and the file is then clean', () => {
  const r = fixAll(BAD, service().settings, { uri: 'file:///x/nova.conf' });
  assert.equal(r.text, BAD.replace('${DEFAULT.my_ip}', '$my_ip'));
  assert.deepEqual(codes(lint(r.text)).filter((c) => /substitution/.test(c)), []);
});

test('no fix where the bare name would mean the section\'s own option ([glance] debug vs [DEFAULT] debug)', () => {
  const text = '[DEFAULT]\ndebug = true\n[glance]\ndebug = ${DEFAULT.debug}\n';
  const d = lint(text).find((x) => x.code === 'substitution-default-group');
  assert.ok(d);
  assert.match(d.message, /\[glance\] has its own debug/);
  assert.equal(fixAll(text, service().settings, { uri: 'file:///x/nova.conf' }).text, text);
});
