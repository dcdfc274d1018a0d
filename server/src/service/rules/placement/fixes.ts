/** Fixes of the placement family. */
import { one, targetNode, removeProperty } from '../json-fixes';
import type { Fix, FixInput } from '../fix-types';
import type { PlacementData } from './data';

export function placementDevnameFixes(input: FixInput<PlacementData['placement-devname']>): Fix[] {
  const hit = targetNode(input);
  const prop = hit?.node.parent;
  if (!hit || !prop || prop.type !== 'property' || prop.children?.[0]?.value !== 'devname') return [];
  // Not preferred: without devname the entry selects other devices until an address is added.
  return one('Remove "devname" (with report_in_placement, select the device by "address" instead)', removeProperty(input, hit.jv, prop), false);
}
