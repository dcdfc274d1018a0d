/**
 * Idle-time priming of the first option-name completion (server.ts primeCompletion, idle-work.ts), in process:
 * after a nova config's diagnostics, a VS Code-like client's server builds the option-name and section-name lists
 * (and the bytes the stdio writer keeps for them: platform.prepareAnswer, recorded here) while nothing else is
 * waiting; a request that arrives meanwhile is answered before priming goes on; a client that only lints gets no
 * priming; shutdown stops it. The assertions are about order and about what happened, never about time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { ProposedFeatures, StreamMessageReader, StreamMessageWriter, createConnection } from 'vscode-languageserver/node';
import { createMessageConnection } from 'vscode-jsonrpc/node';
import { startServer } from '../../server/src/server';
import { nodePlatform } from '../../server/src/platform-node';
import { VSCODE_COMPLETION } from '../vscode-capabilities';

const URI = 'file:///priming/nova.conf';
const TEXT = '[DEFAULT]\nmy_ip = 10.0.0.1\ndebug = true\n\n[pci]\nalias = {"name": "a1", "vendor_id": "8086", "product_id": "154d", "device_type": "type-VF"}\n';
const VSCODE = { textDocument: { completion: VSCODE_COMPLETION, hover: { contentFormat: ['markdown'] } } };

type Event = 'prime' | 'hover answered';

function inProcess(onPrime: (labels: string[]) => void = () => {}) {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const log: Event[] = [];
  const primed: string[][] = [];
  const server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server, {
    ...nodePlatform(),
    // What main.ts's transports do over stdio: a touch per chunk of input, and the writer's kept bytes made ahead.
    onIncoming: (listener) => void toServer.on('data', listener),
    prepareAnswer: (result) => {
      const labels = (result as { items: { label: string }[] }).items.map((i) => i.label);
      log.push('prime');
      primed.push(labels);
      onPrime(labels);
    },
  });
  toClient.on('data', (b: Buffer) => {
    if (b.toString('utf8').includes('"result":{"contents"')) log.push('hover answered');
  });
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const diagnostics: string[] = [];
  const waiters: (() => void)[] = [];
  client.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
    diagnostics.push(p.uri);
    waiters.splice(0).forEach((w) => w());
  });
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  const published = async () => {
    while (!diagnostics.includes(URI)) await new Promise<void>((r) => waiters.push(r));
  };
  const open = async (capabilities: object) => {
    await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities });
    await client.sendNotification('initialized', {});
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'nova-conf', version: 1, text: TEXT } });
  };
  const dispose = () => {
    client.dispose();
    server.dispose();
    toServer.end();
    toClient.end();
  };
  return { client, log, primed, open, published, dispose };
}

/** Waits for a few event-loop turns and well past the quiet period (idle-work.ts, 50 ms): priming, if any, ran. */
const settle = () => new Promise((r) => setTimeout(r, 400));

test("a VS Code-like client's server builds the option-name and section-name lists after the diagnostics, before any completion", async () => {
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((r) => (resolveDone = r));
  const s = inProcess((labels) => {
    if (labels.includes('libvirt')) resolveDone();
  });
  try {
    await s.open(VSCODE);
    await s.published();
    // The quiet-period timer does not keep a process alive (a server's stdin does): this does, meanwhile.
    const alive = setInterval(() => {}, 1000);
    await done.finally(() => clearInterval(alive));
    // At the first key (my_ip): the [DEFAULT] option names but the others already set (debug).
    const atKey = s.primed.find((l) => l.includes('my_ip') && !l.includes('debug'));
    assert.ok(atKey, `the [DEFAULT] option names without the ones set: ${s.primed.map((l) => l.length).join(', ')}`);
    assert.ok(s.primed.some((l) => l.includes('my_ip') && l.includes('debug')), 'and all of them for a key typed on an empty line');
    assert.ok(s.primed.some((l) => l.includes('pci') && l.includes('libvirt')), 'and the section names');
    // What priming built is what the request sends.
    const list = (await s.client.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position: { line: 1, character: 1 } })) as { items: { label: string }[] };
    assert.deepEqual(list.items.map((i) => i.label), atKey);
    await s.client.sendRequest('shutdown');
  } finally {
    s.dispose();
  }
});

test('a request that arrives while priming runs is answered before priming goes on', async () => {
  let asked = false;
  const s = inProcess(() => {
    if (asked) return;
    asked = true;
    // During the first slice that makes bytes: the editor asks for a hover.
    void s.client.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 1 } });
  });
  try {
    await s.open(VSCODE);
    await s.published();
    await settle();
    assert.ok(asked, 'priming ran');
    const answered = s.log.indexOf('hover answered');
    assert.ok(answered > 0, `the hover was answered: ${s.log.join(', ')}`);
    assert.deepEqual(s.log.slice(0, answered + 1), ['prime', 'hover answered'], 'no priming slice between the hover request and its answer');
    assert.ok(s.log.length > answered + 1, `priming went on after the answer: ${s.log.join(', ')}`);
    await s.client.sendRequest('shutdown');
  } finally {
    s.dispose();
  }
});

test('a client that only lints (no completion capabilities) gets no priming', async () => {
  const s = inProcess();
  try {
    await s.open({});
    await s.published();
    await settle();
    assert.deepEqual(s.log, []);
    await s.client.sendRequest('shutdown');
  } finally {
    s.dispose();
  }
});

test('shutdown stops priming that has not run yet', async () => {
  const s = inProcess();
  try {
    await s.open(VSCODE);
    // The shutdown arrives with the open, before the editor has been quiet for a moment: priming never starts.
    await s.client.sendRequest('shutdown');
    await s.published();
    await settle();
    assert.deepEqual(s.log, []);
  } finally {
    s.dispose();
  }
});
