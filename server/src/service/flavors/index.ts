/** The flavor side of the language service: flavor documents, extra-spec checks, alias names across files. */
export { FLAVOR_EXTENSIONS, flavorFormat, mayHoldFlavors, parseFlavorDocument } from './document';
export type { FlavorFormat } from './document';
export type { FlavorDocument, FlavorSpec, FlavorSourceKind } from './model';
export { FlavorWorkspace, novaRole } from './workspace';
export type { AliasDefinition, AliasUsage, NovaRole } from './workspace';
export { flavorDiagnostics, aliasUsageDiagnostics } from './diagnostics';
export { aliasDefinition, aliasReferences, prepareAliasRename, renameAlias, flavorCompletion, flavorHover, describeValidator } from './features';
export { validateExtraSpec } from './validate';
export { FLAVOR_RULES, FLAVOR_RULE_MAP } from './rules';
