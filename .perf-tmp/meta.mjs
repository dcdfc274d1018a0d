import { build } from 'esbuild';
const r = await build({ bundle: true, platform: 'node', target: 'node18', format: 'cjs', write: false, metafile: true, minifySyntax: true, minifyWhitespace: true, mainFields: ['module', 'main'], entryPoints: [process.argv[2] ?? 'server/src/cli.ts'], outfile: '/tmp/x.js', external: ['./pciids.snapshot'] , logLevel: 'error'});
const out = Object.values(r.metafile.outputs)[0];
const rows = Object.entries(out.inputs).map(([k, v]) => [v.bytesInOutput, k]).sort((a, b) => b[0] - a[0]);
const dirs = new Map();
for (const [b, k] of rows) { const d = k.includes('node_modules') ? k.split('node_modules/')[1].split('/')[0] : k.split('/').slice(0, 4).join('/'); dirs.set(d, (dirs.get(d) ?? 0) + b); }
console.log('total', out.bytes);
for (const [d, b] of [...dirs].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(String(b).padStart(8), d);
