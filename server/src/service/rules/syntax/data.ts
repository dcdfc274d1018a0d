/** What each syntax finding carries in `data` for its fix (rules/types.ts DataMap). */
export type SyntaxData = {
  'ini-no-separator': { bom: true } | undefined;
  'ini-empty-key': undefined;
  'ini-section-not-closed': undefined;
  'ini-empty-section': undefined;
  'ini-no-section': undefined;
  'ini-unexpected-continuation': undefined;
  'ini-bom': { bom: true };
  /** The JSON error (python/json.ts): its kind, the replacement text it suggests, its offsets in the value. */
  'json-invalid': { kind?: string; replacement?: string; valueStart?: number; valueEnd?: number; option: 'device_spec' | 'alias' };
  'file-not-utf8': { byte: number };
  'document-too-large': undefined;
  'unknown-substitution': { name: string };
  'substitution-default-group': { replacement?: string };
  'substitution-loop': undefined;
};

/** The codes oslo/ini.ts reports as parse problems. */
export type IniProblemCode = 'ini-no-separator' | 'ini-empty-key' | 'ini-section-not-closed' | 'ini-empty-section' | 'ini-no-section' | 'ini-unexpected-continuation' | 'ini-bom';
