import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** An absolute POSIX path that pathToFileURL writes as it is: letters, digits, `/`, `.`, `_` and `-` only. */
const PLAIN = /^\/[A-Za-z0-9/._-]*$/;

/**
 * pathToFileURL(resolve(path)).href, the uri the CLI gives each file. A resolved POSIX path of the characters above
 * has nothing for pathToFileURL to escape (and path.resolve left no `.` or `..` segment and no `//` for the URL parser
 * to fold), so it is `file://` followed by the path; any other goes through node:url, whose escapes differ between
 * Node versions. A lint of such a path never runs node:url's functions (12 lazy compiles at every start: Round 20,
 * lint20, in docs/performance.md). test/cli/file-uri.test.ts compares the two over odd paths.
 */
export function fileUri(path: string): string {
  const absolute = resolve(path);
  return PLAIN.test(absolute) ? `file://${absolute}` : pathToFileURL(absolute).href;
}
