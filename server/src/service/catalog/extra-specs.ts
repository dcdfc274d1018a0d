/**
 * Typed access to the flavor extra-spec catalogue (extra-specs.data.json, built by
 * scripts/build-extra-specs.py from nova/api/validation/extra_specs/) and the
 * lookup nova-api does with it (nova/api/validation/extra_specs/validators.py
 * `validate`): exact name first, then the first validator whose name regex fully
 * matches, else "unknown" when the part before the first `:` fully matches a
 * validated namespace, else "not validated".
 */
import data from './extra-specs.data.json';
import docs from './extra-spec-docs.json';
import type { Release } from '../releases';

export type ExtraSpecType = 'str' | 'int' | 'bool';

export interface ExtraSpecValue {
  type: ExtraSpecType;
  pattern?: string;
  enum?: string[];
  min?: number;
  max?: number;
}

export interface ExtraSpecValidator {
  /** The name as Nova writes it, with `{param}` placeholders. */
  name: string;
  /** The module under nova/api/validation/extra_specs/ that registers it. */
  module: string;
  /** Nova's name regex (Python syntax). */
  regex: string;
  value: ExtraSpecValue;
  parameters?: { name: string; pattern: string }[];
  deprecated?: boolean;
  /** Set when Nova generates one validator per name of an installed library. */
  standardNames?: 'standard-trait' | 'standard-resource-class';
  releases: Release[];
}

interface CatalogData {
  releases: Release[];
  refs: Record<string, { ref: string; commit: string }>;
  keyPattern: string;
  valueMaxLength: number;
  namespaces: Record<string, string[]>;
  validators: ExtraSpecValidator[];
  osTraits: { version: string; names: string[] };
  osResourceClasses: { version: string; names: string[] };
}

const CATALOG = data as unknown as CatalogData;
export const EXTRA_SPEC_REFS = CATALOG.refs;
export const OS_TRAITS = CATALOG.osTraits;
export const OS_RESOURCE_CLASSES = CATALOG.osResourceClasses;
export const ALL_VALIDATORS: readonly ExtraSpecValidator[] = CATALOG.validators;
/** The JSON schema every extra-spec key must match, at every microversion (parameter_types.metadata). */
export const KEY_PATTERN = new RegExp(CATALOG.keyPattern);
export const VALUE_MAX_LENGTH = CATALOG.valueMaxLength;

interface SpecDocs {
  namespaces: Record<string, string>;
  keys: Record<string, string>;
}
const DOCS = docs as unknown as SpecDocs;

// Python `re` classes, written out for JavaScript's `u` mode: \d is any Unicode
// decimal digit, \w any letter, number or `_`, \s what str.isspace() accepts.
const PY_CLASSES: Record<string, string> = {
  d: '\\p{Nd}',
  w: '[\\p{L}\\p{N}_]',
  s: '[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]',
};

/** Translates the Python regex subset the catalogue uses into a JavaScript full-match regex. */
export function pyFullMatchRegex(py: string): RegExp {
  let out = '';
  let inClass = false;
  for (let i = 0; i < py.length; i++) {
    const c = py[i];
    if (c === '\\') {
      const n = py[i + 1];
      i++;
      if (n in PY_CLASSES) {
        const cls = PY_CLASSES[n];
        out += inClass ? cls.replace(/^\[|\]$/g, '') : cls;
      } else if ('^$.|?*+()[]{}\\-/,:'.includes(n)) out += `\\${n}`;
      else throw new Error(`unsupported escape \\${n} in ${py}`);
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    if (!inClass && c === '(' && py.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    out += c;
  }
  return new RegExp(`^(?:${out})$`, 'u');
}

interface Compiled {
  v: ExtraSpecValidator;
  re: RegExp;
}

const perRelease = new Map<Release, { exact: Map<string, Compiled>; list: Compiled[]; namespaces: RegExp[] }>();
const TRAITS = new Set(OS_TRAITS.names);
const RESOURCE_CLASSES = new Set(OS_RESOURCE_CLASSES.names);

function forRelease(release: Release) {
  let c = perRelease.get(release);
  if (!c) {
    const list = ALL_VALIDATORS.filter((v) => v.releases.includes(release)).map((v) => ({ v, re: pyFullMatchRegex(v.regex) }));
    c = {
      exact: new Map(list.map((x) => [x.v.name, x])),
      list,
      namespaces: (CATALOG.namespaces[release] ?? []).map(pyFullMatchRegex),
    };
    perRelease.set(release, c);
  }
  return c;
}

export type Lookup =
  | { kind: 'validator'; validator: ExtraSpecValidator }
  /** In a validated namespace, but no validator matches: nova-api refuses it. */
  | { kind: 'unknown'; namespace: string; near?: { validator: ExtraSpecValidator; name: string; list: 'os-traits' | 'os-resource-classes' } }
  /** No namespace Nova validates: accepted as is. */
  | { kind: 'free' };

/** What nova-api's validate() does with this key in this release. */
export function lookupExtraSpec(name: string, release: Release): Lookup {
  const c = forRelease(release);
  const exact = c.exact.get(name);
  if (exact) return { kind: 'validator', validator: exact.v };
  let near: { validator: ExtraSpecValidator; name: string; list: 'os-traits' | 'os-resource-classes' } | undefined;
  for (const x of c.list) {
    const m = x.re.exec(name);
    if (!m) continue;
    const std = x.v.standardNames;
    if (std) {
      // Nova has one validator per name the installed library knows; we ship one such list.
      const n = std === 'standard-trait' ? m.groups?.trait : m.groups?.resource;
      const known = std === 'standard-trait' ? TRAITS : RESOURCE_CLASSES;
      if (n === undefined || !known.has(n)) {
        if (n !== undefined && !n.startsWith('CUSTOM_')) near ??= { validator: x.v, name: n, list: std === 'standard-trait' ? 'os-traits' : 'os-resource-classes' };
        continue;
      }
    }
    return { kind: 'validator', validator: x.v };
  }
  const colon = name.indexOf(':');
  if (colon < 0) return { kind: 'free' };
  const prefix = name.slice(0, colon);
  if (c.namespaces.some((re) => re.test(prefix))) return { kind: 'unknown', namespace: prefix, near };
  return { kind: 'free' };
}

/** Validators of a release (for completion and docs). */
export function validatorsOf(release: Release): ExtraSpecValidator[] {
  return forRelease(release).list.map((x) => x.v);
}

/** Literal names (no `{param}`) of a release, for completion. */
export function literalNames(release: Release): string[] {
  return validatorsOf(release).filter((v) => !v.name.includes('{')).map((v) => v.name);
}

/** Own-words documentation for a key (validator name) or its namespace. */
export function extraSpecDoc(v: ExtraSpecValidator): string | undefined {
  return DOCS.keys[v.name] ?? DOCS.namespaces[v.module];
}

export function namespaceDoc(module: string): string | undefined {
  return DOCS.namespaces[module];
}

/** Releases (of the catalogue's list) in which some validator with this exact name exists. */
export function releasesOfName(name: string): Release[] {
  const out = new Set<Release>();
  for (const v of ALL_VALIDATORS) if (v.name === name) v.releases.forEach((r) => out.add(r));
  return CATALOG.releases.filter((r) => out.has(r));
}

export const CATALOG_RELEASES = CATALOG.releases;
