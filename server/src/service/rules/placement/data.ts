import type { JsonTarget } from '../json-helpers';

/** What each placement finding carries in `data` for its fix (rules/types.ts DataMap). */
export type PlacementData = {
  'placement-devname': { target: JsonTarget };
  'placement-physnet-skipped': undefined;
};
