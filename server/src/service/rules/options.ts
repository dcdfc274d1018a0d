/**
 * The whole file against the option catalogue of the selected release: unknown,
 * misplaced, deprecated and mistyped options (oslo_config/cfg.py, oslo_config/types.py).
 */
import { OptionInfo, getOptionAnyRelease, groupExists, groupExistsAnyRelease, groupsWithOption, listGroups, listOptions } from '../catalog/options';
import type { Entry } from '../model';
import { osloBool } from '../parse/pyvalues';
import { suggest } from '../suggest';
import type { RuleContext, RuleFamily, RuleMeta } from './types';

const CFG = 'oslo_config/cfg.py';
const rules: RuleMeta[] = [
  { code: 'unknown-group', severity: 'warning', mirrors: CFG, title: 'unknown section', description: 'oslo.config silently ignores a section no option is registered in: every line in it has no effect. Section names are case-insensitive, except `[DEFAULT]`, which must be upper-case (`[default]` is a different, unknown section).', bad: '[filter_schedular]\nenabled_filters = PciPassthroughFilter', good: '[filter_scheduler]\nenabled_filters = PciPassthroughFilter' },
  { code: 'unknown-option', severity: 'warning', mirrors: CFG, title: 'unknown option', description: 'oslo.config silently ignores an option it does not know, so a misspelt name behaves as if the line were not there.', bad: '[pci]\nalais = {"name": "gpu"}', good: '[pci]\nalias = {"name": "gpu"}' },
  { code: 'option-wrong-group', severity: 'warning', mirrors: CFG, title: 'option set in the wrong section', description: 'The option exists, but in another section; here it is ignored.', bad: '[DEFAULT]\ndevice_spec = {"vendor_id": "8086"}', good: '[pci]\ndevice_spec = {"vendor_id": "8086"}' },
  { code: 'option-not-in-release', severity: 'warning', mirrors: CFG, title: 'option not available in the selected release', description: 'The option was added in a later release or removed by this one, so the selected release ignores it.' },
  { code: 'deprecated-option', severity: 'warning', novaRules: ['W10'], mirrors: CFG, title: 'deprecated option name', description: 'The name still works but is deprecated: Nova logs a warning and may drop it. For multi-valued options such as device_spec, values under the old and new names add up.', bad: '[pci]\npassthrough_whitelist = {"vendor_id": "8086"}', good: '[pci]\ndevice_spec = {"vendor_id": "8086"}' },
  { code: 'deprecated-for-removal', severity: 'information', mirrors: CFG, title: 'option deprecated for removal', description: 'The option still works in this release but will be removed in a future one.' },
  { code: 'invalid-value', severity: 'error', novaRules: ['S3'], mirrors: 'oslo_config/types.py', title: 'value of the wrong type or out of range', description: 'oslo.config checks the value when a service reads the option: a boolean that is not true/false/yes/no/on/off/1/0, a number that is not a number or is out of range, a value outside the allowed choices. The service that reads it fails.', bad: '[pci]\nreport_in_placement = maybe', good: '[pci]\nreport_in_placement = true' },
  { code: 'duplicate-option', severity: 'warning', mirrors: CFG, title: 'single-valued option set twice', description: 'Only the last value counts; the earlier line is ignored.' },
  { code: 'inline-comment', severity: 'warning', mirrors: 'oslo_config/iniparser.py', title: '"#" after a value is part of the value', description: 'oslo.config has no inline comments: `foo = bar # note` sets foo to `bar # note`. Put comments on their own line.', bad: '[DEFAULT]\nhost = compute1 # rack 4', good: '[DEFAULT]\n# rack 4\nhost = compute1' },
];

function checkValue(ctx: RuleContext, e: Entry, opt: OptionInfo): void {
  const v = e.value;
  const span = e.valueSpan.end > e.valueSpan.start ? e.valueSpan : e.keySpan;
  const bad = (why: string, data?: Record<string, unknown>) =>
    ctx.report('invalid-value', span, `Services that read [${opt.group}] ${opt.name} will fail: ${why}`, { data: { group: opt.group, option: opt.name, type: opt.t, ...data } });
  const type = opt.multi ? (opt.t === 'multi' ? 'str' : opt.t) : opt.t;
  if (type === 'bool') {
    if (osloBool(v) === undefined) bad(`${JSON.stringify(v)} is not a boolean (use true/false, yes/no, on/off or 1/0).`, { choices: ['true', 'false'] });
    return;
  }
  if (type === 'int' || type === 'port') {
    if (v.trim() === '' && type === 'int') return; // an empty integer means "unset" to oslo.config
    if (!/^\s*[+-]?\d+\s*$/.test(v)) return bad(`${JSON.stringify(v)} is not a whole number.`);
    const n = Number(v);
    const min = opt.min ?? (type === 'port' ? 0 : undefined);
    const max = opt.max ?? (type === 'port' ? 65535 : undefined);
    if (min !== undefined && n < min) return bad(`${n} is below the minimum ${min}.`);
    if (max !== undefined && n > max) return bad(`${n} is above the maximum ${max}.`);
    if (opt.ch && !opt.ch.some((c) => Number(c) === n)) return bad(`${n} is not one of ${opt.ch.join(', ')}.`);
    return;
  }
  if (type === 'float') {
    if (v.trim() === '') return;
    const n = Number(v.trim());
    if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$|^\s*[+-]?(inf|infinity|nan)\s*$/i.test(v) || Number.isNaN(n) && !/nan/i.test(v)) return bad(`${JSON.stringify(v)} is not a number.`);
    if (opt.min !== undefined && n < opt.min) return bad(`${n} is below the minimum ${opt.min}.`);
    if (opt.max !== undefined && n > opt.max) return bad(`${n} is above the maximum ${opt.max}.`);
    return;
  }
  if (type === 'str' && opt.ch && opt.ch.length) {
    const choices = opt.ch.map((c) => (c === null ? '' : String(c)));
    const ok = opt.ic ? choices.some((c) => c.toLowerCase() === v.toLowerCase()) : choices.includes(v);
    if (!ok) bad(`${JSON.stringify(v)} is not one of ${choices.filter((c) => c !== '').join(', ')}.`, { choices: choices.filter((c) => c !== ''), suggestions: suggest(v, choices, 2) });
  }
}

function check(ctx: RuleContext): void {
  const { doc, release } = ctx;
  const seenGroupsWarned = new Set<string>();
  const singles = new Map<string, Entry>();
  for (const section of doc.ini.sections) {
    if (groupExists(release, section.name) || seenGroupsWarned.has(section.name)) continue;
    seenGroupsWarned.add(section.name);
    let msg: string;
    let suggestions: string[] = [];
    if (section.raw.toLowerCase() === 'default' && section.raw !== 'DEFAULT') {
      msg = `[${section.raw}] is not [DEFAULT]: only the upper-case spelling is the default section, so Nova ignores every line in this one.`;
      suggestions = ['DEFAULT'];
    } else if (groupExistsAnyRelease(section.name)) {
      msg = `[${section.raw}] has no options in ${release}, so Nova ignores every line in it.`;
    } else {
      suggestions = suggest(section.name, [...listGroups(release), 'DEFAULT'], 3);
      msg = `Unknown section [${section.raw}]: Nova ignores every line in it${suggestions.length ? ` — did you mean [${suggestions[0]}]?` : '.'}`;
    }
    ctx.report('unknown-group', section.nameSpan, msg, { data: { group: section.raw, suggestions } });
  }
  for (const e of doc.ini.entries) {
    if (!e.section || !groupExists(release, e.section.name)) continue;
    const r = doc.resolved.get(e);
    const group = e.section.name;
    if (!r?.option) {
      const any = getOptionAnyRelease(group, e.key);
      if (any) {
        const first = any.releases[0];
        const lastR = any.releases[any.releases.length - 1];
        ctx.report('option-not-in-release', e.keySpan, `[${group}] ${e.key} ${any.releases.includes(release) ? '' : first > release ? `was added in ${first}` : `was removed after ${lastR}`}; ${release} ignores it.`, { data: { group, option: e.key } });
        continue;
      }
      const elsewhere = groupsWithOption(release, e.key).filter((g) => g !== group);
      if (elsewhere.length) {
        ctx.report('option-wrong-group', e.keySpan, `${e.key} belongs in [${elsewhere[0]}]${elsewhere.length > 1 ? ` (or ${elsewhere.slice(1).map((g) => `[${g}]`).join(', ')})` : ''}, not [${e.section.raw}]: here Nova ignores it.`, { data: { group, option: e.key, targetGroups: elsewhere } });
        continue;
      }
      const s = suggest(e.key, listOptions(release, group).map((o) => o.name), 3);
      ctx.report('unknown-option', e.keySpan, `Unknown option "${e.key}" in [${e.section.raw}]: Nova ignores it${s.length ? ` — did you mean "${s[0]}"?` : '.'}`, { data: { group, option: e.key, suggestions: s } });
      continue;
    }
    const opt = r.option;
    if (r.deprecatedName) {
      const sameGroup = opt.group === group;
      ctx.report('deprecated-option', e.keySpan, `[${group}] ${e.key} is a deprecated name of [${opt.group}] ${opt.name}; it still works, but ${sameGroup ? `rename it to ${opt.name}` : `move it to [${opt.group}] as ${opt.name}`}.${opt.multi ? ' Values under both names add up.' : ''}`, { data: { group, option: e.key, newGroup: opt.group, newName: opt.name }, tags: ['deprecated'] });
    } else if (opt.dfr) {
      ctx.report('deprecated-for-removal', e.keySpan, `[${opt.group}] ${opt.name} is deprecated${opt.ds ? ` since ${opt.ds}` : ''} and will be removed in a future release.`, { tags: ['deprecated'] });
    }
    if (!opt.multi) {
      const key = `${opt.group}.${opt.name}`;
      const prev = singles.get(key);
      if (prev) {
        ctx.report('duplicate-option', prev.keySpan, `[${opt.group}] ${opt.name} is set again further down; only the last value counts, so this line has no effect.`, { related: [{ span: e.keySpan, message: 'the value that counts' }], tags: ['unnecessary'] });
      }
      singles.set(key, e);
    }
    const isJson = opt.group === 'pci' && (opt.name === 'device_spec' || opt.name === 'alias');
    if (!isJson && /\s#/.test(e.value) && !opt.secret) {
      const idx = e.value.search(/\s#/) + 1;
      ctx.report('inline-comment', e.map.spanToDoc(idx, e.value.length), `oslo.config has no inline comments: the value of ${e.key} includes "${e.value.slice(idx)}". Move the comment to its own line.`, { data: { valueOffset: idx } });
    }
    checkValue(ctx, e, opt);
  }
}

export const optionsFamily: RuleFamily = { name: 'options', rules, check };
