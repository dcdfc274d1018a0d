/**
 * Generates docs/flavors.md from the flavor rules and the extra-spec catalogue
 * (server/src/service/catalog/extra-specs.data.json).
 *   node --import tsx scripts/flavors-doc.ts          writes docs/flavors.md
 *   node --import tsx scripts/flavors-doc.ts --check  exits 1 when docs/flavors.md is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_VALIDATORS, EXTRA_SPEC_REFS, OS_RESOURCE_CLASSES, OS_TRAITS, ExtraSpecValidator, extraSpecDoc, namespaceDoc } from '../server/src/service/catalog/extra-specs';
import { FLAVOR_RULES, FlavorRuleMeta } from '../server/src/service/flavors/rules';
import { FlavorWorkspace, aliasUsageDiagnostics, flavorDiagnostics } from '../server/src/service/flavors/index';
import { formatReleaseList } from '../server/src/service/flavors/releases-text';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';
import { DEFAULT_RELEASE, RELEASE_INFO, Release } from '../server/src/service/releases';

/** The messages a rule's example gets: a shell snippet, or a nova.conf for the alias-definition rule, in its example workspace. */
export function flavorMessagesFor(r: FlavorRuleMeta, snippet: string): string[] {
  const ws = new FlavorWorkspace(DEFAULT_RELEASE);
  for (const [name, text] of Object.entries(r.workspace ?? {})) ws.set(`file:///example/${name}`, text);
  const settings = { ...DEFAULT_SETTINGS, release: DEFAULT_RELEASE };
  if (snippet.startsWith('[')) {
    ws.set('file:///example/nova-api.conf', snippet, { format: 'nova-conf' });
    const doc = ws.novaDocument('file:///example/nova-api.conf');
    return doc ? aliasUsageDiagnostics(doc, settings, ws).filter((d) => d.code === r.code).map((d) => d.message) : [];
  }
  ws.set('file:///example/flavor.sh', snippet, { format: 'shell' });
  const doc = ws.flavorDocument('file:///example/flavor.sh');
  return doc ? flavorDiagnostics(doc, settings, ws).filter((d) => d.code === r.code).map((d) => d.message) : [];
}

function valueText(v: ExtraSpecValidator): string {
  const s = v.value;
  const esc = (x: string) => x.replace(/\|/g, '\\|');
  if (s.type === 'int') return `integer${s.min !== undefined ? `, min ${s.min}` : ''}${s.max !== undefined ? `, max ${s.max}` : ''}`;
  if (s.type === 'bool') return 'boolean';
  if (s.pattern !== undefined) return `string, pattern \`${esc(s.pattern)}\``;
  if (s.enum) return s.enum.map((e) => `\`${e}\``).join(', ');
  return 'any string';
}

function render(): string {
  const out: string[] = [];
  out.push('# Flavors: extra specs and PCI aliases', '');
  out.push('Generated from `server/src/service/flavors/rules.ts` and the extra-spec catalogue by `scripts/flavors-doc.ts` (`npm run docs:flavors`); do not edit by hand.', '');
  out.push('## What is checked', '');
  out.push('Flavors written as code are read with exact positions: Heat templates (`OS::Nova::Flavor` `extra_specs`), Ansible (`openstack.cloud.compute_flavor` / `os_nova_flavor` `extra_specs`), Kayobe-style lists under a `…flavors` key (`openstack_flavors`), Terraform (`openstack_compute_flavor_v2` `extra_specs = { … }`), and `openstack flavor create|set … --property KEY=VALUE` command lines in shell scripts and in fenced code blocks (`sh`, `bash`, `console`, no info string; `yaml` and `hcl` blocks too) of Markdown. Keys or values built by a template (`{{ }}`, `${…}`, `$VAR`, a Heat intrinsic function) are not judged.', '');
  out.push('How nova-api judges an extra spec (mirrored from `nova/api/openstack/compute/flavors_extraspecs.py`, `nova/api/validation/extra_specs/validators.py` and `base.py`):', '');
  out.push('- At every microversion the key must match `^[a-zA-Z0-9-_:. ]{1,255}$` and the value be at most 255 characters (numbers are turned into strings).');
  out.push('- Only with microversion **2.86 or later** does nova-api run the validators below. Current `openstack` clients negotiate the newest microversion; an older one stores anything, and Nova ignores or misreads it later.');
  out.push('- Lookup: the exact key name first, then the first validator whose name pattern fully matches (patterns take parameters such as `{num}` or a request group). When none matches and the part before the first `:` fully matches a namespace some validator uses, the key is refused as unknown; keys in any other namespace (or none) are accepted unchecked.');
  out.push('- A string validator with a pattern checks only the pattern (a full match, Python `re`: `\\d` and `\\s` include Unicode digits and spaces); otherwise an enum is checked exactly (case-sensitive). Integers are read with Python `int()` (surrounding spaces, a sign, `_` between digits and Unicode digits are accepted), then compared with min/max. Booleans must be one of `1 t true on y yes 0 f false off n no` in any case.');
  out.push('- `pci_passthrough:alias` passes the API only as `name:count[,name:count…]` with no space after `:` and none at the end (`a: 1` and `a:1 ` are refused; `a :1` and `a:1 , b:2` are accepted). At server create Nova splits on `,` and `:`, strips names and reads counts with `int()`; an item without exactly one `:` then fails every boot, and an alias missing from the nova-api config fails the request with HTTP 400.');
  out.push('- Trait and resource-class keys (`trait…:NAME`, `resources…:NAME`) are validated against the os-traits and os-resource-classes versions installed beside nova-api. This catalogue knows os-traits ' + OS_TRAITS.version + ` (${OS_TRAITS.names.length} traits) and os-resource-classes ${OS_RESOURCE_CLASSES.version} (${OS_RESOURCE_CLASSES.names.length} classes); \`CUSTOM_\` names are always accepted.`, '');
  out.push('Cross-file: alias names are linked between flavors and the `[pci] alias` entries of the workspace\'s nova configs (go to definition, find references, rename in one edit, completion). Which configs nova-api reads comes from the workspace layer first (a `# nova-conf: service=nova-api,…` directive, or a per-service file name such as `nova-compute.conf` or `nova-api.conf.d/`); otherwise a path with `/compute/` or `nova-compute`, or a config that sets a compute driver, `[libvirt] virt_type` or `device_spec` and has no API section (`[api_database]`, `[api]`, `[wsgi]`, …), counts as one nova-api does not read; any other nova config counts for nova-api.', '');
  out.push('In the editor, the language server reads the nova configs and flavor files of the workspace folders when it starts (the same folder scan as `nova-conf-lint DIR`), and follows them when they change on disk outside the editor (a `git checkout`, another tool, a save from another editor): it asks the client to watch `**/*.conf` and the files flavors are written in (`**/*.{yaml,yml,tf,sh,bash,md,markdown}`), and on each `workspace/didChangeWatchedFiles` event reads the file again, so that a flavor created, changed or deleted on disk changes the `flavor-alias-unused` hints of the open nova configs, and a nova config changed on disk the `flavor-alias-undefined` warnings of the open flavors (a deleted folder drops every file under it). A file open in an editor is judged by the editor\'s text, not the disk\'s, until it is closed. Only the open documents whose findings changed are published again (push) or named in a refresh request (pull). With `nova-conf.workspace.index` off, or in the browser, only open files count (docs/editors.md, "Files changed outside the editor").', '');

  out.push('## Rules', '');
  out.push('| code | severity | what |', '| --- | --- | --- |');
  for (const r of FLAVOR_RULES) out.push(`| [${r.code}](#${r.code}) | ${r.severity} | ${r.title} |`);
  out.push('');
  for (const r of FLAVOR_RULES) {
    out.push(`<a id="${r.code}"></a>`, `### ${r.code}`, '');
    out.push(`**${r.title}.** Severity: ${r.severity}.${r.novaRules ? ` Nova rule: ${r.novaRules.join(', ')}.` : ''} Mirrors \`${r.mirrors}\`.`, '');
    out.push(r.description, '');
    const lang = (s: string) => (s.startsWith('[') ? 'ini' : 'sh');
    if (r.workspace) for (const [name, text] of Object.entries(r.workspace)) out.push(`With \`${name}\` in the workspace:`, '', '```' + lang(text), text.trimEnd(), '```', '');
    if (r.bad) {
      out.push('Reported:', '', '```' + lang(r.bad), r.bad.length > 160 ? r.bad.slice(0, 100) + '…' : r.bad.trimEnd(), '```', '');
      for (const m of flavorMessagesFor(r, r.bad)) out.push(`> ${m.length > 300 ? m.slice(0, 300) + '…' : m}`, '');
    }
    if (r.good) out.push('Fixed:', '', '```' + lang(r.good), r.good.trimEnd(), '```', '');
  }

  out.push('## Extra specs nova-api validates, per release', '');
  out.push('Release → Nova source the catalogue was read from:', '');
  out.push('| release | Nova ref | commit |', '| --- | --- | --- |');
  for (const [release, ref] of Object.entries(EXTRA_SPEC_REFS)) out.push(`| ${release}${release === 'master' ? '' : ` (${RELEASE_INFO[release as Release].name})`} | \`${ref.ref}\` | \`${ref.commit.slice(0, 12)}\` |`);
  out.push('');
  const modules = [...new Set(ALL_VALIDATORS.map((v) => v.module))].sort();
  for (const m of modules) {
    out.push(`### ${m === 'null' ? 'keys without a namespace' : m}`, '');
    const d = namespaceDoc(m);
    if (d) out.push(d, '');
    out.push('| key | value | releases | about |', '| --- | --- | --- | --- |');
    for (const v of ALL_VALIDATORS.filter((x) => x.module === m)) {
      const about = (extraSpecDoc(v) !== namespaceDoc(m) ? extraSpecDoc(v) ?? '' : '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
      const params = v.parameters?.map((p) => `\`{${p.name}}\` = \`${p.pattern.replace(/\|/g, '\\|')}\``).join(', ');
      const std = v.standardNames === 'standard-trait' ? ` (\`{trait}\`: a standard os-traits name)` : v.standardNames === 'standard-resource-class' ? ' (`{resource}`: a standard resource class)' : '';
      out.push(`| \`${v.name}\`${v.deprecated ? ' (deprecated)' : ''}${params ? `<br>${params}` : ''}${std} | ${valueText(v)} | ${formatReleaseList(v.releases)} | ${about} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

const target = join(__dirname, '..', 'docs', 'flavors.md');
if (process.argv[1]?.endsWith('flavors-doc.ts')) {
  const text = render();
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text) {
      console.error('docs/flavors.md is out of date: run npm run docs:flavors');
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
}
export { render };
