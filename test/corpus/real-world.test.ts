/**
 * Real configs written by others (shared/data/real-world): no Error on what Nova
 * accepts, and the expected Errors on the files Nova truly refuses. SOURCES.json
 * holds a reader's judgement; each expectation below was checked against Nova's
 * behaviour (docs/nova-pci-rules.md and oslo.config itself), not copied from it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HAVE_SHARED, SHARED, lint } from '../helpers';
import type { Release } from '../../server/src/service/releases';

type Expect = { errors: [number, string][]; why: string };

/** Files Nova refuses, with the errors (1-based line, rule code) we must report under the newest release. */
const INVALID: Record<string, Expect> = {
  '004': { errors: [[2, 'unknown-filter']], why: '"..." is a documentation placeholder, not a filter class: nova-scheduler fails to start' },
  '006': { errors: [[4, 'alias-missing-ids'], [5, 'alias-missing-ids']], why: 'aliases with only a resource_class need [filter_scheduler] pci_in_placement, which the snippet does not set (2025.2+ refuses at start)' },
  '008': { errors: [[2, 'json-invalid'], [3, 'json-invalid']], why: 'single-quoted Python dicts are not JSON' },
  '010': { errors: [[1, 'ini-no-section']], why: 'fragment: an option before any section header' },
  '011': { errors: [[1, 'ini-no-section'], [7, 'ini-no-separator'], [15, 'ini-no-separator']], why: 'fragment; closing "}" at column 0 is a new (invalid) line for oslo.config' },
  '012': { errors: [[1, 'ini-no-section'], [6, 'ini-no-separator']], why: 'fragment; closing "}" at column 0' },
  '013': { errors: [[1, 'ini-no-section']], why: 'fragment without [pci]; its values are valid (checked below)' },
  '014': { errors: [[1, 'ini-no-section']], why: 'fragment without [pci]; the devname+address error is checked below' },
  '015': { errors: [[1, 'ini-no-section']], why: 'fragment; remote_managed on a PF needs host facts' },
  '016': { errors: [[1, 'ini-no-section']], why: 'fragment without [pci]; its values are valid (checked below)' },
  '022': { errors: [[2, 'device-spec-address-not-hex']], why: 'the address is a syntax template, not an address' },
  '023': { errors: [[2, 'device-spec-id-not-hex']], why: '"<id>" placeholder' },
  '027': { errors: [[3, 'json-invalid']], why: 'shell quoting residue, not JSON' },
  '028': { errors: [[3, 'json-invalid']], why: 'shell quoting residue, not JSON' },
  '033': { errors: [[4, 'alias-unknown-key']], why: '"device_id" is not an alias field' },
  '035': { errors: [[3, 'alias-unknown-key']], why: '"custom_resource_class" is not an alias field' },
  '036': { errors: [[3, 'filter-removed'], [3, 'unknown-filter']], why: 'ValidationFilter does not exist; AvailabilityZoneFilter is gone since 2023.2' },
  '037': { errors: [[3, 'device-spec-id-not-hex'], [8, 'alias-bad-id'], [8, 'alias-bad-id']], why: '<VENDOR_ID>/<PRODUCT_ID> placeholders' },
  '038': { errors: [[2, 'device-spec-id-not-hex'], [3, 'json-invalid']], why: 'placeholders and a "..." elision inside the alias' },
  '042': { errors: [[11, 'device-spec-address-not-hex']], why: 'bus "0x" is not hex' },
  '044': { errors: [[2, 'unknown-filter']], why: '"<existing filters>" placeholder' },
  '053': { errors: [[1, 'ini-no-section'], [6, 'ini-no-separator'], [11, 'ini-no-separator']], why: 'fragment; closing "}" at column 0' },
  '054': { errors: [[2, 'json-invalid'], [3, 'json-invalid'], [4, 'json-invalid'], [5, 'json-invalid'], [6, 'json-invalid']], why: 'unquoted keys' },
  '055': { errors: [[2, 'json-invalid']], why: 'unquoted key "managed"' },
  '056': { errors: [[4, 'json-invalid']], why: 'unquoted key "resource_class"' },
  '057': { errors: [[2, 'json-invalid'], [8, 'ini-no-separator']], why: 'quotes around a multi-line value are kept by oslo.config; closing line at column 0' },
  '066': { errors: [[2, 'json-invalid']], why: 'two objects joined by a comma are not one JSON value' },
  '068': { errors: [[2, 'json-invalid']], why: 'two objects joined by a comma are not one JSON value' },
  '072': { errors: [[1, 'ini-no-section']], why: 'puppet output without its [pci] header; values valid (checked below)' },
  '076': { errors: [[1, 'ini-no-section']], why: 'an option before any section header' },
  '080': { errors: [[1, 'ini-no-section']], why: 'fragment; the single-quoted values are checked below' },
};

/** Files written for an older Nova: valid there, with the errors the newest release reports. */
const OLDER: Record<string, { release: Release; errors: [number, string][]; why: string }> = {
  '060': { release: '2023.1', errors: [[2520, 'filter-removed']], why: 'a Train-era TripleO undercloud: AvailabilityZoneFilter was removed in 2023.2' },
  '071': { release: '2023.1', errors: [[4, 'filter-removed']], why: 'Blazar docs: AvailabilityZoneFilter was removed in 2023.2' },
  '079': { release: '2023.1', errors: [[3, 'filter-removed']], why: 'Kayobe config of an older release' },
};

/** Fragments whose values are checked once put in the section they belong to. */
const FRAGMENTS: Record<string, { section: string; extra?: string; errors: [number, string][] }> = {
  '010': { section: 'pci', extra: 'report_in_placement = true', errors: [] },
  '013': { section: 'pci', errors: [] },
  '014': { section: 'pci', errors: [[3, 'device-spec-devname-and-address']] },
  '016': { section: 'pci', errors: [] },
  '072': { section: 'pci', errors: [] },
  '080': { section: 'DEFAULT', errors: [[1, 'json-invalid'], [2, 'json-invalid']] },
};

function errs(text: string, release?: Release): [number, string][] {
  return lint(text, release)
    .filter((d) => d.severity === 1)
    .map((d) => [d.range.start.line + 1, String(d.code)] as [number, string])
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
}

if (!HAVE_SHARED) {
  test('real-world corpus (skipped: shared/data/real-world not found beside the repository)', { skip: true }, () => {});
} else {
  const dir = join(SHARED, 'data', 'real-world');
  const files = readdirSync(dir).filter((f) => f.endsWith('.conf')).sort();
  test(`no false errors on the ${files.length} real-world files; the invalid ones get their errors`, () => {
    const problems: string[] = [];
    let clean = 0;
    for (const f of files) {
      const id = f.slice(0, 3);
      const text = readFileSync(join(dir, f), 'utf8');
      const want = (INVALID[id] ?? OLDER[id])?.errors ?? [];
      const got = errs(text);
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${f}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
      if (!want.length) clean++;
      const older = OLDER[id];
      if (older) {
        const then = errs(text, older.release);
        if (then.length) problems.push(`${f} under ${older.release}: expected no errors, got ${JSON.stringify(then)}`);
      }
    }
    console.log(`real-world: ${files.length} files, ${clean} without errors, ${Object.keys(INVALID).length} truly invalid, ${Object.keys(OLDER).length} valid only on older releases`);
    assert.deepEqual(problems, []);
  });
  test('fragments, put in their section, are judged on their values', () => {
    const problems: string[] = [];
    for (const [id, fr] of Object.entries(FRAGMENTS)) {
      const f = files.find((x) => x.startsWith(id))!;
      const body = readFileSync(join(dir, f), 'utf8');
      const header = [`[${fr.section}]`, ...(fr.extra ? [fr.extra] : [])];
      const got = errs(header.join('\n') + '\n' + body).map(([l, c]) => [l - header.length, c]);
      if (JSON.stringify(got) !== JSON.stringify(fr.errors)) problems.push(`${f}: expected ${JSON.stringify(fr.errors)}, got ${JSON.stringify(got)}`);
    }
    assert.deepEqual(problems, []);
  });
}
