/**
 * The semantic-token legend (standard token types and modifiers only), on its own so that the server's capabilities
 * (capabilities.ts) can name it without the token encoder and the catalogue it reads (semantic-tokens.ts).
 */
import type { SemanticTokensLegend } from 'vscode-languageserver-types';

export const TOKEN_TYPES = ['namespace', 'property', 'variable'] as const;
export const TOKEN_MODIFIERS = ['deprecated', 'defaultLibrary'] as const;
export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };
