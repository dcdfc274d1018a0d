/**
 * fast-check arbitraries for nova.conf documents: generated from the INI grammar,
 * the option catalogue and the PCI vocabulary, taken from the corpus (shared
 * real-world files, Nova's own device_spec/alias cases, examples/), and mutated
 * (characters and lines inserted, deleted, duplicated; CRLF/CR; BOM; tabs;
 * unicode; lone surrogates).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { listGroups, listOptions } from '../../server/src/service/catalog/options';
import { ADDRESS_KEYS, ALIAS_FIELDS, DEVICE_SPEC_TAGS, ENUMS, RESERVED_TAGS, schedulerFilters } from '../../server/src/service/catalog/pci';
import { DEFAULT_RELEASE, RELEASES } from '../../server/src/service/releases';
import { NOVA_CASES, ROOT, SHARED } from '../helpers';
import { ADVERSARIAL } from '../../bench/adversarial-inputs';

// ---------------------------------------------------------------- corpus

function readDir(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

/** Whole documents: shared real-world files (when ../shared is there), the repository's examples and grammar fixtures, Nova's PCI cases as nova.conf files. */
export function loadCorpus(): string[] {
  const docs: string[] = [];
  docs.push(...readDir(join(SHARED, 'data', 'real-world'), '.conf'));
  docs.push(...readDir(join(ROOT, 'examples'), '.conf'));
  docs.push(...readDir(join(ROOT, 'test', 'grammar'), '.nova-conf'));
  // Nova's cases from the vendored copy (identical to shared/'s, test/data/vendored.test.ts), so a clone without ../shared fuzzes them too.
  const cases = JSON.parse(readFileSync(NOVA_CASES, 'utf8')) as { kind: string; input: string }[];
  for (const c of cases) {
    const opt = c.kind === 'alias' ? 'alias' : 'device_spec';
    docs.push(`[DEFAULT]\n\n[pci]\n${opt} = ${c.input.replace(/\n/g, '\n  ')}\n`);
  }
  return docs;
}

let corpusCache: string[] | undefined;
export function corpus(): string[] {
  return (corpusCache ??= loadCorpus());
}

// ---------------------------------------------------------------- vocabulary

const release = DEFAULT_RELEASE;
const GROUPS = listGroups(release);
const OPTIONS_BY_GROUP = new Map(GROUPS.map((g) => [g, listOptions(release, g).map((o) => o.name)] as const));
const PCI_GROUP_OPTIONS = ['device_spec', 'alias', 'passthrough_whitelist', 'report_in_placement', 'require_numa'];
const FILTERS = schedulerFilters(release);

/** Characters that stress the parsers and the position arithmetic. */
export const HOSTILE_CHARS = [
  '\r', '\n', '\r\n', '\t', ' ', '\uFEFF', '\u0000', '\u00A0', '\u2028', '\u2029', '\u0085', '\u000B', '\u000C',
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D\uDE00', '\u00E9', '\u0301', '\u202E', '\uFFFF', '\uFFFD', '\u4E2D',
  '[', ']', '{', '}', '"', "'", '$', '${', '$$', '\\', '=', ':', ',', '#', ';', '*', '.', '(', ')', '?', '|', '+',
];

const hexish = fc.oneof(
  fc.constantFrom('8086', '15b3', '10de', '1137', '0x8086', 'ffff', '10000', '*', ' * ', '', 'zz', '-1', '154d', '0071'),
  fc.stringMatching(/^[0-9a-fA-Fx*]{0,6}$/),
);
const globAddress = fc.oneof(
  fc.constantFrom('0000:0a:00.1', '*:0a:00.*', ':0a:00.', '0000:81:00.*', '00:0000:0a:00.5', '65536:0a:00.5', '0000:256:00.5', '*', '', '0000:0a:32.5'),
  fc.stringMatching(/^[0-9a-f*:.]{0,16}$/),
);
/** Python-ish regular expressions, including pathological and broken ones. */
export const pyRegex = fc.oneof(
  fc.constantFrom('.*', '02', '0[1-2]', '[2-7]', '(a+)+$', '(a|aa)*b', '((((((((((a))))))))))', '(?P<x>a)(?P=x)', '(?<=a)b', '[', '(', ')', '*', 'a{2,1}', '\\', '(?', '(?P<1>a)', '[z-a]', '(?i)a', 'a(?i)', '\\N{LATIN SMALL LETTER A}', '(?(1)a|b)', '\\p{L}', '(' .repeat(200) + ')'.repeat(200), '(?:'.repeat(120) + 'a' + ')'.repeat(120)),
  fc.string({ unit: fc.constantFrom('(', ')', '[', ']', '{', '}', '?', '*', '+', '|', '\\', 'a', '0', '-', '^', '$', 'P', '<', '>', '=', '!', ':', ',', '1', 'N', 'x', '#', ' ') , maxLength: 24 }),
);

const jsonString = (s: fc.Arbitrary<string>) => s.map((x) => JSON.stringify(x));
const jsonScalar: fc.Arbitrary<string> = fc.oneof(
  jsonString(fc.string({ maxLength: 8 })),
  fc.constantFrom('true', 'false', 'null', '1', '-0', '1e400', 'NaN', 'Infinity', '"true"', '"yes"', '0x10', "'single'", '"unterminated', '01'),
);

function tagValue(tag: string): fc.Arbitrary<string> {
  switch (tag) {
    case 'vendor_id':
    case 'product_id':
      return fc.oneof(jsonString(hexish), jsonScalar);
    case 'address':
      return fc.oneof(
        jsonString(globAddress),
        fc
          .dictionary(fc.constantFrom(...Object.keys(ADDRESS_KEYS), 'bogus'), jsonString(pyRegex), { maxKeys: 5 })
          .map((o) => `{${Object.entries(o).map(([k, v]) => `"${k}": ${v}`).join(', ')}}`),
        jsonScalar,
      );
    case 'device_type':
      return fc.oneof(jsonString(fc.constantFrom(...Object.keys(ENUMS.deviceType), 'type-pf', 'PF')), jsonScalar);
    case 'numa_policy':
      return fc.oneof(jsonString(fc.constantFrom(...Object.keys(ENUMS.numaPolicy), 'strict')), jsonScalar);
    case 'capability_type':
      return fc.oneof(jsonString(fc.constantFrom('pci', 'vdpa')), jsonScalar);
    case 'traits':
      return fc.oneof(jsonString(fc.constantFrom('CUSTOM_A,CUSTOM_B', 'HW_NIC_SRIOV', 'bad trait', '')), jsonScalar);
    case 'resource_class':
      return fc.oneof(jsonString(fc.constantFrom('CUSTOM_GPU', 'PGPU', 'VGPU', 'custom_x', '')), jsonScalar);
    default:
      return fc.oneof(jsonString(fc.constantFrom('true', 'false', 'yes', 'physnet1', 'eth0', 'required', 'x')), jsonScalar);
  }
}

function jsonObject(keys: string[]): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        fc.constantFrom(...keys).chain((k) => tagValue(k).map((v) => [`"${k}"`, v] as const)),
        fc.tuple(fc.oneof(jsonString(fc.string({ maxLength: 6 })), fc.constantFrom("'vendor_id'", 'vendor_id', '1', 'null')), jsonScalar),
      ),
      { maxLength: 7 },
    )
    .chain((pairs) =>
      fc.tuple(fc.constant(pairs), fc.constantFrom(', ', ',', ',\n    ', ' , '), fc.boolean()).map(([ps, sep, trailing]) => `{${ps.map(([k, v]) => `${k}: ${v}`).join(sep)}${trailing ? ',' : ''}}`),
    );
}

/** A device_spec or alias value: an object, a list of objects, or something broken. */
export const pciJson: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: jsonObject([...Object.keys(DEVICE_SPEC_TAGS), ...RESERVED_TAGS]) },
  { weight: 4, arbitrary: jsonObject(Object.keys(ALIAS_FIELDS)) },
  { weight: 1, arbitrary: fc.array(jsonObject(Object.keys(DEVICE_SPEC_TAGS)), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 300 }).map((n) => '['.repeat(n) + '{'.repeat(n)) },
  { weight: 1, arbitrary: jsonScalar },
);

const valueText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('true', 'false', 'True', '0', '-1', '65536', '1.5', '', '   ', '""', "''", '"quoted"', 'a,b,,c', 'host:1:2', 'http://x', '$my_ip', '${my_ip}', '$$', '$', '$unknown', '$pci.alias', '\\$x', 'a # not a comment', 'x ; y'),
  fc.constantFrom(...FILTERS).map((f) => f),
  fc.array(fc.constantFrom(...FILTERS, 'NoSuchFilter', ''), { maxLength: 5 }).map((xs) => xs.join(',')),
  fc.string({ maxLength: 12 }),
);

/** One line (or a multi-line construct) of a nova.conf file. */
function lineArb(group: string): fc.Arbitrary<string> {
  const opts = OPTIONS_BY_GROUP.get(group) ?? [];
  const key = fc.oneof(
    { weight: 6, arbitrary: opts.length ? fc.constantFrom(...opts) : fc.constant('debug') },
    { weight: 2, arbitrary: fc.constantFrom(...PCI_GROUP_OPTIONS) },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_.-]{0,10}$/) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '#key', '[x', 'a b') },
  );
  const sep = fc.constantFrom(' = ', '=', ': ', ':', ' =', '  =  ', '\t=\t');
  const value = fc.oneof({ weight: 4, arbitrary: valueText }, { weight: 3, arbitrary: pciJson });
  const entry = fc.tuple(key, sep, value).map(([k, s, v]) => `${k}${s}${v.replace(/\n/g, '\n    ')}`);
  return fc.oneof(
    { weight: 8, arbitrary: entry },
    { weight: 1, arbitrary: fc.constantFrom('', '# comment', '; comment', '#', '  # indented comment', '# nova-conf: disable-next-line json-invalid', '# nova-conf: disable-file pci-filter-not-enabled') },
    { weight: 1, arbitrary: fc.constantFrom('   continuation', '\tcontinued', 'no separator here', '=value', '[', '[]', '[unterminated', '[[pci]]', '[pci] trailing') },
  );
}

const sectionName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('DEFAULT', 'pci', 'filter_scheduler', 'scheduler', 'libvirt', 'compute', ...GROUPS.slice(0, 40)) },
  { weight: 1, arbitrary: fc.constantFrom('default', 'PCI', ' pci ', 'neutron_physnet_physnet1', 'mdev_nvidia-35', 'vgpu_nvidia-35', 'devices') },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

const section: fc.Arbitrary<string> = sectionName.chain((name) =>
  fc.array(lineArb(name.trim().toLowerCase() === 'default' ? 'DEFAULT' : name.trim().toLowerCase()), { maxLength: 8 }).map((lines) => [`[${name}]`, ...lines].join('\n')),
);

/** A document built from the grammar and the catalogue (mostly well-formed, sometimes not). */
export const generatedDoc: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(lineArb('DEFAULT'), { maxLength: 2 }),
    fc.array(section, { minLength: 0, maxLength: 5 }),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
    fc.constantFrom('', 'a = $b\nb = $a\n', 'x = $x\n', 'my_ip = 10.0.0.1\nhost = $my_ip\n'),
  )
  .map(([pre, secs, eol, finalEol, refs]) => {
    const body = [...pre, ...secs.map((s, i) => (i === 0 && refs ? s + '\n' + refs : s))].join('\n');
    return (body + (finalEol ? '\n' : '')).replace(/\r?\n/g, eol);
  });

// ---------------------------------------------------------------- mutations

export type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; len: number }
  | { op: 'dupChars'; at: number; len: number }
  | { op: 'dupLine'; line: number }
  | { op: 'delLine'; line: number }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'eol'; to: '\r\n' | '\r' | '\n' }
  | { op: 'bom' }
  | { op: 'tabs' }
  | { op: 'splice'; at: number; text: string };

const frac = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const m = <T extends Mutation>(a: fc.Arbitrary<T>): fc.Arbitrary<Mutation> => a.map((x): Mutation => x);
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: m(fc.record({ op: fc.constant('insert' as const), at: frac, text: fc.oneof(fc.constantFrom(...HOSTILE_CHARS), fc.string({ unit: 'binary', maxLength: 4 })) })) },
  { weight: 4, arbitrary: m(fc.record({ op: fc.constant('delete' as const), at: frac, len: fc.integer({ min: 1, max: 12 }) })) },
  { weight: 1, arbitrary: m(fc.record({ op: fc.constant('dupChars' as const), at: frac, len: fc.integer({ min: 1, max: 20 }) })) },
  { weight: 2, arbitrary: m(fc.record({ op: fc.constant('dupLine' as const), line: frac })) },
  { weight: 2, arbitrary: m(fc.record({ op: fc.constant('delLine' as const), line: frac })) },
  { weight: 1, arbitrary: m(fc.record({ op: fc.constant('swapLines' as const), a: frac, b: frac })) },
  { weight: 1, arbitrary: m(fc.record({ op: fc.constant('eol' as const), to: fc.constantFrom('\r\n' as const, '\r' as const, '\n' as const) })) },
  { weight: 1, arbitrary: m(fc.constant({ op: 'bom' as const })) },
  { weight: 1, arbitrary: m(fc.constant({ op: 'tabs' as const })) },
  { weight: 1, arbitrary: m(fc.record({ op: fc.constant('splice' as const), at: frac, text: fc.oneof(lineArb('pci'), pciJson) })) },
);

function splitLines(text: string): string[] {
  return text.split(/(?<=\r\n|\r(?!\n)|\n)/);
}

/** Applies one mutation; positions are fractions of the text so any mutation fits any document. */
export function applyMutation(text: string, m: Mutation): string {
  const pos = (f: number) => Math.floor(f * (text.length + 1));
  switch (m.op) {
    case 'insert':
    case 'splice': {
      const at = pos(m.at);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'delete': {
      const at = pos(m.at);
      return text.slice(0, at) + text.slice(at + m.len);
    }
    case 'dupChars': {
      const at = pos(m.at);
      return text.slice(0, at) + text.slice(at, at + m.len) + text.slice(at);
    }
    case 'dupLine':
    case 'delLine': {
      const lines = splitLines(text);
      const i = Math.floor(m.line * lines.length);
      if (m.op === 'dupLine') lines.splice(i, 0, lines[i] ?? '');
      else lines.splice(i, 1);
      return lines.join('');
    }
    case 'swapLines': {
      const lines = splitLines(text);
      const a = Math.floor(m.a * lines.length);
      const b = Math.floor(m.b * lines.length);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('');
    }
    case 'eol':
      return text.replace(/\r\n|\r|\n/g, m.to);
    case 'bom':
      return '\uFEFF' + text;
    case 'tabs':
      return text.replace(/ {2,4}/g, '\t');
  }
}

export function applyMutations(text: string, ms: Mutation[]): string {
  return ms.reduce(applyMutation, text);
}

/** A corpus document (or a window of one), mutated 0..n times. */
export function mutatedCorpusDoc(maxMutations = 6, maxLength = 4000): fc.Arbitrary<string> {
  const docs = corpus();
  const base = docs.length ? fc.constantFrom(...docs) : generatedDoc;
  return fc
    .tuple(base, frac, fc.array(mutation, { maxLength: maxMutations }))
    .map(([doc, start, ms]) => {
      // Long files: fuzz a window so a run stays cheap (whole files are covered by the corpus test).
      const d = doc.length > maxLength ? doc.slice(Math.floor(start * (doc.length - maxLength)), Math.floor(start * (doc.length - maxLength)) + maxLength) : doc;
      return applyMutations(d, ms);
    });
}

/** Generated documents, mutated 0..n times. */
export function mutatedGeneratedDoc(maxMutations = 4): fc.Arbitrary<string> {
  return fc.tuple(generatedDoc, fc.array(mutation, { maxLength: maxMutations })).map(([d, ms]) => applyMutations(d, ms));
}

/** Any document the properties should survive: generated, corpus, mutated, or raw noise. */
export function anyDoc(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: mutatedGeneratedDoc() },
    { weight: 4, arbitrary: mutatedCorpusDoc() },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...HOSTILE_CHARS, 'a', 'device_spec', 'pci', '1'), maxLength: 60 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  );
}

export { RELEASES };

/**
 * Adversarial shapes (bench/adversarial-inputs.ts: lines without separators, thousands of sections, fixable
 * lines, one huge line, dynamic groups) at small sizes, mutated like the corpus, optionally spliced into a
 * real-world document.
 */
export function adversarialDoc(maxBytes = 6000): fc.Arbitrary<string> {
  const docs = corpus();
  return fc
    .tuple(fc.constantFrom(...ADVERSARIAL), fc.integer({ min: 20, max: maxBytes }), fc.array(mutation, { maxLength: 3 }), fc.option(fc.constantFrom(...(docs.length ? docs : [''])), { nil: undefined }))
    .map(([shape, bytes, ms, host]) => applyMutations((host ?? '') + shape.generate(bytes), ms));
}
