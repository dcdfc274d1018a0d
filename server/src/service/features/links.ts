/**
 * Document links: http(s) URLs in comments, and the rule codes of `# nova-conf: disable-…` comments, which
 * link to their section of docs/rules.md.
 */
import type { DocumentLink } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import { RULES } from '../rules/registry';
import { RULES_DOC_URL } from './diagnostics';

const URL_RE = /https?:\/\/[^\s<>"'`]+/g;
const DIRECTIVE_RE = /^nova-conf:\s*(?:disable-next-line|disable-file)\s+/;
const CODE_RE = /[A-Za-z0-9_-]+/g;

export function documentLinks(doc: NovaConfDocument): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const c of doc.ini.comments) {
    if (c.text === '') continue;
    const base = doc.text.indexOf(c.text, c.span.start);
    if (base < 0) continue;
    const link = (start: number, end: number, target: string, tooltip: string) =>
      links.push({ range: { start: doc.positionAt(base + start), end: doc.positionAt(base + end) }, target, tooltip });
    for (const m of c.text.matchAll(URL_RE)) {
      const url = m[0].replace(/[.,;:)\]}]+$/, ''); // sentence punctuation after a URL is not part of it
      link(m.index, m.index + url.length, url, 'Open the URL');
    }
    const d = DIRECTIVE_RE.exec(c.text);
    if (!d) continue;
    const codes = c.text.slice(d[0].length);
    for (const m of codes.matchAll(CODE_RE)) {
      if (!RULES.has(m[0])) continue; // an unknown code has no page to open
      const start = d[0].length + m.index;
      link(start, start + m[0].length, `${RULES_DOC_URL}#${m[0]}`, `Rule ${m[0]}: what it checks and why`);
    }
  }
  return links;
}
