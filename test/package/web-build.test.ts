/**
 * The web extension's bundles (scripts/web-build.mjs): built for the browser from the real entry points, with no
 * node built-in anywhere in their import graph — and the build fails, naming the importer, when one sneaks in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { ROOT } from '../helpers';

async function webBuilds(): Promise<BuildOptions[]> {
  const mod = (await import(pathToFileURL(join(ROOT, 'scripts', 'web-build.mjs')).href)) as { WEB_BUILDS: BuildOptions[] };
  return mod.WEB_BUILDS;
}

test('the web server and client bundle for the browser without node built-ins', async () => {
  for (const options of await webBuilds()) {
    const r = await build({ ...options, absWorkingDir: ROOT, write: false, metafile: true, logLevel: 'silent', sourcemap: false });
    const inputs = Object.keys((r.metafile as Metafile).inputs);
    const entry = String((options.entryPoints as string[])[0]);
    // vscode-languageserver/-client resolved to their browser implementation, never lib/node
    assert.ok(!inputs.some((i) => /vscode-language(server|client)\/lib\/node\//.test(i)), `${entry} pulled in a node implementation`);
    assert.ok(!inputs.some((i) => /server\/src\/(platform-node|safe-file|host-reader|workspace-index|workspace-files|walk|framing|main)\.ts$/.test(i)), `${entry} pulled in disk-side code: ${inputs.filter((i) => i.startsWith('server/src/') && !i.includes('/service/')).join(', ')}`);
    const text = r.outputFiles[0].text;
    // the only module the client may require at run time is the host's `vscode`
    const required = [...new Set([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))];
    assert.deepEqual(required.filter((m) => m !== 'vscode'), [], `${entry} requires ${required.join(', ')}`);
    if (entry.includes('server')) assert.ok(inputs.some((i) => i.endsWith('pciids.snapshot.ts')), 'the pci.ids snapshot is compiled into the worker');
    // the client only starts the worker: the language service (rules, features, catalogues) stays out of it
    if (entry.includes('client')) assert.deepEqual(inputs.filter((i) => /server\/src\/service\/(index\.ts|rules\/|features\/|catalog\/(options|pciids))/.test(i)), [], `${entry} bundles the language service`);
  }
});

test('a node built-in in the web build fails the build and names the file that imported it', async () => {
  const [server] = await webBuilds();
  const dir = mkdtempSync(join(tmpdir(), 'nova-conf-web-build-'));
  try {
    for (const spec of ['node:fs', 'path', 'child_process', 'fs/promises']) {
      const entry = join(dir, `uses-${spec.replace(/\W/g, '_')}.ts`);
      writeFileSync(join(dir, 'helper.ts'), `import * as m from '${spec}';\nexport const x = m;\n`);
      writeFileSync(entry, `import { x } from './helper';\nconsole.log(x);\n`);
      await assert.rejects(
        build({ ...server, entryPoints: [entry], outfile: join(dir, 'out.js'), write: false, logLevel: 'silent' }),
        (e: Error) => e.message.includes(`node built-in "${spec}"`) && e.message.includes('helper.ts'),
        `importing ${spec} must fail the web build`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
