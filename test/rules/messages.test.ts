/**
 * Messages lead with the problem and end with the consequence (issue #18 item 4): editors cut long messages
 * at the end, so "nova-compute will refuse to start: …" hides what is wrong. This walks every rule's bad example
 * (every diagnostic it gets, not only its own code), every flavor rule's bad example, the Nova device_spec/alias
 * cases, the Nova extra-spec cases and the INI parser problems, and fails on a message that opens with a
 * consequence ("nova-compute will …", "Nova will …", "nova-api refuses …", "oslo.config cannot read …").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEPLOYMENT_FAMILIES, FAMILIES } from '../../server/src/service/rules/registry';
import { FLAVOR_RULES } from '../../server/src/service/flavors/rules';
import { validateExtraSpec } from '../../server/src/service/flavors/validate';
import { messagesFor } from '../../scripts/rules-doc';
import { flavorMessagesFor } from '../../scripts/flavors-doc';
import { createLanguageService } from '../../server/src/service/index';
import { RELEASES } from '../../server/src/service/releases';
import { withConsequence } from '../../server/src/service/rules/message';
import { NOVA_CASES, ROOT } from '../helpers';

/** A message whose first words are a consequence rather than the problem. */
const CONSEQUENCE_FIRST = new RegExp(
  '^(?:' +
    '(?:nova-[a-z-]+|nova|nova-conf|oslo\\.config|placement|neutron|the (?:scheduler|api|service|deployment|template)|every (?:nova )?service[^:—]*|services that read[^:—]*|every flavor[^:—]*|a request[^:—]*)' +
    '(?: and nova-[a-z-]+)?(?: \\([^)]*\\))?(?: on [\\w.-]+)? ' +
    '(?:will|would|refuses?|rejects?|fails?|cannot|can not|crash(?:es)?|ignores?|stops?|never|does not start)\\b' +
  ')',
  'i',
);

function offenders(messages: Iterable<string>): string[] {
  return [...new Set(messages)].filter((m) => CONSEQUENCE_FIRST.test(m));
}

test('the pattern catches the old shapes and passes the new ones', () => {
  for (const old of [
    'nova-compute will refuse to start: device_spec is not valid JSON: the value is empty.',
    'nova-api and nova-compute will refuse to start: the alias has no "name".',
    'nova-scheduler will refuse to start: there is no scheduler filter named "X".',
    'Nova will ignore this.',
    'oslo.config cannot read this file: the section name is empty.',
    'Services that read [pci] report_in_placement will fail: "maybe" is not a boolean.',
    'nova-api (microversion 2.86+) refuses \'hw:x\': …',
    'nova-compute on compute-1 will refuse to start: …',
  ]) assert.match(old, CONSEQUENCE_FIRST, old);
  for (const ok of [
    'device_spec is not valid JSON: the value is empty — nova-compute will refuse to start.',
    'Unknown option "alais" in [pci]: Nova ignores it — did you mean "alias"?',
    'Nova does not trim traits: "a, b" gives "CUSTOM_A", "CUSTOM__B".',
  ]) assert.doesNotMatch(ok, CONSEQUENCE_FIRST, ok);
});

test('withConsequence puts the consequence last and a "did you mean" hint after it', () => {
  assert.equal(withConsequence('vendor_id "intel" is not hex.', 'nova-compute will refuse to start'), 'vendor_id "intel" is not hex — nova-compute will refuse to start.');
  assert.equal(withConsequence('"vendorid" is not an alias field — did you mean "vendor_id"?', 'nova-api will refuse to start'), '"vendorid" is not an alias field — nova-api will refuse to start. Did you mean "vendor_id"?');
  assert.equal(withConsequence('the alias has no "name"', 'X fails'), 'The alias has no "name" — X fails.');
});

test('every rule\'s bad example gets messages that lead with the problem', () => {
  const messages: string[] = [];
  for (const f of [...FAMILIES, ...DEPLOYMENT_FAMILIES]) {
    for (const r of f.rules) {
      if (!r.bad) continue;
      const own = messagesFor({ ...r, family: f.name }, r.bad);
      assert.ok(own.length > 0, `${r.code}: bad example not reported`);
      messages.push(...own.map((m) => m.replace(/^[\w/.-]+\.conf: /, ''))); // cross-file examples prefix the file
    }
    // every other diagnostic the bad examples get (parser problems, neighbouring rules)
    const svc = createLanguageService({});
    for (const r of f.rules) {
      if (!r.bad || /^# file: /m.test(r.bad)) continue;
      const text = /^\[/m.test(r.bad) ? r.bad : `[pci]\n${r.bad}\n`;
      messages.push(...svc.diagnostics(svc.parse(text, 'file:///example/nova.conf', 1)).map((d) => d.message));
    }
  }
  for (const r of FLAVOR_RULES) if (r.bad) messages.push(...flavorMessagesFor(r, r.bad));
  assert.ok(messages.length > 150, `walked ${messages.length} messages`);
  assert.deepEqual(offenders(messages), []);
});

test('the Nova device_spec/alias cases get messages that lead with the problem, in every release', () => {
  const cases = JSON.parse(readFileSync(NOVA_CASES, 'utf8')) as { kind: string; input: string }[];
  const messages: string[] = [];
  for (const release of RELEASES) {
    const svc = createLanguageService({ settings: { release } });
    for (const c of cases) messages.push(...svc.diagnostics(svc.parse(`[pci]\n${c.kind} = ${c.input}\n`, 'file:///x/nova.conf', 1)).map((d) => d.message));
  }
  assert.ok(messages.length > 500, `walked ${messages.length} messages`);
  assert.deepEqual(offenders(messages), []);
});

test('the Nova extra-spec cases and the INI parser problems lead with the problem', () => {
  const cases = JSON.parse(readFileSync(join(ROOT, 'test', 'data', 'nova-extra-spec-cases.json'), 'utf8')) as { key: string; value: string }[];
  const messages = RELEASES.flatMap((release) => cases.flatMap((c) => validateExtraSpec(c.key, c.value, release).map((f) => f.message)));
  const svc = createLanguageService({});
  for (const text of ['x = 1\n[DEFAULT]\n', '[DEFAULT]\n\n  indented\n', '[DEFAULT] # c\n', '[]\n', '[DEFAULT]\nno separator\n', '[DEFAULT]\n= 1\n', '\ufeff[DEFAULT]\n']) {
    messages.push(...svc.diagnostics(svc.parse(text, 'file:///x/nova.conf', 1)).map((d) => d.message));
  }
  assert.ok(messages.length > 20, `walked ${messages.length} messages`);
  assert.deepEqual(offenders(messages), []);
});
