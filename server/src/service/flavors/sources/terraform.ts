/**
 * A small reader of Terraform's `openstack_compute_flavor_v2` resources: only the
 * `extra_specs = { … }` map (and the `name` attribute), with exact positions. Not a
 * full HCL parser: it tokenises enough of HCL's native syntax (comments, quoted
 * strings with escapes and `${…}`/`%{…}` templates, heredocs, brackets) to find
 * the map, and treats anything that is not a plain literal as templated.
 * No npm HCL parser keeps source positions (the ones published wrap Go code that
 * turns HCL into JSON), hence this reader.
 */
import { FlavorSpec } from '../model';
import { lazyRegExp } from '../../lazy-regexp';

export interface Tok {
  t: 'ident' | 'string' | 'number' | 'punct' | 'newline' | 'other';
  /** Identifier or punctuation text; a string's decoded value. */
  v: string;
  start: number;
  end: number;
  /** Strings: document offset of each value character (one more at the end), when one to one. */
  offsets?: number[];
  /** Strings: contains an interpolation or directive. */
  templated?: boolean;
}

const IDENT_START = lazyRegExp(() => /[\p{L}_]/u);
const IDENT = lazyRegExp(() => /[\p{L}\p{N}_-]/u);

export function tokenizeHcl(text: string, from = 0, to = text.length): Tok[] {
  const toks: Tok[] = [];
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === '\n') {
      toks.push({ t: 'newline', v: '\n', start: i, end: i + 1 });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < to && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? to : e + 2;
    } else if (c === '"') {
      const s = readString(text, i, to);
      toks.push(s);
      i = s.end;
    } else if (c === '<' && text[i + 1] === '<') {
      // heredoc: <<EOT or <<-EOT … EOT on a line of its own
      const m = /^<<-?([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/.exec(text.slice(i, Math.min(to, i + 200)));
      if (!m) {
        toks.push({ t: 'punct', v: '<', start: i, end: i + 1 });
        i++;
        continue;
      }
      const re = new RegExp(`^[ \\t]*${m[1]}[ \\t]*$`, 'm');
      const bodyStart = i + m[0].length;
      const rest = text.slice(bodyStart, to);
      const em = re.exec(rest);
      const end = em ? bodyStart + em.index + em[0].length : to;
      toks.push({ t: 'other', v: text.slice(i, end), start: i, end, templated: true });
      i = end;
    } else if (/[0-9]/.test(c)) {
      let j = i;
      while (j < to && /[0-9.eE+-]/.test(text[j])) j++;
      toks.push({ t: 'number', v: text.slice(i, j), start: i, end: j });
      i = j;
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < to && IDENT.test(text[j])) j++;
      toks.push({ t: 'ident', v: text.slice(i, j), start: i, end: j });
      i = j;
    } else {
      toks.push({ t: 'punct', v: c, start: i, end: i + 1 });
      i++;
    }
  }
  return toks;
}

function readString(text: string, start: number, to: number): Tok {
  let i = start + 1;
  let v = '';
  const offsets: number[] = [];
  let exact = true;
  let templated = false;
  while (i < to && text[i] !== '"' && text[i] !== '\n') {
    const c = text[i];
    if (c === '\\') {
      const n = text[i + 1];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
      if (n in simple) {
        v += simple[n];
        offsets.push(i);
        exact = false;
        i += 2;
        continue;
      }
      const m = /^u([0-9a-fA-F]{4})|^U([0-9a-fA-F]{8})/.exec(text.slice(i + 1, i + 10));
      if (m) {
        v += String.fromCodePoint(parseInt(m[1] ?? m[2], 16));
        offsets.push(i);
        exact = false;
        i += 1 + m[0].length;
        continue;
      }
      v += c;
      offsets.push(i);
      i++;
      continue;
    }
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      // `$${` / `%%{` is a literal `${` / `%{`
      v += `${c}{`;
      offsets.push(i, i + 2);
      exact = false;
      i += 3;
      continue;
    }
    if ((c === '$' || c === '%') && text[i + 1] === '{') {
      templated = true;
      let depth = 0;
      const s = i;
      while (i < to) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}' && --depth === 0) break;
        else if (text[i] === '\n') break;
        i++;
      }
      i = Math.min(i + 1, to);
      v += text.slice(s, i);
      for (let k = s; k < i; k++) offsets.push(k);
      continue;
    }
    v += c;
    offsets.push(i);
    i++;
  }
  offsets.push(i);
  const end = i < to && text[i] === '"' ? i + 1 : i;
  return { t: 'string', v, start, end, offsets: exact ? offsets : undefined, templated };
}

/** Index of the token that closes the bracket opened at `open`, or toks.length. */
function closing(toks: Tok[], open: number): number {
  const pairs: Record<string, string> = { '{': '}', '[': ']', '(': ')' };
  const stack: string[] = [];
  for (let i = open; i < toks.length; i++) {
    const t = toks[i];
    if (t.t !== 'punct') continue;
    if (t.v in pairs) stack.push(pairs[t.v]);
    else if (stack.length && t.v === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return toks.length;
}

export function extractTerraform(text: string, from = 0, to = text.length): FlavorSpec[] {
  const out: FlavorSpec[] = [];
  if (!text.slice(from, to).includes('openstack_compute_flavor_v2')) return out;
  const toks = tokenizeHcl(text, from, to);
  for (let i = 0; i + 3 < toks.length; i++) {
    const [a, b, c, d] = [toks[i], toks[i + 1], toks[i + 2], toks[i + 3]];
    if (!(a.t === 'ident' && a.v === 'resource' && b.t === 'string' && b.v === 'openstack_compute_flavor_v2' && c.t === 'string' && d.t === 'punct' && d.v === '{')) continue;
    const end = closing(toks, i + 3);
    const body = readBody(toks, i + 4, end);
    const nameTok = body.get('name');
    const flavor = nameTok && nameTok.t === 'string' && !nameTok.templated ? nameTok.v : c.v;
    const es = body.get('extra_specs');
    if (es && es.t === 'punct' && es.v === '{') {
      const open = toks.indexOf(es);
      readMap(toks, open, closing(toks, open), flavor, out);
    }
    i = end;
  }
  return out;
}

/** Top-level attributes of a block body: name -> first token of the value. */
function readBody(toks: Tok[], from: number, to: number): Map<string, Tok> {
  const attrs = new Map<string, Tok>();
  let i = from;
  while (i < to) {
    const t = toks[i];
    if (t.t === 'ident' && toks[i + 1]?.t === 'punct' && toks[i + 1].v === '=' && toks[i + 2] && i + 2 < to) {
      attrs.set(t.v, toks[i + 2]);
      i += 2;
    }
    const x = toks[i];
    if (x.t === 'punct' && (x.v === '{' || x.v === '[' || x.v === '(')) i = closing(toks, i) + 1;
    else i++;
  }
  return attrs;
}

/** Entries `key = value` or `key: value` of an object constructor between toks[open] `{` and toks[close] `}`. */
function readMap(toks: Tok[], open: number, close: number, flavor: string, out: FlavorSpec[]): void {
  let i = open + 1;
  while (i < close) {
    const k = toks[i];
    if (k.t === 'newline' || (k.t === 'punct' && k.v === ',')) {
      i++;
      continue;
    }
    const sep = toks[i + 1];
    if ((k.t === 'string' || k.t === 'ident') && sep && sep.t === 'punct' && (sep.v === '=' || sep.v === ':') && i + 2 < close) {
      const v = toks[i + 2];
      // the value runs to the next newline or comma at this level
      let j = i + 2;
      while (j < close && toks[j].t !== 'newline' && !(toks[j].t === 'punct' && toks[j].v === ',')) {
        if (toks[j].t === 'punct' && '{[('.includes(toks[j].v)) j = closing(toks, j);
        j++;
      }
      const simple = j === i + 3 && (v.t === 'string' || v.t === 'number');
      const keyStart = k.t === 'string' ? k.start + 1 : k.start;
      const keyEnd = k.t === 'string' ? keyStart + (k.offsets ? k.v.length : k.end - k.start - 2) : k.end;
      if (simple) {
        const valueStart = v.t === 'string' ? v.start + 1 : v.start;
        out.push({
          kind: 'terraform', flavor, key: k.v, keyStart, keyEnd,
          value: v.v, valueStart, valueEnd: v.t === 'string' ? Math.max(valueStart, v.end - 1) : v.end,
          valueOffsets: v.t === 'string' ? v.offsets : Array.from({ length: v.v.length + 1 }, (_, n) => v.start + n),
          templated: Boolean(k.templated || v.templated || (k.t === 'ident' && false)),
        });
      } else {
        out.push({ kind: 'terraform', flavor, key: k.v, keyStart, keyEnd, value: '', valueStart: v.start, valueEnd: toks[Math.max(i + 2, j - 1)].end, templated: true });
      }
      i = j;
      continue;
    }
    // something this reader does not understand: skip to the next line
    while (i < close && toks[i].t !== 'newline') i++;
  }
}
