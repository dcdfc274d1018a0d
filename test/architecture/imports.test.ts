/**
 * The service's layering, checked on its source: no import circle anywhere in
 * server/src/service, no file system or LSP connection in the pure service, and
 * hover and completion share documentation only through describe/.
 */
import { strict as assert } from 'node:assert';
import test from 'node:test';
import { cycles, importGraph, sourceFiles, specifiers, SERVICE } from './import-graph';
import { relative } from 'node:path';

const graph = importGraph();

test('the import graph is read from the source (index.ts reaches the document and the rules)', () => {
  assert.ok(graph.size > 30, `only ${graph.size} files found`);
  assert.ok(graph.get('index.ts')?.includes('document.ts'));
  assert.ok(graph.get('features/diagnostics.ts')?.includes('rules/registry.ts'));
});

test('the circle finder finds a circle when there is one', () => {
  const g = new Map([
    ['a.ts', ['b.ts']],
    ['b.ts', ['c.ts']],
    ['c.ts', ['a.ts']],
    ['d.ts', ['a.ts']],
  ]);
  assert.deepEqual(cycles(g), [['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  assert.deepEqual(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', []]])), []);
});

test('no import circle in server/src/service', () => {
  assert.deepEqual(cycles(graph).map((c) => c.join(' -> ')), []);
});

test('the service is pure: no file system, process, LSP connection or editor API', () => {
  const forbidden = /^(node:)?(fs|fs\/promises|child_process|net|http|https|worker_threads)$|^vscode$|^vscode-languageserver(\/node)?$|^vscode-jsonrpc/;
  const found = sourceFiles().flatMap((f) => specifiers(f).filter((s) => forbidden.test(s)).map((s) => `${relative(SERVICE, f)}: ${s}`));
  assert.deepEqual(found, []);
});

test('hover and completion share nothing but describe/ (neither imports the other)', () => {
  assert.ok(!graph.get('features/completion.ts')?.includes('features/hover.ts'));
  assert.ok(!graph.get('features/hover.ts')?.includes('features/completion.ts'));
  assert.ok(graph.get('features/completion.ts')?.some((d) => d.startsWith('describe/')));
  assert.ok(graph.get('features/hover.ts')?.some((d) => d.startsWith('describe/')));
});

test('no feature imports the service factory (features get a FeatureContext from types.ts)', () => {
  const up = [...graph].filter(([f, ds]) => f.startsWith('features/') && ds.includes('index.ts')).map(([f]) => f);
  assert.deepEqual(up, []);
});

test('rules never depend on features (fixes and their verification work on findings, not on LSP diagnostics)', () => {
  const up = [...graph].filter(([f, ds]) => f.startsWith('rules/') && ds.some((d) => d.startsWith('features/'))).map(([f]) => f);
  assert.deepEqual(up, []);
  const lsp = sourceFiles()
    .filter((f) => /\/rules\/|\/fix-all\.ts$/.test(f))
    .filter((f) => specifiers(f).some((s) => s.startsWith('vscode-languageserver')))
    .map((f) => relative(SERVICE, f));
  assert.deepEqual(lsp, []);
});

test('each rule family with quick fixes keeps them in its own folder', () => {
  const fixFiles = sourceFiles().map((f) => relative(SERVICE, f)).filter((f) => /(^|\/)fixes\.ts$/.test(f) && f !== 'rules/fixes.ts');
  assert.ok(fixFiles.length >= 5, fixFiles.join(', '));
  for (const f of fixFiles) assert.match(f, /^rules\/[a-z-]+\/fixes\.ts$/);
  assert.ok(!sourceFiles().some((f) => relative(SERVICE, f).startsWith('fixes/')), 'no parallel fixes/ tree');
});
