/**
 * Test-runner extension for the code-server workbench e2e: active only when E2E_OUT is set (code-server
 * passes its environment to the extension host). Runs the checks once, then writes the verdict JSON.
 * Bundled by scripts/e2e/workbench.ts with esbuild into the throw-away extensions dir; never shipped.
 */
import * as vscode from 'vscode';
import { writeFileSync, renameSync } from 'node:fs';
import { CheckResult, runChecks } from './checks';

const RUN_TIMEOUT_MS = 150_000;

export async function activate(): Promise<void> {
  const out = process.env.E2E_OUT;
  if (!out) return;
  const folder = vscode.workspace.workspaceFolders?.[0];
  const lines: string[] = [];
  const t0 = Date.now();
  let results: CheckResult[] = [];
  let error: string | undefined;
  try {
    if (!folder) throw new Error('no workspace folder open');
    results = await Promise.race([
      runChecks(folder.uri, (s) => lines.push(s)),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`checks did not finish within ${RUN_TIMEOUT_MS / 1000} s`)), RUN_TIMEOUT_MS)),
    ]);
  } catch (e) {
    error = e instanceof Error ? e.stack ?? e.message : String(e);
  }
  const verdict = { vscodeVersion: vscode.version, appName: vscode.env.appName, ms: Date.now() - t0, error, results, log: lines };
  writeFileSync(`${out}.tmp`, JSON.stringify(verdict, null, 2));
  renameSync(`${out}.tmp`, out);
}

export function deactivate(): void {}
