import type { JsonTarget } from '../json-helpers';
import type { JsonReplacementData, JsonSuggestionData } from '../json-fixes';

/** What each alias finding carries in `data` (rules/types.ts DataMap); the fixes read the JSON ones. */
export type AliasData = {
  'alias-not-object': undefined;
  'alias-unknown-key': JsonSuggestionData & { key: string };
  'alias-bad-name': undefined;
  'alias-bad-id': { key: string; target: JsonTarget; replacement?: string };
  'alias-bad-device-type': JsonSuggestionData;
  'alias-bad-numa-policy': JsonSuggestionData;
  'alias-bad-capability-type': JsonReplacementData;
  'alias-field-not-string': JsonReplacementData & { key: string };
  'alias-bad-live-migratable': undefined;
  /** The fix sets this field of the named definition to the value the other definition has. */
  'alias-duplicate-mismatch': { fix: 'numa_policy' | 'device_type'; value?: string };
  'alias-duplicate-in-placement': undefined;
  'alias-missing-ids': undefined;
  'alias-matches-any-device': undefined;
  'alias-name-unusable': undefined;
};
