/**
 * Types shared across the service's layers. Features receive a FeatureContext
 * from the service factory (index.ts) instead of importing it, so no feature
 * module depends on index.ts.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { NovaConfDocument } from './document';
import type { PciIdDatabase } from './catalog/pciids';
import type { Settings } from './settings';

/** What every feature (completion, hover, code actions) may use besides the document and the position. */
export interface FeatureContext {
  settings: Settings;
  pciIds: () => PciIdDatabase;
  /** The (cached) diagnostics of a document under the current settings. */
  diagnostics: (doc: NovaConfDocument) => Diagnostic[];
}
