/**
 * oslo.config's INI dialect (oslo_config/iniparser.py, BaseParser.parse), with
 * exact document spans. oslo stops at the first parse error; we record every
 * error and recover, so the rest of the file can still be analysed.
 */
import { Comment, Entry, IniModel, Problem, Section, Span, ValueMap } from '../model';
import { computeLineStarts, lineContentEnd } from '../lines';
import { pyIsSpace, pyStripBounds } from '../python/whitespace';

/** Group names are case-insensitive except DEFAULT (oslo_config.cfg._normalize_group_name). */
export function normalizeGroup(name: string): string {
  return name === 'DEFAULT' ? name : name.toLowerCase();
}

/**
 * Lines a template removes when it renders (sources/jinja.ts): `skip` lines are not read at all (they
 * neither end nor continue a value); a line in `start` is read from that offset on.
 */
export interface IniLineView {
  skip: ReadonlySet<number>;
  start: ReadonlyMap<number, number>;
}

export function parseIni(text: string, view?: IniLineView): IniModel {
  const lineStarts = computeLineStarts(text);
  const sections: Section[] = [];
  const entries: Entry[] = [];
  const comments: Comment[] = [];
  const problems: Problem[] = [];

  let section: Section | undefined;
  let open: OpenEntry | undefined;
  let reportedNoSection = false;

  const flush = () => {
    if (!open) return;
    const e = buildEntry(text, open, section);
    entries.push(e);
    if (section) {
      section.entries.push(e);
      section.span = { start: section.span.start, end: Math.max(section.span.end, e.span.end) };
    } else if (!reportedNoSection) {
      // oslo.config stops at the first one; one report per file is enough.
      reportedNoSection = true;
      problems.push({
        code: 'ini-no-section',
        message: 'An option is set before any [section] header — oslo.config cannot read the file, so every Nova service that reads it fails to start. Add a section such as [DEFAULT] above it.',
        span: e.keySpan,
      });
    }
    open = undefined;
  };

  for (let li = 0; li < lineStarts.length; li++) {
    if (view?.skip.has(li)) continue;
    const ls = view?.start.get(li) ?? lineStarts[li];
    const contentEnd = lineContentEnd(text, lineStarts, li);
    // Python: line.rstrip()
    let le = contentEnd;
    while (le > ls && pyIsSpace(text.charCodeAt(le - 1))) le--;
    if (le === ls) {
      flush();
      continue;
    }
    const first = text.charCodeAt(ls);
    if (first === 32 || first === 9) {
      let cs = ls;
      while (cs < le && pyIsSpace(text.charCodeAt(cs))) cs++;
      if (!open) {
        problems.push({
          code: 'ini-unexpected-continuation',
          message:
            'An indented line continues a value, but no value is open here (after a blank line, a comment or a section header) — oslo.config cannot read the file, so every Nova service that reads it fails to start. Remove the indentation, or remove the blank line above.',
          span: { start: cs, end: le },
        });
      } else {
        open.lines.push({ start: cs, end: le });
      }
      continue;
    }
    flush();
    if (first === 0x5b /* [ */) {
      const raw = text.slice(ls, le);
      if (!raw.endsWith(']')) {
        problems.push({
          code: 'ini-section-not-closed',
          message: 'A section header must end with "]" (nothing may follow it on the line, not even a comment) — oslo.config cannot read the file, so every Nova service that reads it fails to start.',
          span: { start: ls, end: le },
        });
        // Recover: treat the text up to a "]" (or the whole line) as the section name.
        const close = raw.indexOf(']');
        const nameEnd = close > 0 ? ls + close : le;
        section = newSection(text, ls, ls + 1, nameEnd, le);
        sections.push(section);
      } else if (raw.length <= 2) {
        problems.push({
          code: 'ini-empty-section',
          message: 'The section name is empty — oslo.config cannot read the file, so every Nova service that reads it fails to start.',
          span: { start: ls, end: le },
        });
        section = undefined;
      } else {
        section = newSection(text, ls, ls + 1, le - 1, le);
        sections.push(section);
      }
    } else if (first === 0x23 /* # */ || first === 0x3b /* ; */) {
      const [cs, ce] = pyStripBounds(text, ls + 1, le);
      comments.push({ span: { start: ls, end: le }, text: text.slice(cs, ce) });
    } else {
      const colon = indexIn(text, ':', ls, le);
      const equal = indexIn(text, '=', ls, le);
      if (colon < 0 && equal < 0) {
        problems.push({
          code: 'ini-no-separator',
          message:
            `The line has no "=" or ":" — oslo.config cannot read the file, so every Nova service that reads it fails to start. ` +
            (li === 0 && text.charCodeAt(ls) === 0xfeff
              ? 'The file starts with a UTF-8 byte order mark, which oslo.config reads as part of the line: save the file without a BOM.'
              : 'A line that continues a value must be indented, including a closing "}" or "]".'),
          span: { start: ls, end: le },
          data: li === 0 && text.charCodeAt(ls) === 0xfeff ? { bom: true } : undefined,
        });
        continue;
      }
      const sep = colon < 0 || (equal >= 0 && equal < colon) ? equal : colon;
      const [ks, ke] = pyStripBounds(text, ls, sep);
      if (ks === ke) {
        problems.push({
          code: 'ini-empty-key',
          message: 'The option name before the separator is empty — oslo.config cannot read the file, so every Nova service that reads it fails to start.',
          span: { start: ls, end: le },
        });
        continue;
      }
      let [vs, ve] = pyStripBounds(text, sep + 1, le);
      const contentEnd = ve;
      let quoted = false;
      if (ve > vs) {
        const q = text.charCodeAt(vs);
        if ((q === 0x22 || q === 0x27) && text.charCodeAt(ve - 1) === q) {
          quoted = true;
          if (ve - vs === 1) {
            vs = vs + 1;
            ve = vs;
          } else {
            vs++;
            ve--;
          }
        }
      }
      if (text.charCodeAt(ks) === 0xfeff && li === 0) {
        problems.push({
          code: 'ini-bom',
          message: 'oslo.config does not skip a UTF-8 byte order mark: it becomes part of the first option name, so the option is unknown (or the file fails to parse). Save the file without a BOM.',
          span: { start: ks, end: ks + 1 },
          data: { bom: true },
        });
      }
      open = {
        key: text.slice(ks, ke),
        keySpan: { start: ks, end: ke },
        sepSpan: { start: sep, end: sep + 1 },
        lines: [{ start: vs, end: ve }],
        quoted,
        contentEnd,
      };
    }
  }
  flush();
  return { text, sections, entries, comments, problems, lineStarts };
}

/** An entry being read: its first line, and continuation lines as they come. */
interface OpenEntry {
  key: string;
  keySpan: Span;
  sepSpan: Span;
  lines: Span[];
  quoted: boolean;
  /** End of the first line's value including any stripped closing quote. */
  contentEnd: number;
}

/** First index of `ch` in [start, end), or -1. Scans only the line: text.indexOf would run to the end of the document (quadratic over many lines without it). */
function indexIn(text: string, ch: string, start: number, end: number): number {
  const code = ch.charCodeAt(0);
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

function newSection(text: string, headerStart: number, nameStart: number, nameEnd: number, headerEnd: number): Section {
  const raw = text.slice(nameStart, nameEnd);
  return {
    raw,
    name: normalizeGroup(raw),
    header: { start: headerStart, end: headerEnd },
    nameSpan: { start: nameStart, end: nameEnd },
    span: { start: headerStart, end: headerEnd },
    entries: [],
  };
}

function buildEntry(text: string, open: OpenEntry, section: Section | undefined): Entry {
  const segs: { v: number; vl: number; d: number; dl: number }[] = [];
  let raw = '';
  open.lines.forEach((l, i) => {
    if (i > 0) {
      const prev = open.lines[i - 1];
      segs.push({ v: raw.length, vl: 1, d: prev.end, dl: 0 });
      raw += '\n';
    }
    segs.push({ v: raw.length, vl: l.end - l.start, d: l.start, dl: l.end - l.start });
    raw += text.slice(l.start, l.end);
  });
  const first = open.lines[0];
  const last = open.lines[open.lines.length - 1];
  const rawMap = new ValueMap(segs);
  const lastEnd = open.lines.length === 1 ? open.contentEnd : last.end;
  return {
    key: open.key,
    keySpan: open.keySpan,
    section,
    lines: open.lines,
    quoted: open.quoted,
    raw,
    rawMap,
    value: raw,
    map: rawMap,
    refs: [],
    span: { start: open.keySpan.start, end: Math.max(lastEnd, open.sepSpan.end) },
    valueSpan: { start: first.start, end: last.end },
    sepSpan: open.sepSpan,
  };
}
