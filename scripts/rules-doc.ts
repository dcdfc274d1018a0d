/**
 * Generates docs/rules.md from the rule units (code, severity, releases, what
 * Nova does, a bad and a good example with the message each gets).
 *   node --import tsx scripts/rules-doc.ts          writes docs/rules.md
 *   node --import tsx scripts/rules-doc.ts --check  exits 1 when docs/rules.md is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEPLOYMENT_FAMILIES, FAMILIES } from '../server/src/service/rules/registry';
import { createLanguageService } from '../server/src/service/index';
import { DEFAULT_RELEASE, Release, formatRange } from '../server/src/service/releases';
import type { RuleMeta } from '../server/src/service/rules/types';
import { exampleHost } from '../server/src/service/host/example';
import { renderSurvey } from '../server/src/service/rules/startup/survey';
import { pointBefore } from '../server/src/service/catalog/point-releases';

/** The release an example is shown under: the newest, unless the rule stops before it. */
export function exampleRelease(r: RuleMeta): Release {
  return r.releases?.until ?? DEFAULT_RELEASE;
}

/** Wraps an example in a section when it has none, the way it would sit in nova.conf. */
export function exampleText(r: RuleMeta, snippet: string): string {
  if (/^\[/m.test(snippet)) return snippet + '\n';
  const group = /^(enabled_filters|available_filters|pci_in_placement|pci_weight_multiplier)\b/.test(snippet)
    ? 'filter_scheduler'
    : /^(device_spec|alias|passthrough_whitelist|report_in_placement)\b/.test(snippet) || !['options', 'syntax'].includes(r.family ?? '')
      ? 'pci'
      : 'DEFAULT';
  return `[${group}]\n${snippet}\n`;
}

/** A cross-file example: `# file: PATH` lines start each file (PATH under a kolla-ansible config directory). */
export function exampleFiles(snippet: string): { path: string; text: string }[] | undefined {
  if (!/^# file: /m.test(snippet)) return undefined;
  return snippet.split(/^# file: /m).filter(Boolean).map((part) => {
    const nl = part.indexOf('\n');
    return { path: part.slice(0, nl).trim(), text: part.slice(nl + 1).replace(/\n*$/, '\n') };
  });
}

const EXAMPLE_ROOT = 'file:///example/etc/kolla/config/';

export function messagesFor(r: RuleMeta, snippet: string): string[] {
  const svc = createLanguageService({ settings: { release: exampleRelease(r), point: r.untilPointBefore ? pointBefore(r.untilPointBefore) : undefined, host: r.needsHost ? exampleHost() : undefined } });
  const files = exampleFiles(snippet);
  if (files) {
    for (const f of files) svc.workspace.set(EXAMPLE_ROOT + f.path, f.text);
    return files.flatMap((f) => svc.diagnostics(svc.workspace.document(EXAMPLE_ROOT + f.path)!).filter((d) => d.code === r.code).map((d) => `${f.path}: ${d.message}`));
  }
  const doc = svc.parse(exampleText(r, snippet), 'file:///example/nova.conf', 1);
  return svc.diagnostics(doc).filter((d) => d.code === r.code).map((d) => d.message);
}

/** The example as shown in the docs: one block per file for a cross-file example. */
function exampleBlock(r: RuleMeta, snippet: string): string[] {
  const files = exampleFiles(snippet);
  if (!files) return ['```ini', exampleText(r, snippet).trimEnd(), '```'];
  return files.flatMap((f) => [`\`etc/kolla/config/${f.path}\`:`, '', '```ini', f.text.trimEnd(), '```', '']).slice(0, -1);
}

function render(): string {
  const out: string[] = [];
  out.push('# nova-conf rules', '');
  out.push('Generated from the rule units in `server/src/service/rules/` by `scripts/rules-doc.ts`; do not edit by hand.', '');
  out.push('Severity: **error** = Nova refuses (a service does not start, or the API rejects the request); **warning** = Nova accepts it but ignores or misreads it; **information**/**hint** = advice. Change a rule\'s level with the `nova-conf.rules` setting, `.nova-conf.json`, or `nova-conf-lint --rule CODE=LEVEL`; silence one place with `# nova-conf: disable-next-line CODE` or a whole file with `# nova-conf: disable-file CODE`.', '');
  out.push('Rule ids such as D5 or A4 refer to the research notes on how Nova judges PCI configuration.', '');
  out.push('| code | severity | releases | what |', '| --- | --- | --- | --- |');
  for (const f of [...FAMILIES, ...DEPLOYMENT_FAMILIES]) for (const r of f.rules) out.push(`| [${r.code}](#${r.code}) | ${r.severity} | ${formatRange(r.releases)}${r.untilPointBefore ? ` (before ${r.untilPointBefore})` : ''} | ${r.title} |`);
  out.push('');
  out.push(...renderSurvey());
  for (const f of [...FAMILIES, ...DEPLOYMENT_FAMILIES]) {
    out.push(`## ${f.name}`, '');
    if ('scope' in f && f.scope === 'deployment') out.push('Judged over a deployment — the files each Nova service reads, merged the way kolla-ansible or oslo.config merges them (see [deployments.md](deployments.md)); the examples are several files of a kolla-ansible config directory.', '');
    for (const r of f.rules) {
      out.push(`<a id="${r.code}"></a>`, `### ${r.code}`, '');
      out.push(`**${r.title}.** Severity: ${r.severity}. Releases: ${formatRange(r.releases)}${r.untilPointBefore ? ` (before ${r.untilPointBefore})` : ''}.${r.novaRules ? ` Nova rule: ${r.novaRules.join(', ')}.` : ''} Mirrors \`${r.mirrors}\`.`, '');
      out.push(r.description, '');
      const rule = { ...r, family: f.name };
      if (r.bad) {
        out.push(`Reported (${exampleRelease(r)}${r.needsHost ? ', on the example host of [host.md](host.md)' : ''}):`, '', ...exampleBlock(rule, r.bad), '');
        for (const m of messagesFor(rule, r.bad)) out.push(`> ${m}`, '');
      }
      if (r.good) out.push('Fixed:', '', ...exampleBlock(rule, r.good), '');
    }
  }
  return out.join('\n');
}

const target = join(__dirname, '..', 'docs', 'rules.md');
if (require.main === module || process.argv[1]?.endsWith('rules-doc.ts')) {
  const text = render();
  if (process.argv.includes('--check')) {
    const current = readFileSync(target, 'utf8');
    if (current !== text) {
      console.error('docs/rules.md is out of date: run npm run docs');
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
}
export { render };
