// Wraps a bundle (dist/cli.js, dist/server.js) so that it starts from a V8 code cache made at build time, and
// runs with plain `node`. Each is a small loader and a payload file next to it (dist/cli.payload, dist/server.payload):
// the bundle's source, its cache and, for the server, a second cache for the VS Code client's node flags, as raw bytes
// that the loader reads by range (writeSplitLoader; why, there). The CLI's loader answers `--version` and `--help`
// itself (quickAnswers); the server's answers `initialize` over --stdio before it compiles the bundle (early-start.ts).
// Both compile the source with vm.Script and the cache. A Node whose V8 (or flags) differ rejects the cache and
// compiles the source as usual, so the files work everywhere; the cache only saves start-up time.
// The cache is made by running the bundle on sample inputs (the CLI) or through a short LSP session (the
// server), so that the functions a run needs are in it. That run has NOVA_CONF_CODE_CACHE_MAKER=1 in its
// environment: V8 records a hash of its flags in the cache, so the bundle must not change V8 flags while
// the cache is made (server/src/cli-tiering.ts, server/src/heap-flags.ts). NOVA_CONF_CODE_CACHE_REPORT=1 makes the loader say on
// stderr whether the cache was accepted, rejected or skipped (test/package/code-cache.test.ts).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const WRAP_START = '(function (exports, require, module, __filename, __dirname) {';
const WRAP_END = '\n})';

/**
 * A sample config touching every option checker: every option of the catalogue (options.data.json) set to
 * its default, so that the cache holds the value checks a real config runs.
 */
export function catalogueSample(catalogue) {
  const lines = [];
  for (const [group, options] of Object.entries(catalogue.groups)) {
    lines.push(`[${group}]`);
    for (const [name, o] of Object.entries(options)) {
      const d = Array.isArray(o.d) ? o.d.join(',') : o.d === undefined || o.d === null || typeof o.d === 'object' ? '' : String(o.d);
      lines.push(`${name} = ${d}`);
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * A sample of the PCI checks a real [pci] section runs, for the CLI's cache: device_spec by address (glob,
 * regex dict), vendor/product, devname, lists over continuation lines, the usual tags, aliases of each device
 * type, and the mistakes the rules report (single quotes, a trailing comma, a Python literal, a misspelt tag,
 * an id too large, a bad numa_policy). Without it the device_spec/alias rules and the Python value reader are
 * compiled lazily in every run that has a [pci] section.
 */
export const PCI_SAMPLE = `[DEFAULT]
compute_driver = libvirt.LibvirtDriver
[filter_scheduler]
enabled_filters = ComputeFilter, NUMATopologyFilter, PciPassthroughFilter
[pci]
report_in_placement = true
device_spec = {"address": "0000:41:00.*", "vendor_id": "10de", "product_id": "25b6", "resource_class": "CUSTOM_A16", "managed": "yes"}
device_spec = {"vendor_id": "8086", "product_id": "154d", "address": {"domain": "0000", "bus": "3b", "slot": "[0-1][0-9a-f]", "function": "[0-7]"}, "traits": "CUSTOM_FAST,HW_NIC_SRIOV"}
device_spec = [
    {"vendor_id": "8086", "product_id": "10ed", "physical_network": "physnet1", "trusted": "true"},
    {"vendor_id": "15b3", "product_id": "101e", "address": "0000:81:00.2", "remote_managed": "false"}
    ]
device_spec = {"devname": "enp129s0f1", "physical_network": "physnet2"}
device_spec = {"vendor_id": "8086", "product_id": "0d5c", "one_time_use": "true", "resource_class": "CUSTOM_QAT"}
device_spec = {'vendor_id': '8086', 'product_id': '1572'}
device_spec = {"vendor_id": "8086", "product_id": "1572",}
device_spec = {"vendor_id": "8086", "product_id": "1572", "trusted": True}
device_spec = {"vendor_id": "80860", "product_id": "1572"}
device_spec = {"vendor_id": "8086", "product_id": "1572", "physical_netwrok": "physnet1"}
device_spec = {"devname": "eth3", "address": "0000:05:00.1"}
alias = {"name": "a16", "vendor_id": "10de", "product_id": "25b6", "device_type": "type-PCI", "numa_policy": "preferred"}
alias = {"name": "vf", "vendor_id": "8086", "product_id": "10ed", "device_type": "type-VF", "numa_policy": "socket"}
alias = {"name": "pf", "vendor_id": "8086", "product_id": "1572", "device_type": "type-PF", "resource_class": "CUSTOM_PF"}
alias = {"name": "bad", "vendor_id": "8086", "product_id": "1572", "device_type": "type-pci", "numa_policy": "prefered"}
`;

/**
 * The bundle as the source the loader compiles: wrapped like a CommonJS module, every non-ASCII character
 * written as a \u escape (esbuild leaves them in regular expression literals; they are valid escapes there, in
 * strings and in identifiers), so that the loader can read it as latin1 and byte offsets equal string offsets.
 */
function prepare(file) {
  let bundle = readFileSync(file, 'utf8');
  const shebang = bundle.startsWith('#!') ? bundle.slice(0, bundle.indexOf('\n') + 1) : '';
  bundle = bundle.slice(shebang.length);
  if (/String\.raw/.test(bundle) && /[^\p{ASCII}]/u.test(bundle)) throw new Error(`${file}: non-ASCII text next to String.raw; cannot escape it safely`);
  const unit = (c, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  // A character outside the BMP becomes its two UTF-16 units (a pair a `u` regular expression reads as one).
  const ascii = bundle.replace(/[^\p{ASCII}]/gu, (c) => (c.length === 2 ? unit(c, 0) + unit(c, 1) : unit(c, 0)));
  return { shebang: shebang.trimEnd() || '#!/usr/bin/env node', source: WRAP_START + ascii + WRAP_END };
}

/** The maker's preamble: compiles the source like the loader will (same filename and wrapper), saves the cache on exit. */
function makerScript(file, src, out) {
  return `
    const vm = require('vm'), fs = require('fs'), path = require('path');
    const file = ${JSON.stringify(file)};
    const script = new vm.Script(fs.readFileSync(${JSON.stringify(src)}, 'latin1'), { filename: file });
    process.on('exit', () => fs.writeFileSync(${JSON.stringify(out)}, script.createCachedData()));
    const m = { exports: {} };
    script.runInThisContext().call(m.exports, m.exports, require, m, file, path.dirname(file));`;
}

/**
 * The loader lines that decide which cache to use (`useCache`, and `useAlt` with a second cache): none under another
 * V8 or under flags that change the hash V8 checks (`what` says what is then skipped: the cache is not even `what`),
 * the second one only under exactly the VS Code client's flags. `noAlt`: the lines written when there is no second cache.
 */
function cacheChoice(alt, what, noAlt) {
  return [
    `// Another V8, or V8 flags (they change the hash V8 checks), would reject the cache: it is not even ${what} then.`,
    `const v8Same = process.versions.v8 === ${JSON.stringify(process.versions.v8)}, argv = process.execArgv;`,
    `const useCache = v8Same && !argv.some((a) => /^--(optimize[-_]for[-_]size|max[-_]old[-_]space[-_]size|max[-_]semi[-_]space[-_]size|stack[-_]size|expose[-_]gc|nolazy|jitless|no[-_]opt)(=|$)/.test(a));`,
    ...(alt
      ? [
          '// A second cache made under exactly these flags (the VS Code client\'s: client/src/server-flags.json), in any order.',
          `const altFlags = ${JSON.stringify(alt.flags)}, useAlt = v8Same && argv.length === altFlags.length && altFlags.every((f) => argv.includes(f));`,
        ]
      : noAlt),
  ];
}

/** A string literal of ASCII characters only (the loader must be ASCII: byte offsets are string offsets). */
const asciiLiteral = (text) => JSON.stringify(text).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The loader's first lines: a run whose only argument is one of `quick`'s (`--version`, `--help`) gets the bundle's
 * own answer, recorded at build time, without the cache being decoded or the bundle compiled (docs/performance.md,
 * Round 16). Written like cli-stdout.ts writes: fs.writeSync on fd 1, the rest through process.stdout if fd 1 is
 * non-blocking and full, nothing if the reader has gone.
 */
function quickAnswers(quick) {
  if (quick.length === 0) return [];
  // Arguments with the same answer (`--help`, `-h`) share one literal.
  const byText = new Map();
  for (const [arg, text] of quick) byText.set(text, [...(byText.get(text) ?? []), arg]);
  const test = (args) => args.map((a) => `a === ${asciiLiteral(a)}`).join(' || ');
  return [
    '// `--version` or `--help` alone: the bundle\'s answer, recorded when it was built (the bundle is not compiled for it).',
    `const a = process.argv.length === 3 ? process.argv[2] : undefined, quick = ${[...byText].map(([text, args]) => `${test(args)} ? ${asciiLiteral(text)} : `).join('')}undefined;`,
    'if (quick !== undefined) { const fs = require("fs"), b = Buffer.from(quick); let o = 0;',
    '  try { while (o < b.length) o += fs.writeSync(1, b, o, b.length - o); } catch (e) { if (e.code === "EAGAIN") process.stdout.write(b.subarray(o)); else if (e.code !== "EPIPE") throw e; }',
    '  return; }',
  ];
}

/** The payload file next to a split loader (dist/server.js -> dist/server.payload). */
export const payloadFile = (file) => file.replace(/\.js$/, '') + '.payload';

/**
 * Writes a small loader to `file` and the bundle's source, its code cache and (with `alt`) the cache made under the
 * VS Code client's node flags as raw bytes to `payloadFile(file)`, which the loader reads by byte range. For the
 * language server, a long-lived process (docs/performance.md, "Round 12": plain RSS), the one-file layout cost
 * memory in two ways. Node reads its main file into a malloc'd buffer that doubles as it fills (256 KB ... 4 MB for
 * the 3.6 MB file) and frees it: glibc then raises its mmap threshold to the largest block freed (4 MB) and the
 * threshold above which it gives free memory at the top of each malloc arena back to the system to twice that
 * (8 MB), for the rest of the process. The concurrent compiler threads' arenas then kept up to 8 MB each of freed
 * compile memory (6.7 MB in all after the bench's session). And V8 keeps the source of the file's outer function for
 * the process's lifetime: the whole 3.6 MB text, where only the 0.9 MB bundle is needed. Here Node reads 3 KB, the
 * source is read into a string of its own, and every range goes into memory from V8's page allocator (a
 * WebAssembly.Memory) instead of malloc, so that no big malloc block is freed during start-up (falls back to a
 * Buffer where WebAssembly is not available, e.g. --jitless). The loader checks the payload's size; a payload from
 * another build is an error that names it.
 * The CLI, a short-lived process, has the same layout for its start-up time (docs/performance.md, Round 20: lint20).
 * Until Round 20 it was one file, the source and the cache (deflated, base64) in comments of the loader, taken from
 * the text Node read: Node then read the whole 1.2 MB file, decoded it and scanned it when it compiled the loader, and
 * the loader decoded the base64 and inflated the cache at every run. Raw bytes read by range need none of that: on
 * the full config 266 -> ~248 M instructions, ~42 -> ~38 ms of CPU and ~950 page faults fewer per lint.
 */
function writeSplitLoader(file, shebang, source, cache, alt, early, { quick = [], program } = {}) {
  const payload = payloadFile(file);
  const name = payload.split('/').pop();
  const altCache = alt ? alt.cache : Buffer.alloc(0);
  // prepare() wrote every non-ASCII character as an escape: bytes and characters are the same offsets.
  if (Buffer.byteLength(source) !== source.length) throw new Error('code-cache: the source is not ASCII');
  const bytes = Buffer.concat([Buffer.from(source, 'latin1'), cache, altCache]);
  const text = [
    shebang,
    `// Generated by scripts/code-cache.mjs: the bundle's source and its V8 code caches are raw bytes in ${name} next to`,
    '// this file, read by byte range into memory that is not malloc\'s (writeSplitLoader says why). A Node that rejects the',
    '// cache compiles the bundle as usual.',
    ...quickAnswers(quick),
    `const fs = require("fs"), payload = require("path").join(__dirname, ${JSON.stringify(name)});`,
    ...cacheChoice(alt, 'read', ['const useAlt = false;']),
    '// glibc never lowers its mmap and trim thresholds after freeing a big malloc block, so the ranges go into memory',
    '// from V8\'s page allocator, unmapped when collected.',
    'const fresh = (len) => { try { return Buffer.from(new WebAssembly.Memory({ initial: Math.ceil(len / 65536) }).buffer, 0, len); } catch { return Buffer.allocUnsafeSlow(len); } };',
    `const at = useCache ? ${source.length} : useAlt ? ${source.length + cache.length} : 0, len = useCache ? ${cache.length} : useAlt ? ${altCache.length} : 0;`,
    ...(program
      ? [
          `// A missing payload, or one from another build, is a message and exit status 2 (${program}'s "cannot read"), not a stack trace.`,
          `const broken = (e) => { fs.writeSync(2, \`${program}: \${e.message}\\n\`); process.exit(2); };`,
        ]
      : ['const broken = (e) => { throw e; };']),
    'let fd;',
    'try { fd = fs.openSync(payload, "r"); } catch (e) { broken(e); }',
    '// Checked before anything is answered: a payload from another build is an error that names it (a failed start).',
    `try { if (fs.fstatSync(fd).size !== ${bytes.length}) throw new Error(\`\${payload} is not the one built with \${__filename}: reinstall nova-conf\`); } catch (e) { fs.closeSync(fd); broken(e); }`,
    'function load() {',
    '  let source, cache;',
    '  try {',
    '    // One buffer for both ranges: the source is copied into a string, then the same pages take the cache (a page',
    '    // touched for the first time costs 15-25 us on a host where start-up is page-fault bound: docs/performance.md, Round 14).',
    `    const b = fresh(Math.max(${source.length}, len));`,
    '    const read = (at, len) => { for (let o = 0; o < len; ) { const n = fs.readSync(fd, b, o, len - o, at + o); if (n <= 0) throw new Error(`${payload} ends early`); o += n; } return b.subarray(0, len); };',
    '    // UTF-8 (the text is ASCII) makes a string in V8\'s heap, a copy; Latin-1 would copy a text over 1 MB into malloc\'s memory.',
    `    source = read(0, ${source.length}).toString("utf8");`,
    '    cache = len ? read(at, len) : undefined;',
    '  } finally {',
    '    fs.closeSync(fd);',
    '  }',
    '  const script = new (require("vm").Script)(source, { filename: __filename, cachedData: cache });',
    '  if (process.env.NOVA_CONF_CODE_CACHE_REPORT) process.stderr.write(`code cache: ${!cache ? "skipped" : script.cachedDataRejected ? "rejected" : "accepted"}\\n`);',
    '  script.runInThisContext().call(exports, exports, require, module, __filename, __dirname);',
    '}',
    ...(early
      ? [
          '// Over --stdio, `initialize` is answered before the bundle is read and compiled (server/src/early-start.ts, bundled',
          '// below: docs/performance.md, Round 17). Not for the other transports, nor without a cache this Node accepts, nor',
          '// in the build\'s cache-making session; NOVA_CONF_EARLY_INITIALIZE=0 turns it off (the tests compare both ways).',
          'const args = process.argv.slice(2);',
          'if (!(useCache || useAlt) || process.env.NOVA_CONF_CODE_CACHE_MAKER || process.env.NOVA_CONF_EARLY_INITIALIZE === "0" || !args.includes("--stdio") || args.some((a) => /^--(node-ipc|socket|pipe|version|help)(=|$)/.test(a))) load();',
          'else {',
          early.trim(),
          '  novaConfEarly.start(load);',
          '}',
        ]
      : ['load();']),
    '',
  ].join('\n');
  if (Buffer.byteLength(text) !== text.length) throw new Error('code-cache: the loader is not ASCII');
  writeFileSync(payload, bytes);
  writeFileSync(file, text);
  return { sourceBytes: source.length, cacheBytes: cache.length };
}

/**
 * Writes the bundle's source to a temporary directory, lets `make(src, out)` run it so that it writes its V8 code
 * cache to `out` (make returns the run's stderr, for the error), and wraps the file with source and cache.
 */
async function wrapWith(file, make, altFlags, write) {
  const { shebang, source } = prepare(file);
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-cache-'));
  try {
    const src = join(dir, 'source.js');
    writeFileSync(src, source, 'latin1');
    const cacheFor = async (flags, name) => {
      const out = join(dir, name);
      const stderr = await make(src, out, flags);
      try {
        return readFileSync(out);
      } catch {
        throw new Error(`code cache for ${file}${flags.length ? ` (${flags.join(' ')})` : ''} was not written: ${stderr}`);
      }
    };
    const cache = await cacheFor([], 'cache.bin');
    const alt = altFlags?.length ? { flags: altFlags, cache: await cacheFor(altFlags, 'cache-flags.bin') } : undefined;
    return write(file, shebang, source, cache, alt);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The CLI: the cache is made by linting sampleArgs with the bundle. `quickArgs` (`--version`, `--help`): the bundle's
 * answer to each, alone on the command line, is recorded now and written by the loader (quickAnswers), which answers
 * them before it opens the payload.
 */
export function wrapWithCodeCache(file, sampleArgs, quickArgs = []) {
  const quick = quickArgs.map((arg) => {
    const r = spawnSync(process.execPath, [file, arg], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    if (r.status !== 0 || r.stderr !== '' || r.stdout === '') throw new Error(`${file} ${arg}: exit ${r.status}, stderr ${JSON.stringify(r.stderr)}`);
    return [arg, r.stdout];
  });
  return wrapWith(
    file,
    (src, out) => {
      // Under `node -e`, process.argv has no script path: the file's name stands in for it, or the CLI (which reads
      // process.argv.slice(2)) would skip the first sample (it did until Round 18: examples/nova.conf was not linted).
      const r = spawnSync(process.execPath, ['-e', makerScript(file, src, out), '--', file, ...sampleArgs], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_OPTIONS: '', NOVA_CONF_CODE_CACHE_MAKER: '1' } });
      return String(r.stderr);
    },
    undefined,
    (f, shebang, source, cache, alt) => writeSplitLoader(f, shebang, source, cache, alt, undefined, { quick, program: 'nova-conf-lint' }),
  );
}

/**
 * The language server: the cache is made by a short session over stdio, each step waiting for the server's
 * answer: initialize, open each sample (until its diagnostics arrive), hover and completion at a position of
 * the first one, shutdown, exit. With `altFlags` (the VS Code client's node flags) a second session runs under
 * those flags (initialize and shutdown only) and its cache goes into a third comment: V8 accepts a cache only
 * under the flags it was made with, and the loader reads that one when node runs with exactly those flags.
 */
export function wrapServerWithCodeCache(file, allSamples, altFlags, early) {
  return wrapWith(file, async (src, out, flags) => {
    // Under the client's flags (--optimize-for-size) a cache holding the document path made the first warm
    // didOpens slower (p95 23-50 ms against 8-19 ms on real6k) for no gain in start-up time or memory over a cache
    // of the start-up path alone (docs/performance.md, "Round 5"): that session opens no document.
    const samples = flags.length ? [] : allSamples;
    const child = spawn(process.execPath, [...flags, '-e', makerScript(file, src, out), '--', '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '', NOVA_CONF_DEBOUNCE_MS: '0', NOVA_CONF_CODE_CACHE_MAKER: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let pending = Buffer.alloc(0);
    const waiters = [];
    child.stdout.on('data', (d) => {
      pending = Buffer.concat([pending, d]);
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const len = Number(/Content-Length: (\d+)/i.exec(pending.subarray(0, end).toString())?.[1]);
        if (pending.length < end + 4 + len) return;
        const msg = JSON.parse(pending.subarray(end + 4, end + 4 + len).toString());
        pending = pending.subarray(end + 4 + len);
        // Requests from the server (configuration, registration) get an empty answer.
        if (msg.id !== undefined && msg.method) send({ jsonrpc: '2.0', id: msg.id, result: msg.method === 'workspace/configuration' ? (msg.params.items ?? []).map(() => null) : null });
        for (const w of waiters.splice(0)) if (!w(msg)) waiters.push(w);
      }
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const send = (m) => {
      const body = Buffer.from(JSON.stringify(m));
      child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
    };
    const until = (pred) =>
      Promise.race([
        new Promise((resolve) => waiters.push((m) => pred(m) && (resolve(m), true))),
        exited.then(() => {
          throw new Error(`code cache for ${file}: the server exited during the session: ${stderr}`);
        }),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`code cache for ${file}: no answer in 60 s: ${stderr}`)), 60000).unref()),
      ]);
    let id = 0;
    const request = (method, params) => {
      const my = ++id;
      send({ jsonrpc: '2.0', id: my, method, params });
      return until((m) => m.id === my && !m.method);
    };
    await request('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { hover: { contentFormat: ['markdown'] } } } });
    send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    const uris = [];
    for (const [i, path] of samples.entries()) {
      const uri = `file:///nova-conf-cache/sample-${i}.conf`;
      uris.push(uri);
      const diagnostics = until((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
      send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'nova-conf', version: 1, text: readFileSync(path, 'utf8') } } });
      await diagnostics;
    }
    if (samples.length > 0) {
      const first = readFileSync(samples[0], 'utf8').split('\n');
      const line = Math.max(0, first.findIndex((l) => /^\s*device_spec\s*=/.test(l)));
      const position = { line, character: Math.min(first[line].length, 16) };
      await request('textDocument/hover', { textDocument: { uri: uris[0] }, position });
      await request('textDocument/completion', { textDocument: { uri: uris[0] }, position });
    }
    await request('shutdown', null);
    send({ jsonrpc: '2.0', method: 'exit', params: null });
    child.stdin.end();
    await exited;
    return stderr;
  }, altFlags, (f, shebang, source, cache, alt) => writeSplitLoader(f, shebang, source, cache, alt, early));
}
