/**
 * A plain `node dist/server.js` keeps V8's young generation at its start-up size (server/src/heap-flags.ts):
 * `--semi-space-growth-factor=1` is set from inside the process unless node was given its own young-generation or
 * size flags (the VS Code client's, the launcher's, a user's). The server started plain and with the client's
 * flags is exercised over stdio by server-flags.test.ts and every other protocol test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainStartFlags, PLAIN_START_FLAGS } from '../../server/src/heap-flags';
import { SERVER_NODE_FLAGS } from '../../client/src/server-flags';

test('a start without memory flags gets the growth limit', () => {
  assert.deepEqual(plainStartFlags([]), PLAIN_START_FLAGS);
  assert.deepEqual(plainStartFlags(['--inspect=9229', '--stack-size=2000']), PLAIN_START_FLAGS, 'flags about other things do not count');
  assert.deepEqual(plainStartFlags([], '--require=/x.cjs'), PLAIN_START_FLAGS);
});

test("the VS Code client's flags, a user's young-generation or size flags (command line or NODE_OPTIONS) are left alone", () => {
  assert.deepEqual(plainStartFlags([...SERVER_NODE_FLAGS]), []);
  for (const f of ['--max-semi-space-size=8', '--max_semi_space_size=8', '--min-semi-space-size=2', '--semi-space-growth-factor=4', '--optimize_for_size', '--max-young-generation-size=4']) {
    assert.deepEqual(plainStartFlags([f]), [], f);
    assert.deepEqual(plainStartFlags([], `--require=/x.cjs ${f}`), [], `NODE_OPTIONS ${f}`);
  }
});
