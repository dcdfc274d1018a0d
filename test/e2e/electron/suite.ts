/**
 * The @vscode/test-electron suite (extensionTestsPath): runs the same API checks as the code-server
 * test-runner extension inside a downloaded desktop VS Code, against the extension under development.
 * Writes the results to $E2E_RESULTS and fails when any check fails. Bundled by scripts/e2e/electron.ts.
 */
import * as vscode from 'vscode';
import { writeFileSync } from 'node:fs';
import { runChecks } from '../vscode-runner/src/checks';

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('open the e2e workspace folder (launchArgs)');
  const results = await runChecks(folder.uri, (s) => console.log(s));
  if (process.env.E2E_RESULTS) writeFileSync(process.env.E2E_RESULTS, JSON.stringify({ vscodeVersion: vscode.version, results }, null, 2));
  const failed = results.filter((r) => !r.ok);
  if (failed.length) throw new Error(`${failed.length} check(s) failed: ${failed.map((r) => r.name).join(', ')}`);
}
