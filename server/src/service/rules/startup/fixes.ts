/** Quick fixes of the start-up family: a reserved_huge_pages size written without its B (`1G` → `1GB`). */
import type { Entry } from '../../model';
import { pyStrip } from '../../python/whitespace';
import type { Fix, FixInput, FixTable } from '../fix-types';
import { stringToBytes } from './huge-pages';
import type { StartupData } from './data';

/** `1G`, `2m`, `1Gi`, `2048k`: a number and a unit letter with no B, which string_to_bytes refuses. */
const MISSING_B = /^([-+]?\d*\.?\d+)([kKmMgGtT])(i?)$/;

/** The size the user meant, written the way oslo.utils reads it, or undefined when there is no clear reading. */
export function sizeWithUnit(size: string): string | undefined {
  const m = MISSING_B.exec(size);
  if (!m) return undefined;
  const fixed = `${m[1]}${m[2].toUpperCase()}${m[3]}B`;
  return stringToBytes(fixed) === undefined ? undefined : fixed;
}

/** Document offsets of the `size` value in a reserved_huge_pages entry (an entry without `$` substitution). */
export function sizeValueSpan(e: Entry): { start: number; end: number } | undefined {
  if (e.refs.length || e.raw.includes('$')) return undefined;
  let offset = 0;
  for (const piece of e.value.split(',')) {
    const colon = piece.indexOf(':');
    if (colon >= 0 && pyStrip(piece.slice(0, colon)) === 'size') {
      const raw = piece.slice(colon + 1);
      const lead = raw.length - raw.trimStart().length;
      const text = pyStrip(raw);
      const start = offset + colon + 1 + lead;
      return e.map.spanToDoc(start, start + text.length);
    }
    offset += piece.length + 1;
  }
  return undefined;
}

function hugePageSize(input: FixInput<NonNullable<StartupData['reserved-huge-pages-invalid']>>): Fix[] {
  const { start, end, text } = input.data;
  if (typeof start !== 'number' || typeof end !== 'number' || typeof text !== 'string') return [];
  return [{ title: `Write the page size as "${text}"`, edits: [{ start, end, text }], preferred: true }];
}

export const STARTUP_FIXES: FixTable<StartupData> = { 'reserved-huge-pages-invalid': hugePageSize };
