/**
 * Every device_spec/alias case of shared/data/nova-cases.json (derived from
 * Nova's unit tests), under every release where its verdict is recorded:
 * accept -> no Error on that value; reject -> an Error on that value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HAVE_SHARED, SHARED, lint } from './helpers';
import { RELEASES, Release } from '../server/src/service/releases';

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
  host?: unknown;
  differs_in?: Record<string, string>;
  note?: string;
}

const NOVA_MAJOR: Record<string, Release> = { '26': '2022.2', '27': '2023.1', '28': '2023.2', '29': '2024.1', '30': '2024.2', '31': '2025.1', '32': '2025.2', '33': '2026.1' };

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

const counts = { pass: 0, fail: 0, skip: 0 };

if (!HAVE_SHARED) {
  test('nova-cases (skipped: shared/data/nova-cases.json not found beside the repository; set NOVA_CONF_SHARED)', { skip: true }, () => {});
} else {
  const cases: Case[] = JSON.parse(readFileSync(join(SHARED, 'data', 'nova-cases.json'), 'utf8'));
  cases.forEach((c, i) => {
    const label = `#${i} ${c.kind} ${c.source.split('::').slice(1).join('::') || c.source} ${c.input.slice(0, 70)}`;
    const hostOnly = c.host ?? (c.note?.startsWith('host-dependent') ? c.note : undefined);
    if (hostOnly) {
      test(label, { skip: `needs host facts (${JSON.stringify(hostOnly)}): a static checker cannot decide it` }, () => {});
      counts.skip += RELEASES.length;
      return;
    }
    test(label, () => {
      const { text, first, line } = buildFile(c);
      const problems: string[] = [];
      for (const release of RELEASES) {
        const want = expected(c, release);
        const errs = lint(text, release).filter((d) => d.severity === 1 && d.range.start.line <= line && d.range.end.line >= first);
        const ok = want ? errs.length === 0 : errs.length > 0;
        if (ok) counts.pass++;
        else {
          counts.fail++;
          problems.push(`${release}: Nova ${want ? 'accepts' : `rejects (${c.error})`}, we ${errs.length ? `report ${errs.map((e) => `${e.code}: ${e.message}`).join(' | ')}` : 'report no error'}`);
        }
      }
      assert.deepEqual(problems, [], `\n${text}\n${problems.join('\n')}`);
    });
  });
  test('nova-cases summary', () => {
    console.log(`nova-cases: ${counts.pass} release verdicts match, ${counts.fail} differ, ${counts.skip} skipped (host-dependent)`);
    assert.equal(counts.fail, 0);
  });
}
