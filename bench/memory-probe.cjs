// Preloaded into the language server by bench/memory-session.ts (`node --require`; CommonJS on purpose: `--import` would start Node's ESM loader in the server, ~5 MB more): on SIGUSR2 it writes
// process.memoryUsage(), V8's heap spaces and code statistics and /proc/self/smaps to $MEMPROBE_OUT, and a heap
// snapshot when $MEMPROBE_SNAP names a file. Measurement only; never part of the product.
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const v8 = require('node:v8');
const fs = require('node:fs');

process.on('SIGUSR2', () => {
  const spaces = {};
  for (const s of v8.getHeapSpaceStatistics()) spaces[s.space_name] = { size: s.space_size, used: s.space_used_size, resident: s.physical_space_size };
  let smaps = '';
  try {
    smaps = fs.readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    // not Linux
  }
  const snapshot = process.env.MEMPROBE_SNAP ? v8.writeHeapSnapshot(process.env.MEMPROBE_SNAP) : undefined;
  fs.writeFileSync(process.env.MEMPROBE_OUT, JSON.stringify({ memoryUsage: process.memoryUsage(), spaces, code: v8.getHeapCodeStatistics(), smaps, snapshot }));
});
