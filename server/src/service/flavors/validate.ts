/**
 * One flavor extra spec checked the way nova-api checks it
 * (nova/api/openstack/compute/flavors_extraspecs.py `_check_extra_specs_value`,
 * nova/api/validation/extra_specs/validators.py `validate`, base.py
 * `ExtraSpecValidator.validate`), per release, plus what the boot path does with
 * `pci_passthrough:alias` (nova/pci/request.py).
 *
 * Facts that shape the messages:
 * - the key must match `^[a-zA-Z0-9-_:. ]{1,255}$` and the value be at most 255
 *   characters at every microversion (the request's JSON schema);
 * - the validators run only when the request uses microversion 2.86 or later;
 * - a str validator with a pattern checks only the pattern (an enum is then not
 *   checked); an int is read with Python int(); a bool with oslo's strict
 *   bool_from_string.
 */
import { ExtraSpecValidator, KEY_PATTERN, VALUE_MAX_LENGTH, lookupExtraSpec, pyFullMatchRegex, releasesOfName, validatorsOf } from '../catalog/extra-specs';
import { strictBool } from '../oslo/bool';
import { codePointLength } from '../python/whitespace';
import type { Release } from '../releases';
import { formatReleaseList } from './releases-text';
import { suggest } from '../suggest';
import { checkAliasSpecSyntax, pyInt, splitAliasSpec } from './alias-spec';
import { withConsequence } from '../rules/message';

export interface SpecFinding {
  code: string;
  /** Which part of the spec the offsets are in. */
  part: 'key' | 'value';
  start: number;
  end: number;
  message: string;
  data?: Record<string, unknown>;
}

const patternCache = new Map<string, RegExp>();
function fullMatch(pattern: string, value: string): boolean {
  let re = patternCache.get(pattern);
  if (!re) patternCache.set(pattern, (re = pyFullMatchRegex(pattern)));
  return re.test(value);
}

/** Checks one spec; `value` is the string nova-api would receive. */
export function validateExtraSpec(key: string, value: string, release: Release): SpecFinding[] {
  const out: SpecFinding[] = [];
  const whole = (part: 'key' | 'value', code: string, message: string, data?: Record<string, unknown>) =>
    out.push({ code, part, start: 0, end: part === 'key' ? key.length : value.length, message, data });

  if (!KEY_PATTERN.test(key)) {
    const bad = [...key].find((c) => !/[a-zA-Z0-9\-_:. ]/.test(c));
    whole('key', 'flavor-extra-spec-key-invalid', key.length === 0
      ? 'empty extra spec key: nova-api refuses it'
      : key.length > 255
        ? `extra spec key is ${key.length} characters long: nova-api refuses keys longer than 255`
        : `${bad === undefined ? 'this key' : `'${bad}'`} is not allowed in an extra spec key (keys use letters, digits, '-', '_', ':', '.' and spaces) — nova-api refuses it`);
    return out;
  }
  if (codePointLength(value) > VALUE_MAX_LENGTH) {
    whole('value', 'flavor-extra-spec-value-too-long', `the value is ${codePointLength(value)} characters long: nova-api refuses values longer than ${VALUE_MAX_LENGTH}`);
  }

  const found = lookupExtraSpec(key, release);
  if (found.kind === 'free') return out;
  if (found.kind === 'unknown') {
    if (found.near) {
      whole('key', 'flavor-extra-spec-unknown-standard-name', `'${found.near.name}' is not a standard name in ${found.near.list} as shipped with this checker: nova-api (microversion 2.86+) refuses the key unless the ${found.near.list} library it runs with knows the name; custom names need the CUSTOM_ prefix`, { list: found.near.list, name: found.near.name });
      return out;
    }
    const other = releasesOfName(key);
    const candidates = validatorsOf(release).filter((v) => !v.name.includes('{')).map((v) => v.name);
    const sugg = suggest(key, candidates, 1);
    const validatedIn = other.length ? ` (it is validated in ${formatReleaseList(other)})` : '';
    const hint = !other.length && sugg.length ? `; did you mean '${sugg[0]}'?` : '';
    whole('key', 'flavor-extra-spec-unknown', `'${key}' is not a key of '${found.namespace}:', a namespace Nova validates, in ${release}${validatedIn} — nova-api (microversion 2.86+) refuses it${hint}`, sugg.length && !other.length ? { suggestion: sugg[0] } : undefined);
    return out;
  }
  const v = found.validator;
  if (v.deprecated) whole('key', 'flavor-extra-spec-deprecated', `'${key}' is deprecated in Nova${deprecationHint(v)}`);
  if (key === 'pci_passthrough:alias') {
    out.push(...checkAliasValue(value));
    return out;
  }
  const problem = valueProblem(v, value);
  // Problem, consequence, then a "did you mean" hint (rules/message.ts).
  if (problem) whole('value', 'flavor-extra-spec-invalid-value', withConsequence(`${key}=${JSON.stringify(value)}: ${problem}`, 'nova-api (microversion 2.86+) refuses it'), v.value.enum ? { enum: v.value.enum } : undefined);
  return out;
}

function deprecationHint(v: ExtraSpecValidator): string {
  if (v.name === 'hide_hypervisor_id') return ": use 'hw:hide_hypervisor_id' (the old name also breaks AggregateInstanceExtraSpecsFilter)";
  return '';
}

/** Why the validator refuses the value, or undefined. Mirrors base.py's order: pattern, else enum. */
export function valueProblem(v: ExtraSpecValidator, value: string): string | undefined {
  const spec = v.value;
  if (spec.type === 'str') {
    if (spec.pattern !== undefined) {
      return fullMatch(spec.pattern, value) ? undefined : `it does not match ${spec.pattern}`;
    }
    if (spec.enum && !spec.enum.includes(value)) {
      const near = suggest(value, spec.enum, 1);
      return `it is not one of ${spec.enum.join(', ')} (case-sensitive)${near.length ? ` — did you mean '${near[0]}'?` : ''}`;
    }
    return undefined;
  }
  if (spec.type === 'int') {
    const n = pyInt(value);
    if (n === undefined) return 'it is not a whole number';
    if (spec.max !== undefined && n > spec.max) return `it is greater than the maximum ${spec.max}`;
    if (spec.min !== undefined && n < spec.min) return `it is less than the minimum ${spec.min}`;
    return undefined;
  }
  return strictBool(value) === undefined ? 'it is not a boolean (true/false, yes/no, on/off, 1/0, t/f, y/n)' : undefined;
}

/** The exact grammar nova-api applies, then what the boot path will do with an accepted value. */
function checkAliasValue(value: string): SpecFinding[] {
  const out: SpecFinding[] = [];
  const syntax = checkAliasSpecSyntax(value);
  if (syntax) {
    out.push({ code: 'flavor-extra-spec-invalid-value', part: 'value', start: syntax.start, end: Math.max(syntax.end, syntax.start), message: `pci_passthrough:alias=${JSON.stringify(value)}: ${syntax.message} — nova-api (microversion 2.86+) refuses it` });
    return out;
  }
  const rt = splitAliasSpec(value);
  if (rt.splitError) {
    const e = rt.splitError;
    out.push({
      code: 'flavor-alias-runtime-error', part: 'value', start: e.start, end: e.end,
      message: e.piece === ''
        ? "empty item between commas: nova-api accepts the flavor, but every server create with it fails (Nova splits the value on ',' and cannot read an empty item)"
        : `'${e.piece}' is not one \`name:count\` item at boot: nova-api accepts the value (its pattern lets a name contain ','), but every server create with this flavor fails, because Nova splits the value on ',' and then each item on ':'`,
    });
  }
  return out;
}
