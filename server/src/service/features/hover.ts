/**
 * Hover: options, section headers, `$name` references, device_spec tags, alias
 * fields, enum values, PCI ids, glob addresses and alias names. Markdown in our
 * own words; descriptions shared with completion live in describe/.
 */
import { MarkupKind } from 'vscode-languageserver-types';
import type { Hover, Position } from 'vscode-languageserver-types';
import { NovaConfDocument } from '../document';
import { resolveReference } from '../oslo/template';
import type { FeatureContext } from '../types';
import type { Span } from '../model';
import { dynamicTemplate, getOption, getOptionAnyRelease, listOptions } from '../catalog/options';
import { ADDRESS_KEYS, ALIAS_FIELDS, DEVICE_SPEC_TAGS, ENUMS, RESERVED_TAGS, filterRemovedIn, schedulerFilters } from '../catalog/pci';
import type { PciIdDatabase } from '../catalog/pciids';
import { formatDefault, groupDoc, optionMarkdown } from '../describe/options';
import { addressKeyMarkdown, tagMarkdown } from '../describe/pci';
import { mdCode, mdText } from '../describe/markdown';
import type { Release } from '../releases';
import { pyStrip } from '../python/whitespace';
import { readableAlias } from '../model/pci';
import { getValue, keysOf, valueOf } from '../model/py';
import { parseHexInt } from '../python/int';
import { JsonObjectInfo, JsonQuery, Query, queryAt } from '../query';
import { jinjaHover } from './jinja';
import { optionDocumentation } from '../describe/option-documentation';
import { HoverText, hoverMarkdown, problemOnly } from './hover-once';

// ---------------------------------------------------------------------------
// Hover

export function doHover(doc: NovaConfDocument, position: Position, ctx: FeatureContext): Hover | null {
  const jinja = doc.jinja && jinjaHover(doc, doc.offsetAt(position));
  if (jinja) return jinja;
  const q = queryAt(doc, position, 'hover');
  const result = hoverFor(doc, q, ctx);
  if (!result) return null;
  // The editor shows a diagnostic at this position above the hover: its problem is not repeated (hover-once.ts).
  const md = hoverMarkdown(result, result.problem ? ctx.diagnostics(doc) : [], position);
  if (!md) return null;
  return { contents: { kind: MarkupKind.Markdown, value: md }, range: doc.rangeOf(result.span) };
}

function hoverFor(doc: NovaConfDocument, q: Query, ctx: FeatureContext): (HoverText & { span: Span }) | undefined {
  const release = doc.release;
  switch (q.kind) {
    case 'section': {
      if (!q.section) return undefined;
      const group = q.section.name;
      const n = listOptions(release, group).length;
      const dyn = dynamicTemplate(group);
      const lines = [`**[${mdText(group)}]** — ${n} option${n === 1 ? '' : 's'} in ${release}`];
      const gd = groupDoc(group);
      if (gd) lines.push(gd);
      if (dyn) lines.push(`A group Nova creates at run time from the pattern \`[${dyn.template}]\`${dyn.deprecated ? ` (old spelling \`[${dyn.deprecated}]\`)` : ''}.`);
      if (n === 0 && !dyn) lines.push(`Nova ${release} has no options in this group: it reads nothing from it.`);
      return { md: lines.join('\n\n'), span: q.section.nameSpan };
    }
    case 'key': {
      if (!q.entry) return undefined;
      const r = q.resolved;
      const group = q.entry.section?.name;
      if (!r?.option || group === undefined) {
        if (group === undefined) return undefined;
        const other = getOptionAnyRelease(group, q.entry.key);
        if (other) return { problem: `**[${mdText(group)}] ${mdText(q.entry.key)}** is not an option in Nova ${release}.`, md: optionMarkdown(other, release), span: q.entry.keySpan };
        return undefined;
      }
      const md = r.deprecatedName ? optionMarkdown(r.option, release, { group, name: q.entry.key }) : optionDocumentation(r.option, release).value;
      return { md, span: q.entry.keySpan };
    }
    case 'value': {
      const v = q.value;
      if (v.type === 'ref') return { ...refMarkdown(doc, q.entry.section?.name ?? 'DEFAULT', v.ref.name), span: v.ref.span };
      if (v.type === 'list' && q.option?.group === 'filter_scheduler' && q.option.name === 'enabled_filters' && v.item) {
        return { ...filterMarkdown(v.item, release), span: v.replace };
      }
      if (v.type === 'json') return jsonHover(doc, v, ctx);
      return undefined;
    }
    default:
      return undefined;
  }
}

function filterMarkdown(name: string, release: Release): HoverText {
  if (schedulerFilters(release).includes(name)) {
    const extra =
      name === 'PciPassthroughFilter'
        ? ' It keeps only hosts that have free PCI devices for the flavor\'s `pci_passthrough:alias` and the instance\'s SR-IOV ports; it is not in the default list.'
        : '';
    return { md: `**${name}** — a scheduler filter that ships with Nova ${release}.${extra}` };
  }
  const removed = filterRemovedIn(name);
  if (removed) return problemOnly(`**${name}** — removed in ${removed}: nova-scheduler ${release} refuses to start while it is listed.`);
  return problemOnly(`**${name}** — not a filter that ships with Nova; it must come from \`available_filters\`, or nova-scheduler refuses to start.`);
}

/** What a `$name` reference resolves to, following oslo.config's lookup (own group, then DEFAULT). */
function refMarkdown(doc: NovaConfDocument, group: string, name: string): HoverText {
  const target = resolveReference(doc.byOption, doc.release, group, name);
  if (target?.entry) {
    const line = doc.positionAt(target.entry.keySpan.start).line + 1;
    return { md: `${mdCode(`$${name}`)} → ${mdCode(target.entry.value)}\n\nThe value of \`[${target.group}] ${target.name}\`, set on line ${line}.` };
  }
  const opt = target ? getOption(doc.release, target.group, target.name) : undefined;
  if (target && opt) return { md: `${mdCode(`$${name}`)} → ${mdCode(formatDefault(opt))}\n\n\`[${target.group}] ${target.name}\` is not set in this file, so its default is used.` };
  return problemOnly(`${mdCode(`$${name}`)} does not name an option${!name.includes('.') && group !== 'DEFAULT' ? ` in [${mdText(group)}] or [DEFAULT]` : ''}: oslo.config fails when it reads this value.`);
}

// ---------------------------------------------------------------------------
// JSON hover

function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

function idMarkdown(jq: JsonQuery, obj: JsonObjectInfo, key: 'vendor_id' | 'product_id', value: string, db: () => PciIdDatabase): HoverText {
  const alias = jq.kind === 'alias';
  let id: string | undefined;
  if (alias) {
    if (/^[0-9a-fA-F]{4}$/.test(value)) id = value.toLowerCase();
  } else {
    if ((key === 'vendor_id' ? value.trim() : value) === '*') return { md: key === 'vendor_id' ? '**Any vendor** (`*`).' : '**Any product** (`*`).' };
    const n = parseHexInt(value);
    if (n !== undefined && n >= 0 && n <= 0xffff) id = hex4(n);
  }
  if (!id) {
    return problemOnly(alias
      ? `${mdCode(value)} is not exactly four hex digits: Nova refuses this alias.`
      : `${mdCode(value)} is not a hex number up to \`ffff\`: nova-compute refuses this device_spec.`);
  }
  const pci = db();
  if (key === 'vendor_id') {
    const v = pci.vendor(id);
    return { md: v ? `**${mdText(v.name)}** — PCI vendor \`${id}\`` : `PCI vendor \`${id}\` is not in the PCI ID database.` };
  }
  const vv = obj.values.get('vendor_id')?.text;
  const vn = vv === undefined ? undefined : alias ? (/^[0-9a-fA-F]{4}$/.test(vv) ? vv.toLowerCase() : undefined) : (() => {
    const n = parseHexInt(vv);
    return n !== undefined && n >= 0 && n <= 0xffff ? hex4(n) : undefined;
  })();
  if (!vn) return { md: `PCI product \`${id}\`: add a \`vendor_id\` to look up its name.` };
  const v = pci.vendor(vn);
  const d = pci.device(vn, id);
  if (d) return { md: `**${mdText(d.name)}** — PCI device \`${vn}:${id}\`${v ? ` (${mdText(v.name)})` : ''}` };
  return { md: `PCI device \`${vn}:${id}\` is not in the PCI ID database${v ? ` (vendor: ${mdText(v.name)})` : ''}.` };
}

const GLOB_FIELDS = [
  { name: 'domain', width: 4, max: 0xffff },
  { name: 'bus', width: 2, max: 0xff },
  { name: 'slot', width: 2, max: 0x1f },
];

/** Decodes a glob `address` the way Nova reads it (fields fill from the right; `*` or empty means any). */
export function describeGlob(address: string): HoverText {
  const dot = address.indexOf('.');
  const dbs = dot >= 0 ? address.slice(0, dot) : address;
  const func = dot >= 0 ? address.slice(dot + 1) : undefined;
  const fields = dbs.split(':');
  if (fields.length > 3) return problemOnly(`${mdCode(address)} has more than three \`:\`-separated fields before the \`.\`: nova-compute refuses it.`);
  const parts: string[] = [];
  const problems: string[] = [];
  const offset = 3 - fields.length;
  GLOB_FIELDS.forEach((f, i) => {
    const raw = i >= offset ? fields[i - offset] : undefined;
    const t = raw?.trim() ?? '';
    if (t === '' || t === '*') {
      parts.push(`any ${f.name}`);
      return;
    }
    const n = parseHexInt(t);
    if (n === undefined) {
      problems.push(`the ${f.name} ${mdCode(t)} is not a hex number (partial wildcards such as \`0*\` do not work)`);
      parts.push(`${f.name} ${mdCode(t)}`);
      return;
    }
    if (n > f.max) problems.push(`the ${f.name} is above its maximum \`${f.max.toString(16)}\``);
    parts.push(`${f.name} 0x${(n < 0 ? 0 : n).toString(16).padStart(f.width, '0')}`);
  });
  if (func === undefined || func === '' || func.trim() === '*') parts.push('any function');
  else {
    const n = parseHexInt(func);
    if (func.trim() === '' || n === undefined) {
      problems.push(`the function ${mdCode(func)} is not a hex number`);
      parts.push(`function ${mdCode(func)}`);
    } else {
      if (n > 7) problems.push('the function is above its maximum `7`');
      parts.push(`function ${n}`);
    }
  }
  const out = [`**PCI address ${mdCode(address)}**: ${parts.join(', ')}.`];
  if (fields.length < 3 && dbs.trim() !== '') {
    out.push(`With ${fields.length} field${fields.length === 1 ? '' : 's'} before the \`.\`, Nova reads ${fields.length === 1 ? 'it as the slot' : 'them as bus:slot'} (fields fill from the right).`);
  }
  return { md: out.join('\n\n'), problem: problems.length ? `nova-compute refuses this address: ${problems.join('; ')}.` : undefined };
}

/** The definition Nova builds for an alias name: every alias line with that name, merged. */
function aliasMarkdown(doc: NovaConfDocument, rawName: string, db: () => PciIdDatabase): string {
  const name = pyStrip(rawName);
  const lines: { line: number; props: Map<string, unknown> }[] = [];
  for (const jv of doc.aliases) {
    const dict = readableAlias(jv);
    if (!dict) continue;
    const n = getValue(dict, 'name');
    if (n?.type !== 'string' || pyStrip(n.value) !== name) continue;
    const values = new Map<string, unknown>();
    for (const k of keysOf(dict)) {
      const v = valueOf(k);
      values.set(k.name, v.type === 'array' || v.type === 'object' ? undefined : v.value);
    }
    lines.push({ line: doc.positionAt(jv.entry.keySpan.start).line + 1, props: values });
  }
  const out = [`**alias ${mdCode(name)}** — request it in a flavor with \`pci_passthrough:alias\` = ${mdCode(`"${name}:1"`)}`];
  if (lines.length === 0) return out.join('\n\n');
  out.push(`Defined on line${lines.length > 1 ? 's' : ''} ${lines.map((l) => l.line).join(', ')}; Nova merges them into one request:`);
  const facts: string[] = [];
  const numa = lines.map((l) => (typeof l.props.get('numa_policy') === 'string' ? String(l.props.get('numa_policy')) : 'legacy'));
  facts.push(`numa_policy: ${mdCode(numa[0])}${lines.some((l) => l.props.has('numa_policy')) ? '' : ' (the default)'}${new Set(numa).size > 1 ? ' — **the lines disagree, Nova refuses them**' : ''}`);
  const types = lines.map((l) => l.props.get('device_type'));
  const dt = types.find((t) => typeof t === 'string');
  facts.push(dt ? `device_type: ${mdCode(String(dt))}${new Set(types.map(String)).size > 1 ? ' — **the lines disagree, Nova refuses them**' : ''}` : 'device_type: not set (any device except a PF)');
  const pci = lines.some((l) => l.props.has('vendor_id') || l.props.has('product_id')) ? db() : undefined;
  for (const l of lines) {
    const v = l.props.get('vendor_id');
    const p = l.props.get('product_id');
    const rc = l.props.get('resource_class');
    const tr = l.props.get('traits');
    const lm = l.props.get('live_migratable');
    const bits: string[] = [];
    if (typeof v === 'string' || typeof p === 'string') {
      const vs = typeof v === 'string' ? v.toLowerCase() : '????';
      const ps = typeof p === 'string' ? p.toLowerCase() : '????';
      const dev = pci?.device(vs, ps)?.name;
      const ven = pci?.vendor(vs)?.name;
      bits.push(`${mdCode(`${vs}:${ps}`)}${dev ? ` ${mdText(dev)}` : ''}${ven ? ` (${mdText(ven)})` : ''}`);
    } else bits.push('no vendor/product id');
    if (typeof rc === 'string') bits.push(`resource_class ${mdCode(rc)}`);
    if (typeof tr === 'string') bits.push(`traits ${mdCode(tr)}`);
    if (typeof lm === 'string') bits.push(`live_migratable ${mdCode(lm)}`);
    facts.push(`line ${l.line}: ${bits.join(', ')}`);
  }
  out.push(facts.map((f) => `- ${f}`).join('\n'));
  return out.join('\n\n');
}

function jsonHover(doc: NovaConfDocument, jq: JsonQuery, ctx: FeatureContext): (HoverText & { span: Span }) | undefined {
  const release = doc.release;
  const p = jq.place;
  if (p.at === 'key' && p.token && p.key !== undefined) {
    const md = keyMarkdown(p.object, p.key, release);
    return md ? { ...md, span: p.token } : undefined;
  }
  if (p.at !== 'value' || !p.token || !p.value) return undefined;
  const { object: obj, key, value } = p;
  const span = p.token;
  const text = value.text;
  if (obj.kind === 'spec' || obj.kind === 'alias') {
    if ((key === 'vendor_id' || key === 'product_id') && value.isString) return { ...idMarkdown(jq, obj, key, text, ctx.pciIds), span };
    if (obj.kind === 'spec' && key === 'address' && value.isString) return { ...describeGlob(text), span };
    if (obj.kind === 'alias' && key === 'name' && value.isString) return { md: aliasMarkdown(doc, text, ctx.pciIds), span };
    const info = obj.kind === 'alias' ? ALIAS_FIELDS[key] : DEVICE_SPEC_TAGS[key];
    if (info?.enum && value.isString) {
      const d = ENUMS[info.enum]?.[text];
      return {
        ...(d ? { md: `**\`${text}\`** — ${d}` } : problemOnly(`${mdCode(text)} is not one of ${Object.keys(ENUMS[info.enum] ?? {}).map((x) => `\`${x}\``).join(', ')} (spelling and case must match): Nova refuses the alias.`)),
        span,
      };
    }
  }
  if (obj.kind === 'address' && ADDRESS_KEYS[key]) return { md: addressKeyMarkdown(key) ?? '', span };
  const md = keyMarkdown(obj, key, release);
  return md ? { ...md, span } : undefined;
}

function keyMarkdown(obj: JsonObjectInfo, key: string, release: Release): HoverText | undefined {
  switch (obj.kind) {
    case 'spec': {
      const t = DEVICE_SPEC_TAGS[key];
      if (t) return { md: tagMarkdown('device_spec', key, t, release) };
      if (RESERVED_TAGS.includes(key)) return problemOnly(`**${mdCode(key)}** is a name Nova uses for its own bookkeeping of device pools: as a device_spec tag it overrides or confuses that bookkeeping. Pick another name.`);
      if (ALIAS_FIELDS[key]) return undefined;
      return problemOnly(`**${mdCode(key)}** is not a tag Nova knows. It is kept as a free-form tag without complaint, so a misspelt tag silently does nothing.`);
    }
    case 'alias': {
      const t = ALIAS_FIELDS[key];
      if (t) return { md: tagMarkdown('alias', key, t, release) };
      return problemOnly(`**${mdCode(key)}** is not an alias field: Nova refuses the alias. Allowed: ${Object.keys(ALIAS_FIELDS).map((k) => `\`${k}\``).join(', ')}.`);
    }
    case 'address':
      {
        const known = addressKeyMarkdown(key);
        return known ? { md: known } : problemOnly(`**${mdCode(key)}** is ignored inside a regex address (only \`domain\`, \`bus\`, \`slot\` and \`function\` count).`);
      }
    default:
      return undefined;
  }
}
