/** Fixes of the alias family. */
import { objectProps } from '../../python/json';
import { jsonString } from '../edits';
import { addProperty, nodeAtSpan, one, replaceNode } from '../json-fixes';
import { type Fix, type FixInput, str } from '../fix-types';

export function aliasMismatchFixes(input: FixInput): Fix[] {
  const hit = nodeAtSpan(input);
  const field = str(input.data.fix);
  const value = str(input.data.value);
  if (!hit || !field || !value || (field !== 'device_type' && field !== 'numa_policy')) return [];
  const root = hit.jv.root;
  if (!root || root.type !== 'object') return [];
  const existing = objectProps(root).get(field)?.children?.[1];
  const edit = existing ? replaceNode(input, hit.jv, existing, jsonString(value)) : addProperty(input, hit.jv, root, field, value);
  const title = existing ? `Set ${field} to ${jsonString(value)} to match the other definition` : `Add "${field}": ${jsonString(value)} to match the other definition`;
  // A missing device_type copied from the other definition is clearly right; which numa_policy was meant is not.
  return one(title, edit, field === 'device_type' && !existing);
}
