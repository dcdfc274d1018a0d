/**
 * Range-marked fixtures for the per-family rule tests (the `|…|` bookends of yaml-language-server's test
 * helpers, see shared/docs/anchors.md): the text between the two bars is the exact range the finding must
 * cover. Fixtures keep `|` out of their config text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service/index';
import { FAMILIES } from '../../../server/src/service/rules/registry';
import type { Release } from '../../../server/src/service/releases';
import { exampleHost } from '../../../server/src/service/host/example';

export interface MarkedCase {
  code: string;
  /** The release (and point release) the case is judged under; default: the newest. */
  release?: Release;
  point?: string;
  /** Judged against the example host of docs/host.md (the host rules). */
  host?: boolean;
  /** The document's URI (default nova.conf; `.j2` makes it a Jinja template). */
  uri?: string;
  /** Config text with the finding's range between two `|`. */
  bad: string;
  /** A close variant that must not get this code. */
  good: string;
}

/** Splits `a|b|c` into the text `abc` and the offsets of `b`. */
export function marked(fixture: string): { text: string; start: number; end: number } {
  const first = fixture.indexOf('|');
  const second = fixture.indexOf('|', first + 1);
  if (first < 0 || second < 0 || fixture.indexOf('|', second + 1) >= 0) throw new Error(`fixture needs exactly two | marks: ${fixture}`);
  return { text: fixture.slice(0, first) + fixture.slice(first + 1, second) + fixture.slice(second + 1), start: first, end: second - 1 };
}

function offsetAt(text: string, p: { line: number; character: number }): number {
  const lines = text.split('\n');
  return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
}

function diagnostics(text: string, c: MarkedCase): Diagnostic[] {
  const svc = createLanguageService({ settings: { ...(c.release ? { release: c.release } : {}), ...(c.point ? { point: c.point } : {}), ...(c.host ? { host: exampleHost() } : {}) } });
  return svc.diagnostics(svc.parse(text, c.uri ?? 'file:///fixture/nova.conf', 1));
}

/** Registers one test per case (bad: a finding of the code over exactly the marked range; good: none) and a completeness test. */
export function familyCases(family: string, cases: MarkedCase[], skip: Record<string, string> = {}): void {
  test(`${family}: every code has a range-marked bad case and a good case`, () => {
    const fam = FAMILIES.find((f) => f.name === family);
    assert.ok(fam, family);
    const have = new Set(cases.map((c) => c.code));
    assert.deepEqual(fam.rules.map((r) => r.code).filter((code) => !have.has(code) && !(code in skip)), []);
  });
  for (const c of cases) {
    test(`${c.code}: reported over the marked range; the good variant is clean`, () => {
      const { text, start, end } = marked(c.bad);
      const found = diagnostics(text, c).filter((d) => d.code === c.code);
      const ranges = found.map((d) => `${offsetAt(text, d.range.start)}-${offsetAt(text, d.range.end)}: ${text.slice(offsetAt(text, d.range.start), offsetAt(text, d.range.end))}`);
      assert.ok(ranges.includes(`${start}-${end}: ${text.slice(start, end)}`), `want ${start}-${end} ${JSON.stringify(text.slice(start, end))}, got ${JSON.stringify(ranges)}`);
      assert.deepEqual(diagnostics(c.good, c).filter((d) => d.code === c.code).map((d) => d.message), []);
    });
  }
}
