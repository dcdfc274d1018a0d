/**
 * The @vscode/test-electron suite: the API checks of test/e2e/vscode-runner in a downloaded desktop VS Code.
 * On machines that cannot download VS Code (or without @vscode/test-electron installed) this prints
 * `skipped: <reason>` and exits 0: the code-server workbench test (workbench.ts) covers VS Code there.
 *
 * Usage: node --import tsx scripts/e2e/electron.ts   (VSCODE_VERSION=1.100.3 by default)
 */
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { E2E, ROOT, SERVER_JS, Tally, ensureDir } from './lib';

interface TestElectron {
  downloadAndUnzipVSCode(version?: string): Promise<string>;
  runTests(options: { vscodeExecutablePath?: string; extensionDevelopmentPath: string; extensionTestsPath: string; launchArgs?: string[]; extensionTestsEnv?: Record<string, string> }): Promise<number>;
}

const tally = new Tally('electron');

function skip(reason: string): never {
  console.log(`skipped: ${reason}`);
  tally.skip('suite', reason);
  process.exit(tally.finish());
}

async function main(): Promise<number> {
  const name = '@vscode/test-electron';
  try {
    require.resolve(name);
  } catch {
    skip(`${name} is not installed (it needs to download VS Code; the code-server workbench test covers VS Code here)`);
  }
  const te = (await import(name)) as TestElectron;
  const version = process.env.VSCODE_VERSION ?? '1.100.3';
  let exe: string;
  try {
    exe = await Promise.race([te.downloadAndUnzipVSCode(version), new Promise<never>((_, rej) => setTimeout(() => rej(new Error('download took over 5 minutes')), 300_000))]);
  } catch (e) {
    skip(`could not download VS Code ${version}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
  if (!existsSync(SERVER_JS)) {
    tally.fail('build', 'dist/ is missing: run npm run build');
    return tally.finish();
  }
  const dir = join(E2E, 'run-electron');
  rmSync(dir, { recursive: true, force: true });
  ensureDir(dir);
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), join(dir, 'workspace'), { recursive: true });
  const suite = join(dir, 'suite.js');
  await build({ entryPoints: [join(ROOT, 'test', 'e2e', 'electron', 'suite.ts')], outfile: suite, bundle: true, platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'], logLevel: 'warning' });
  const resultsFile = join(dir, 'results.json');
  let code = 1;
  try {
    code = await te.runTests({
      vscodeExecutablePath: exe,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: suite,
      launchArgs: [join(dir, 'workspace'), '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(dir, 'ud'), '--extensions-dir', join(dir, 'exts')],
      extensionTestsEnv: { E2E_RESULTS: resultsFile },
    });
  } catch (e) {
    tally.fail('run', e instanceof Error ? e.message : String(e));
  }
  if (existsSync(resultsFile)) {
    const v = JSON.parse(readFileSync(resultsFile, 'utf8')) as { vscodeVersion: string; results: { name: string; ok: boolean; detail: string }[] };
    console.log(`  (VS Code ${v.vscodeVersion})`);
    for (const r of v.results) tally.record(r.name, r.ok, r.detail);
  } else if (code === 0) {
    tally.fail('results', 'the suite wrote no results');
  }
  if (code !== 0 && tally.failed === 0) tally.fail('exit', `VS Code exited ${code}`);
  return tally.finish();
}

main().then(
  (c) => process.exit(c),
  (e) => {
    tally.fail('runner', e instanceof Error ? e.message : String(e));
    process.exit(tally.finish());
  },
);
