/**
 * Jinja2 templates of nova configs (Kolla-Ansible and Kayobe overrides, `*.conf.j2`), read without
 * evaluating anything.
 *
 * The approach is the one VS Code's HTML server takes for embedded CSS: the template is masked to text
 * of the same length, so every offset stays an offset of the user's file, and the spans where Jinja
 * was are recorded for the features to consult.
 *
 * - `{% … %}` statements and `{# … #}` comments are structure. A line that holds only such tags (and
 *   whitespace) is removed from the INI reading, as Ansible's template engine removes it when it renders
 *   with `trim_blocks` (on in Ansible, and so in Kolla-Ansible's merge_configs and in Kayobe): the line
 *   neither ends a multi-line value nor starts one. A tag at the start of a line hides itself: the line
 *   is read from the first character after it.
 * - `{{ … }}` expressions are placeholders. Their text is replaced by a fill of the same length that
 *   is unique per placeholder; inside a JSON string the fill is plain characters (the placeholder is
 *   "any string content"); where a JSON value or key is expected it is a JSON string (the placeholder
 *   is "any JSON value", e.g. `{{ item | to_json }}`); in an object's member list it is a dummy member
 *   (the placeholder is "any members") and the whole JSON value becomes opaque to the semantic rules.
 * - `if`/`elif`/`else` arms are alternatives: every arm is read (so each is checked), and two places in
 *   different arms of one `if` are never compared with each other. A `for` body is read once.
 * - `{% raw %}…{% endraw %}` is read as template too: in a Kayobe configuration it defers the Jinja
 *   inside to Kolla-Ansible, which renders it a second time.
 */
import type { Span } from '../model';

export type JinjaTagKind = 'statement' | 'comment' | 'expression';

export interface JinjaTag {
  kind: JinjaTagKind;
  /** The whole tag, delimiters included. */
  span: Span;
  /** Statement keyword (`if`, `endfor`, `set` …); empty for comments and expressions. */
  keyword: string;
  /** The text between the delimiters, whitespace-control markers removed, trimmed. */
  body: string;
  /** `{%-` / `{{-` / `{#-`: strips whitespace (newlines included) before the tag. */
  trimBefore: boolean;
  /** `-%}` / `-}}` / `-#}`: strips whitespace (newlines included) after the tag. */
  trimAfter: boolean;
  closed: boolean;
}

/** A `{{ … }}` expression (or adjacent expressions) and the characters it masks. */
export interface Placeholder {
  span: Span;
  /** The expression tags it covers. */
  tags: JinjaTag[];
}

export interface JinjaProblem {
  code: string;
  message: string;
  span: Span;
}

export interface JinjaTemplate {
  tags: JinjaTag[];
  /** The text with Jinja masked, same length as the document. */
  masked: string;
  placeholders: Placeholder[];
  /** Lines (0-based) the INI reader skips: only statements / comments, or only a whole-line expression. */
  skipLines: Set<number>;
  /** Lines whose reading starts after leading tags: line -> offset of the first rendered character. */
  lineStarts: Map<number, number>;
  problems: JinjaProblem[];
  /** For each `if`/`for` arm: the block it belongs to and the arm index. */
  arms: { block: number; kind: string; arm: number; span: Span }[];
}

const BLOCKS = new Set(['if', 'for', 'macro', 'call', 'filter', 'block', 'with', 'raw', 'autoescape', 'trans']);

/** True for `*.j2` files, and for any text that contains a closed Jinja statement, comment or expression. */
export function looksLikeJinja(text: string, uri: string): boolean {
  if (/\.(j2|jinja2?)$/i.test(uri)) return true;
  return hasClosedTag(text);
}

/**
 * What each kind of tag must look like right after its opening delimiter: an expression must start like a Jinja
 * expression (a name, a literal, a filter-less constant), since DevStack writes `{{(pid=%(process)d) …}}` into
 * logging formats, which is not a template.
 */
const STATEMENT_START = /^[-+]?[ \t]*[a-z_]/;
const EXPRESSION_START = /^-?[ \t]*[A-Za-z_'"[\d]/;

/**
 * Whether some `{%`, `{#` or `{{` is followed on its line by its closing delimiter (`%}`, `#}`, `}}`), with the
 * statement or expression starting as above (a comment may start with anything). One pass over the text's `{`
 * (a 10 MB device_spec/alias file has ~80,000, all JSON), instead of one search per kind of tag; the next closing
 * delimiter of each kind and the next line break are found once and reused, so the work stays linear. A kind
 * whose closing delimiter no longer occurs is skipped from there on: none of its later tags can be closed either.
 */
function hasClosedTag(text: string): boolean {
  // Per kind (0 statement, 1 comment, 2 expression): the next closing delimiter after the last tag looked at
  // (-2: not searched yet, -1: none left).
  let closeStatement = -2;
  let closeComment = -2;
  let closeExpression = -2;
  let nextBreak = -2;
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
    const c = text.charCodeAt(i + 1);
    let close: number;
    if (c === 37 /* % */) {
      if (closeStatement === -1) continue;
      if (closeStatement < i + 2) closeStatement = text.indexOf('%}', i + 2);
      close = closeStatement;
    } else if (c === 35 /* # */) {
      if (closeComment === -1) continue;
      if (closeComment < i + 2) closeComment = text.indexOf('#}', i + 2);
      close = closeComment;
    } else if (c === 123 /* { */) {
      if (closeExpression === -1) continue;
      if (closeExpression < i + 2) closeExpression = text.indexOf('}}', i + 2);
      close = closeExpression;
    } else continue;
    if (close === -1) {
      if (closeStatement === -1 && closeComment === -1 && closeExpression === -1) return false;
      continue;
    }
    if (nextBreak !== -1 && nextBreak < i) nextBreak = text.indexOf('\n', i);
    if (nextBreak !== -1 && close > nextBreak) continue;
    if (c === 35 || (c === 37 ? STATEMENT_START : EXPRESSION_START).test(text.slice(i + 2, i + 10))) return true;
  }
  return false;
}

/** Finds every tag; strings inside statements and expressions may hold delimiters. */
export function scanTags(text: string): JinjaTag[] {
  const tags: JinjaTag[] = [];
  let i = 0;
  const n = text.length;
  // Where a search for a closing delimiter already ran to the end of the text without one: later
  // tags of that kind are unclosed too (keeps a file full of unclosed tags linear).
  const exhausted: Record<JinjaTagKind, number> = { statement: Infinity, expression: Infinity, comment: Infinity };
  while (i < n) {
    const open = text.indexOf('{', i);
    if (open < 0 || open + 1 >= n) break;
    const c = text[open + 1];
    if (c !== '{' && c !== '%' && c !== '#') {
      i = open + 1;
      continue;
    }
    const kind: JinjaTagKind = c === '{' ? 'expression' : c === '%' ? 'statement' : 'comment';
    const closer = c === '{' ? '}}' : c === '%' ? '%}' : '#}';
    let j = open + 2;
    const trimBefore = text[j] === '-';
    if (text[j] === '-' || text[j] === '+') j++;
    const bodyStart = j;
    let end = -1;
    if (j >= exhausted[kind]) {
      end = -1;
    } else if (kind === 'comment') {
      const k = text.indexOf('#}', j);
      end = k < 0 ? -1 : k;
      if (k < 0) exhausted.comment = j;
    } else {
      const from = j;
      while (j < n) {
        const ch = text[j];
        if (ch === "'" || ch === '"') {
          // A Jinja string literal: may hold `}}` or `%}`; ends at the same quote, or at the line end.
          j++;
          while (j < n && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
          j++;
          continue;
        }
        if (ch === closer[0] && text[j + 1] === closer[1]) {
          end = j;
          break;
        }
        if (ch === '-' && text[j + 1] === closer[0] && text[j + 2] === closer[1]) {
          end = j;
          break;
        }
        j++;
      }
      if (end < 0) exhausted[kind] = from;
    }
    if (end < 0) {
      // Unclosed: the tag runs to the end of its line, so the rest of the file is still read.
      let le = text.indexOf('\n', open);
      if (le < 0) le = n;
      if (le > open && text[le - 1] === '\r') le--;
      tags.push({ kind, span: { start: open, end: le }, keyword: '', body: text.slice(bodyStart, le).trim(), trimBefore, trimAfter: false, closed: false });
      i = le;
      continue;
    }
    const trimAfter = text[end] === '-' && kind !== 'comment' ? true : kind === 'comment' && text[end - 1] === '-';
    const bodyEnd = text[end] === '-' || text[end] === '+' ? end : kind === 'comment' && (text[end - 1] === '-' || text[end - 1] === '+') ? end - 1 : end;
    const close = (text[end] === '-' || text[end] === '+') && kind !== 'comment' ? end + 3 : end + 2;
    const body = text.slice(bodyStart, Math.max(bodyStart, bodyEnd)).trim();
    const keyword = kind === 'statement' ? (/^[a-z_]+/.exec(body)?.[0] ?? '') : '';
    tags.push({ kind, span: { start: open, end: close }, keyword, body, trimBefore, trimAfter, closed: true });
    i = close;
  }
  return tags;
}

/** How the template engine is set up: Ansible's defaults, or a `#jinja2:` first line that overrides them. */
export interface JinjaOptions {
  /** Removes the first newline after a statement or comment tag (Ansible: on). */
  trimBlocks: boolean;
  /** Strips spaces and tabs from the start of a line up to a statement or comment tag (Ansible: off). */
  lstripBlocks: boolean;
}

/**
 * Ansible's template engine (and so Kolla-Ansible's merge_configs and Kayobe) renders with
 * trim_blocks on and lstrip_blocks off; a first line such as `#jinja2: trim_blocks: False` changes
 * them for that file (Ansible's template module reads it).
 */
export function jinjaOptions(text: string): JinjaOptions {
  const opts: JinjaOptions = { trimBlocks: true, lstripBlocks: false };
  const m = /^#jinja2:(.*)/.exec(text.slice(0, 500));
  if (!m) return opts;
  for (const [, k, v] of m[1].matchAll(/(trim_blocks|lstrip_blocks)\s*:\s*(True|False|true|false)/g)) {
    if (k === 'trim_blocks') opts.trimBlocks = /^t/i.test(v);
    else opts.lstripBlocks = /^t/i.test(v);
  }
  return opts;
}

export function parseJinja(text: string): JinjaTemplate {
  const tags = scanTags(text);
  const options = jinjaOptions(text);
  const problems: JinjaProblem[] = [];

  // Line starts of the document.
  const lineStarts = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) lineStarts.push(k + 1);

  // Placeholders: expression tags, adjacent ones (and words glued to them) merged into one.
  const placeholders: Placeholder[] = [];
  for (const t of tags) {
    if (!t.closed) {
      problems.push({ code: 'jinja-syntax', span: t.span, message: `This Jinja ${t.kind} is not closed (no "${t.kind === 'expression' ? '}}' : t.kind === 'statement' ? '%}' : '#}'}" on its line): the template does not render, so the deployment fails before Nova reads the file.` });
    }
    if (t.kind !== 'expression') continue;
    const last = placeholders.at(-1);
    if (last && onlyBlanks(text, last.span.end, t.span.start)) {
      last.span = { start: last.span.start, end: t.span.end };
      last.tags.push(t);
    } else {
      placeholders.push({ span: { ...t.span }, tags: [t] });
    }
  }
  // Characters glued to a placeholder (`0x{{ v }}`, `{{ n }}0`) are part of what the template writes.
  for (const p of placeholders) {
    let s = p.span.start;
    while (s > 0 && /[A-Za-z0-9_.+-]/.test(text[s - 1])) s--;
    let e = p.span.end;
    while (e < text.length && /[A-Za-z0-9_.+-]/.test(text[e])) e++;
    // Never swallow a key separator or structure; a key such as `host = x{{ y }}` keeps `host =`.
    p.span = { start: s, end: e };
  }

  // Mask: statements and comments become spaces (newlines kept), placeholders a unique fill.
  const structure = tags.filter((t) => t.kind !== 'expression');
  const masks: { span: Span; fill?: string }[] = [...structure.map((t) => ({ span: t.span })), ...placeholders.map((p, idx) => ({ span: p.span, fill: placeholderFill(idx, p.span.end - p.span.start) }))];
  masks.sort((x, y) => x.span.start - y.span.start);
  const pieces: string[] = [];
  let last = 0;
  for (const m of masks) {
    if (m.span.start < last) continue; // cannot happen: placeholders never reach into a statement
    pieces.push(text.slice(last, m.span.start));
    const raw = text.slice(m.span.start, m.span.end);
    const fill = m.fill ?? ' '.repeat(raw.length);
    // Line breaks inside a tag stay where they are.
    pieces.push(raw.includes('\n') || raw.includes('\r') ? raw.replace(/[^\r\n]/g, (_c, i: number) => fill[i]) : fill);
    last = m.span.end;
  }
  pieces.push(text.slice(last));
  const masked = pieces.join('');

  // Line roles, walking the lines and the (sorted) tags together.
  const skipLines = new Set<number>();
  const starts = new Map<number, number>();
  let si = 0;
  let pi = 0;
  for (let li = 0; li < lineStarts.length; li++) {
    const ls = lineStarts[li];
    let le = li + 1 < lineStarts.length ? lineStarts[li + 1] - 1 : text.length;
    if (le > ls && text[le - 1] === '\r') le--;
    while (si < structure.length && structure[si].span.end <= ls) si++;
    while (pi < placeholders.length && placeholders[pi].span.end <= ls) pi++;
    let hadStructure = false;
    let hadPlaceholder = false;
    let hadText = false;
    let sj = si;
    let pj = pi;
    let leadEnd = ls; // end of the tags that open the line
    let leading = true;
    for (let k = ls; k < le; k++) {
      if (sj < structure.length && structure[sj].span.start <= k) {
        hadStructure = true;
        k = structure[sj++].span.end - 1;
        if (leading) leadEnd = k + 1;
        continue;
      }
      leading = false;
      if (pj < placeholders.length && placeholders[pj].span.start <= k) {
        hadPlaceholder = true;
        k = placeholders[pj++].span.end - 1;
        continue;
      }
      const c = text.charCodeAt(k);
      if (c !== 32 && c !== 9) hadText = true;
    }
    // Only statements / comments: the line vanishes when rendered (trim_blocks). Only an expression, at
    // column 0: it writes lines we cannot know (e.g. `{{ nova_extra_config }}`), so it is not read either;
    // an indented one continues a value and stays.
    const firstIsSpace = text[ls] === ' ' || text[ls] === '\t';
    // Without trim_blocks a statement line renders as a blank line (which ends a value): masked to
    // spaces, it reads as one.
    if (!hadText && ((hadStructure && options.trimBlocks) || (hadPlaceholder && !firstIsSpace))) {
      skipLines.add(li);
      continue;
    }
    // Leading tags (or the tail of a tag opened on an earlier line) hide themselves.
    if (leadEnd > ls) starts.set(li, Math.min(leadEnd, le));
  }

  for (const p of whitespaceProblems(text, tags, options, skipLines, lineStarts)) problems.push(p);

  // Blocks: balance and if/for arms.
  const arms: JinjaTemplate['arms'] = [];
  const stack: { tag: JinjaTag; block: number; arm: number; armStart: number }[] = [];
  let blocks = 0;
  const closeArm = (top: { block: number; arm: number; armStart: number; tag: JinjaTag }, end: number) => {
    if (top.tag.keyword === 'if' || top.tag.keyword === 'for') arms.push({ block: top.block, kind: top.tag.keyword, arm: top.arm, span: { start: top.armStart, end } });
  };
  for (const t of tags) {
    if (t.kind !== 'statement' || !t.closed) continue;
    const kw = t.keyword;
    const opensBlock = BLOCKS.has(kw) || (kw === 'set' && !/=/.test(t.body));
    if (opensBlock) {
      stack.push({ tag: t, block: blocks++, arm: 0, armStart: t.span.end });
    } else if (kw === 'elif' || kw === 'else') {
      const top = stack.at(-1);
      if (!top || (top.tag.keyword !== 'if' && top.tag.keyword !== 'for') || (kw === 'elif' && top.tag.keyword !== 'if')) {
        problems.push({ code: 'jinja-syntax', span: t.span, message: `"{% ${kw} %}" outside an if${kw === 'else' ? ' or for' : ''} block: the template does not render, so the deployment fails before Nova reads the file.` });
        continue;
      }
      closeArm(top, t.span.start);
      top.arm++;
      top.armStart = t.span.end;
    } else if (kw.startsWith('end')) {
      const open = kw.slice(3);
      const top = stack.at(-1);
      if (!top || top.tag.keyword !== open) {
        problems.push({ code: 'jinja-syntax', span: t.span, message: `"{% ${kw} %}" does not close ${top ? `the open "{% ${top.tag.keyword} %}"` : 'any block'}: the template does not render, so the deployment fails before Nova reads the file.`, });
        if (top && stack.some((s) => s.tag.keyword === open)) {
          while (stack.length && stack.at(-1)!.tag.keyword !== open) stack.pop();
          const s = stack.pop()!;
          closeArm(s, t.span.start);
        }
        continue;
      }
      stack.pop();
      closeArm(top, t.span.start);
    }
  }
  for (const s of stack) {
    problems.push({ code: 'jinja-syntax', span: s.tag.span, message: `"{% ${s.tag.keyword} %}" is never closed (no "{% end${s.tag.keyword} %}"): the template does not render, so the deployment fails before Nova reads the file.` });
    closeArm(s, text.length);
  }
  arms.sort((a, b) => a.span.start - b.span.start);

  return { tags, masked, placeholders, skipLines, lineStarts: starts, problems, arms };
}

/** True when text[from, to) holds only spaces and tabs (so no line break). */
function onlyBlanks(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Same-length text that stands for a placeholder: `~` and a base-36 number unique in the file. */
export function placeholderFill(index: number, length: number): string {
  const id = index.toString(36);
  const s = `~${id}`.padEnd(length, '~');
  return s.length > length ? '~'.repeat(length) : s;
}

/** The tag (of those given, sorted by start) that contains the offset. */
export function findContaining<T extends { span: Span }>(items: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].span.start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const t = items[found];
  return offset < t.span.end ? t : undefined;
}

/**
 * The conditions around an offset: every `if` arm, and every `else` arm of a `for`, that contains it.
 * A `for` body counts as rendered (it is read once).
 */
export function conditionsAt(tpl: JinjaTemplate, offset: number): string[] {
  return tpl.arms.filter((a) => a.span.start <= offset && offset <= a.span.end && (a.kind === 'if' || a.arm > 0)).map((a) => `${a.block}:${a.arm}`);
}

/**
 * True when two places of the template are rendered under the same conditions, so comparing them
 * (a repeated option, two definitions of one alias) says something about every rendered file. Places
 * in different arms of one `if` are never rendered together; a place inside an `if` and one outside it
 * are rendered together only sometimes, which the template's author chose on purpose.
 */
export function sameConditions(tpl: JinjaTemplate, a: number, b: number): boolean {
  if (tpl.arms.length === 0) return true;
  const x = conditionsAt(tpl, a);
  const y = conditionsAt(tpl, b);
  return x.length === y.length && x.every((c, i) => c === y[i]);
}

const JOIN = 'jinja-line-join';

/**
 * Where Jinja's whitespace handling changes the line structure oslo.config will read, in ways the
 * masked reading (which keeps every line) does not show: reported, so the author can fix the template.
 */
function whitespaceProblems(text: string, tags: JinjaTag[], o: JinjaOptions, skipLines: Set<number>, lineStarts: number[]): JinjaProblem[] {
  const out: JinjaProblem[] = [];
  const n = text.length;
  const isWs = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  const structure = (t: JinjaTag | undefined) => Boolean(t && t.kind !== 'expression');
  const byEnd = new Map(tags.map((t) => [t.span.end - 1, t]));
  const byStart = new Map(tags.map((t) => [t.span.start, t]));
  const tagEndingAt = (k: number) => byEnd.get(k);
  const tagStartingAt = (k: number) => byStart.get(k);
  const show = (t: JinjaTag) => text.slice(t.span.start, Math.min(t.span.end, t.span.start + 40)) + (t.span.end - t.span.start > 40 ? '…' : '');
  for (const t of tags) {
    if (!t.closed) continue;
    // `{%-`: the line breaks before the tag go, so the previous line runs into what follows.
    if (t.trimBefore) {
      let k = t.span.start - 1;
      let newlines = 0;
      while (k >= 0 && isWs(text[k])) {
        if (text[k] === '\n') newlines++;
        k--;
      }
      const prev = tagEndingAt(k);
      const harmless = k < 0 || newlines === 0 || (structure(prev) && o.trimBlocks && newlines === 1);
      if (!harmless) {
        out.push({ code: JOIN, span: { start: t.span.start, end: t.span.start + 3 }, message: `The "-" in "${text.slice(t.span.start, t.span.start + 3)}" removes the line break${newlines > 1 ? 's' : ''} before this tag: in the rendered file the line above runs straight into the next rendered line, and oslo.config reads them as one line. Remove the "-".` });
      }
    }
    // `-%}`: the line breaks, blank lines and indentation after the tag go.
    if (t.trimAfter) {
      let k = t.span.end;
      let newlines = 0;
      let indent = false;
      while (k < n && isWs(text[k])) {
        if (text[k] === '\n') {
          newlines++;
          indent = false;
        } else if (newlines > 0 && text[k] !== '\r') indent = true;
        k++;
      }
      const next = tagStartingAt(k);
      const harmful = k < n && newlines > 0 && !structure(next) && (t.kind === 'expression' || !o.trimBlocks || newlines > 1 || indent);
      if (harmful) {
        const what = indent ? 'the indentation of the next line (so it no longer continues the value)' : newlines > 1 ? 'the blank line after it (which ends a value)' : 'the line break after it';
        out.push({ code: JOIN, span: { start: t.span.end - 3, end: t.span.end }, message: `The "-" in "${text.slice(t.span.end - 3, t.span.end)}" removes ${what} when the template is rendered, so oslo.config reads the lines differently from how they are written here. Remove the "-".` });
      }
    }
    // trim_blocks: a statement after text on its line eats that line's newline, joining the next line.
    if (structure(t) && o.trimBlocks && !t.trimAfter && (text[t.span.end] === '\n' || (text[t.span.end] === '\r' && text[t.span.end + 1] === '\n'))) {
      let k = t.span.start - 1;
      let content = false;
      while (k >= 0 && text[k] !== '\n') {
        const inner = findContaining(tags, k);
        if (inner && structure(inner)) {
          k = inner.span.start - 1;
          continue;
        }
        if (!isWs(text[k])) {
          content = true;
          break;
        }
        k--;
      }
      // What the glued line is: a blank line only gives back the line break; statement-only lines
      // vanish too, so look past them.
      let pos = text.indexOf('\n', t.span.end) + 1;
      let glued = false;
      while (content && pos > 0 && pos < n) {
        let le = text.indexOf('\n', pos);
        if (le < 0) le = n;
        let k = pos;
        let sawTag = false;
        while (k < le) {
          const x = byStart.get(k);
          if (x && structure(x)) {
            sawTag = true;
            k = x.span.end;
          } else if (isWs(text[k])) k++;
          else break;
        }
        if (k < le) {
          glued = true;
          break;
        }
        if (!sawTag || k > le) break; // a blank line, or a tag running over the line end
        pos = le + 1;
      }
      if (glued) {
        out.push({ code: JOIN, span: t.span, message: `"${show(t)}" ends a line that has text before it: Ansible renders with trim_blocks, which removes the line break after a statement, so the next rendered line is glued to this one (a loop written on one line puts every item on a single line). Put the tag on a line of its own.` });
      }
    }
  }
  // lstrip_blocks off: spaces before a statement stay, in front of the next rendered line.
  if (o.trimBlocks && !o.lstripBlocks) {
    for (const li of skipLines) {
      const ls = lineStarts[li];
      if (text[ls] !== ' ' && text[ls] !== '\t') continue;
      let k = ls;
      while (text[k] === ' ' || text[k] === '\t') k++;
      const t = tagStartingAt(k);
      if (!structure(t) || t!.trimBefore) continue;
      out.push({ code: JOIN, span: { start: ls, end: t!.span.end }, message: 'The spaces before this tag stay in the rendered file (Ansible renders with lstrip_blocks off), in front of the next rendered line, which oslo.config then reads as the continuation of a value. Start the tag in column 0 and indent inside it ("{%   if … %}").' });
    }
  }
  return out;
}
