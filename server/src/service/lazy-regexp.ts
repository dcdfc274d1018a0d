/**
 * A regular expression made the first time it is used. V8 parses a regular expression literal when the line
 * creating it runs, and a `\p{…}` class makes it build the Unicode set then (ICU): a module-level constant with
 * one costs every process at start-up, whether the check that needs it runs or not.
 */
export interface LazyRegExp {
  test(s: string): boolean;
  exec(s: string): RegExpExecArray | null;
}

/** `make` must return a new non-global, non-sticky expression (no `lastIndex` state is shared). */
export function lazyRegExp(make: () => RegExp): LazyRegExp {
  let re: RegExp | undefined;
  return {
    test: (s) => (re ??= make()).test(s),
    exec: (s) => (re ??= make()).exec(s),
  };
}
