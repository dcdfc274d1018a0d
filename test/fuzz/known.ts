/**
 * Bugs found by fuzzing and reported, not yet fixed in the service. The random
 * properties skip documents that match one, so a campaign keeps looking for new
 * bugs; each has a `todo` regression test with its minimal input (test/fuzz/property.test.ts).
 * Remove an entry when its bug is fixed. Fixed so far: bug 1 (lone quote on a CRLF line),
 * bug 2 (deep JSON nesting overflowed the stack), bug 3 (BOM fix on a later line),
 * bug 4 (quadratic hex parsing of huge ids), bug 5 (no size cap: a 50 MB file took 2.4 GB).
 */
export interface KnownBug {
  id: string;
  matches: (text: string) => boolean;
}

export const KNOWN_BUGS: KnownBug[] = [];
