/**
 * Quick fixes as plain offset edits over the document text. Each fix family
 * builds them from a finding's `data` and the parsed document (never from
 * message text); features/actions.ts turns them into LSP code actions and
 * fix-all.ts applies the preferred ones.
 */
import type { NovaConfDocument } from '../document';
import type { Settings } from '../settings';
import type { Severity } from '../model';

/** Replace document text [start, end) with `text` (an insertion when start === end). */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  title: string;
  edits: OffsetEdit[];
  /** The one fix that is clearly right for this diagnostic; fix-all applies only these. */
  preferred: boolean;
  /** Suppression comments are not fixes of the problem itself. */
  kind?: 'fix' | 'disable';
  /** For suppression comments: what they cover. */
  scope?: 'line' | 'file';
}

export interface FixInput {
  doc: NovaConfDocument;
  /** The rule code of the finding being fixed, and its severity. */
  code: string;
  severity?: Severity;
  /** The finding's data (an empty object when it has none). */
  data: Record<string, unknown>;
  /** Document offsets of the finding's span. */
  start: number;
  end: number;
  settings: Settings;
}

export type FixProvider = (input: FixInput) => Fix[];

/** A family's fixes by rule code. */
export type FixTable = Readonly<Record<string, FixProvider>>;

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string'))] : [];
}
