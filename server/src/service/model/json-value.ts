/**
 * One device_spec/alias option line read as Nova's json.loads reads it. A valid value keeps only its Python model
 * (model/py.ts: compact, no positions tree); jsonc-parser's tree, which hover, completion, fixes and the host and
 * template code walk, is read again when asked for (`root`) and a few recent trees are kept. An invalid value keeps
 * its tolerant tree and its first syntax error (what Python reports).
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Entry, JsonKind, JsonValue, Problem } from '../model';
import { parsePythonJson } from '../python/json';
import { type PyValue, fromJsonNode, readPyValue } from './py';
import { valueLinesIn } from '../oslo/ini';
import { pyIsSpace } from '../python/whitespace';

/** Whether no JSON token can continue past `end` in `doc` (its end, whitespace, a line break or a quote follows). */
function endsToken(doc: string, end: number): boolean {
  if (end >= doc.length) return end === doc.length;
  const c = doc.charCodeAt(end);
  return pyIsSpace(c) || c === 34 || c === 39;
}

/**
 * Trees read on demand: the value under the cursor, the values one fix or one hover looks at. The last RECENT
 * values read keep their tree, and hold their value only weakly: a value holds its entry and so the whole
 * document text, which must not outlive the closed document (test/rules/memo-retention.test.ts).
 */
const trees = new WeakMap<OptionJson, JsonNode | undefined>();
/** The values whose tree is kept, most recent last. */
const recent: WeakRef<OptionJson>[] = [];
const RECENT = 32;

abstract class OptionJson implements JsonValue {
  // Plain assignments in the constructor (`declare`: no class-field definitions per value; a big file has tens of
  // thousands) and one slot for what only an invalid value has. The kind is the class's (no field per value).
  declare readonly entry: Entry;
  declare py: PyValue | undefined;
  /** Only for an invalid value: its tolerant tree and its first error. */
  declare private refused: { tree: JsonNode | undefined; error: Problem } | undefined;

  constructor(entry: Entry) {
    this.entry = entry;
    this.py = undefined;
    this.refused = undefined;
  }

  abstract get kind(): JsonKind;

  get valid(): boolean {
    return this.refused === undefined;
  }

  get error(): Problem | undefined {
    return this.refused?.error;
  }

  get root(): JsonNode | undefined {
    if (this.refused) return this.refused.tree;
    if (trees.has(this)) {
      const i = recent.findIndex((r) => r.deref() === this);
      if (i >= 0 && i < recent.length - 1) recent.push(...recent.splice(i, 1));
      return trees.get(this);
    }
    const root = parsePythonJson(this.entry.value).root;
    trees.set(this, root);
    recent.push(new WeakRef(this));
    if (recent.length > RECENT) {
      const oldest = recent.shift()!.deref();
      if (oldest) trees.delete(oldest);
    }
    return root;
  }

  /** Sets the invalid value's tree and first error. */
  refuse(tree: JsonNode | undefined, error: Problem): void {
    this.refused = { tree, error };
  }
}

class DeviceSpecJson extends OptionJson {
  get kind(): JsonKind {
    return 'device_spec';
  }
}

class AliasJson extends OptionJson {
  get kind(): JsonKind {
    return 'alias';
  }
}

/**
 * Reads an entry's effective value (`entry.value`) as JSON with Python's semantics. `doc`, when given, is the text
 * the entry was parsed from: the value is then read in place there when it can be (readPyValue's `lines`), without
 * joining the lines of a value of several lines.
 */
export function readJsonValue(entry: Entry, kind: JsonKind, doc?: string): JsonValue {
  const jv = kind === 'device_spec' ? new DeviceSpecJson(entry) : new AliasJson(entry);
  const lines = doc === undefined ? undefined : valueLinesIn(entry);
  const py = doc !== undefined && lines && endsToken(doc, lines[lines.length - 1]) ? readPyValue(doc, lines) : readPyValue(entry.value);
  if (py) {
    jv.py = py;
    return jv;
  }
  // The fast reader stops at the first deviation; the tolerant parser says what the deviation is.
  const text = entry.value;
  const parsed = parsePythonJson(text);
  if (parsed.errors.length === 0) {
    // Nothing wrong after all (the readers differ on some edge): the tolerant tree is the model's source.
    if (parsed.root) jv.py = fromJsonNode(parsed.root, text);
    return jv;
  }
  const err = parsed.errors[0];
  jv.refuse(parsed.root, { code: 'json', message: err.message, span: entry.map.spanToDoc(err.start, err.end), data: { kind: err.kind, replacement: err.replacement, valueStart: err.start, valueEnd: err.end } });
  return jv;
}
