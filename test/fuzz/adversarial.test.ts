/**
 * The adversarial input families of issue 19 (lines without separators, thousands of sections, a fix on every
 * line, one huge line, dynamic groups), small, alone and after real-world files, mutated: every feature answers
 * with ranges inside the document, and fix-all stays within its re-parse budget and never adds an Error.
 * Their time growth is measured by bench/adversarial.ts, not asserted here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { adversarialDoc } from './arbitraries';
import { analyze, freshService } from './properties';
import { fixAll, reparseBudget } from '../../server/src/service/fix-all';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { ADVERSARIAL } from '../../bench/adversarial-inputs';
import { errors, lint } from '../helpers';

const seed = Number(process.env.FC_SEED ?? 20261130);

test('each adversarial family at a few sizes: all features answer, fix-all within budget and adds no Error', () => {
  for (const shape of ADVERSARIAL) {
    for (const bytes of [10, 500, 20_000]) {
      const text = shape.generate(bytes);
      analyze(freshService(), text, 30, `file:///adv/${shape.id}-${bytes}.conf`, bytes <= 500);
      const r = fixAll(text, DEFAULT_SETTINGS);
      assert.ok(r.reparses <= reparseBudget(text.length), `${shape.id} ${bytes}: ${r.reparses} re-parses`);
      const before = new Map<string, number>();
      for (const d of errors(lint(text))) before.set(String(d.code), (before.get(String(d.code)) ?? 0) + 1);
      for (const d of errors(lint(r.text))) {
        const code = String(d.code);
        before.set(code, (before.get(code) ?? 0) - 1);
        assert.ok((before.get(code) ?? 0) >= 0, `${shape.id} ${bytes}: fix-all added a ${code} Error`);
      }
    }
  }
});

test('property: mutated adversarial documents (alone or after a real-world file) never break a feature', () => {
  const svc = freshService();
  let i = 0;
  fc.assert(
    fc.property(adversarialDoc(3000), (t) => {
      analyze(svc, t, 8, `file:///adv/p${i++}.conf`, false);
      assert.ok(fixAll(t, DEFAULT_SETTINGS).reparses <= reparseBudget(t.length));
    }),
    { numRuns: 60, seed },
  );
});
