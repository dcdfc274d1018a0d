// Wraps a bundle (dist/cli.js, dist/server.js) so that it starts from a V8 code cache made at build time, and
// runs with plain `node`. The CLI stays one file: a small loader followed by two comments, the bundle's source
// (as it is, ASCII) and the cache (deflated, base64); the loader takes them from the text Node read to run the file
// (writeSelfLoader), and answers `--version` and `--help` itself (quickAnswers). The server is a small loader, dist/server.js, and dist/server.payload next to it: the source,
// its cache and a second cache for the VS Code client's node flags, as raw bytes that the loader reads by range
// (writeSplitLoader; why, there). Both compile the source with vm.Script and the cache. A Node
// whose V8 (or flags) differ rejects the cache and compiles the source as usual, so the file works everywhere;
// the cache only saves start-up time.
// The cache is made by running the bundle on sample inputs (the CLI) or through a short LSP session (the
// server), so that the functions a run needs are in it. That run has NOVA_CONF_CODE_CACHE_MAKER=1 in its
// environment: V8 records a hash of its flags in the cache, so the bundle must not change V8 flags while
// the cache is made (server/src/cli-tiering.ts, server/src/heap-flags.ts). NOVA_CONF_CODE_CACHE_REPORT=1 makes the loader say on
// stderr whether the cache was accepted, rejected, skipped or (the CLI's) unreadable (test/package/code-cache.test.ts).
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import ts from 'typescript';

const WRAP_START = '(function (exports, require, module, __filename, __dirname) {';
const WRAP_END = '\n})';
/** `*` `/` inside the source are written as this (it cannot end the comment); the loader turns them back. */
const STAR_SLASH = '*\u0001/';
const WIDTH = 10;

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
function prepare(file, selfLoader) {
  let bundle = readFileSync(file, 'utf8');
  const shebang = bundle.startsWith('#!') ? bundle.slice(0, bundle.indexOf('\n') + 1) : '';
  bundle = bundle.slice(shebang.length);
  if (/String\.raw/.test(bundle) && /[^\p{ASCII}]/u.test(bundle)) throw new Error(`${file}: non-ASCII text next to String.raw; cannot escape it safely`);
  const unit = (c, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  // A character outside the BMP becomes its two UTF-16 units (a pair a `u` regular expression reads as one).
  const ascii = bundle.replace(/[^\p{ASCII}]/gu, (c) => (c.length === 2 ? unit(c, 0) + unit(c, 1) : unit(c, 0)));
  if (ascii.includes('\u0001')) throw new Error(`${file}: the bundle contains U+0001, which the loader uses as an escape`);
  return { shebang: shebang.trimEnd() || '#!/usr/bin/env node', source: WRAP_START + (selfLoader ? withoutCommentEnd(ascii) : ascii) + WRAP_END };
}

/**
 * The bundle with no `*` `/` in it, where that can be done without changing what it does: the loader takes the source
 * as a slice of the text Node read, inside a comment, and a `*` `/` would end the comment. esbuild's output has them
 * in regular expression literals that end in a quantifier (`/^\w*` + `/`) and in string literals. A regular expression
 * ending in `*` gets an empty group before its closing slash (`/^\w*(?:)/`: the same matches), a `*` `/` inside one
 * (in a class) or inside a string literal is written `*\/` (the same character). Anything else (a template literal, a
 * comment) is left as it is, and the loader then puts the source back together from an escaped copy (STAR_SLASH): a
 * new 0.74 MB string at every start, which V8 flattens again when it compiles it (Round 19, boot19).
 */
function withoutCommentEnd(code) {
  if (!code.includes('*/')) return code;
  const sf = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const edits = [];
  const visit = (node) => {
    const start = node.getStart(sf);
    if (!code.slice(start, node.end).includes('*/')) return;
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(sf);
      const close = text.lastIndexOf('/');
      let body = text.slice(1, close);
      if (body.endsWith('*')) body += '(?:)';
      edits.push([start, node.end, '/' + body.replaceAll('*/', '*\\/') + text.slice(close)]);
    } else if (node.kind === ts.SyntaxKind.StringLiteral) {
      edits.push([start, node.end, node.getText(sf).replaceAll('*/', '*\\/')]);
    } else ts.forEachChild(node, visit);
  };
  ts.forEachChild(sf, visit);
  let out = '';
  let at = 0;
  for (const [start, end, text] of edits) {
    out += code.slice(at, start) + text;
    at = end;
  }
  out += code.slice(at);
  return out;
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

/**
 * Writes the loader and the payload comments (see the top of this file): the bundle's source, its code cache and,
 * with `alt`, a second cache made under the VS Code client's node flags (the server). The comments are the body of
 * a function, `payloads`, and the loader takes them from that function's source text (`payloads.toString()`).
 * V8 gives an inner function's text as a slice of the script's source, the string Node read from the file, so the
 * 1.2-3.6 MB file is neither opened a second time (docs/performance.md, "Round 7" for the CLI, "Round 8" for the
 * server) nor copied: the module function's own `toString()`, used until Round 11, is built from pieces and was
 * flattened into a copy of the whole file on the first `startsWith` (a fresh 1.8-3.6 MB of memory per start,
 * ~460-880 page faults; docs/performance.md "Round 11"). The loader checks that the text is this file's as written
 * (its length and the comment markers at their offsets); if it is not, it reads the byte ranges from the file.
 */
function writeSelfLoader(file, shebang, source, cache, alt, quick = []) {
  const escaped = source.includes('*/');
  const body = escaped ? source.replaceAll('*/', STAR_SLASH) : source;
  // The caches are stored deflated (raw deflate, level 9), then base64: Node reads the whole file into a buffer that
  // doubles as it fills and then into a string, ~770 page faults per MB of file on this host (docs/performance.md,
  // Round 16); the CLI's 0.78 MB cache deflates to ~0.32 MB, so the file shrinks from 1.78 to ~1.17 MB.
  const packed = deflateRawSync(cache, { level: 9 });
  const altPacked = alt ? deflateRawSync(alt.cache, { level: 9 }) : undefined;
  const b64 = packed.toString('base64');
  const altB64 = alt ? altPacked.toString('base64') : '';
  const num = (n) => String(n).padStart(WIDTH, ' ');
  const fnStart = 'function payloads() {';
  const sourceMark = '/*nova-conf-source ';
  const cacheMark = '*/\n/*nova-conf-cache ';
  const altMark = '*/\n/*nova-conf-cache-flags ';
  const fnEnd = '*/}\n';
  const head = (payloadsAt, sourceAt, cacheAt, altAt, textLength) =>
    [
      shebang,
      '// Generated by scripts/code-cache.mjs: the bundle (first comment in `payloads` below, as it is) starts from a',
      '// V8 code cache (second comment, deflated, base64) made at build time. Both are taken from the function\'s source text, a',
      '// slice of the text Node read to run this file; if that is not this file as written, the byte ranges are read',
      '// from it. A Node that rejects the cache compiles the bundle as usual.',
      ...quickAnswers(quick),
      `const self = payloads.toString(), at = (n) => n - ${num(payloadsAt)};`,
      `const mine = self.length === ${num(textLength)} && self.startsWith(${JSON.stringify(sourceMark)}, at(${num(sourceAt - sourceMark.length)})) && self.startsWith(${JSON.stringify(cacheMark)}, at(${num(cacheAt - cacheMark.length)}))${alt ? ` && self.startsWith(${JSON.stringify(altMark)}, at(${num(altAt - altMark.length)}))` : ''};`,
      'const read = (n, len) => { if (mine) return self.slice(at(n), at(n) + len); const fs = require("fs"), fd = fs.openSync(__filename, "r"), b = Buffer.allocUnsafe(len);',
      '  try { fs.readSync(fd, b, 0, len, n); } finally { fs.closeSync(fd); } return b.toString("latin1", 0, len); };',
      ...cacheChoice(alt, 'decoded', []),
      `let source = read(${num(sourceAt)}, ${body.length});`,
      '// Base64 decoded in pieces: Node copies the text it decodes into a temporary buffer, which for the whole text would',
      '// be fresh memory (page faults) at every start; a 64 KB piece is taken from and returned to the heap. Then inflated',
      '// into one buffer of the cache\'s size (a chunk larger than the output: zlib makes no second one and no copy). A',
      '// cache that does not inflate is no cache: the bundle is compiled from its source.',
      'const unpack = (text, packed, size) => { try { const b = Buffer.allocUnsafeSlow(packed); let o = 0; for (let i = 0; i < text.length; i += 65536) o += b.write(text.slice(i, i + 65536), o, "base64");',
      '  return inflate(b.subarray(0, o), size); } catch { return undefined; } };',
      ...inflateLines(),
      `const cache = useCache ? unpack(read(${num(cacheAt)}, ${b64.length}), ${packed.length}, ${cache.length})${alt ? ` : useAlt ? unpack(read(${num(altAt)}, ${altB64.length}), ${altPacked.length}, ${alt.cache.length})` : ''} : undefined;`,
      escaped ? `source = source.replaceAll(${JSON.stringify(STAR_SLASH)}, "*/");` : '',
      'const script = new (require("vm").Script)(source, { filename: __filename, cachedData: cache });',
      'if (process.env.NOVA_CONF_CODE_CACHE_REPORT) process.stderr.write(`code cache: ${!cache ? (useCache ? "unreadable" : "skipped") : script.cachedDataRejected ? "rejected" : "accepted"}${mine ? "" : " (read from the file)"}\\n`);',
      'script.runInThisContext().call(exports, exports, require, module, __filename, __dirname);',
      fnStart + sourceMark,
    ].join('\n');
  const probe = head(0, 0, 0, 0, 0);
  const payloadsAt = probe.length - sourceMark.length - fnStart.length;
  const sourceAt = probe.length;
  const cacheAt = sourceAt + body.length + cacheMark.length;
  const altAt = alt ? cacheAt + b64.length + altMark.length : 0;
  const fileLength = (alt ? altAt + altB64.length : cacheAt + b64.length) + fnEnd.length;
  // The function's text runs from `function` to its closing brace (the newline after it is not part of it).
  const textLength = fileLength - 1 - payloadsAt;
  const top = head(payloadsAt, sourceAt, cacheAt, altAt, textLength);
  const text = top + body + cacheMark + b64 + (alt ? altMark + altB64 : '') + fnEnd;
  if (text.length !== fileLength || top.length !== sourceAt || text.slice(cacheAt, cacheAt + b64.length) !== b64) throw new Error('code-cache: offsets moved');
  if (!text.startsWith(fnStart + sourceMark, payloadsAt) || text[payloadsAt + textLength - 1] !== '}') throw new Error('code-cache: offsets moved');
  if (alt && text.slice(altAt, altAt + altB64.length) !== altB64) throw new Error('code-cache: offsets moved');
  if (Buffer.byteLength(text) !== text.length) throw new Error('code-cache: the loader is not ASCII');
  writeFileSync(file, text);
  return { sourceBytes: source.length, cacheBytes: cache.length, packedBytes: packed.length };
}

/**
 * The loader's `inflate(input, size)`: the cache's raw deflate stream inflated into a buffer of exactly `size` bytes, or
 * undefined. `node:zlib` loads Node's stream modules (19 of them, ~12 M instructions at every start: docs/performance.md,
 * Round 19); its native binding, which `inflateRawSync` calls, does not. So the loader calls that binding the way
 * node:zlib does (an INFLATERAW handle, one `writeSync` with Z_FINISH into an output one byte larger than the cache: all
 * input read and exactly one byte of output left means the stream ended where it should). `process.binding` is
 * deprecated (DEP0111, a warning only under --pending-deprecation, which the loader keeps quiet for this one call); where
 * it is missing or its zlib is not the expected one, the loader uses node:zlib as before.
 */
function inflateLines() {
  return [
    'const inflate = (input, size) => { let z; const quiet = process.noDeprecation; try { process.noDeprecation = true; z = process.binding("zlib"); } catch {} finally { process.noDeprecation = quiet; }',
    '  if (typeof z?.Zlib !== "function") { const out = require("zlib").inflateRawSync(input, { chunkSize: size + 64 }); return out.length === size ? out : undefined; }',
    '  const h = new z.Zlib(6), state = new Uint32Array(2), out = Buffer.allocUnsafeSlow(size + 1); let failed = false; h.onerror = () => { failed = true; };',
    '  try { h.init(15, -1, 8, 0, state, () => {}, undefined); h.writeSync(4, input, 0, input.length, out, 0, size + 1); } finally { h.close(); }',
    '  return !failed && state[0] === 1 && state[1] === 0 ? out.subarray(0, size) : undefined; };',
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
 */
function writeSplitLoader(file, shebang, source, cache, alt, early) {
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
    `const fs = require("fs"), payload = require("path").join(__dirname, ${JSON.stringify(name)});`,
    ...cacheChoice(alt, 'read', ['const useAlt = false;']),
    '// glibc never lowers its mmap and trim thresholds after freeing a big malloc block, so the ranges go into memory',
    '// from V8\'s page allocator, unmapped when collected.',
    'const fresh = (len) => { try { return Buffer.from(new WebAssembly.Memory({ initial: Math.ceil(len / 65536) }).buffer, 0, len); } catch { return Buffer.allocUnsafeSlow(len); } };',
    `const at = useCache ? ${source.length} : useAlt ? ${source.length + cache.length} : 0, len = useCache ? ${cache.length} : useAlt ? ${altCache.length} : 0;`,
    'const fd = fs.openSync(payload, "r");',
    '// Checked before anything is answered: a payload from another build is an error the client sees as a failed start.',
    `try { if (fs.fstatSync(fd).size !== ${bytes.length}) throw new Error(\`\${payload} is not the one built with \${__filename}: reinstall nova-conf\`); } catch (e) { fs.closeSync(fd); throw e; }`,
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
async function wrapWith(file, make, altFlags, write = writeSelfLoader, selfLoader = write === writeSelfLoader) {
  const { shebang, source } = prepare(file, selfLoader);
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
 * answer to each, alone on the command line, is recorded now and written by the loader (quickAnswers).
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
    (f, shebang, source, cache, alt) => writeSelfLoader(f, shebang, source, cache, alt, quick),
    true,
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
