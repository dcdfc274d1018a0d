import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundledPciIds, parsePciIds } from '../../server/src/service/catalog/pciids';

// A small file in pci.ids syntax: header comments, comments between entries,
// subsystem lines, CRLF on one line, and a class section whose lines must be ignored.
const FIXTURE = [
  '#',
  '#\tList of PCI ID\'s',
  '#\tVersion: 2099.01.01',
  '#',
  '',
  '# Vendors, devices and subsystems.',
  '0001  SafeNet (wrong ID)',
  '0abc  Acme Intelligent Widgets',
  '# a comment between devices',
  '\t0001  Widget One',
  '\t\t0abc 0001  Widget One OEM edition',
  '\t1234  Turbo Intel-compatible Bridge',
  '\t12ab  Widget Two',
  '1234  Intel Something Else\r',
  '8086  Intel Corporation',
  '\t10fb  82599ES 10-Gigabit SFI/SFP+ Network Connection',
  '\t\t8086 000c  Ethernet Server Adapter X520-2',
  '\t154d  82599ES 10-Gigabit SFI/SFP+ Network Connection',
  '\t1572  Ethernet Controller X710 for 10GbE SFP+',
  'abcd  Vendor Without Devices',
  '',
  '# List of known device classes, subclasses and programming interfaces',
  'C 02  Network controller',
  '\t00  Ethernet controller',
  '\t0000  Not a device',
  'ffff  Not a vendor either',
  '',
].join('\n');

test('parsePciIds: vendor and device lookups', () => {
  const db = parsePciIds(FIXTURE);
  assert.equal(db.vendorCount, 5);
  assert.deepEqual(db.vendor('8086'), { id: '8086', name: 'Intel Corporation' });
  assert.deepEqual(db.vendor('0ABC'), { id: '0abc', name: 'Acme Intelligent Widgets' });
  assert.equal(db.vendor('1234')?.name, 'Intel Something Else'); // the CR is not part of the name
  assert.deepEqual(db.vendor('abcd'), { id: 'abcd', name: 'Vendor Without Devices' });
  assert.deepEqual(db.device('8086', '154D'), {
    vendorId: '8086',
    id: '154d',
    name: '82599ES 10-Gigabit SFI/SFP+ Network Connection',
  });
  assert.equal(db.device('0abc', '0001')?.name, 'Widget One'); // not the subsystem's name
  assert.equal(db.device('0abc', '0002'), undefined);
  assert.equal(db.device('dead', '0001'), undefined);
  assert.equal(db.vendor('ffff'), undefined); // after the class section
  assert.equal(db.vendor('C 02'), undefined);
  assert.equal(db.vendor('808'), undefined);
  assert.equal(db.vendor(''), undefined);
  assert.deepEqual(db.searchDevices('abcd', '', 10), []);
  assert.deepEqual(db.searchDevices('dead', '', 10), []);
});

test('parsePciIds: vendor search ranks id matches, then leading whole words', () => {
  const db = parsePciIds(FIXTURE);
  const ids = (q: string, limit = 10) => db.searchVendors(q, limit).map((v) => v.id);
  // "Intel Corporation" and "Intel Something Else" start with the word; "Intelligent" only contains it.
  assert.deepEqual(ids('intel'), ['1234', '8086', '0abc']);
  assert.deepEqual(ids('INTEL CORP'), ['8086']);
  // Hex queries match ids by prefix first, then names.
  assert.deepEqual(ids('8086'), ['8086']);
  assert.deepEqual(ids('abc'), ['abcd']); // '0abc' does not start with it
  assert.deepEqual(ids('ac'), ['0abc']); // hex-looking, but only a name matches ("Acme")
  assert.deepEqual(ids('1'), ['1234']);
  assert.deepEqual(ids('0'), ['0001', '0abc']);
  assert.deepEqual(ids('widget'), ['0abc']);
  assert.deepEqual(ids('nothing-like-this'), []);
  // Limits and the empty query.
  assert.deepEqual(ids('intel', 1), ['1234']);
  assert.deepEqual(ids('intel', 0), []);
  assert.deepEqual(ids('', 2), ['0001', '0abc']);
  assert.equal(db.searchVendors('', 100).length, 5);
});

test('parsePciIds: device search', () => {
  const db = parsePciIds(FIXTURE);
  const ids = (v: string, q: string, limit = 10) => db.searchDevices(v, q, limit).map((d) => d.id);
  assert.deepEqual(ids('0abc', '12'), ['1234', '12ab']);
  assert.deepEqual(ids('0ABC', 'widget'), ['0001', '12ab']);
  assert.deepEqual(ids('0abc', 'intel'), ['1234']);
  assert.deepEqual(ids('8086', '82599'), ['10fb', '154d']);
  assert.deepEqual(ids('8086', 'x710'), ['1572']);
  assert.deepEqual(ids('8086', 'sfp+'), ['10fb', '154d', '1572']);
  assert.deepEqual(ids('8086', '', 2), ['10fb', '154d']);
  assert.deepEqual(ids('8086', '82599', 1), ['10fb']);
});

test('bundled snapshot: well-known vendors and devices', () => {
  const db = bundledPciIds();
  assert.equal(bundledPciIds(), db); // parsed once
  assert.ok(db.vendorCount > 2000, `only ${db.vendorCount} vendors`);
  assert.equal(db.vendor('8086')?.name, 'Intel Corporation');
  assert.equal(db.vendor('10de')?.name, 'NVIDIA Corporation');
  assert.match(db.vendor('15b3')?.name ?? '', /Mellanox/);
  // pci.ids names 8086:10fb the 82599ES SFI/SFP+ connection; 8086:154d is the X520 adapter built on it.
  assert.equal(db.device('8086', '10fb')?.name, '82599ES 10-Gigabit SFI/SFP+ Network Connection');
  assert.equal(db.device('8086', '154d')?.name, 'Ethernet 10G 2P X520 Adapter');
  // Upper-case ids work the same.
  assert.equal(db.vendor('10DE')?.name, 'NVIDIA Corporation');
  assert.equal(db.device('8086', '154D')?.id, '154d');
  assert.equal(db.device('15B3', '101E')?.vendorId, '15b3'); // ConnectX Family mlx5Gen Virtual Function
  // Unknown ids.
  assert.equal(db.vendor('0000'), undefined);
  assert.equal(db.vendor('zzzz'), undefined);
  assert.equal(db.device('8086', 'zzzz'), undefined);
  assert.equal(db.device('0000', '0000'), undefined);
});

test('bundled snapshot: search', () => {
  const db = bundledPciIds();
  assert.equal(db.searchVendors('intel', 10)[0]?.id, '8086');
  assert.equal(db.searchVendors('Intel', 10)[0]?.id, '8086');
  assert.equal(db.searchVendors('8086', 10)[0]?.id, '8086');
  assert.equal(db.searchVendors('nvidia', 10)[0]?.id, '10de');
  assert.equal(db.searchVendors('mellanox', 10)[0]?.id, '15b3');

  const devices = db.searchDevices('8086', '82599', 50);
  assert.ok(devices.some((d) => d.id === '10fb'));
  assert.ok(devices.every((d) => d.vendorId === '8086' && d.name.includes('82599')));
  // Only device names are searched: 154d mentions 82599 in none of its kept lines.
  assert.ok(!devices.some((d) => d.id === '154d'));
  assert.ok(db.searchDevices('8086', 'x520', 50).some((d) => d.id === '154d'));
  assert.equal(db.searchDevices('8086', '154d', 50)[0]?.id, '154d');
  const byIdPrefix = db.searchDevices('8086', '154', 50);
  assert.ok(byIdPrefix.length > 1 && byIdPrefix[0]?.id.startsWith('154'));

  // Limits hold, including when many entries match.
  assert.equal(db.searchVendors('', 7).length, 7);
  assert.equal(db.searchVendors('inc', 5).length, 5);
  assert.equal(db.searchDevices('8086', '', 3).length, 3);
  assert.equal(db.searchDevices('8086', 'ethernet', 4).length, 4);
  assert.ok(db.searchDevices('8086', 'ethernet', 1000).length > 4);
  assert.deepEqual(db.searchVendors('intel', 0), []);
  assert.deepEqual(db.searchVendors('no vendor is called this', 10), []);
  assert.deepEqual(db.searchDevices('zzzz', '', 10), []);
});
