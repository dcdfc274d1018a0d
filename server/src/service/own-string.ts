/**
 * A copy of a string that does not keep the text it was cut from alive. V8 represents a slice of 13 or more
 * characters as a view into its parent string: a key or value sliced from a document and kept in a cache shared
 * across documents would keep that whole document text in memory after the document is closed. Caches that
 * outlive a document (option resolutions, the options rule's per-entry findings) store copies made with this.
 */
export function ownString(s: string): string {
  // Shorter slices are copies already. Otherwise: concatenating makes a rope, and slicing a rope first
  // flattens it into a new string, so the result is a view into that new string only.
  return !copies || s.length < 13 ? s : (s + ' ').slice(0, -1);
}

let copies = true;

/**
 * For a process that reads its documents once and exits with all of them still in memory (the CLI): a
 * cache entry keeping a document alive costs nothing there, so ownString returns its argument (on the full
 * config the copies were ~2% of a run's instructions).
 */
export function keepSlices(): void {
  copies = false;
}
