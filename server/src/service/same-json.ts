/**
 * Deep equality of JSON values (strings, numbers, booleans, null, arrays, plain objects), as a diagnostic's fields and
 * `data` hold them. Own keys are counted and compared without Object.keys arrays: a keystroke compares each version's
 * diagnostics with the version before (workspace/result-ids.ts, features/diagnostics.ts), so this runs on every
 * diagnostic of every version.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    if (!Object.prototype.hasOwnProperty.call(ra, k)) continue;
    n++;
    if (!Object.prototype.hasOwnProperty.call(rb, k) || !sameJson(ra[k], rb[k])) return false;
  }
  for (const k in rb) if (Object.prototype.hasOwnProperty.call(rb, k)) n--;
  return n === 0;
}
