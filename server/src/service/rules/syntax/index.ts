/**
 * Layer 1: what stops oslo.config from reading the file at all
 * (oslo_config/iniparser.py), JSON that Python's json.loads refuses, and `$name`
 * references oslo.config cannot resolve (oslo_config/cfg.py, template substitution).
 */
import { aliasVerdict } from '../alias/index';
import { withConsequence } from '../message';
import { resolveReference } from '../../oslo/template';
import type { RuleContext, DocumentRuleFamily, RuleMeta } from '../types';
import type { JsonValue } from '../../model';
import { bomFixes, defaultGroupFixes, jsonFixes, noSeparatorFixes } from './fixes';
import type { FixTable } from '../fix-types';
import type { IniProblemCode, SyntaxData } from './data';

const INI = 'oslo_config/iniparser.py';
const rules: RuleMeta<keyof SyntaxData & string>[] = [
  { code: 'ini-no-separator', severity: 'error', unreadable: true, mirrors: INI, title: 'line without "=" or ":"', description: 'Every line at column 0 that is not a section header or a comment must be `key = value` (or `key: value`). A closing `}` of a multi-line JSON value at column 0 is the usual culprit: indent it. oslo.config then cannot read the file and no Nova service starts.', bad: '[pci]\nalias = {"name": "gpu",\n  "vendor_id": "10de", "product_id": "1db4"\n}', good: '[pci]\nalias = {"name": "gpu",\n  "vendor_id": "10de", "product_id": "1db4"\n  }' },
  { code: 'ini-empty-key', severity: 'error', unreadable: true, mirrors: INI, title: 'empty option name', description: 'A line starting with `=` or `:` has no option name; oslo.config refuses the file.', bad: '[DEFAULT]\n= true', good: '[DEFAULT]\ndebug = true' },
  { code: 'ini-section-not-closed', severity: 'error', unreadable: true, mirrors: INI, title: 'section header not closed', description: 'A section header must end with `]` and nothing may follow it on the line, not even a comment. oslo.config refuses the file.', bad: '[pci] # passthrough', good: '# passthrough\n[pci]' },
  { code: 'ini-empty-section', severity: 'error', unreadable: true, mirrors: INI, title: 'empty section name', description: '`[]` is not a section; oslo.config refuses the file.', bad: '[]', good: '[DEFAULT]' },
  { code: 'ini-no-section', severity: 'error', unreadable: true, mirrors: INI, title: 'option before any section', description: 'Every option must be inside a section; an option above the first `[section]` makes oslo.config refuse the file.', bad: 'debug = true\n[DEFAULT]', good: '[DEFAULT]\ndebug = true' },
  { code: 'ini-unexpected-continuation', severity: 'error', unreadable: true, mirrors: INI, title: 'indented line with no value to continue', description: 'An indented line continues the previous value, but a blank line, a comment or a section header ends a value. oslo.config refuses the file. Remove the blank line inside the value, or the indentation.', bad: '[pci]\nalias = {"name": "gpu",\n\n  "vendor_id": "10de"}', good: '[pci]\nalias = {"name": "gpu",\n  "vendor_id": "10de"}' },
  { code: 'ini-bom', severity: 'error', unreadable: true, mirrors: INI, title: 'file starts with a byte order mark', description: 'oslo.config does not skip a UTF-8 BOM: it becomes part of the first line. Save the file as UTF-8 without BOM.' },
  {
    code: 'json-invalid', severity: 'error', unreadable: true, novaRules: ['D1', 'A1'], mirrors: 'nova/pci/whitelist.py, nova/pci/request.py',
    title: 'device_spec / alias is not valid JSON',
    description: 'Nova reads each value with Python `json.loads`. Single quotes, Python literals (`True`, `None`), trailing commas, comments, unquoted keys and an inline `# comment` after the value (oslo.config keeps it as part of the value) are refused. Python does accept `NaN`, `Infinity` and repeated keys. A bad device_spec stops nova-compute (and nova-api/nova-conductor); a bad alias fails PCI flavor requests with HTTP 400, and from 2025.2 stops nova-api and nova-compute.',
    bad: "device_spec = {'vendor_id': '8086'}", good: 'device_spec = {"vendor_id": "8086"}',
  },
  { code: 'file-not-utf8', severity: 'error', mirrors: 'oslo_config/cfg.py', title: 'file is not valid UTF-8', description: 'oslo.config opens the file as text in the service\'s (UTF-8) locale, so one byte that is not valid UTF-8 (a Latin-1 `é`, a stray binary byte, a file saved as UTF-16) raises a decoding error and the file is not read at all: every Nova service given this file fails to start. Save the file as UTF-8. Nothing else in the file is checked until then.' },
  { code: 'document-too-large', severity: 'information', mirrors: 'server/src/service/settings.ts', title: 'file too large to analyse', description: 'Files over 16 MB are not checked, so that an editor stays responsive (a real nova.conf is a few hundred kilobytes at most). Nova itself reads files of any size.' },
  { code: 'unknown-substitution', severity: 'error', mirrors: 'oslo_config/cfg.py', title: '$name refers to an option that does not exist', description: 'oslo.config replaces `$name` and `${group.name}` with that option\'s value when the option is read; an unknown name makes reading fail, and the service that reads it stops. Write `$$` for a literal dollar sign.', bad: '[vnc]\nserver_listen = $myip', good: '[vnc]\nserver_listen = $my_ip' },
  { code: 'substitution-default-group', severity: 'error', mirrors: 'oslo_config/cfg.py', title: '${DEFAULT.name} cannot be resolved', description: 'In `${group.name}` oslo.config looks the group up by its registered name, and DEFAULT is not one (NoSuchGroupError), so reading the value fails and the service that reads it stops. Options of [DEFAULT] are reached by their bare name: `$name` looks in the value\'s own section first, then in [DEFAULT]. The quick fix is offered when the bare name does reach the [DEFAULT] option.', bad: '[DEFAULT]\nmy_ip = 192.0.2.10\n[vnc]\nserver_listen = ${DEFAULT.my_ip}', good: '[DEFAULT]\nmy_ip = 192.0.2.10\n[vnc]\nserver_listen = $my_ip' },
  { code: 'substitution-loop', severity: 'error', mirrors: 'oslo_config/cfg.py', title: '$name references form a loop', description: 'Two options that refer to each other through `$name` make oslo.config recurse until Python gives up.', bad: '[DEFAULT]\nhost = $my_ip\nmy_ip = $host', good: '[DEFAULT]\nmy_ip = 192.0.2.10' },
];

/** A device_spec or alias value that is not JSON: what json.loads says, and what Nova does then. */
function reportInvalidJson(ctx: RuleContext<SyntaxData>, jv: JsonValue): void {
  const error = jv.error!;
  const verdict = jv.kind === 'device_spec' ? 'nova-compute will refuse to start' : aliasVerdict(ctx.release, ctx.point);
  const quotedMultiline = jv.entry.lines.length > 1 && /^['"]/.test(jv.entry.raw);
  const extra = quotedMultiline ? ' (oslo.config removes surrounding quotes only from a one-line value, so here they stay and break the JSON)' : '';
  ctx.report('json-invalid', error.span, withConsequence(`${jv.entry.key} is not valid JSON: ${error.message}${extra}`, verdict), { data: { ...error.data, option: jv.kind } });
}

function check(ctx: RuleContext<SyntaxData>): void {
  const { doc } = ctx;
  if (doc.undecodable) {
    const { offset, byte } = doc.undecodable;
    const hex = byte.toString(16).toUpperCase().padStart(2, '0');
    ctx.report('file-not-utf8', { start: offset, end: Math.min(offset + 1, doc.text.length) }, `Byte 0x${hex} here is not valid UTF-8: oslo.config cannot decode the file, so every Nova service that reads it fails to start. Save the file as UTF-8.`, { data: { byte } });
    return;
  }
  if (doc.tooLarge) {
    ctx.report('document-too-large', { start: 0, end: 0 }, `This file has ${doc.text.length.toLocaleString('en')} characters, more than nova-conf analyses (16 MB); it was not checked.`);
    return;
  }
  // oslo/ini.ts reports only the ini-* codes (IniProblemCode); its data is { bom: true } or none.
  for (const p of doc.ini.problems) ctx.report(p.code as IniProblemCode, p.span, p.message, { data: p.data as SyntaxData[IniProblemCode] });
  // device_spec values, then alias values, by index: no spread copy of ~50 k values (10 MB PCI file) in a function
  // that runs once per check and so mostly unoptimised.
  for (const list of [doc.deviceSpecs, doc.aliases]) {
    for (let i = 0; i < list.length; i++) if (list[i].error) reportInvalidJson(ctx, list[i]);
  }
  for (const r of doc.refProblems) {
    if (r.kind === 'default-group') {
      const bare = r.name.slice('DEFAULT.'.length);
      const group = r.entry.section?.name ?? 'DEFAULT';
      // `$bare` is only the same option when the value's own section has no option of that name.
      const target = resolveReference(doc.byOption, ctx.release, group, bare);
      const same = target?.group === 'DEFAULT' && target.name === bare;
      ctx.report('substitution-default-group', r.span, `\${${r.name}} cannot be resolved: DEFAULT is not a group oslo.config can look up by name — reading "${r.entry.key}" fails and the service stops. Write $${bare}${same ? '' : ` (but [${group}] has its own ${bare}, which $${bare} would mean)`}.`, { data: same ? { replacement: `$${bare}` } : {} });
    } else if (r.kind === 'unknown') {
      ctx.report('unknown-substitution', r.span, `$${r.name} names no option${r.name.includes('.') ? '' : r.entry.section && r.entry.section.name !== 'DEFAULT' ? ` in [${r.entry.section.name}] or [DEFAULT]` : ' in [DEFAULT]'} — oslo.config cannot resolve it, so reading "${r.entry.key}" fails. Write $$ for a literal "$".`, { data: { name: r.name } });
    } else {
      ctx.report('substitution-loop', r.span, `$${r.name} leads back to "${r.entry.key}": oslo.config would recurse forever and the service fails.`);
    }
  }
}

/** The quick fixes of this family, by rule code (the registry builds the fix table from these). */
const FIXES: FixTable<SyntaxData> = { 'json-invalid': jsonFixes, 'ini-no-separator': noSeparatorFixes, 'ini-bom': bomFixes, 'substitution-default-group': defaultGroupFixes };

export const syntaxFamily: DocumentRuleFamily<SyntaxData> = { name: 'syntax', scope: 'document', rules, check, fixes: FIXES };
