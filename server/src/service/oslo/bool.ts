/**
 * Booleans in the oslo libraries: oslo.utils strutils.bool_from_string (strict
 * and lenient, what Nova applies to device_spec/alias strings) and oslo.config's
 * BoolOpt word set.
 */
import { pyStrip } from '../python/whitespace';

const STRICT_TRUE = ['1', 't', 'true', 'on', 'y', 'yes'];
const STRICT_FALSE = ['0', 'f', 'false', 'off', 'n', 'no'];

/** oslo.utils strutils.bool_from_string(strict=True) on str(value): true, false, or undefined (error). */
export function strictBool(s: string): boolean | undefined {
  const v = pyStrip(s).toLowerCase();
  if (STRICT_TRUE.includes(v)) return true;
  if (STRICT_FALSE.includes(v)) return false;
  return undefined;
}

/** The same set without strict: anything unknown is false. */
export function lenientBool(s: string): boolean {
  return strictBool(s) === true;
}

/** oslo.config types.Boolean: true/false/yes/no/on/off/1/0, any case (no t/f/y/n). */
export function osloBool(s: string): boolean | undefined {
  const v = s.toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(v)) return true;
  if (['false', 'no', 'off', '0'].includes(v)) return false;
  return undefined;
}

export const STRICT_BOOL_WORDS = [...STRICT_TRUE, ...STRICT_FALSE];
