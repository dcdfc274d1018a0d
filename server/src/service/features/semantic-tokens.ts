/**
 * Semantic tokens: what the TextMate grammar cannot know because it needs the option catalogue of the
 * selected release. Section names, option keys and `$name` references; the `defaultLibrary` modifier marks the
 * ones Nova knows (so an unknown key or section is a plain `property`/`namespace` a theme can colour), the
 * `deprecated` modifier marks deprecated names and options deprecated for removal (themes strike them through).
 * The legend uses standard token types and modifiers only.
 */
import type { Range, SemanticTokens } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { Span } from '../model';
import { dynamicTemplate, groupExists } from '../catalog/options';

import { TOKEN_MODIFIERS, TOKEN_TYPES } from './semantic-legend';
export { SEMANTIC_TOKENS_LEGEND, TOKEN_MODIFIERS, TOKEN_TYPES } from './semantic-legend';

type TokenType = (typeof TOKEN_TYPES)[number];
type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

/** One token, before the protocol's relative encoding. */
export interface SemanticToken {
  line: number;
  character: number;
  length: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

/** The tokens of a document in document order (one line each; tokens never overlap). */
export function semanticTokenList(doc: NovaConfDocument): SemanticToken[] {
  const out: SemanticToken[] = [];
  const push = (span: Span, type: TokenType, modifiers: TokenModifier[]) => {
    if (span.end <= span.start) return;
    const s = doc.positionAt(span.start);
    const e = doc.positionAt(span.end);
    if (s.line !== e.line) return; // not a token clients can draw without multi-line support
    out.push({ line: s.line, character: s.character, length: e.character - s.character, type, modifiers });
  };
  const release = doc.release;
  const unresolved = new Set(doc.refProblems.filter((p) => p.kind !== 'loop').map((p) => `${p.span.start}:${p.span.end}`));
  for (const section of doc.ini.sections) {
    const known = groupExists(release, section.name);
    const mods: TokenModifier[] = [];
    if (known && dynamicTemplate(section.name)?.deprecated) mods.push('deprecated');
    if (known) mods.push('defaultLibrary');
    push(section.nameSpan, 'namespace', mods);
  }
  for (const entry of doc.ini.entries) {
    const r = doc.resolved.get(entry);
    const mods: TokenModifier[] = [];
    if (r?.option && (r.deprecatedName || r.option.deprecatedForRemoval)) mods.push('deprecated');
    if (r?.option) mods.push('defaultLibrary');
    push(entry.keySpan, 'property', mods);
    for (const ref of entry.refs) push(ref.span, 'variable', unresolved.has(`${ref.span.start}:${ref.span.end}`) ? [] : ['defaultLibrary']);
  }
  out.sort((a, b) => a.line - b.line || a.character - b.character);
  // Drop overlaps (a token inside another one cannot be encoded).
  return out.filter((t, i) => i === 0 || t.line !== out[i - 1].line || t.character >= out[i - 1].character + out[i - 1].length);
}

/** The protocol's encoding: five integers per token, line and start relative to the previous token. */
export function encodeTokens(tokens: readonly SemanticToken[]): number[] {
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const t of tokens) {
    const dl = t.line - line;
    data.push(dl, dl === 0 ? t.character - character : t.character, t.length, TOKEN_TYPES.indexOf(t.type), t.modifiers.reduce((m, x) => m | (1 << TOKEN_MODIFIERS.indexOf(x)), 0));
    line = t.line;
    character = t.character;
  }
  return data;
}

/** textDocument/semanticTokens/full, or /range when a range is given (tokens on its lines). */
export function semanticTokens(doc: NovaConfDocument, range?: Range): SemanticTokens {
  let tokens = semanticTokenList(doc);
  if (range) tokens = tokens.filter((t) => t.line >= range.start.line && t.line <= range.end.line);
  return { data: encodeTokens(tokens) };
}
