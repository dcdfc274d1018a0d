/** The images README.md shows, as package-relative paths (checked to be relative and to exist). */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';

export function readmeImages(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const paths = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  for (const p of paths) {
    assert.doesNotMatch(p, /^[a-z]+:|^\/|\.\./i, `README image ${p} should be a path inside the package`);
    assert.ok(existsSync(join(ROOT, p)), `README image ${p} does not exist`);
  }
  return paths;
}
