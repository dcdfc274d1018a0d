/** Fixes of the alias family. */
import { objectProps } from '../../python/json';
import { jsonString, jsonValueAt } from '../edits';
import { addProperty, one, replaceNode } from '../json-fixes';
import { type Fix, type FixInput, str } from '../fix-types';
import type { AliasData } from './data';

export function aliasMismatchFixes(input: FixInput<AliasData['alias-duplicate-mismatch']>): Fix[] {
  const jv = jsonValueAt(input.doc, input.start);
  const field = str(input.data.fix);
  const value = str(input.data.value);
  if (!jv?.valid || !field || !value || (field !== 'device_type' && field !== 'numa_policy')) return [];
  const root = jv.root;
  if (!root || root.type !== 'object') return [];
  const existing = objectProps(root).get(field)?.children?.[1];
  const edit = existing ? replaceNode(input, jv, existing, jsonString(value)) : addProperty(input, jv, root, field, value);
  const title = existing ? `Set ${field} to ${jsonString(value)} to match the other definition` : `Add "${field}": ${jsonString(value)} to match the other definition`;
  // A missing device_type copied from the other definition is clearly right; which numa_policy was meant is not.
  return one(title, edit, field === 'device_type' && !existing);
}
