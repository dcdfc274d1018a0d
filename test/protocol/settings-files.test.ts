/**
 * The language server over real stdio with a hostile workspace (issue 19): `.nova-conf.json` as a FIFO used to
 * block `initialize` forever; as a link to /dev/zero it grew to gigabytes; a link to a secret file put its first
 * bytes into a warning. `pciIdsPath` pointed at a FIFO or a device hung hover. Each must now answer at once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../lsp-client';

const URI = 'file:///ws/nova.conf';
type Msg = { method?: string; params?: { type?: number; message?: string } };

async function withWorkspace(plant: (dir: string) => void, check: (c: LspClient, messages: () => string) => Promise<void>, configuration: unknown = null): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-ws-'));
  const c = new LspClient();
  try {
    plant(dir);
    c.configuration = configuration;
    const init = await c.request<{ capabilities: unknown }>('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: { workspace: { configuration: true } } }, 8000);
    assert.ok(init.capabilities, 'initialize answered');
    c.notify('initialized', {});
    c.open(URI, '[pci]\ndevice_spec = {"vendor_id": "15b3"}\n');
    await c.diagnostics(URI, 1);
    const messages = () =>
      [...(c.notifications as Msg[]), ...(c.serverRequests as Msg[])]
        .filter((m) => m.method === 'window/showMessage' || m.method === 'window/showMessageRequest' || m.method === 'window/logMessage')
        .map((m) => m.params?.message ?? '')
        .join('\n');
    await check(c, messages);
    const vm = /VmHWM:\s+(\d+) kB/.exec(spawnSync('cat', [`/proc/${c.proc.pid}/status`], { encoding: 'utf8' }).stdout);
    if (vm) assert.ok(Number(vm[1]) < 400 * 1024, `peak RSS ${vm[1]} kB`);
    await c.shutdown();
  } finally {
    c.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a FIFO .nova-conf.json does not block initialize; the warning names it', async () => {
  await withWorkspace(
    (dir) => assert.equal(spawnSync('mkfifo', [join(dir, '.nova-conf.json')]).status, 0),
    async (_c, messages) => assert.match(messages(), /\.nova-conf\.json is a FIFO \(named pipe\), not a regular file/),
  );
});

test('.nova-conf.json linked to /dev/zero is refused without reading it', async () => {
  await withWorkspace(
    (dir) => symlinkSync('/dev/zero', join(dir, '.nova-conf.json')),
    async (_c, messages) => assert.match(messages(), /character device/),
  );
});

test('.nova-conf.json linked to a secret file: no byte of it appears in any message', async () => {
  await withWorkspace(
    (dir) => {
      writeFileSync(join(dir, 'shadow'), 'root:*:20200:0:99999:7:::\n');
      symlinkSync(join(dir, 'shadow'), join(dir, '.nova-conf.json'));
    },
    async (c, messages) => {
      assert.match(messages(), /not valid JSON \(line 1, column 1\)/);
      assert.doesNotMatch(messages() + c.stderr, /root|20200/);
    },
  );
});

for (const [what, plant] of [
  ['a FIFO', (p: string) => assert.equal(spawnSync('mkfifo', [p]).status, 0)],
  ['/dev/zero', (p: string) => symlinkSync('/dev/zero', p)],
] as const) {
  test(`pciIdsPath pointing at ${what}: hover answers from the bundled snapshot, the setting is reported`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nova-conf-pciids-'));
    try {
      plant(join(dir, 'pci.ids'));
      await withWorkspace(
        () => {},
        async (c, messages) => {
          const h = await c.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 30 } }, 8000);
          assert.match(h.contents.value, /Mellanox/);
          assert.match(messages(), /pciIdsPath not used: .*pci\.ids is (a FIFO|a character device)/);
        },
        { pciIdsPath: join(dir, 'pci.ids') },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
