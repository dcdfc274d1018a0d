/**
 * The option catalogue keeps its compact JSON keys (t, d, dn …) but the rest of the code reads readable names
 * through OptionInfo (catalog/options.ts); an OptionInfo refers to the shared record instead of copying it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getOption, getOptionAnyRelease, listOptions } from '../../server/src/service/catalog/options';
import { optionAtPoint } from '../../server/src/service/catalog/point-releases';
import { DEFAULT_RELEASE } from '../../server/src/service/releases';

test('readable names: type, default, deprecated names, deprecation, choices, range', () => {
  const alias = getOption(DEFAULT_RELEASE, 'pci', 'alias')!;
  assert.equal(alias.type, 'multi');
  assert.equal(alias.multi, true);
  assert.deepEqual(alias.deprecatedNames, [['DEFAULT', 'pci_alias']]);
  const myIp = getOption(DEFAULT_RELEASE, 'DEFAULT', 'my_ip')!;
  assert.equal(myIp.defaultIsSample, true, 'my_ip defaults to the host address, not the sample value');
  const pin = getOptionAnyRelease('DEFAULT', 'vcpu_pin_set')!;
  assert.equal(pin.deprecatedForRemoval, true);
  assert.match(pin.deprecatedSince ?? '', /\S/);
  const port = getOption(DEFAULT_RELEASE, 'vnc', 'novncproxy_port')!;
  assert.equal(port.type, 'port');
  assert.equal(port.default, 6080);
  assert.ok(alias.releases.includes(DEFAULT_RELEASE));
});

test('one shared record per option: no copy of its facts per lookup', () => {
  const a = getOption(DEFAULT_RELEASE, 'pci', 'alias')!;
  const fromList = listOptions(DEFAULT_RELEASE, 'pci').find((o) => o.name === 'alias')!;
  assert.equal(a.valueType, fromList.valueType, 'both views read the same catalogue record');
  assert.equal(getOption(DEFAULT_RELEASE, 'pci', 'alias'), a, 'lookups are memoised');
  assert.deepEqual(Object.keys(a).sort(), ['dynamicGroup', 'facts', 'group', 'mask', 'name'], 'nothing but the reference and the key');
});

test('a point release that differs gets its own facts without touching the shared record', () => {
  const opt = getOption('2024.2', 'cinder', 'catalog_info')!;
  const latest = opt.regex;
  const before = optionAtPoint(opt, '2024.2', '30.0.0'); // hyphens in the service type arrived in 30.1.0
  assert.equal(before.regex, '^\\w+:\\w*:.*$');
  assert.notEqual(latest, before.regex);
  assert.equal(getOption('2024.2', 'cinder', 'catalog_info')!.regex, latest, 'the shared record is unchanged');
  assert.equal(optionAtPoint(opt, '2024.2', '30.1.0'), opt, 'from 30.1.0 on the series record itself');
  assert.equal(before.name, 'catalog_info');
});
