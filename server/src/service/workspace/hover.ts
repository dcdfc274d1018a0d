/**
 * Hover in a layered deployment: where the value of the option under the cursor
 * comes from for each service that reads this file.
 */
import { Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import { entryContaining } from './services';
import type { Workspace } from './index';
import { mdCode } from '../describe/markdown';

export function deploymentHover(workspace: Workspace, doc: NovaConfDocument, position: Position, base: Hover | null): Hover | null {
  const d = workspace.deploymentOf(doc.uri);
  if (!d?.layered) return base;
  const offset = doc.offsetAt(position);
  const entry = entryContaining(doc.ini.entries, offset);
  if (!entry || offset > entry.keySpan.end && (offset < entry.valueSpan.start || offset > entry.valueSpan.end)) return base;
  const option = doc.resolved.get(entry)?.option;
  if (!option) return base;
  const lines: string[] = [];
  const line = (s: { doc: NovaConfDocument; entry: { keySpan: { start: number } } }) => s.doc.positionAt(s.entry.keySpan.start).line + 1;
  for (const v of d.views) {
    if (!v.layers.some((f) => f.uri === doc.uri)) continue;
    const eff = v.config.options.get(`${option.group}.${option.name}`);
    if (!eff) continue;
    const who = v.host ? `${v.service} on ${v.host}` : v.service;
    const mine = eff.values.some((s) => s.entry === entry);
    const from = [...new Set(eff.values.map((s) => `${d.label(s.uri)}:${line(s)}`))];
    // The hovered line is named as such, the others by file and line.
    const others = [...new Set(eff.values.filter((s) => s.entry !== entry).map((s) => `${d.label(s.uri)}:${line(s)}`))];
    const count = `${eff.values.length} value${eff.values.length === 1 ? '' : 's'}`;
    if (option.multi) lines.push(`- ${who}: ${mine ? `${count}: this line${others.length ? `, ${others.join(', ')}` : ''}` : `${count} from ${from.join(', ')} — not this line`}`);
    else lines.push(`- ${who}: ${mine ? 'this line' : `${mdCode(eff.values[0].entry.value.slice(0, 60))} from ${from[0]} (replaces this line)`}`);
  }
  if (lines.length === 0) return base;
  const merge = d.kind === 'kolla' ? 'kolla-ansible merge_configs, then oslo.config' : 'oslo.config';
  const md = `**Effective value in this ${d.kind === 'kolla' ? 'kolla-ansible tree' : 'deployment'}** (${merge}):\n\n${lines.join('\n')}`;
  if (!base) return { contents: { kind: MarkupKind.Markdown, value: md }, range: doc.rangeOf(entry.keySpan) };
  const c = base.contents;
  const value = typeof c === 'object' && 'kind' in c ? c.value : typeof c === 'string' ? c : '';
  return { ...base, contents: { kind: MarkupKind.Markdown, value: `${value}\n\n---\n\n${md}` } };
}
