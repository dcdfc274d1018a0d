#!/usr/bin/env node
// Derives options.index.json from options.data.json (scripts/build-catalog.mjs runs it after writing the catalogue;
// run it by hand after editing options.data.json). What a lint asks of the whole catalogue is computed here once:
// each group's release mask (listGroups, groupReleases), the deprecated names with the options that read them
// (findDeprecated), the groups by option name (groupsWithOption). Each group's options stay text, one line per option
// with its facts as JSON, which the language service reads the first time it needs that group: a bundle holds them as
// 66 strings, not as ~3,000 object literals that every run makes in full (docs/performance.md, Round 19 lint19).
// test/catalog/index.test.ts checks that the committed file is what this script makes (`--check`).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The index of a compact catalogue (options.data.json's object). Key order follows the catalogue's. */
export function catalogueIndex(catalog) {
  const masks = {};
  const groups = {};
  const deprecated = {};
  const byName = {};
  for (const [g, options] of Object.entries(catalog.groups)) {
    let mask = 0;
    for (const [n, e] of Object.entries(options)) {
      mask |= e.rel;
      (byName[n] ??= []).push([g, e.rel]);
      // Every (group, name) an option's facts list as deprecated, in any release's variant, once per option.
      const seen = new Set();
      for (const f of [e, ...Object.values(e.var ?? {})]) {
        for (const [dg, dn] of f.dn ?? []) {
          const k = `${dg ?? g}\u0000${dn}`;
          if (seen.has(k)) continue;
          seen.add(k);
          ((deprecated[dg ?? g] ??= {})[dn] ??= []).push([g, n]);
        }
      }
    }
    masks[g] = mask;
    // One line per option, `name<TAB>facts as JSON` (JSON text has no raw newline or tab), in the catalogue's order.
    groups[g] = Object.entries(options).map(([n, e]) => `${n}\t${JSON.stringify(e)}`).join('\n');
  }
  return {
    releases: catalog.releases,
    masks,
    groups,
    dynamic: catalog.dynamic,
    deprecated: JSON.stringify(deprecated),
    byName: JSON.stringify(byName),
    ...(catalog.authPlugin ? { authPlugin: catalog.authPlugin } : {}),
    ...(catalog.authtokenLegacy ? { authtokenLegacy: catalog.authtokenLegacy } : {}),
  };
}

export const CATALOG_DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'server', 'src', 'service', 'catalog');

/** options.index.json's text for options.data.json's text. */
export function catalogueIndexText(dataText) {
  return JSON.stringify(catalogueIndex(JSON.parse(dataText))) + '\n';
}

export function writeCatalogueIndex() {
  const out = join(CATALOG_DIR, 'options.index.json');
  const text = catalogueIndexText(readFileSync(join(CATALOG_DIR, 'options.data.json'), 'utf8'));
  writeFileSync(out, text);
  return { out, bytes: text.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    // Exit status 1 when the committed index is not what options.data.json gives (test/catalog/index.test.ts).
    const want = catalogueIndexText(readFileSync(join(CATALOG_DIR, 'options.data.json'), 'utf8'));
    const have = readFileSync(join(CATALOG_DIR, 'options.index.json'), 'utf8');
    if (want !== have) {
      console.error('options.index.json is out of date: run node scripts/build-catalog-index.mjs');
      process.exit(1);
    }
  } else {
    const { out, bytes } = writeCatalogueIndex();
    console.log(`wrote ${out}: ${bytes} bytes`);
  }
}
