import type { CodeAction, CodeActionContext, Range } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { FeatureContext } from '../index';

export function doCodeActions(_doc: NovaConfDocument, _range: Range, _context: CodeActionContext, _ctx: FeatureContext): CodeAction[] {
  return [];
}
