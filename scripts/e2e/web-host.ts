/**
 * The web extension in VS Code's web worker extension host: code-server 4.100.3 (VS Code 1.100.3, see workbench.ts)
 * with `remote.extensionKind: {"nova-conf.nova-conf": ["web"]}`, so the workbench runs package.json `browser`
 * (dist/web/client.js) in the browser's web worker extension host — as vscode.dev does — and the client starts
 * dist/web/server.js as a worker. A file is opened like a user opens it (Ctrl+P); its diagnostics must appear. A
 * configured `nova-conf.host` tells which side ran the extension: only the web server answers that host checks need
 * the desktop extension. Screenshot: .e2e/screenshots/web-host.png.
 *
 * Usage: node --import tsx scripts/e2e/web-host.ts   (after scripts/e2e/install.sh and `npm run package`;
 * scripts/e2e/run-all.sh runs it after workbench.ts, which packages the .vsix). Prints `N passed, N failed` last.
 */
import { cpSync, createWriteStream, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, CODE_SERVER, E2E, ROOT, Tally, ensureDir, findVsix, freePort, run, sleep, startGroup, stopGroup, waitFor } from './lib';

const tally = new Tally('web-host');

async function main(): Promise<number> {
  const vsix = process.env.NOVA_CONF_VSIX ?? findVsix();
  if (!existsSync(CODE_SERVER) || !vsix) {
    tally.skip('workbench', !vsix ? 'no .vsix: run npm run package' : 'code-server is not installed: bash scripts/e2e/install.sh');
    return tally.finish();
  }
  const dir = join(E2E, 'run-web-host');
  rmSync(dir, { recursive: true, force: true });
  for (const d of ['tmp', 'xc', 'xd', 'xca', 'ud/User', 'exts']) ensureDir(join(dir, d));
  const ws = join(dir, 'workspace');
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), ws, { recursive: true });
  writeFileSync(join(dir, 'ud', 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false,
    'update.mode': 'none', 'git.enabled': false, 'security.workspace.trust.enabled': false, 'workbench.tips.enabled': false,
    'remote.extensionKind': { 'nova-conf.nova-conf': ['web'] },
    'nova-conf.host': '/nonexistent/compute-0.json',
  }, null, 2));
  const env = { ...process.env, TMPDIR: join(dir, 'tmp'), XDG_CONFIG_HOME: join(dir, 'xc'), XDG_DATA_HOME: join(dir, 'xd'), XDG_CACHE_HOME: join(dir, 'xca') };
  const common = ['--user-data-dir', join(dir, 'ud'), '--extensions-dir', join(dir, 'exts')];
  const inst = run(CODE_SERVER, [...common, '--install-extension', vsix], { env, timeoutMs: 90_000 });
  tally.record('install', inst.status === 0, `${(inst.ms / 1000).toFixed(1)} s`);
  const port = await freePort();
  const log = createWriteStream(join(dir, 'code-server.log'));
  const proc = startGroup(CODE_SERVER, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ...common, ws], { env, cwd: dir });
  proc.stdout?.pipe(log);
  proc.stderr?.pipe(log);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
  try {
    await waitFor(async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })).ok;
      } catch {
        return false;
      }
    }, 60_000, 200);
    const page = await browser.newPage();
    const consoleLines: string[] = [];
    page.on('console', (m) => consoleLines.push(m.text()));
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await sleep(2000);
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget', { state: 'visible' });
    await page.keyboard.type('nova.conf');
    await page.waitForSelector('.quick-input-list .monaco-list-row', { state: 'visible' });
    await sleep(800);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.monaco-editor .view-lines', { state: 'visible', timeout: 15_000 });
    const squiggle = await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 30_000 }).then(() => true, () => false);
    tally.record('open nova.conf: diagnostics in the editor', squiggle);
    const toast = await page.waitForFunction(() => Array.from(document.querySelectorAll('.notification-list-item-message')).map((e) => e.textContent ?? '').join(' | '), undefined, { timeout: 15_000 }).then((h) => h.jsonValue(), () => '');
    tally.record('ran in the web worker extension host', /desktop extension/.test(String(toast)), String(toast).slice(0, 200));
    const failures = consoleLines.filter((l) => /nova-conf/.test(l) && /fail|error/i.test(l));
    tally.record('no activation errors', failures.length === 0, failures.join(' | ').slice(0, 300));
    await sleep(500);
    await page.screenshot({ path: join(ensureDir(join(E2E, 'screenshots')), 'web-host.png') });
  } catch (e) {
    tally.fail('run', (e as Error).message);
  } finally {
    await browser.close();
    await stopGroup(proc);
  }
  return tally.finish();
}

void main().then((code) => process.exit(code));
