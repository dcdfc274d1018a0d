/**
 * How options, groups and releases are described in hover and completion
 * (Markdown in our own words, facts from the option catalogue).
 */
import { OptionInfo, listOptions } from '../catalog/options';
import docs from '../catalog/option-docs.json';
import { RELEASES, Release } from '../releases';

const OPTION_DOCS = docs.options as Record<string, string>;
const GROUP_DOCS = docs.groups as Record<string, string>;

export function optionLink(group: string, name: string): string {
  return `${docs.link}${group}.${name}`;
}

const TYPE_LABELS: Record<string, string> = {
  str: 'string',
  int: 'integer',
  bool: 'boolean',
  list: 'comma-separated list',
  float: 'number',
  multi: 'multi-valued (one value per line)',
  uri: 'URI',
  port: 'port number',
  hostaddr: 'host address',
  hostdomain: 'host or domain name',
  dict: 'key:value pairs',
  ip: 'IP address',
  hostname: 'host name',
  range: 'range',
};

export function typeLabel(opt: OptionInfo): string {
  return TYPE_LABELS[opt.type] ?? opt.type;
}

export function formatDefault(opt: OptionInfo): string {
  const d = opt.default;
  if (opt.defaultIsSample) return `${String(d)} (depends on the host)`;
  if (d === undefined || d === null) return 'not set';
  if (Array.isArray(d)) return d.length === 0 ? 'empty' : d.join(', ');
  if (d === '') return 'empty';
  return String(d);
}

/** "all releases", "2023.1 and later", "2022.2 to 2024.2", or a list of ranges. */
export function releaseSpan(releases: readonly Release[]): string {
  if (releases.length === 0) return 'no release';
  if (releases.length === RELEASES.length) return 'every release this tool knows (2022.2 to master)';
  const idx = releases.map((r) => RELEASES.indexOf(r)).sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const i of idx) {
    const last = runs[runs.length - 1];
    if (last && i === last[1] + 1) last[1] = i;
    else runs.push([i, i]);
  }
  return runs
    .map(([a, b]) => (a === b ? RELEASES[a] : b === RELEASES.length - 1 ? `${RELEASES[a]} and later` : `${RELEASES[a]} to ${RELEASES[b]}`))
    .join(', ');
}

export function optionDoc(group: string, name: string): string | undefined {
  return OPTION_DOCS[`${group}.${name}`];
}

/** Markdown for an option: own-words text where we have it, then the facts. */
export function optionMarkdown(opt: OptionInfo, release: Release, usedName?: { group: string; name: string }): string {
  const out: string[] = [];
  out.push(`**[${opt.group}] ${opt.name}** — ${typeLabel(opt)}`);
  if (usedName) {
    out.push(`\`[${usedName.group}] ${usedName.name}\` is a **deprecated name** of this option: it still works, but use \`[${opt.group}] ${opt.name}\` instead.`);
    const own = optionDoc(usedName.group, usedName.name);
    if (own) out.push(own);
  }
  const own = optionDoc(opt.group, opt.name);
  if (own) out.push(own);
  const facts: string[] = [];
  facts.push(`Default: \`${formatDefault(opt)}\``);
  const choices = (opt.choices ?? []).filter((c) => c !== null);
  if (choices.length) facts.push(`Allowed values: ${choices.map((c) => `\`${String(c)}\``).join(', ')}${opt.ignoreCase ? ' (any case)' : ''}`);
  if (opt.itemChoices?.length) facts.push(`Allowed items: ${opt.itemChoices.map((c) => `\`${c}\``).join(', ')}`);
  if (opt.min !== undefined || opt.max !== undefined) facts.push(`Range: ${opt.min ?? '…'} to ${opt.max ?? '…'}`);
  if (opt.type === 'bool') facts.push('Accepted spellings: `true/false`, `yes/no`, `on/off`, `1/0` (any case)');
  if (opt.deprecatedNames.length) facts.push(`Old names still read: ${opt.deprecatedNames.map(([g, n]) => `\`[${g ?? opt.group}] ${n}\``).join(', ')}`);
  if (opt.deprecatedForRemoval) facts.push(`**Deprecated for removal**${opt.deprecatedSince ? ` (since Nova ${opt.deprecatedSince})` : ''}: plan to stop setting it.`);
  facts.push(`Available in: ${releaseSpan(opt.releases)}${opt.releases.includes(release) ? '' : ` — **not in ${release}**`}`);
  out.push(facts.map((f) => `- ${f}`).join('\n'));
  if (!opt.dynamicGroup) out.push(`[Nova configuration reference](${optionLink(opt.group, opt.name)})`);
  return out.join('\n\n');
}

/** Our own-words text for a group, when there is one. */
export function groupDoc(group: string): string | undefined {
  return GROUP_DOCS[group];
}

export function groupDescription(group: string, release: Release): string {
  const n = listOptions(release, group).length;
  const doc = GROUP_DOCS[group];
  return doc ? `${doc} (${n} options)` : `${n} options`;
}
