/**
 * Editor features over a host inventory (settings.host): hover on a device_spec
 * entry lists the devices it matches, an inlay hint after each entry counts them,
 * and completion offers the host's addresses, ids and interface names. Without a
 * host these return what they were given.
 */
import { CompletionItemKind, InlayHintKind, MarkupKind } from 'vscode-languageserver-types';
import type { CompletionItem, CompletionList, Hover, InlayHint, Position, Range } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { FeatureContext } from '../types';
import type { Span } from '../model';
import type { PciIdDatabase } from '../catalog/pciids';
import { nodeSpan } from '../rules/json-helpers';
import { HostAnalysis, SpecSite, analyzeHost } from '../host/analysis';
import type { HostDevice, HostInventory } from '../host/inventory';
import { JsonPlace, queryAt } from '../query';
import { mdText } from '../describe/markdown';

/** Rows in a hover table, and host items in one completion list. */
const HOVER_ROWS = 32;
const COMPLETION_LIMIT = 200;

function siteAt(a: HostAnalysis, offset: number): { site: SpecSite; span: Span } | undefined {
  for (const site of a.sites) {
    const span = nodeSpan(site.jv, site.node);
    if (offset >= span.start && offset <= span.end) return { site, span };
  }
  return undefined;
}

function kindOf(d: HostDevice): string {
  switch (d.devType) {
    case 'type-PF':
      return 'PF';
    case 'type-VF':
      return `VF of ${d.parentAddr}`;
    case 'vdpa':
      return `vDPA VF of ${d.parentAddr}`;
    default:
      return 'type-PCI';
  }
}

function names(db: PciIdDatabase, d: HostDevice): string {
  const v = db.vendor(d.vendorId)?.name;
  const p = db.device(d.vendorId, d.productId)?.name;
  const ids = `${d.vendorId}:${d.productId}`;
  if (!v && !p) return ids;
  return `${[v, p].filter(Boolean).join(' ')} (${ids})`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** "4 VFs of 0000:3b:00.0, NUMA 1" / "PF 0000:3b:00.0 and its 4 VFs, NUMA 1" / "3 devices (1 PF, 2 type-PCI), NUMA 0,1". */
export function summarize(devs: readonly HostDevice[]): string {
  if (devs.length === 0) return 'matches nothing';
  const numa = [...new Set(devs.map((d) => d.numaNode))];
  const numaText = numa.every((n) => n === null) ? 'no NUMA node' : `NUMA ${numa.map((n) => (n === null ? '?' : String(n))).join(',')}`;
  const vfs = devs.filter((d) => d.devType === 'type-VF' || d.devType === 'vdpa');
  const others = devs.filter((d) => d.devType !== 'type-VF' && d.devType !== 'vdpa');
  const parents = [...new Set(vfs.map((d) => d.parentAddr))];
  let what: string;
  if (others.length === 0 && parents.length === 1) what = `${vfs.length} VF${vfs.length === 1 ? '' : 's'} of ${parents[0]}`;
  else if (others.length === 1 && vfs.length === 0) what = `${others[0].address} (${kindOf(others[0])})`;
  else if (others.length === 1 && others[0].devType === 'type-PF' && parents.length === 1 && parents[0] === others[0].address) what = `PF ${others[0].address} and its ${vfs.length} VF${vfs.length === 1 ? '' : 's'}`;
  else {
    const count = new Map<string, number>();
    for (const d of devs) {
      const k = d.devType === 'type-PF' ? 'PF' : d.devType === 'type-VF' ? 'VF' : d.devType;
      count.set(k, (count.get(k) ?? 0) + 1);
    }
    what = `${devs.length} devices (${[...count].map(([k, n]) => `${n} ${k}${n === 1 || k === 'type-PCI' || k === 'vdpa' ? '' : 's'}`).join(', ')})`;
  }
  return `matches ${what}, ${numaText}`;
}

function hostMarkdown(a: HostAnalysis, site: SpecSite, db: PciIdDatabase, doc: NovaConfDocument): string {
  const s = site.compiled;
  const host = a.host.name;
  if (!s) return `**On ${host}:** Nova refuses this entry while parsing, so it matches nothing.`;
  if (s.uncertain) return `**On ${host}:** this entry uses a regular expression that cannot be evaluated here; its matches are unknown.`;
  const matched = a.assignment.matches.get(s.index) ?? [];
  if (matched.length === 0) {
    const why = s.devnameLookup?.state === 'absent' ? ` (there is no PCI network interface "${s.devname}")` : '';
    return `**On ${host}** this entry matches no device${why}.`;
  }
  const lines = [`**On ${host}** this entry ${summarize(matched)}:`, '', '| address | device | type | NUMA | netdev | |', '| --- | --- | --- | --- | --- | --- |'];
  for (const d of matched.slice(0, HOVER_ROWS)) {
    const owner = a.assignment.owner.get(d.address);
    const taken = owner && owner !== s ? `taken by line ${doc.positionAt(nodeSpan(a.sites[owner.index].jv, a.sites[owner.index].node).start).line + 1}` : '';
    lines.push(`| ${d.address} | ${mdText(names(db, d))} | ${kindOf(d)} | ${d.numaNode ?? 'none'} | ${cell(d.netdevs.join(', '))} | ${taken} |`);
  }
  if (matched.length > HOVER_ROWS) lines.push('', `… and ${matched.length - HOVER_ROWS} more.`);
  if (s.remoteManaged) lines.push('', 'remote_managed: Nova also needs a card serial number in the device\'s VPD, which is not checked here.');
  return lines.join('\n');
}

/** Adds the host's view of the device_spec entry under the cursor to the hover (or makes one). */
export function hostHover(doc: NovaConfDocument, position: Position, ctx: FeatureContext, base: Hover | null): Hover | null {
  const host = ctx.settings.host;
  if (!host) return base;
  const a = analyzeHost(doc, host);
  const hit = siteAt(a, doc.offsetAt(position));
  if (!hit) return base;
  const md = hostMarkdown(a, hit.site, ctx.pciIds(), doc);
  if (!base) return { contents: { kind: MarkupKind.Markdown, value: md }, range: doc.rangeOf(hit.span) };
  const prev = typeof base.contents === 'object' && 'kind' in base.contents ? base.contents.value : '';
  return { ...base, contents: { kind: MarkupKind.Markdown, value: prev ? `${prev}\n\n---\n\n${md}` : md } };
}

/** One hint after each device_spec entry: what it matches on the host. */
export function hostInlayHints(doc: NovaConfDocument, range: Range, ctx: FeatureContext): InlayHint[] {
  const host = ctx.settings.host;
  if (!host) return [];
  const a = analyzeHost(doc, host);
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const out: InlayHint[] = [];
  for (const site of a.sites) {
    const span = nodeSpan(site.jv, site.node);
    if (span.end < from || span.start > to) continue;
    const s = site.compiled;
    let label: string;
    if (!s) label = 'refused by Nova: matches nothing';
    else if (s.uncertain) label = 'matches: unknown (regex)';
    else {
      const matched = a.assignment.matches.get(s.index) ?? [];
      const owned = matched.filter((d) => a.assignment.owner.get(d.address) === s);
      label = summarize(matched);
      if (matched.length && owned.length < matched.length) label += owned.length ? ` (${matched.length - owned.length} taken by earlier entries)` : ' (all taken by earlier entries)';
    }
    out.push({ position: doc.positionAt(span.end), label: `${label} on ${a.host.name}`, kind: InlayHintKind.Type, paddingLeft: true, tooltip: `What this device_spec entry matches on ${a.host.name} (nova-conf.host).` });
  }
  return out;
}

type ValuePlace = Extract<JsonPlace, { at: 'value' }>;

function item(doc: NovaConfDocument, p: ValuePlace, value: string, label: string, detail: string, i: number): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Value,
    detail,
    sortText: `!${String(i).padStart(5, '0')}`,
    filterText: `${value} ${label}`,
    textEdit: { range: doc.rangeOf(p.replace), newText: p.quoted ? `${value}"` : `"${value}"` },
  };
}

function hostItems(doc: NovaConfDocument, host: HostInventory, p: ValuePlace, kind: 'spec' | 'alias', db: PciIdDatabase): CompletionItem[] {
  const on = `on ${host.name}`;
  const devs = host.devices.filter((d) => d.inLimits);
  switch (p.key) {
    case 'address':
      if (kind !== 'spec') return [];
      return devs.map((d, i) => item(doc, p, d.address, d.address, `${kindOf(d)}, ${names(db, d)}, NUMA ${d.numaNode ?? 'none'} — ${on}`, i));
    case 'devname':
      if (kind !== 'spec') return [];
      return [...host.netdevs.values()].filter((n) => n.address).map((n, i) => {
        const d = host.byAddress.get(n.address as string);
        return item(doc, p, n.name, n.name, `${n.address}${d ? `, ${kindOf(d)}` : ''} — ${on}`, i);
      });
    case 'vendor_id': {
      const ids = [...new Set(devs.map((d) => d.vendorId))].sort();
      return ids.map((v, i) => {
        const n = devs.filter((d) => d.vendorId === v).length;
        const name = db.vendor(v)?.name;
        return item(doc, p, v, name ? `${v} — ${name}` : v, `${n} device${n === 1 ? '' : 's'} ${on}`, i);
      });
    }
    case 'product_id': {
      const vendor = p.object.values.get('vendor_id');
      const v = vendor?.isString ? vendor.text.trim().toLowerCase().replace(/^0x/, '') : undefined;
      const pool = v && /^[0-9a-f]{1,4}$/.test(v) ? devs.filter((d) => d.vendorId === v.padStart(4, '0')) : devs;
      const ids = [...new Map(pool.map((d) => [`${d.vendorId}:${d.productId}`, d])).entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map((e) => e[1]);
      return ids.map((d, i) => {
        const n = pool.filter((x) => x.productId === d.productId && x.vendorId === d.vendorId).length;
        const name = db.device(d.vendorId, d.productId)?.name;
        return item(doc, p, d.productId, name ? `${d.productId} — ${name}` : d.productId, `${d.vendorId}:${d.productId}, ${n} ${d.devType === 'type-VF' ? 'VF' : 'device'}${n === 1 ? '' : 's'} ${on}`, i);
      });
    }
    default:
      return [];
  }
}

/** Puts the host's addresses, ids and interface names first in a completion list (replacing the same ids from pci.ids). */
export function hostCompletion(doc: NovaConfDocument, position: Position, ctx: FeatureContext, base: CompletionList): CompletionList {
  const host = ctx.settings.host;
  if (!host) return base;
  const q = queryAt(doc, position, 'completion');
  if (q.kind !== 'value' || q.value.type !== 'json') return base;
  const p = q.value.place;
  if (p.at !== 'value' || (p.object.kind !== 'spec' && p.object.kind !== 'alias')) return base;
  const items = hostItems(doc, host, p, p.object.kind, ctx.pciIds());
  if (items.length === 0) return base;
  const capped = items.length > COMPLETION_LIMIT;
  const mine = items.slice(0, COMPLETION_LIMIT);
  const values = new Set(mine.map((i) => (i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : '')));
  const rest = base.items.filter((i) => !(i.textEdit && 'newText' in i.textEdit && values.has(i.textEdit.newText)));
  return { isIncomplete: base.isIncomplete || capped, items: [...mine, ...rest] };
}
