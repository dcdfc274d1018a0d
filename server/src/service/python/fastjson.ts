/**
 * A fast, strict JSON reader for the common case: values Python's json.loads
 * accepts (including NaN, Infinity and -Infinity). It builds the same node shape
 * as jsonc-parser's tree (type, offset, length, value, children, parent,
 * colonOffset) without a scanner or visitor, and without recursion, so a large
 * file allocates little. It returns undefined at the first deviation; the caller
 * then falls back to the error-tolerant parser to describe the error.
 */
import type { Node } from 'jsonc-parser';

/** jsonc-parser's Node with writable fields, while the tree is being built. */
type MNode = { -readonly [K in keyof Node]: Node[K] };

/**
 * Python's json module gives up (RecursionError) a little below 1,000 levels of
 * nesting, and Nova's own call stack takes some of that; deeper values are refused.
 */
export const MAX_JSON_DEPTH = 900;

const WS = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

interface Frame {
  node: MNode;
  /** For objects: the property node waiting for its value. */
  prop?: MNode;
}

export function fastParse(text: string): Node | undefined {
  const n = text.length;
  let i = 0;
  const skip = () => {
    while (i < n && WS(text.charCodeAt(i))) i++;
  };

  const readString = (): MNode | undefined => {
    const start = i;
    i++; // opening quote
    let escaped = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c < 0x20) return undefined;
      if (c === 92) {
        escaped = true;
        const e = text.charCodeAt(i + 1);
        if (e === 117) {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return undefined;
          i += 6;
          continue;
        }
        if (e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) return undefined;
        i += 2;
        continue;
      }
      i++;
    }
    if (i >= n) return undefined;
    i++; // closing quote
    const raw = text.slice(start + 1, i - 1);
    let value: string;
    try {
      value = escaped ? (JSON.parse(text.slice(start, i)) as string) : raw;
    } catch {
      return undefined;
    }
    return { type: 'string', offset: start, length: i - start, value } as MNode;
  };

  const NUM = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const readScalar = (): MNode | undefined => {
    const c = text.charCodeAt(i);
    if (c === 34) return readString();
    const start = i;
    for (const [word, type, value] of LITERALS) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { type, offset: start, length: word.length, value } as MNode;
      }
    }
    NUM.lastIndex = i;
    const m = NUM.exec(text);
    if (!m) return undefined;
    i += m[0].length;
    return { type: 'number', offset: start, length: m[0].length, value: Number(m[0]) } as MNode;
  };

  const stack: Frame[] = [];
  let root: MNode | undefined;

  /** Attaches a finished value to its container (or makes it the root). */
  const attach = (v: MNode): boolean => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = v;
      return true;
    }
    if (top.node.type === 'array') {
      v.parent = top.node;
      (top.node.children as MNode[]).push(v);
      return true;
    }
    const prop = top.prop;
    if (!prop) return false;
    v.parent = prop;
    (prop.children as MNode[]).push(v);
    prop.length = v.offset + v.length - prop.offset;
    top.prop = undefined;
    return true;
  };

  skip();
  for (;;) {
    if (i >= n) return undefined;
    const c = text.charCodeAt(i);
    let value: MNode | undefined;
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const node = { type: c === 123 ? 'object' : 'array', offset: i, length: 0, children: [] } as unknown as MNode;
      i++;
      skip();
      stack.push({ node });
      if (stack.length > MAX_JSON_DEPTH) return undefined;
      if (c === 123) {
        if (text.charCodeAt(i) === 125) {
          i++;
          stack.pop();
          node.length = i - node.offset;
          value = node;
        } else if (!readKey(stack[stack.length - 1])) return undefined;
        else continue;
      } else if (text.charCodeAt(i) === 93) {
        i++;
        stack.pop();
        node.length = i - node.offset;
        value = node;
      } else continue;
    } else {
      value = readScalar();
      if (!value) return undefined;
    }
    // A value is complete: attach it, then close containers and read separators.
    if (!attach(value)) return undefined;
    for (;;) {
      skip();
      const top = stack[stack.length - 1];
      if (!top) {
        return i === n ? root : undefined;
      }
      const d = text.charCodeAt(i);
      if (d === 44 /* , */) {
        i++;
        skip();
        if (top.node.type === 'object') {
          if (!readKey(top)) return undefined;
        }
        break; // read the next value
      }
      const close = top.node.type === 'object' ? 125 : 93;
      if (d !== close) return undefined;
      i++;
      stack.pop();
      top.node.length = i - top.node.offset;
      if (!attach(top.node)) return undefined;
    }
  }

  function readKey(frame: Frame): boolean {
    if (text.charCodeAt(i) !== 34) return false;
    const key = readString();
    if (!key) return false;
    skip();
    if (text.charCodeAt(i) !== 58 /* : */) return false;
    const prop = { type: 'property', offset: key.offset, length: 0, children: [key], parent: frame.node, colonOffset: i } as unknown as MNode;
    key.parent = prop;
    (frame.node.children as MNode[]).push(prop);
    frame.prop = prop;
    i++;
    skip();
    return true;
  }
}

const LITERALS: [string, Node['type'], unknown][] = [
  ['true', 'boolean', true],
  ['false', 'boolean', false],
  ['null', 'null', null],
  ['NaN', 'number', NaN],
  ['Infinity', 'number', Infinity],
  ['-Infinity', 'number', -Infinity],
];

/** Deepest bracket nesting outside strings (cheap pre-check before any recursive parser runs). */
export function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) {
        if (text.charCodeAt(i) === 92) i++;
        i++;
      }
    } else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}
