/**
 * Quick fixes as plain offset edits over the document text. Each fix family
 * builds them from a diagnostic's `data` and the parsed document (never from
 * message text); features/actions.ts turns them into LSP code actions and
 * fix-all.ts applies the preferred ones.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { Settings } from '../settings';

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
  diagnostic: Diagnostic;
  /** diagnostic.data, checked to be an object. */
  data: Record<string, unknown>;
  /** Document offsets of the diagnostic range. */
  start: number;
  end: number;
  settings: Settings;
}

export type FixProvider = (input: FixInput) => Fix[];

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string'))] : [];
}
