/**
 * Re-checking after an edit reuses what did not change: option resolutions per (release, section, key) and the
 * options rule's findings per entry text (rules/options/index.ts, a memo shared across documents and versions).
 * These properties apply random single-line edits to the real-world configs, one after another as a person
 * types, and compare every version's diagnostics with the memo in use (warmed by the versions before) against
 * the same version checked with the memo bypassed by a fresh service. Fixed seed; FC_SEED explores.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { createLanguageService } from '../../server/src/service/index';
import { clearOptionsMemo, setOptionsMemo } from '../../server/src/service/rules/options/index';
import type { Release } from '../../server/src/service/releases';
import { HAVE_SHARED, SHARED } from '../helpers';

const seed = Number(process.env.FC_SEED ?? 20261130);
const REAL = join(SHARED, 'data', 'real-world');
const files = HAVE_SHARED ? readdirSync(REAL).filter((f) => f.endsWith('.conf')).sort() : [];
const texts = new Map(files.map((f) => [f, readFileSync(join(REAL, f), 'utf8')]));

/** Values, keys and section names that reach the options rule's branches: types, ranges, choices, lists, references, comments, deprecated and misplaced names. */
const VALUES = ['true', 'maybe', '', '0', '-1', '99999999999', '1.5', 'abc', 'x # note', '[a, b]', '{a:1}', 'a:1,b:2', '$my_ip', '${DEFAULT.host}', '$$x', 'http://h:1/v3', 'not a uri', '127.0.0.1', 'host_name', 'ComputeFilter,PciPassthroughFilter', 'libvirt.LibvirtDriver', '"quoted"', 'kvm', 'qemu', 'none'];
const KEYS = ['debug', 'my_ip', 'host', 'passthrough_whitelist', 'device_spec', 'alias', 'enabled_filters', 'cpu_allocation_ratio', 'auth_uri', 'www_authenticate_uri', 'auth_type', 'password', 'workers', 'virt_type', 'enabled_apis', 'metadata_workers', 'lock_path', 'unknwon_option', 'report_in_placement', 'report_interval', 'physnets', 'enabled_mdev_types', 'connection'];
const SECTIONS = ['DEFAULT', 'default', 'pci', 'libvirt', 'keystone_authtoken', 'filter_scheduler', 'neutron', 'neutron_physnet_foo', 'mdev_nvidia-35', 'vgpu_nvidia-35', 'devices', 'hyperv', 'filter_schedular', 'database', 'oslo_messaging_amqp'];
const CHARS = ['a', 'z', '1', ' ', '_', '=', ':', '#', '$', '.', ',', '"', '[', ']', '{', '}', '-'];
const RELEASES: (Release | undefined)[] = [undefined, '2023.1', '2024.2', 'master'];

type Edit = { kind: 'entry'; line: number; key: string; value: string } | { kind: 'insert'; line: number; col: number; ch: string } | { kind: 'delete'; line: number; col: number } | { kind: 'value'; line: number; value: string } | { kind: 'key'; line: number; key: string } | { kind: 'section'; line: number; name: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('entry' as const), line: fc.nat(), key: fc.constantFrom(...KEYS), value: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constant('insert' as const), line: fc.nat(), col: fc.nat(), ch: fc.constantFrom(...CHARS) }),
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat(), col: fc.nat() }),
  fc.record({ kind: fc.constant('value' as const), line: fc.nat(), value: fc.constantFrom(...VALUES) }),
  fc.record({ kind: fc.constant('key' as const), line: fc.nat(), key: fc.constantFrom(...KEYS) }),
  fc.record({ kind: fc.constant('section' as const), line: fc.nat(), name: fc.constantFrom(...SECTIONS) }),
);

/** Applies one single-line edit; entry edits pick the n-th `key = value` line (modulo their count), others any line. */
function apply(text: string, e: Edit): string {
  const lines = text.split('\n');
  const pick = (pred: (l: string) => boolean) => {
    const idx = lines.map((l, i) => (pred(l) ? i : -1)).filter((i) => i >= 0);
    return idx.length ? idx[e.line % idx.length] : -1;
  };
  const entry = (l: string) => /^[A-Za-z_][^=\s]*\s*=/.test(l);
  if (e.kind === 'insert' || e.kind === 'delete') {
    // Two edits in three land on an entry or a section header, the others on any line (comments, blank lines).
    const onEntry = e.line % 3 !== 0 ? pick((l) => entry(l) || l.startsWith('[')) : -1;
    const i = onEntry >= 0 ? onEntry : e.line % lines.length;
    const l = lines[i];
    const col = e.col % (l.length + 1);
    lines[i] = e.kind === 'insert' ? l.slice(0, col) + e.ch + l.slice(col) : l.slice(0, col) + l.slice(col + 1);
  } else if (e.kind === 'entry') {
    const i = pick(entry);
    if (i >= 0) lines[i] = `${e.key} = ${e.value}`;
  } else if (e.kind === 'value') {
    const i = pick(entry);
    if (i >= 0) lines[i] = lines[i].replace(/=.*$/, `= ${e.value}`);
  } else if (e.kind === 'key') {
    const i = pick(entry);
    if (i >= 0) lines[i] = lines[i].replace(/^[^=\s]+/, e.key);
  } else {
    const i = pick((l) => l.startsWith('['));
    if (i >= 0) lines[i] = `[${e.name}]`;
  }
  return lines.join('\n');
}

function diagnosticsOf(text: string, release: Release | undefined, uri: string, version: number, svc = createLanguageService({ settings: release ? { release } : {} })) {
  return svc.diagnostics(svc.parse(text, uri, version));
}

test('random single-line edits to real-world configs: diagnostics with the per-entry memo equal a full re-check', { skip: HAVE_SHARED ? false : 'shared data not found' }, () => {
  clearOptionsMemo();
  let versions = 0;
  let differingFromStart = 0;
  fc.assert(
    fc.property(fc.constantFrom(...files), fc.constantFrom(...RELEASES), fc.array(edit, { minLength: 1, maxLength: 6 }), (file, release, edits) => {
      const svc = createLanguageService({ settings: release ? { release } : {} });
      const uri = `file:///incremental/${file}`;
      let text = texts.get(file)!;
      setOptionsMemo(true);
      const first = diagnosticsOf(text, release, uri, 1, svc);
      let version = 1;
      for (const e of edits) {
        text = apply(text, e);
        version++;
        setOptionsMemo(true);
        const reused = diagnosticsOf(text, release, uri, version, svc);
        setOptionsMemo(false);
        const full = diagnosticsOf(text, release, uri, version);
        setOptionsMemo(true);
        assert.deepStrictEqual(reused, full, `${file} (release ${release ?? 'default'}) after ${edits.indexOf(e) + 1} edit(s): ${JSON.stringify(edits.slice(0, edits.indexOf(e) + 1))}`);
        versions++;
        if (JSON.stringify(reused) !== JSON.stringify(first)) differingFromStart++;
      }
    }),
    { numRuns: 150, seed },
  );
  // The edits must reach the rules: most edited versions report something different from the original file.
  assert.ok(versions >= 150, `${versions} versions checked`);
  assert.ok(differingFromStart > versions / 3, `only ${differingFromStart} of ${versions} edited versions changed the diagnostics`);
});

test('each real-world config checked twice in one process (memo warm) gives what a memo-less check gives', { skip: HAVE_SHARED ? false : 'shared data not found' }, () => {
  for (const release of RELEASES) {
    clearOptionsMemo();
    for (const [file, text] of texts) {
      setOptionsMemo(true);
      const uri = `file:///twice/${file}`;
      diagnosticsOf(text, release, uri, 1);
      const warm = diagnosticsOf(text, release, uri, 1);
      setOptionsMemo(false);
      const full = diagnosticsOf(text, release, uri, 1);
      setOptionsMemo(true);
      assert.deepStrictEqual(warm, full, `${file} (release ${release ?? 'default'})`);
    }
  }
});
