/** Helpers for the YAML tests: the YAML features over a fresh service, fixtures, and applying edits. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service/index';
import type { Release } from '../../server/src/service/releases';
import { createYamlFeatures } from '../../server/src/service/sources/yaml/service';
import { ROOT } from '../helpers';

export function fixture(name: string): string {
  return readFileSync(join(ROOT, 'test', 'fixtures', 'yaml', name), 'utf8');
}

export function yamlService(release?: Release) {
  return createYamlFeatures(createLanguageService({ settings: release ? { release } : {} }));
}

let n = 0;
export function yamlLint(text: string, release?: Release): Diagnostic[] {
  const y = yamlService(release);
  return y.diagnostics(y.parse(text, `file:///t/${n++}.yaml`, 1));
}

/** The text a diagnostic's range covers, and the 1-based line/column a person sees. */
export function at(text: string, d: Diagnostic): { text: string; line: number; column: number } {
  const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
  return { text: doc.getText(d.range), line: d.range.start.line + 1, column: d.range.start.character + 1 };
}

export function applyAction(text: string, uri: string, a: CodeAction): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), a.edit!.changes![uri]);
}

/** 1-based line and column of the first occurrence of `needle` after `after`. */
export function find(text: string, needle: string, after = ''): { line: number; column: number } {
  const i = text.indexOf(needle, after ? text.indexOf(after) : 0);
  if (i < 0) throw new Error(`no ${needle}`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
