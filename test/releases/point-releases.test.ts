/**
 * Point releases: `28.0.0` and `2023.2` (= its latest point release, 28.3.1) differ exactly where a point
 * release changed Nova (checked against the Nova tags: nova/conf/cinder.py's catalog_info pattern in 28.3.1,
 * 29.2.1 and 30.1.0; nova/pci/request.py's alias checks backported to 31.3.1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/service/index';
import { parseReleaseVersion, compareVersions, latestPoint } from '../../server/src/service/catalog/point-releases';
import { gate } from '../../server/src/service/catalog/pci';
import type { Release } from '../../server/src/service/releases';

function lintAt(text: string, release: Release, point?: string) {
  const svc = createLanguageService({ settings: { release, point } });
  return svc.diagnostics(svc.parse(text, 'file:///p/nova.conf', 1)).map((d) => ({ code: String(d.code), severity: d.severity, line: d.range.start.line }));
}
const has = (ds: { code: string }[], code: string) => ds.some((d) => d.code === code);

test('a release setting is a series (its latest point release) or one Nova point version', () => {
  assert.deepEqual(parseReleaseVersion('2023.2'), { release: '2023.2' });
  assert.deepEqual(parseReleaseVersion('bobcat'), { release: '2023.2' });
  assert.deepEqual(parseReleaseVersion('28.0.0'), { release: '2023.2', point: '28.0.0' });
  assert.deepEqual(parseReleaseVersion(' 31.3.1 '), { release: '2025.1', point: '31.3.1' });
  assert.equal(parseReleaseVersion('28.9.9'), undefined, 'not a published point release');
  assert.equal(parseReleaseVersion('2023.9'), undefined);
  assert.deepEqual(parseReleaseVersion('master'), { release: 'master' });
  assert.equal(latestPoint('2023.2'), '28.3.1');
  assert.ok(compareVersions('28.10.0', '28.3.1') > 0);
});

test('the alias gates open on 2025.1 at 31.3.1 and on 2025.2 for every point release', () => {
  assert.equal(gate('2025.1', 'alias-ids-required', '31.3.0'), false);
  assert.equal(gate('2025.1', 'alias-ids-required', '31.3.1'), true);
  assert.equal(gate('2025.1', 'alias-ids-required'), true, 'the series means its latest point release');
  assert.equal(gate('2025.2', 'alias-refused-at-start', '32.0.0'), true);
  assert.equal(gate('2024.2', 'alias-refused-at-start'), false);
});

const CATALOG = '[cinder]\ncatalog_info = block-storage::publicURL\n';
test('[cinder] catalog_info with a hyphenated service type: refused before 28.3.1 / 29.2.1 / 30.1.0, accepted from them', () => {
  const cases: [Release, string | undefined, boolean][] = [
    ['2022.2', undefined, true], ['2023.1', undefined, true],
    ['2023.2', '28.0.0', true], ['2023.2', '28.3.0', true], ['2023.2', '28.3.1', false], ['2023.2', undefined, false],
    ['2024.1', '29.2.0', true], ['2024.1', '29.2.1', false],
    ['2024.2', '30.0.0', true], ['2024.2', '30.1.0', false], ['2025.1', '31.0.0', false],
  ];
  for (const [release, point, refused] of cases) {
    const ds = lintAt(CATALOG, release, point);
    assert.equal(ds.some((d) => d.code === 'invalid-value' && d.severity === 1 && d.line === 1), refused, `${release} ${point ?? '(latest)'}`);
  }
});

const NO_IDS = '[pci]\nalias = {"name": "gpu", "device_type": "type-PCI"}\n';
test('an alias with neither vendor_id nor product_id: a Warning before the id checks, an Error from 31.3.1 and 2025.2', () => {
  for (const [release, point] of [['2022.2', undefined], ['2024.2', undefined], ['2025.1', '31.0.0'], ['2025.1', '31.3.0']] as [Release, string | undefined][]) {
    const ds = lintAt(NO_IDS, release, point);
    assert.ok(has(ds, 'alias-matches-any-device'), `${release} ${point}`);
    assert.ok(!has(ds, 'alias-missing-ids'), `${release} ${point}`);
    assert.equal(ds.find((d) => d.code === 'alias-matches-any-device')!.severity, 2);
  }
  for (const [release, point] of [['2025.1', '31.3.1'], ['2025.1', undefined], ['2025.2', '32.0.0'], ['master', undefined]] as [Release, string | undefined][]) {
    const ds = lintAt(NO_IDS, release, point);
    assert.ok(!has(ds, 'alias-matches-any-device'), `${release} ${point}`);
    assert.equal(ds.find((d) => d.code === 'alias-missing-ids')?.severity, 1, `${release} ${point}`);
  }
  // One id is enough to narrow the match: not the "any device" case.
  assert.ok(!has(lintAt('[pci]\nalias = {"name": "gpu", "vendor_id": "10de"}\n', '2024.2'), 'alias-matches-any-device'));
  // With pci_in_placement a resource_class decides the match.
  assert.ok(!has(lintAt('[filter_scheduler]\npci_in_placement = true\n[pci]\nalias = {"name": "gpu", "resource_class": "CUSTOM_GPU"}\n', '2024.2'), 'alias-matches-any-device'));
});

test('a repeated alias name with pci_in_placement: Warning before 31.3.1, Error from it', () => {
  const text = '[filter_scheduler]\npci_in_placement = true\n[pci]\nalias = {"name": "a", "vendor_id": "10de", "product_id": "1db4"}\nalias = {"name": "a", "vendor_id": "10de", "product_id": "1db5"}\n';
  assert.equal(lintAt(text, '2025.1', '31.2.0').find((d) => d.code === 'alias-duplicate-in-placement')?.severity, 2);
  assert.equal(lintAt(text, '2025.1', '31.3.1').find((d) => d.code === 'alias-duplicate-in-placement')?.severity, 1);
  assert.equal(lintAt(text, '2025.1').find((d) => d.code === 'alias-duplicate-in-placement')?.severity, 1);
});

test('28.0.0 and 2023.2 differ exactly in the findings a point release changed', () => {
  const text = `[DEFAULT]\ndebug = maybe\n${CATALOG}${NO_IDS}`;
  const key = (d: { code: string; severity?: number; line: number }) => `${d.line}:${d.code}:${d.severity}`;
  const early = lintAt(text, '2023.2', '28.0.0').map(key);
  const late = lintAt(text, '2023.2').map(key);
  assert.deepEqual(early.filter((k) => !late.includes(k)), ['3:invalid-value:1']);
  assert.deepEqual(late.filter((k) => !early.includes(k)), []);
});

test('a did-you-mean towards an option misspelt upstream says the odd spelling is the real name', () => {
  const svc = createLanguageService({ settings: { release: '2022.2' } });
  const ds = svc.diagnostics(svc.parse('[oslo_messaging_rabbit]\nrabbit_quorum_max_memory_bytes = 0\n', 'file:///p/nova.conf', 1));
  // Zed's oslo.messaging (14.0.3) knows only the misspelt name; 14.2 (2023.1) added the right one.
  const d = ds.find((x) => x.code === 'option-not-in-release');
  assert.ok(d, 'the correctly spelt name is not an option in 2022.2');
  assert.match(d.message, /did you mean "rabbit_quroum_max_memory_bytes"\? \(that is its real name: upstream spells "quorum" as "quroum" there\)/);
  const other = svc.diagnostics(svc.parse('[pci]\nreport_in_placment = true\n', 'file:///p/nova.conf', 1)).find((x) => x.code === 'unknown-option');
  assert.ok(other && !/real name/.test(other.message));
});
