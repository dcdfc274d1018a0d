import type { Hover, Position } from 'vscode-languageserver-types';
import type { NovaConfDocument } from '../document';
import type { FeatureContext } from '../index';

export function doHover(_doc: NovaConfDocument, _position: Position, _ctx: FeatureContext): Hover | null {
  return null;
}
