/**
 * oslo.config's INI dialect (oslo_config/iniparser.py, BaseParser.parse), with
 * exact document spans. oslo stops at the first parse error; we record every
 * error and recover, so the rest of the file can still be analysed.
 */
import { Comment, Entry, IniModel, Problem, Section, Span, ValueMap, ValueRef } from '../model';
import { ownString } from '../own-string';
import { type LineStarts, computeLineStarts, lineContentEnd, newLineStarts, takeOfferedLineStarts } from '../lines';
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
  // Line starts: with \n line breaks only (the common case) found in the same pass that reads the lines, one line
  // ahead (the next line's start ends this one), so each line's first character is read while it is still in the
  // cache; with \r in the text (\r\n or a lone \r, Python's universal newlines) computed first by lines.ts.
  const given = takeOfferedLineStarts(text);
  const cr = given === undefined && text.indexOf('\r') >= 0;
  // `own`: the array this parse makes (filled below when scanning); `given` may be an Int32Array (lines.ts LineStarts).
  const own = given === undefined ? (cr ? computeLineStarts(text) : newLineStarts(text.length)) : undefined;
  const lineStarts: LineStarts = given ?? own!;
  let known = given || cr ? lineStarts.length : 1;
  let scanning = !given && !cr;
  const sections: Section[] = [];
  const entries: Entry[] = [];
  // Comment lines are not recorded: most files are mostly comments, and only document links and symbols read them,
  // so `comments` below finds them again (commentEnd) when first asked.
  const problems: Problem[] = [];

  let section: Section | undefined;
  // A section's entries are the run of `entries` from its header to the next: given to it as one exact copy when
  // the next header (or the end) comes, not pushed one by one (a 10 MB PCI file has ~49,000 in one section, and each
  // growth step of a list that long is a fresh large object).
  // Its span's end likewise: the furthest entry end so far (no span object per entry).
  let sectionFirst = 0;
  let sectionEnd = -1;
  const closeSection = () => {
    if (section && entries.length > sectionFirst) section.entries = entries.slice(sectionFirst);
    if (section && sectionEnd > section.span.end) section.span = { start: section.span.start, end: sectionEnd };
    sectionFirst = entries.length;
    sectionEnd = -1;
  };
  let open: OpenEntry | undefined;
  // One OpenEntry for the whole file: an entry's first line and continuation lines are collected here, then copied.
  // Its list is never emptied by `length = 0` (V8 then drops the backing store, and the next push makes a new one of
  // ~19 slots: ~8 MB per open of a 10 MB PCI file's 49,000 entries); `n` says how much of it is this entry's.
  const reusable: OpenEntry = { ks: 0, ke: 0, sep: 0, lines: [], n: 0 };
  let reportedNoSection = false;
  // A big text's entries are made where V8 may pretenure them (newIniEntry), a small one's by the class (always young).
  const big = text.length >= BIG_TEXT;

  const flush = () => {
    if (!open) return;
    const e = buildEntry(text, open, section, entries.length, big);
    entries.push(e);
    if (section) {
      const end = e.spanEnd();
      if (end > sectionEnd) sectionEnd = end;
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

  for (let li = 0; li < known; li++) {
    if (scanning) {
      const nl = text.indexOf('\n', lineStarts[li]);
      if (nl >= 0) own![known++] = nl + 1;
      else scanning = false;
    }
    let ls: number;
    if (view === undefined) {
      ls = lineStarts[li];
      // A comment line (most lines of a sample config) ends an open value and is otherwise skipped; `comments` finds
      // it again. Told by its first character alone: a `#` or `;` there is content, so the line is not blank
      // (docs/performance.md, Round 20: key20, the line-end reads for ~6,300 comment lines per keystroke on real6k).
      // Likewise an empty line: a line break (or the end of the text) where the line starts.
      const c = ls < text.length ? text.charCodeAt(ls) : -1;
      if (c === 0x23 /* # */ || c === 0x3b /* ; */ || c === 10 || c === 13 || c === -1) {
        if (open) flush();
        continue;
      }
    } else {
      if (view.skip.has(li)) continue;
      ls = view.start.get(li) ?? lineStarts[li];
    }
    // lineContentEnd for the lines known so far.
    let contentEnd = li + 1 < known ? lineStarts[li + 1] : text.length;
    if (contentEnd > lineStarts[li] && text.charCodeAt(contentEnd - 1) === 10) contentEnd--;
    if (contentEnd > lineStarts[li] && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    // (Not read past the end: the line after a final line break starts there, and a read out of bounds would make V8
    // drop and recompile this function's optimised code.)
    const first = ls < text.length ? text.charCodeAt(ls) : -1;
    // A comment line (most lines of a sample config) ends an open value and is otherwise skipped; `comments` finds it again.
    if ((first === 0x23 /* # */ || first === 0x3b) /* ; */ && ls < contentEnd) {
      flush();
      continue;
    }
    // Python: line.rstrip()
    let le = contentEnd;
    while (le > ls && pyIsSpace(text.charCodeAt(le - 1))) le--;
    if (le === ls) {
      flush();
      continue;
    }
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
        const l = open.lines;
        l[open.n] = cs;
        l[open.n + 1] = le;
        open.n += 2;
      }
      continue;
    }
    flush();
    if (first === 0x5b /* [ */) {
      closeSection();
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
      // A comment line after all (its start lies past its content's end, as only a template's line view makes it).
    } else {
      // The separator is the first "=" or ":" on the line (one scan for both).
      let sep = ls;
      for (; sep < le; sep++) {
        const c = text.charCodeAt(sep);
        if (c === 0x3d /* = */ || c === 0x3a /* : */) break;
      }
      if (sep === le) {
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
      // Python's strip() of the key and of the value, without a tuple per call.
      let ks = ls;
      let ke = sep;
      while (ks < ke && pyIsSpace(text.charCodeAt(ks))) ks++;
      while (ke > ks && pyIsSpace(text.charCodeAt(ke - 1))) ke--;
      if (ks === ke) {
        problems.push({
          code: 'ini-empty-key',
          message: 'The option name before the separator is empty — oslo.config cannot read the file, so every Nova service that reads it fails to start.',
          span: { start: ls, end: le },
        });
        continue;
      }
      let vs = sep + 1;
      let ve = le;
      while (vs < ve && pyIsSpace(text.charCodeAt(vs))) vs++;
      while (ve > vs && pyIsSpace(text.charCodeAt(ve - 1))) ve--;
      // A quoted value is stripped of its quotes (IniEntry.quoted finds that again from the character before `vs`).
      if (ve > vs) {
        const q = text.charCodeAt(vs);
        if ((q === 0x22 || q === 0x27) && text.charCodeAt(ve - 1) === q) {
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
      open = reusable;
      open.ks = ks;
      open.ke = ke;
      open.sep = sep;
      open.lines[0] = vs;
      open.lines[1] = ve;
      open.n = 2;
    }
  }
  flush();
  closeSection();
  if (own) own.length = known;
  return new ParsedIni(text, sections, entries, problems, lineStarts, view);
}

/**
 * parseIni's result. Its comment lines are found when first asked for (`comments`), by a getter on this class, not
 * on an object literal: a literal's own getter is a new closure per parse, which V8 records in a new hidden class
 * (map) per parse, and those maps live in the old generation, so every young collection found each parse's closure,
 * with the text it holds, still referenced and moved it to the old generation (real6k's keystrokes: ~2 MB of texts
 * promoted per scavenge, a full collection every ~100 keystrokes; docs/performance.md, Round 20: key20).
 */
class ParsedIni implements IniModel {
  private found: Comment[] | undefined;

  constructor(
    public text: string,
    public sections: Section[],
    public entries: Entry[],
    public problems: Problem[],
    public lineStarts: LineStarts,
    private readonly view: IniLineView | undefined,
    comments?: Comment[],
  ) {
    this.found = comments;
  }

  get comments(): Comment[] {
    if (this.found) return this.found;
    const { text, lineStarts, view } = this;
    const comments: Comment[] = [];
    for (let li = 0; li < lineStarts.length; li++) {
      if (view?.skip.has(li)) continue;
      const ls = view?.start.get(li) ?? lineStarts[li];
      const le = commentEnd(text, lineStarts, li, ls);
      if (le < 0) continue;
      const [cs, ce] = pyStripBounds(text, ls + 1, le);
      comments.push({ span: { start: ls, end: le }, text: text.slice(cs, ce) });
    }
    return (this.found = comments);
  }
}

/** The model of a text that is not read (over the size cap, or not decodable): its lines only, nothing in them. */
export function unreadIni(text: string): IniModel {
  return new ParsedIni(text, [], [], [], computeLineStarts(text), undefined, []);
}

/**
 * The end of a comment line's content (Python's rstrip()) when the line starting at `ls` is one parseIni reads as a
 * comment, else -1: the same tests in the same order as parseIni's loop (not blank, not indented, first character
 * `#` or `;`).
 */
function commentEnd(text: string, lineStarts: LineStarts, li: number, ls: number): number {
  let le = lineContentEnd(text, lineStarts, li);
  while (le > ls && pyIsSpace(text.charCodeAt(le - 1))) le--;
  if (le === ls) return -1;
  const first = text.charCodeAt(ls);
  return first === 0x23 || first === 0x3b ? le : -1;
}

/** An entry being read: its first line, and continuation lines as they come (flat start/end offsets, `n` of them). */
interface OpenEntry {
  ks: number;
  ke: number;
  sep: number;
  lines: number[];
  n: number;
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

/** Recent keys by a cheap hash: a big file repeats a few keys (`device_spec`, `alias`) tens of thousands of times. */
const KEYS = new Array<string>(256).fill('');

/** text.slice(start, end) for a key, shared with an equal key read before when there is one. */
function keyText(text: string, start: number, end: number): string {
  const len = end - start;
  const slot = (len * 31 + text.charCodeAt(start) * 7 + text.charCodeAt(end - 1)) & 255;
  const hit = KEYS[slot];
  if (hit.length === len && text.startsWith(hit, start)) return hit;
  // A copy, not a slice: the table outlives the document, whose whole text a slice would keep alive (own-string.ts).
  return (KEYS[slot] = ownString(text.slice(start, end)));
}

function buildEntry(text: string, open: OpenEntry, section: Section | undefined, index: number, big: boolean): IniEntry {
  const l = open.lines;
  // The value is sliced (one line) or joined (several) only when asked for (IniEntry.raw).
  const key = keyText(text, open.ks, open.ke);
  const more = open.n === 2 ? undefined : packLines(l, open.n);
  return big ? newIniEntry(text, key, section, open.ks, open.sep, more, l[0], l[1], index) : new IniEntry(text, key, section, open.ks, open.sep, more, l[0], l[1], index);
}

/** A text of this many characters or more has its entries made by newIniEntry (the size that lifts the server's heap limit, heap-flags.ts). */
const BIG_TEXT = 1 << 20;

/**
 * An IniEntry of a big text, made by an object literal whose prototype is the class's, not by `new IniEntry`: V8
 * tracks an allocation site (and so its objects' survival) only for object and array literals, and allocates a site's
 * objects straight in the old generation once nearly all of them survive the young one. A big file's entries all
 * live as long as the document, so after the first open of one they are no longer copied twice by the scavenger (~5 MB
 * per open of a 10 MB PCI file's ~49,000 entries). Small texts keep `new IniEntry` (never pretenured): an editor
 * session of small documents closed and reopened would otherwise leave its entries as old garbage for a full
 * collection (session-rss read ~1.5 MB more after the real6k session with every entry made here). The properties are
 * the constructor's, in its order.
 */
function newIniEntry(src: string, key: string, section: Section | undefined, ks: number, sep: number, more: string | number[] | undefined, vs: number, ve: number, index: number): IniEntry {
  return { __proto__: IniEntry.prototype, src, key, section, ks, sep, more, vs, ve, made: undefined, index } as unknown as IniEntry;
}

/**
 * A value's lines (the first `n` of `l`: start/end offset pairs, the first starting at the entry's `vs`) as a short
 * string: each line's length, and before each line after the first the distance from the previous line's end, one
 * character each. A string of a few one-byte characters is ~32 bytes, where the array of offsets was ~150 (a 10 MB
 * PCI file has ~18,000 values of several lines). Lines or gaps of 65,536 characters or more keep the array.
 */
function packLines(l: readonly number[], n: number): string | number[] {
  const codes = new Array<number>(n - 1);
  for (let k = 0; k < n; k += 2) {
    const len = l[k + 1] - l[k];
    const gap = k === 0 ? 0 : l[k] - l[k - 1];
    if (len < 0 || len > 0xffff || gap < 0 || gap > 0xffff) return l.slice(0, n);
    if (k > 0) codes[k - 1] = gap;
    codes[k] = len;
  }
  return String.fromCharCode.apply(null, codes);
}

/**
 * The start/end offset pairs of packLines' string, the first line starting at `vs`. With `reuse`, into an array kept
 * for that length (valueLinesIn's answer: read before the next call, never kept), else into a new one.
 */
function unpackLines(p: string | readonly number[], vs: number, reuse = false): readonly number[] {
  if (typeof p !== 'string') return p;
  const len = p.length + 1;
  const out = reuse && len < SCRATCH.length ? (SCRATCH[len] ??= new Array<number>(len).fill(0)) : new Array<number>(len);
  let at = vs;
  for (let k = 0; k < p.length; k += 2) {
    if (k > 0) at += p.charCodeAt(k - 1);
    out[k] = at;
    at += p.charCodeAt(k);
    out[k + 1] = at;
  }
  return out;
}

/** The last line's end of packLines' string. */
function packedEnd(p: string | readonly number[], vs: number): number {
  if (typeof p !== 'string') return p[p.length - 1];
  let at = vs;
  for (let k = 0; k < p.length; k++) at += p.charCodeAt(k);
  return at;
}

/** The lines of a value joined as oslo.config joins them: one string of the exact length (not a chain of `+=` pieces). */
function joinLines(text: string, l: readonly number[]): string {
  const parts = new Array<string>(l.length >> 1);
  for (let k = 0; k < l.length; k += 2) parts[k >> 1] = text.slice(l[k], l[k + 1]);
  return parts.join('\n');
}

/** Whether `$` occurs in text[from, to) (a bounded scan: indexOf would search on past `to`). */
function dollarIn(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 36) return true;
  return false;
}

/** Whether every character of text[from, to) is JSON whitespace (space, tab, CR, LF). */
function jsonSpaceOnly(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return false;
  }
  return true;
}

/**
 * An INI entry kept compact: a big file has tens of thousands, and each is kept for the document's lifetime. Offsets
 * are numbers; the spans, the line list, the ValueMap and the `$name` reference list are made when first asked for
 * (most entries are never asked), then kept.
 */
/** What an entry makes on first use (one object, so an entry that is never asked carries one empty slot, not seven). */
interface Made {
  /** The value after `$name` substitution (oslo/template.ts) or a template's JSON view, when it was set. */
  set?: string;
  map?: ValueMap;
  rawMap?: ValueMap;
  refs?: ValueRef[];
  lines?: Span[];
  keySpan?: Span;
  span?: Span;
  valueSpan?: Span;
}

/**
 * Where an entry's value is in the text parseIni read, as start/end pairs of its lines, when the value can be read
 * there in place: nothing was substituted, and the lines are one, or several with only JSON whitespace (space, tab,
 * CR, LF) between one line's end and the next line's start (the value joins them with one "\n"). Else undefined.
 * The answer is an array kept for its length and reused by the next call (a 10 MB PCI file has ~49,000 values, and
 * these arrays were ~2.5 MB of garbage per open): read it before the next call, do not keep it.
 */
export function valueLinesIn(e: Entry): readonly number[] | undefined {
  return e instanceof IniEntry ? e.inPlace() : undefined;
}

/** `entry.raw.includes('$')` without joining the lines of a value of several lines. */
export function rawHasDollar(e: Entry): boolean {
  return e instanceof IniEntry ? e.hasDollar() : e.raw.includes('$');
}

/** The entry's position in its model's `entries` (-1 for an entry not made by parseIni). */
export function entryIndex(e: Entry): number {
  return e instanceof IniEntry ? e.index : -1;
}

/** valueLinesIn's answer for a value of one line, reused (see there). */
const ONE_LINE: number[] = [0, 0];
/** valueLinesIn's answers for values of several lines, one array per length (unpackLines' `reuse`). */
const SCRATCH: (number[] | undefined)[] = new Array<number[] | undefined>(65).fill(undefined);

class IniEntry implements Entry {
  // Plain assignments in the constructor, or newIniEntry's object literal in the same order (`declare` fields emit no
  // class-field definitions, which would first define each property as undefined and then assign it again).
  // Ten fields: what can be derived from them and the text is (the key's end, whether the value was quoted, the end
  // of its first line before the quote was stripped), and the value's text is not kept. Each field is 8 bytes of
  // ~49,000 entries of a 10 MB PCI file, memory the scavenger copies twice (docs/performance.md, Round 14: big14).
  /** The text parseIni read (the document's, or a template's masked copy of it). */
  declare private readonly src: string;
  declare readonly key: string;
  declare readonly section: Section | undefined;
  /** Key start (the key is `src[ks, ks + key.length)`: keyText's copy is equal to that slice). */
  declare private readonly ks: number;
  declare private readonly sep: number;
  /** Every value line when there is more than one (packLines: a short string, or start/end offset pairs). */
  declare private readonly more: string | number[] | undefined;
  /** Start of the value's first line (after a stripped opening quote). */
  declare private readonly vs: number;
  /**
   * End of the value's first line (before a stripped closing quote). The value itself is not kept: `raw` slices a
   * value of one line and joins the lines of one of several each time it is asked (an open of a 10 MB PCI file asks
   * for ~200 of its ~49,000 values; the rules read the values in place, model/json-value.ts).
   */
  declare private readonly ve: number;
  /** What is made on first use, and the value set by `$name` substitution or a template's JSON view. */
  declare private made: Made | undefined;
  /** Position in the model's `entries` (entryIndex). */
  declare index: number;

  constructor(src: string, key: string, section: Section | undefined, ks: number, sep: number, more: string | number[] | undefined, vs: number, ve: number, index: number) {
    this.src = src;
    this.key = key;
    this.section = section;
    this.ks = ks;
    this.sep = sep;
    this.more = more;
    this.vs = vs;
    this.ve = ve;
    this.made = undefined;
    this.index = index;
  }

  /** Key end. */
  private get ke(): number {
    return this.ks + this.key.length;
  }

  /**
   * Whether the value was quoted (oslo.config strips one pair of matching quotes). parseIni's value starts at the
   * first character after the separator that is not a space, so the character before `vs` is a quote only when
   * one was stripped there (a value of one quote character is stripped to nothing after it).
   */
  get quoted(): boolean {
    const c = this.src.charCodeAt(this.vs - 1);
    return (c === 0x22 || c === 0x27) && this.vs - 1 > this.sep;
  }

  /** End of the first line's value including a stripped closing quote (a value of one quote character has none). */
  private get contentEnd(): number {
    const ve = this.ve;
    if (!this.quoted) return ve;
    return this.src.charCodeAt(ve) === this.src.charCodeAt(this.vs - 1) && ve < this.src.length ? ve + 1 : ve;
  }

  private get m(): Made {
    return (this.made ??= {});
  }

  get keySpan(): Span {
    return (this.m.keySpan ??= { start: this.ks, end: this.ke });
  }

  get sepSpan(): Span {
    return { start: this.sep, end: this.sep + 1 };
  }

  get lines(): Span[] {
    const made = this.m;
    if (made.lines) return made.lines;
    if (!this.more) return (made.lines = [{ start: this.vs, end: this.ve }]);
    const m = unpackLines(this.more, this.vs);
    const out: Span[] = [];
    for (let k = 0; k < m.length; k += 2) out.push({ start: m[k], end: m[k + 1] });
    return (made.lines = out);
  }

  /** The value as oslo.config stores it (quotes stripped, continuation lines joined), before `$` substitution. */
  get raw(): string {
    return this.more ? joinLines(this.src, unpackLines(this.more, this.vs)) : this.src.slice(this.vs, this.ve);
  }

  /** The value Nova reads: `raw` after `$name` substitution (oslo/template.ts sets it). */
  get value(): string {
    return this.made?.set ?? this.raw;
  }

  set value(v: string) {
    this.m.set = v;
  }

  /** valueLinesIn. */
  inPlace(): readonly number[] | undefined {
    if (this.made?.set !== undefined) return undefined;
    if (!this.more) {
      ONE_LINE[0] = this.vs;
      ONE_LINE[1] = this.ve;
      return ONE_LINE;
    }
    const m = unpackLines(this.more, this.vs, true);
    for (let k = 2; k < m.length; k += 2) if (!jsonSpaceOnly(this.src, m[k - 1], m[k])) return undefined;
    return m;
  }

  hasDollar(): boolean {
    return dollarIn(this.src, this.vs, this.more ? this.lastEnd() : this.ve);
  }

  /** End of the last value line (the first line's end includes a stripped closing quote). */
  private lastEnd(): number {
    return this.more ? packedEnd(this.more, this.vs) : this.contentEnd;
  }

  /** `span.end` without making the span. */
  spanEnd(): number {
    return Math.max(this.lastEnd(), this.sep + 1);
  }

  get span(): Span {
    return (this.m.span ??= { start: this.ks, end: this.spanEnd() });
  }

  get valueSpan(): Span {
    return (this.m.valueSpan ??= { start: this.vs, end: this.more ? packedEnd(this.more, this.vs) : this.ve });
  }

  get rawMap(): ValueMap {
    const made = this.m;
    if (made.rawMap) return made.rawMap;
    const segs: { v: number; vl: number; d: number; dl: number }[] = [];
    const m = this.more ? unpackLines(this.more, this.vs) : [this.vs, this.ve];
    let v = 0;
    for (let k = 0; k < m.length; k += 2) {
      if (k > 0) {
        segs.push({ v, vl: 1, d: m[k - 1], dl: 0 });
        v++;
      }
      const len = m[k + 1] - m[k];
      segs.push({ v, vl: len, d: m[k], dl: len });
      v += len;
    }
    return (made.rawMap = new ValueMap(segs));
  }

  /** Maps `value` to the document: the raw map until `$name` substitution sets its own. */
  get map(): ValueMap {
    return this.made?.map ?? this.rawMap;
  }

  set map(m: ValueMap) {
    this.m.map = m;
  }

  get refs(): ValueRef[] {
    return (this.m.refs ??= []);
  }
}
