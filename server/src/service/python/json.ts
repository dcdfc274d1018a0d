/**
 * JSON option values with Python `json.loads` semantics (what Nova calls on
 * device_spec and alias values), on top of jsonc-parser's error-tolerant tree.
 *
 * Python accepts NaN, Infinity and -Infinity; jsonc-parser does not. They are
 * swapped for number tokens of the same length before parsing, so every offset
 * in the tree still points into the original value. Duplicate keys are kept
 * in the tree; readers take the last one, as Python does.
 */
import { Node, ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { MAX_JSON_DEPTH, fastParse, maxDepth } from './fastjson';

export interface JsonSyntaxError {
  /** Offsets in the value text. */
  start: number;
  end: number;
  message: string;
  /** What kind of mistake it is, for messages and quick fixes. */
  kind:
    | 'empty'
    | 'single-quotes'
    | 'python-literal'
    | 'trailing-comma'
    | 'comment'
    | 'inline-comment'
    | 'unquoted-key'
    | 'extra-data'
    | 'syntax';
  /** For python-literal: the JSON spelling. */
  replacement?: string;
}

export interface ParsedJson {
  root: Node | undefined;
  errors: JsonSyntaxError[];
}

const PY_CONSTANTS: [string, string][] = [
  ['-Infinity', '-0.000000'],
  ['Infinity', '0.000000'],
  ['NaN', '0.0'],
];

/** Replaces Python's extra number constants outside strings with same-length JSON numbers. */
function maskPythonConstants(text: string): string {
  if (!/NaN|Infinity/.test(text)) return text;
  let out = '';
  let i = 0;
  let last = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') {
        if (text[i] === '\\') i++;
        i++;
      }
      i++;
      continue;
    }
    let matched = false;
    for (const [from, to] of PY_CONSTANTS) {
      // Python reads "-Infinity" but not "-NaN"; a masked "-0.0" would wrongly pass.
      // Mask only a stand-alone token: next to digits or letters the number we put in its place
      // could merge with them into something valid ("NaN1" -> "0.01"); Python refuses those.
      const before = text[i - 1] ?? ' ';
      const after = text[i + from.length] ?? ' ';
      if (text.startsWith(from, i) && !/[0-9A-Za-z_.+-]/.test(before) && !/[0-9A-Za-z_.]/.test(after)) {
        out += text.slice(last, i) + to;
        i += from.length;
        last = i;
        matched = true;
        break;
      }
    }
    if (!matched) i++;
  }
  return out + text.slice(last);
}

export function isPythonConstant(valueText: string, node: Node): boolean {
  const t = valueText.slice(node.offset, node.offset + node.length);
  return t === 'NaN' || t === 'Infinity' || t === '-Infinity';
}

export function parsePythonJson(text: string): ParsedJson {
  const fast = fastParse(text);
  if (fast) return { root: fast, errors: [] };
  if (maxDepth(text) > MAX_JSON_DEPTH) {
    return { root: undefined, errors: [{ start: 0, end: Math.min(text.length, 1), kind: 'syntax', message: `the value is nested more than ${MAX_JSON_DEPTH} levels deep; Python's json module gives up (RecursionError) just below 1,000` }] };
  }
  const masked = maskPythonConstants(text);
  const errors: ParseError[] = [];
  const root = parseTree(masked, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const result: JsonSyntaxError[] = [];
  if (text.trim() === '') {
    result.push({ start: 0, end: text.length, message: 'the value is empty', kind: 'empty' });
    return { root: undefined, errors: result };
  }
  for (const e of errors) result.push(classify(text, e, root));
  // jsonc-parser reports a comment as a separate error; keep the order of appearance.
  result.sort((a, b) => a.start - b.start);
  return { root, errors: result };
}

function classify(text: string, e: ParseError, root: Node | undefined): JsonSyntaxError {
  const at = e.offset;
  const len = Math.max(1, e.length);
  const ch = text[at] ?? '';
  const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at))?.[0];
  const base = { start: at, end: Math.min(text.length, at + len) };
  if (ch === '#') {
    const topEnd = root ? root.offset + root.length : -1;
    const lineEnd = text.indexOf('\n', at);
    const end = lineEnd < 0 ? text.length : lineEnd;
    if (root && at >= topEnd && text.slice(topEnd, at).trim() === '') {
      return { start: at, end, kind: 'inline-comment', message: 'a "#" after the value is not a comment: oslo.config keeps it as part of the value, so the JSON has extra text after it' };
    }
    return { start: at, end, kind: 'comment', message: 'JSON has no comments ("#" is not allowed inside the value)' };
  }
  if (ch === '/' && (text[at + 1] === '/' || text[at + 1] === '*')) {
    return { ...base, end: Math.max(base.end, at + 2), kind: 'comment', message: 'JSON has no comments' };
  }
  if (ch === "'") {
    let end = text.indexOf("'", at + 1);
    end = end < 0 ? at + 1 : end + 1;
    return { start: at, end, kind: 'single-quotes', message: 'strings and keys need double quotes (") in JSON, not single quotes' };
  }
  if (word === 'True' || word === 'False' || word === 'None') {
    const replacement = word === 'True' ? 'true' : word === 'False' ? 'false' : 'null';
    return { start: at, end: at + word.length, kind: 'python-literal', replacement, message: `${word} is Python, not JSON: write ${replacement}` };
  }
  if (ch === '}' || ch === ']') {
    let p = at - 1;
    while (p >= 0 && /[ \t\r\n]/.test(text[p])) p--;
    if (text[p] === ',') {
      return { start: p, end: p + 1, kind: 'trailing-comma', message: 'JSON does not allow a comma before the closing bracket' };
    }
  }
  if (word) {
    let p = at - 1;
    while (p >= 0 && /[ \t\r\n]/.test(text[p])) p--;
    let q = at + word.length;
    while (q < text.length && /[ \t\r\n]/.test(text[q])) q++;
    if ((text[p] === '{' || text[p] === ',') && text[q] === ':') {
      return { start: at, end: at + word.length, kind: 'unquoted-key', message: `property names need double quotes in JSON: write "${word}"` };
    }
    if (printParseErrorCode(e.error) !== 'EndOfFileExpected') {
      return { start: at, end: at + word.length, kind: 'syntax', message: `unexpected word ${word} (JSON strings need double quotes)` };
    }
  }
  if (printParseErrorCode(e.error) === 'EndOfFileExpected') {
    const rest = text.slice(at).trimStart();
    const message = rest.startsWith(',') && /^,\s*[{[]/.test(rest)
      ? 'several JSON values separated by commas are not one value: wrap them in [ ] to make a list'
      : 'there is extra text after the JSON value';
    return { start: at, end: text.length, kind: 'extra-data', message };
  }
  return { ...base, kind: 'syntax', message: describe(printParseErrorCode(e.error), text, at) };
}

function describe(code: string, text: string, at: number): string {
  const found = at >= text.length ? 'the end of the value' : JSON.stringify(text[at]);
  switch (code) {
    case 'InvalidSymbol':
      return `unexpected ${found}`;
    case 'InvalidNumberFormat':
      return 'this is not a valid JSON number';
    case 'PropertyNameExpected':
      return `expected a property name in double quotes, found ${found}`;
    case 'ValueExpected':
      return `expected a value, found ${found}`;
    case 'ColonExpected':
      return `expected ":" after the property name, found ${found}`;
    case 'CommaExpected':
      return `expected "," or a closing bracket, found ${found}`;
    case 'CloseBraceExpected':
      return `expected "}" to close the object, found ${found}`;
    case 'CloseBracketExpected':
      return `expected "]" to close the array, found ${found}`;
    case 'EndOfFileExpected':
      return 'there is extra text after the JSON value';
    case 'InvalidCommentToken':
      return 'JSON has no comments';
    case 'UnexpectedEndOfComment':
      return 'JSON has no comments';
    case 'UnexpectedEndOfString':
      return 'the string is not closed (a string cannot span lines)';
    case 'UnexpectedEndOfNumber':
      return 'the number is incomplete';
    case 'InvalidUnicode':
      return 'invalid \\u escape in a string';
    case 'InvalidEscapeCharacter':
      return 'invalid escape in a string (JSON knows \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)';
    case 'InvalidCharacter':
      return 'a control character (such as a tab) inside a string must be escaped';
    default:
      return 'invalid JSON';
  }
}

/** Python's view of an object node: key -> last property node with that key. */
export function objectProps(node: Node | undefined): Map<string, Node> {
  const m = new Map<string, Node>();
  if (!node || node.type !== 'object') return m;
  for (const p of node.children ?? []) {
    const k = p.children?.[0];
    if (k && k.type === 'string' && p.children && p.children.length >= 1) m.set(String(k.value), p);
  }
  return m;
}

/** The value node of a property node. */
export function propValue(prop: Node | undefined): Node | undefined {
  return prop?.children?.[1];
}

/** The source text of a node, in the value's coordinates. */
export function nodeText(text: string, node: Node): string {
  return text.slice(node.offset, node.offset + node.length);
}
