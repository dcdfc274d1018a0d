/**
 * The nova-conf language server (dist/server.js over stdio) driven by real terminal editors:
 *   nvim  — Neovim 0.7+ built-in LSP client (vim.lsp.start_client): diagnostics, completion, hover, quick fix
 *   vim   — Vim 9 without plugins (job_start in 'lsp' channel mode): diagnostics, completion
 *   emacs — Emacs 28 + eglot 1.9 (flymake): diagnostics
 * Each probe (test/e2e/<editor>/probe.*) runs on a throw-away copy of test/e2e/workspace/nova.conf with
 * its own HOME/XDG dirs, bounded to 60 s.
 *
 * Usage: node --import tsx scripts/e2e/editors.ts [nvim] [vim] [emacs]   (default: all three)
 * Needs `npm run build` and the editors (scripts/e2e/install.sh apt). Prints `N passed, N failed` last.
 */
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { E2E, ROOT, SERVER_JS, Tally, ensureDir, run } from './lib';

type Editor = 'nvim' | 'vim' | 'emacs';
const ALL: Editor[] = ['nvim', 'vim', 'emacs'];
const chosen = process.argv.slice(2).filter((a): a is Editor => (ALL as string[]).includes(a));
const editors = chosen.length ? chosen : ALL;
const tally = new Tally('editors');
const PROBES = join(ROOT, 'test', 'e2e');

function which(cmd: string): boolean {
  return run('sh', ['-c', `command -v ${cmd}`], { timeoutMs: 5000 }).status === 0;
}

function probe(editor: Editor): void {
  const dir = join(E2E, 'run-editors', editor);
  rmSync(dir, { recursive: true, force: true });
  for (const d of ['home', 'cache', 'state', 'data', 'config']) ensureDir(join(dir, d));
  const file = join(dir, 'nova.conf');
  cpSync(join(ROOT, 'test', 'e2e', 'workspace', 'nova.conf'), file);
  const out = join(dir, 'out.txt');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: join(dir, 'home'),
    XDG_CACHE_HOME: join(dir, 'cache'),
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    NOVA_SERVER: SERVER_JS,
    NOVA_FILE: file,
    NOVA_OUT: out,
    TERM: 'dumb',
  };
  const cmd: Record<Editor, [string, string[]]> = {
    nvim: ['nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(PROBES, 'nvim', 'probe.lua')}`, file]],
    vim: ['vim', ['-Nu', 'NONE', '-i', 'NONE', '-Es', '-S', join(PROBES, 'vim', 'probe.vim'), file]],
    emacs: ['emacs', ['--batch', '-Q', '-l', join(PROBES, 'emacs', 'probe.el')]],
  };
  const [bin, args] = cmd[editor];
  if (!which(bin)) {
    tally.fail(`${editor}/installed`, `${bin} not found (run scripts/e2e/install.sh apt)`);
    return;
  }
  const r = run(bin, args, { cwd: dir, env, timeoutMs: 60_000 });
  tally.time(editor, r.ms);
  // Neovim writes to stdout; Vim (silent Ex mode) and Emacs (batch) write to $NOVA_OUT.
  const text = editor === 'nvim' ? r.out : existsSync(out) ? readFileSync(out, 'utf8') : '';
  let version = '';
  let checks = 0;
  for (const line of text.split('\n')) {
    const m = /^(ok|fail) (\S+) ?(.*)$/.exec(line.trim());
    if (m) {
      checks++;
      tally.record(`${editor}/${m[2]}`, m[1] === 'ok', m[3].slice(0, 160));
    } else if (/^(nvim|vim|emacs) /.test(line)) version = line.trim();
  }
  if (r.timedOut) tally.fail(`${editor}/time-limit`, `still running after 60 s; killed`);
  else if (checks === 0) tally.fail(`${editor}/probe`, `no results (exit ${r.status}): ${(r.err || r.out).trim().slice(-500)}`);
  else if (editor === 'nvim' && r.status !== 0 && tally.failed === 0) tally.fail('nvim/exit', `exit ${r.status}`);
  console.log(`  (${version || editor}, ${(r.ms / 1000).toFixed(1)} s)`);
}

if (!existsSync(SERVER_JS)) {
  tally.fail('server', `${SERVER_JS} missing: run npm run build`);
} else {
  for (const e of editors) probe(e);
}
process.exit(tally.finish());
