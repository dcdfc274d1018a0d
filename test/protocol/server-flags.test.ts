/**
 * The VS Code client starts the server with node/V8 flags and an environment that cut its memory
 * (client/src/server-flags.ts).
 * If this Node refused one of them ("bad option"), the extension's server would never start: here the built
 * server runs with exactly those flags over real stdio and answers as usual (diagnostics, hover, completion),
 * started by node directly and by the POSIX launcher dist/nova-conf-language-server-lean (scripts/server-launcher.mjs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient } from '../lsp-client';
import { ROOT } from '../helpers';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../client/src/server-flags';

const LAUNCHER = join(ROOT, 'dist', 'nova-conf-language-server-lean');
const URI = 'file:///flags/nova.conf';
const TEXT = '[pci]\nalias = {"name": "a1", "vendor_id": "8086", "product_id": "154d", "device_type": "type-VFF"}\n';

/** Diagnostics with their exact range, hover and completion: the server works as usual. */
async function exercise(c: LspClient): Promise<void> {
  await c.initialize({});
  c.open(URI, TEXT);
  const d = await c.diagnostics(URI, 1);
  const bad = d.diagnostics.find((x) => x.code === 'alias-bad-device-type');
  assert.deepEqual(bad?.range, { start: { line: 1, character: 81 }, end: { line: 1, character: 91 } }, JSON.stringify(d.diagnostics));
  const hover = await c.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 2 } });
  assert.match(hover?.contents.value ?? '', /alias/);
  const items = await c.request<{ label: string }[] | { items: { label: string }[] }>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 2, character: 0 } });
  const labels = (Array.isArray(items) ? items : items.items).map((i) => i.label);
  assert.ok(labels.includes('device_spec'), `completion in [pci] offers device_spec: ${labels.slice(0, 10).join(', ')}`);
}

/** On Linux: the node flags on the server process's command line and the environment it got. */
function processView(pid: number): { argv: string[]; env: string[] } {
  return { argv: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'), env: readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0') };
}

test("the server runs with the VS Code client's node flags and environment", async () => {
  assert.ok(SERVER_NODE_FLAGS.length > 0);
  const c = new LspClient(['--stdio'], { NOVA_CONF_DEBOUNCE_MS: '0', ...SERVER_ENV }, SERVER_NODE_FLAGS);
  try {
    if (process.platform === 'linux') {
      const { argv } = processView(c.proc.pid!);
      for (const f of SERVER_NODE_FLAGS) assert.ok(argv.includes(f), `${f} reached the server process: ${argv.join(' ')}`);
    }
    await exercise(c);
    assert.equal(await c.shutdown(), 0);
  } finally {
    c.kill();
  }
});

test('the POSIX launcher (the nova-conf-language-server-lean bin) starts the same server with those flags and environment, through a symlink as npm links it', { skip: process.platform === 'win32' && 'a sh script: not for Windows (docs/editors.md)' }, async () => {
  // npm links bins as symlinks in another directory: the launcher must find dist/server.js next to its real file.
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-bin-'));
  const link = join(dir, 'nova-conf-language-server-lean');
  symlinkSync(LAUNCHER, link);
  try {
    for (const env of [{}, { MALLOC_MMAP_THRESHOLD_: '65536' }]) {
      const c = new LspClient(['--stdio'], { NOVA_CONF_DEBOUNCE_MS: '0', NOVA_CONF_CODE_CACHE_REPORT: '1', MALLOC_MMAP_THRESHOLD_: undefined, ...env }, [], link);
      try {
        await exercise(c);
        if (process.platform === 'linux') {
          // sh replaced itself with node (exec): the same process, now node with the flags on the launcher.
          const { argv, env: seen } = processView(c.proc.pid!);
          assert.ok(/node/.test(argv[0]), argv.join(' '));
          for (const f of SERVER_NODE_FLAGS) assert.ok(argv.includes(f), `${f} reached the server process: ${argv.join(' ')}`);
          for (const [k, v] of Object.entries(SERVER_ENV)) {
            const want = (env as Record<string, string>)[k] ?? v;
            assert.ok(seen.includes(`${k}=${want}`), `${k}=${want} in the server's environment (a value the user set wins)`);
          }
        }
        // The node that built dist/ runs it: the code cache made under these flags is used.
        assert.match(c.stderr, /^code cache: accepted$/m);
        assert.equal(await c.shutdown(), 0);
      } finally {
        c.kill();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
