/**
 * Same diagnostics published, side by side (docs/performance.md, Round 20: key20): two server builds over real stdio,
 * push mode, debounce 0; every file of the real-world corpus (or the files given) is opened in both, then edited by
 * the same seeded sequence of incremental changes (characters typed and erased in values, keys and section names,
 * line breaks, comment marks, pasted lines, deleted spans, \r\n pairs); the publishDiagnostics of every version are
 * compared as JSON. Prints the differences and a count; exits 1 on any.
 *
 *   node --import tsx bench/same-published.ts OLD/dist/server.js NEW/dist/server.js [--edits N] [FILE ...]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchClient } from './lsp';
import { REAL } from './measure';

const args = process.argv.slice(2);
const servers = args.filter((a) => a.endsWith('.js')).slice(0, 2);
const ei = args.indexOf('--edits');
const edits = ei >= 0 ? Number(args[ei + 1]) : 40;
const given = args.filter((a, i) => !a.endsWith('.js') && a !== '--edits' && args[i - 1] !== '--edits');
const files = given.length ? given : readdirSync(REAL).filter((f) => f.endsWith('.conf')).sort().map((f) => join(REAL, f));

type Json = Record<string, unknown>;
/** The next publishDiagnostics of uri/version, whole (BenchClient's own waiter gives the count only). */
function published(c: BenchClient, uri: string, version: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} version ${version}\n${c.stderr}`)), 20000);
    (c as unknown as { waiters: { pred: (m: Json) => boolean; resolve: (v: { msg: Json }) => void }[] }).waiters.push({
      pred: (m) => m.method === 'textDocument/publishDiagnostics' && (m.params as Json).uri === uri && (m.params as Json).version === version,
      resolve: ({ msg }) => {
        clearTimeout(timer);
        resolve(JSON.stringify((msg.params as Json).diagnostics));
      },
    });
  });
}

function position(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

const PIECES = ['x', '', '', '1', ' ', '\n', '#', '[', ']', '=', '\r\n', 'debug = true\n', '[pci]\n', '"', ',', '{', 'physnet'];

(async () => {
  const cs = servers.map((s) => new BenchClient(s, { NOVA_CONF_DEBOUNCE_MS: '0' }));
  for (const c of cs) await c.initialize();
  let seed = 20;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let compared = 0;
  let different = 0;
  for (const [k, file] of files.entries()) {
    let text = readFileSync(file, 'utf8');
    const uri = `file:///same/${k}/${file.split('/').pop()}`;
    const check = async (version: number, send: (c: BenchClient) => void) => {
      const got = await Promise.all(cs.map((c) => {
        const p = published(c, uri, version);
        send(c);
        return p;
      }));
      compared++;
      if (got[0] !== got[1]) {
        different++;
        console.log(`DIFFERENT: ${file} version ${version}`);
      }
    };
    await check(1, (c) => c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'nova-conf', version: 1, text } }));
    // Edits near option values mostly (where typing happens), some anywhere.
    const values = [...text.matchAll(/=[^\n]*/g)].map((m) => m.index! + m[0].length);
    for (let v = 2; v < edits + 2; v++) {
      // Never between the two characters of a \r\n pair: LSP has no position there.
      const outside = (o: number) => (o > 0 && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10 ? o - 1 : o);
      const at = outside(rnd(3) && values.length ? Math.max(0, Math.min(text.length, values[rnd(values.length)] + (v % 7) - 3)) : rnd(text.length + 1));
      const end = Math.max(at, outside(Math.min(text.length, at + (rnd(4) === 0 ? rnd(30) : rnd(2)))));
      const insert = PIECES[rnd(PIECES.length)];
      const range = { start: position(text, at), end: position(text, end) };
      text = text.slice(0, at) + insert + text.slice(end);
      await check(v, (c) => c.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: insert }] }));
    }
    for (const c of cs) c.notify('textDocument/didClose', { textDocument: { uri } });
  }
  for (const c of cs) await c.stop();
  console.log(`${files.length} files, ${compared} versions compared, ${different} different`);
  process.exit(different ? 1 : 0);
})();
