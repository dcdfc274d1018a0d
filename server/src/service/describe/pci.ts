/** How device_spec tags, alias fields and address keys are described in hover and completion. */
import { ADDRESS_KEYS, ENUMS, TagInfo } from '../catalog/pci';
import { Release, atLeast } from '../releases';

/** Short description of a tag kind, for completion details. */
export function tagKindLabel(t: TagInfo): string {
  switch (t.kind) {
    case 'hexid':
      return 'hex id string';
    case 'aliasid':
      return '4 hex digits';
    case 'address':
      return 'glob string or regex object';
    case 'string-or-null':
      return 'string or null';
    case 'truefalse':
      return '"true" or "false"';
    case 'strictbool':
      return 'boolean word';
    case 'enum':
      return `one of ${Object.keys(ENUMS[t.enum ?? ''] ?? {}).join(', ')}`;
    default:
      return 'string';
  }
}

export function tagMarkdown(where: 'device_spec' | 'alias', key: string, t: TagInfo, release: Release): string {
  const out = [`**${where === 'alias' ? 'alias field' : 'device_spec tag'} \`${key}\`** — ${tagKindLabel(t)}${t.required ? ' (required)' : ''}`, t.doc];
  if (t.enum && ENUMS[t.enum]) out.push(Object.entries(ENUMS[t.enum]).map(([v, d]) => `- \`${v}\`: ${d}`).join('\n'));
  if (t.since) {
    out.push(atLeast(release, t.since) ? `Since ${t.since}.` : `Since ${t.since}: **not known to Nova ${release}**${where === 'alias' ? ', which refuses the alias' : ''}.`);
  }
  if (t.example) out.push(`Example: \`"${key}": ${t.example}\``);
  return out.join('\n\n');
}

const REGEX_NOTE =
  'A Python regular expression, matched against the start of the lower-case, zero-padded field and **not** anchored at the end: `"8"` also matches `80`–`8f`, and upper-case letters never match.';

export function addressKeyMarkdown(key: string): string | undefined {
  const k = ADDRESS_KEYS[key];
  if (!k) return undefined;
  return `**address \`${key}\`** — ${k.doc}\n\n${REGEX_NOTE} A missing field matches anything (\`.*\`).`;
}
