/**
 * The extension package as the Marketplace and Open VSX receive it: `vsce ls` (what `vsce package` and
 * `ovsx publish` pack) lists only what VS Code runs, and the manifest has the metadata both registries show.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers';
import { readmeImages } from './readme-images';

test('vsce ls lists only runtime files', () => {
  const out = execFileSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  const files = out.trim().split('\n').sort();
  // dist/nova-conf-language-server-lean (the npm package's POSIX launcher, 0.5 KB) comes along through
  // package.json `files`, which vsce reads as the npm package does; VS Code starts dist/server.js itself.
  for (const f of files) assert.match(f, /^(dist\/[\w.-]+\.(js|txt|json)|dist\/server\.payload|dist\/nova-conf-language-server-lean|dist\/web\/(server|client)\.js|syntaxes\/[\w.-]+\.json|schemas\/[\w.-]+\.json|language-configuration\.json|icon\.png|docs\/images\/[\w.-]+\.png|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/, `unexpected file in the .vsix: ${f}`);
  for (const f of ['dist/client.js', 'dist/server.js', 'dist/server.payload', 'dist/web/client.js', 'dist/web/server.js', 'dist/pciids.txt', 'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'icon.png']) assert.ok(files.includes(f), `missing ${f}`);
  // The README is the extension's Details page: every image it shows travels with it.
  const images = readmeImages();
  assert.ok(images.length >= 3, 'the README shows screenshots');
  for (const img of images) assert.ok(files.includes(img), `the README shows ${img}, which the .vsix lacks`);
});

test('the manifest carries what Open VSX and the Marketplace show', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  for (const key of ['name', 'displayName', 'description', 'version', 'publisher', 'license', 'icon', 'repository', 'bugs', 'homepage', 'categories', 'keywords', 'engines']) assert.ok(pkg[key], `package.json needs ${key}`);
  assert.match(String(pkg.version), /^\d+\.\d+\.\d+(-[\w.]+)?$/, 'a semantic version');
  assert.equal(pkg.preview, true, 'preview until 1.0');
  assert.ok(existsSync(join(ROOT, String(pkg.icon))));
  assert.ok((pkg.keywords as string[]).length <= 10, 'the Marketplace takes at most 10 keywords');
  const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
  assert.match(changelog, new RegExp(`^## ${String(pkg.version).replace(/\./g, '\\.')}\\b`, 'm'), 'CHANGELOG has an entry for the current version');
});
