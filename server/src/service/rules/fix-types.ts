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

/** A finding's `data`: plain JSON (it travels to the client inside the Diagnostic and comes back with the code action request). */
export type FindingData = Record<string, unknown>;

export interface FixInput<T extends FindingData = FindingData> {
  doc: NovaConfDocument;
  /** The rule code of the finding being fixed, and its severity. */
  code: string;
  severity?: Severity;
  /**
   * The finding's data as the rule declared it (an empty object when it has none). Partial: it comes back
   * from the client, so a provider still checks what it reads (str(), strings(), readTarget()).
   */
  data: Partial<T>;
  /** Document offsets of the finding's span. */
  start: number;
  end: number;
  settings: Settings;
}

/** Builds the fixes of one finding. (Method syntax: a provider for a narrower data type fits the registry's table.) */
export type FixProvider<T extends FindingData = FindingData> = { provide(input: FixInput<T>): Fix[] }['provide'];

/** A family's fixes by rule code, each receiving that code's declared data type. */
export type FixTable<D extends { [code: string]: FindingData | undefined } = { [code: string]: FindingData | undefined }> = {
  readonly [C in keyof D]?: FixProvider<NonNullable<D[C]>>;
};

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string'))] : [];
}
