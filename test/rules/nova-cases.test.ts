/**
 * Every device_spec/alias case of test/data/nova-cases.json (shared/data's, vendored; derived from
 * Nova's unit tests), under every release where its verdict is recorded:
 * accept -> no Error on that value; reject -> an Error on that value.
 */
import { parseReleaseVersion, pointReleases } from '../../server/src/service/catalog/point-releases';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { NOVA_CASES } from '../helpers';
import { RELEASES, Release } from '../../server/src/service/releases';
import { createLanguageService } from '../../server/src/service/index';
import { buildInventory } from '../../server/src/service/host/inventory';
import { readHostRoot } from '../../server/src/host-reader';
import { buildSysfs } from '../host/sysfs';
import { HostFacts, treeForCase } from '../host/nova-facts';

interface Case {
  kind: 'device_spec' | 'alias';
  input: string;
  accept: boolean;
  error: string;
  source: string;
  since: string;
  reason?: string;
  preceding?: string[];
  config?: Record<string, boolean>;
  host?: HostFacts;
  differs_in?: Record<string, string>;
  note?: string;
}

const NOVA_MAJOR: Record<string, Release> = { '26': '2022.2', '27': '2023.1', '28': '2023.2', '29': '2024.1', '30': '2024.2', '31': '2025.1', '32': '2025.2', '33': '2026.1' };

/**
 * What each verdict is judged at: every series at its first point release (x.0.0, where the cases were
 * recorded), plus a later point release the case's note says behaves differently (`31.3.1 (…) behaves like
 * 32.0.0: reject:…`).
 */
function targets(c: Case): { release: Release; point?: string; want: boolean }[] {
  const out: { release: Release; point?: string; want: boolean }[] = RELEASES.map((release) => ({ release, point: pointReleases(release)[0], want: expected(c, release) }));
  const m = /^(\d+\.\d+\.\d+) \([^)]*point release\) behaves like [\d.]+: (accept|reject)/.exec(c.note ?? '');
  const at = m ? parseReleaseVersion(m[1]) : undefined;
  if (m && at) out.push({ release: at.release, point: at.point, want: m[2] === 'accept' });
  return out;
}

function expected(c: Case, release: Release): boolean {
  for (const [k, v] of Object.entries(c.differs_in ?? {})) {
    if (NOVA_MAJOR[k.split('.')[0]] === release) return v === 'accept';
  }
  return c.accept;
}

/** The lines holding this option's values: Nova parses them as one option, so one bad value fails them all. */
function buildFile(c: Case): { text: string; first: number; line: number } {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(c.config ?? {})) {
    const [group, name] = k.split('.');
    lines.push(`[${group}]`, `${name} = ${v ? 'true' : 'false'}`);
  }
  lines.push('[pci]');
  const first = lines.length;
  for (const p of c.preceding ?? []) lines.push(`${c.kind} = ${p}`);
  lines.push(`${c.kind} = ${c.input}`);
  return { text: lines.join('\n') + '\n', first, line: lines.length - 1 };
}

const counts = { pass: 0, fail: 0, skip: 0, host: 0, realHost: 0 };

/**
 * Host-dependent cases run against a synthetic sysfs tree built from the case's facts (an empty
 * host when it has none). One documented difference: Nova's unit tests mock the sysfs lookups
 * of the remote_managed PF check (D24); on a real host that lookup fails in every release (D24a),
 * so where the mocked check accepts, we report host-remote-managed-pf. Its data records the
 * verdict Nova's own check reaches, and that must equal the recorded one.
 */
function hostErrors(c: Case, text: string, release: Release, point: string | undefined, first: number, line: number): { errs: { code: string; message: string; verdict?: string }[] } {
  const tree = buildSysfs(treeForCase(c.input, c.host));
  try {
    const host = buildInventory(readHostRoot(tree.root));
    const s = createLanguageService({ settings: { release, point, host } });
    const ds = s.diagnostics(s.parse(text, 'file:///nova-cases/nova.conf', 1));
    const errs = ds.filter((d) => d.severity === 1 && d.range.start.line <= line && d.range.end.line >= first);
    return { errs: errs.map((d) => ({ code: String(d.code), message: d.message, verdict: (d.data as { unitTestVerdict?: string } | undefined)?.unitTestVerdict })) };
  } finally {
    tree.cleanup();
  }
}

{
  // The vendored copy (test/data/vendored.test.ts keeps it identical to shared/data/nova-cases.json).
  const cases: Case[] = JSON.parse(readFileSync(NOVA_CASES, 'utf8'));
  cases.forEach((c, i) => {
    const label = `#${i} ${c.kind} ${c.source.split('::').slice(1).join('::') || c.source} ${c.input.slice(0, 70)}`;
    const hostDependent = c.host !== undefined || c.note?.startsWith('host-dependent');
    if (hostDependent) {
      test(`${label} [host]`, () => {
        const { text, first, line } = buildFile(c);
        const problems: string[] = [];
        for (const { release, point, want } of targets(c)) {
          const { errs } = hostErrors(c, text, release, point, first, line);
          const rm = errs.find((e) => e.code === 'host-remote-managed-pf');
          let ok: boolean;
          if (rm) {
            ok = rm.verdict === (want ? 'accept' : c.error);
            if (ok && want) counts.realHost++;
          } else ok = want ? errs.length === 0 : errs.length > 0;
          counts.host++;
          if (ok) counts.pass++;
          else {
            counts.fail++;
            problems.push(`${point ?? release}: Nova ${want ? 'accepts' : `rejects (${c.error})`}, we ${errs.length ? `report ${errs.map((e) => `${e.code}${e.verdict ? ` [Nova's check: ${e.verdict}]` : ''}: ${e.message}`).join(' | ')}` : 'report no error'}`);
          }
        }
        assert.deepEqual(problems, [], `\n${text}\n${problems.join('\n')}`);
      });
      return;
    }
    test(label, () => {
      const { text, first, line } = buildFile(c);
      const problems: string[] = [];
      for (const { release, point, want } of targets(c)) {
        const svc = createLanguageService({ settings: { release, point } });
        const errs = svc.diagnostics(svc.parse(text, 'file:///nova-cases/nova.conf', 1)).filter((d) => d.severity === 1 && d.range.start.line <= line && d.range.end.line >= first);
        const ok = want ? errs.length === 0 : errs.length > 0;
        if (ok) counts.pass++;
        else {
          counts.fail++;
          problems.push(`${point ?? release}: Nova ${want ? 'accepts' : `rejects (${c.error})`}, we ${errs.length ? `report ${errs.map((e) => `${e.code}: ${e.message}`).join(' | ')}` : 'report no error'}`);
        }
      }
      assert.deepEqual(problems, [], `\n${text}\n${problems.join('\n')}`);
    });
  });
  test('nova-cases summary', () => {
    console.log(`nova-cases: ${counts.pass} release verdicts match, ${counts.fail} differ, ${counts.skip} skipped; ${counts.host} judged on synthetic hosts (${counts.realHost} of them where a real host refuses what Nova's mocked unit test accepts, D24a)`);
    assert.equal(counts.fail, 0);
    assert.equal(counts.skip, 0);
  });
}
