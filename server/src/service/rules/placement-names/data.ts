import type { JsonReplacementData } from '../json-fixes';

/** What each Placement-name finding carries in `data` for its fix (rules/types.ts DataMap). */
export type PlacementNamesData = {
  'traits-whitespace': JsonReplacementData;
  'placement-name-invalid': JsonReplacementData;
};
