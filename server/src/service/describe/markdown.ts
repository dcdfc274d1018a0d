/**
 * Text from outside the product (pci.ids vendor and device names, document values) written into Markdown
 * must show literally: a name such as `*PCI* [bridge] <x>` would otherwise turn into emphasis, a link or
 * an HTML tag. CommonMark lets a backslash escape any ASCII punctuation character; only the characters that
 * can start inline markup where these texts go (mid-line, in a paragraph, list item or table cell) are
 * escaped, so that names stay readable in clients that show the Markdown source.
 */
const INLINE_MARKUP = /[\\`*_[\]<>&|~]/g;

/** `s` as literal Markdown text (inline). */
export function mdText(s: string): string {
  return s.replace(INLINE_MARKUP, '\\$&').replace(/[\r\n]+/g, ' ');
}

/** `s` as an inline code span that shows it literally, backticks included (CommonMark: a longer fence). */
export function mdCode(s: string): string {
  const one = s.replace(/[\r\n]+/g, ' ');
  let fence = '`';
  while (one.includes(fence)) fence += '`';
  const pad = one.startsWith('`') || one.endsWith('`') || (one.startsWith(' ') && one.endsWith(' ') && one.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}
