/**
 * How a finding's message is written: the problem first, the consequence last ("device_spec is not valid JSON:
 * … — nova-compute will refuse to start."). Editors cut long messages at the end (the Problems panel, a status
 * line), so what is wrong must come first. A "did you mean …?" hint moves after the consequence.
 * test/rules/messages.test.ts checks every rule's bad example and the Nova cases against this shape.
 */

/** English words that open a problem and get a capital letter (option and tag names keep their case). */
const SENTENCE_START = /^(the|an?|every|with|this|no|there|alias|both|its|one|some|each)\b/;
const HINT = / \u2014 (did you mean [^]*\?)$/;

/** `problem — consequence.`, with a trailing "— did you mean …?" of the problem moved to the end. */
export function withConsequence(problem: string, consequence: string): string {
  let p = problem.trim();
  let hint = '';
  const h = HINT.exec(p);
  if (h) {
    hint = ` ${h[1][0].toUpperCase()}${h[1].slice(1)}`;
    p = p.slice(0, h.index);
  }
  p = p.replace(/\.$/, '');
  if (SENTENCE_START.test(p)) p = p[0].toUpperCase() + p.slice(1);
  return `${p} — ${consequence}.${hint}`;
}

