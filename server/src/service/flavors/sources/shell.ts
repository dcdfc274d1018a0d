/**
 * `openstack flavor create|set … --property KEY=VALUE` command lines in shell text,
 * read with POSIX shell quoting (single quotes, double quotes with `\` escapes,
 * backslash escapes and line continuations), with the document offset of every
 * character of each word. A word built with `$…` or backticks is templated.
 */
import { FlavorSpec } from '../model';

export interface Word {
  text: string;
  /** Document offset of each character of `text`, plus one past the end. */
  offsets: number[];
  start: number;
  end: number;
  expands: boolean;
}

/** Splits [from, to) into commands (arrays of words); operators and newlines end a command. */
export function shellCommands(src: string, from = 0, to = src.length): Word[][] {
  const commands: Word[][] = [];
  let cmd: Word[] = [];
  let w: Word | undefined;
  const endWord = () => {
    if (w) {
      w.offsets.push(w.end);
      cmd.push(w);
      w = undefined;
    }
  };
  const endCmd = () => {
    endWord();
    if (cmd.length) commands.push(cmd);
    cmd = [];
  };
  const add = (ch: string, at: number, next: number) => {
    w ??= { text: '', offsets: [], start: at, end: at, expands: false };
    w.text += ch;
    w.offsets.push(at);
    w.end = next;
  };
  let i = from;
  while (i < to) {
    const c = src[i];
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\r' && src[i + 2] === '\n') {
      i += 3;
      continue;
    }
    if (c === '\n') {
      endCmd();
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    if (c === '#' && !w) {
      while (i < to && src[i] !== '\n') i++;
      continue;
    }
    if (';&|()<>'.includes(c)) {
      endCmd();
      i++;
      continue;
    }
    if (c === '\\') {
      if (i + 1 < to) add(src[i + 1], i + 1, i + 2);
      i += 2;
      continue;
    }
    if (c === "'") {
      w ??= { text: '', offsets: [], start: i, end: i, expands: false };
      let j = i + 1;
      while (j < to && src[j] !== "'") {
        add(src[j], j, j + 1);
        j++;
      }
      w.end = Math.min(j + 1, to);
      i = j + 1;
      continue;
    }
    if (c === '"') {
      w ??= { text: '', offsets: [], start: i, end: i, expands: false };
      let j = i + 1;
      while (j < to && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < to && '$`"\\\n'.includes(src[j + 1])) {
          if (src[j + 1] !== '\n') add(src[j + 1], j + 1, j + 2);
          j += 2;
          continue;
        }
        if (src[j] === '$' || src[j] === '`') w.expands = true;
        add(src[j], j, j + 1);
        j++;
      }
      w.end = Math.min(j + 1, to);
      i = j + 1;
      continue;
    }
    if (c === '$' || c === '`') {
      add(c, i, i + 1);
      if (w) w.expands = true;
      i++;
      continue;
    }
    add(c, i, i + 1);
    i++;
  }
  endCmd();
  return commands;
}

/** The `--property K=V` specs of every `openstack flavor create|set` command in [from, to). */
export function extractShell(src: string, from = 0, to = src.length, kind: 'shell' | 'markdown' = 'shell'): FlavorSpec[] {
  const out: FlavorSpec[] = [];
  if (!/openstack[\s\S]*flavor/.test(src.slice(from, to))) return out;
  for (const cmd of shellCommands(src, from, to)) {
    const at = cmd.findIndex((w, i) => /(^|\/)openstack$/.test(w.text) && cmd[i + 1]?.text === 'flavor' && ['create', 'set'].includes(cmd[i + 2]?.text ?? ''));
    if (at < 0) continue;
    let flavor: string | undefined;
    for (let i = at + 3; i < cmd.length; i++) {
      const t = cmd[i].text;
      if (!t.startsWith('-') && !isOptionValue(cmd, i)) flavor = t;
    }
    for (let i = at + 3; i < cmd.length; i++) {
      const w = cmd[i];
      let prop: Word | undefined;
      let skip = 0;
      if (w.text === '--property') {
        prop = cmd[i + 1];
        skip = 1;
      } else if (w.text.startsWith('--property=')) {
        const n = '--property='.length;
        prop = { ...w, text: w.text.slice(n), offsets: w.offsets.slice(n) };
      }
      i += skip;
      if (!prop) continue;
      const eq = prop.text.indexOf('=');
      if (eq < 0) continue;
      const key = prop.text.slice(0, eq);
      const value = prop.text.slice(eq + 1);
      const o = prop.offsets;
      const vo = o.slice(eq + 1, eq + 1 + value.length);
      vo.push(value.length ? o[eq + value.length] + 1 : o[eq] + 1);
      out.push({
        kind, flavor, key, keyStart: o[0], keyEnd: eq > 0 ? o[eq - 1] + 1 : o[0],
        value, valueStart: vo[0], valueEnd: vo[value.length],
        valueOffsets: vo,
        templated: prop.expands,
      });
    }
  }
  return out;
}

// Options of `openstack flavor create|set` that take a value (so the word after them is not the flavor name).
const VALUED = new Set(['--id', '--ram', '--disk', '--ephemeral', '--swap', '--vcpus', '--rxtx-factor', '--project', '--project-domain', '--description', '--property', '--no-property', '--format', '-f', '-c', '--column', '--os-cloud', '--os-compute-api-version', '--max-width', '--prefix']);
function isOptionValue(cmd: Word[], i: number): boolean {
  const prev = cmd[i - 1]?.text ?? '';
  return VALUED.has(prev);
}
