import type { CompletionList, Position } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { FeatureContext } from '../index';

export function doCompletion(_doc: NovaConfDocument, _position: Position, _ctx: FeatureContext): CompletionList {
  return { isIncomplete: false, items: [] };
}
