/**
 * "Disable CODE for this line / file": suppression comments the rule registry
 * honours (`# nova-conf: disable-next-line CODE`, `# nova-conf: disable-file CODE`).
 * A comment must start at column 0: an indented one would continue a value.
 */
import { entryFirstLine, lineContentEnd, lineEol, lineOf, lineStart, lineText } from './edits';
import type { Fix, FixInput } from './fix-types';

const NEXT_LINE = /^[#;]\s*nova-conf:\s*disable-next-line\s+[A-Za-z0-9_,\s-]+$/;
const FILE = /^[#;]\s*nova-conf:\s*disable-file\s+[A-Za-z0-9_,\s-]+$/;

export function disableFixes(input: FixInput): Fix[] {
  const { doc } = input;
  const code = input.code;
  if (!/^[A-Za-z0-9_-]+$/.test(code)) return [];
  const fixes: Fix[] = [];

  // The line the comment goes above: the first line of the entry the diagnostic is in, else its own line.
  const e = doc.entryAt(input.start);
  const target = e ? entryFirstLine(doc, e) : lineOf(doc, input.start);
  const above = target > 0 ? lineText(doc, target - 1) : undefined;
  if (above !== undefined && NEXT_LINE.test(above.trimEnd())) {
    const at = lineStart(doc, target - 1) + above.trimEnd().length;
    fixes.push({ title: `Disable ${code} for this line`, edits: [{ start: at, end: at, text: `, ${code}` }], preferred: false, kind: 'disable', scope: 'line' });
  } else if (!(target === 0 && doc.text.charCodeAt(0) === 0xfeff)) {
    const at = lineStart(doc, target);
    fixes.push({ title: `Disable ${code} for this line`, edits: [{ start: at, end: at, text: `# nova-conf: disable-next-line ${code}${lineEol(doc, target)}` }], preferred: false, kind: 'disable', scope: 'line' });
  }

  // After the leading comment block; an existing disable-file comment there is extended.
  let line = 0;
  const n = doc.ini.lineStarts.length;
  let existing = -1;
  while (line < n && /^[#;]/.test(lineText(doc, line))) {
    if (FILE.test(lineText(doc, line).trimEnd())) existing = line;
    line++;
  }
  if (existing >= 0) {
    const at = lineStart(doc, existing) + lineText(doc, existing).trimEnd().length;
    fixes.push({ title: `Disable ${code} for this file`, edits: [{ start: at, end: at, text: `, ${code}` }], preferred: false, kind: 'disable', scope: 'file' });
  } else if (doc.text.charCodeAt(0) !== 0xfeff) {
    const at = line < n ? lineStart(doc, line) : doc.text.length;
    const needsBreakBefore = line >= n && doc.text.length > 0 && lineContentEnd(doc, n - 1) === doc.text.length;
    const eol = lineEol(doc, Math.min(line, n - 1));
    fixes.push({ title: `Disable ${code} for this file`, edits: [{ start: at, end: at, text: `${needsBreakBefore ? eol : ''}# nova-conf: disable-file ${code}${eol}` }], preferred: false, kind: 'disable', scope: 'file' });
  }
  return fixes;
}
