/**
 * The caches shared across documents (option resolutions in document.ts, the options rule's per-entry findings,
 * the completion lists, the recent JSON trees) must not keep a closed document's text alive: V8 keeps a long
 * slice of a string as a view into the whole string, so a key or value cut from the document and stored as it is
 * would hold the entire text (found with a heap snapshot: a 1 MB file stayed in memory after it was closed). A
 * heap snapshot (taken after a full collection) must hold no string that starts with the closed document's first
 * line, except for a moment in V8's own handles (see `assertNotRetained` in test/heap-retainers.ts); on failure the message shows what
 * holds it (test/heap-retainers.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service/index';
import { createYamlFeatures } from '../../server/src/service/sources/yaml/service';
import { FlavorLsp } from '../../server/src/flavor-lsp';
import { assertNotRetained, diagnoseAndForget } from '../heap-retainers';

function documentText(marker: string): string {
  const lines = [marker, '[DEFAULT]'];
  // Long keys and values (slices of 13+ characters are views into the text), known, unknown and misplaced ones,
  // an ignored section, and values the type checks refuse.
  for (let i = 0; i < 200; i++) {
    lines.push(`heal_instance_info_cache_interval = ${i % 2 ? 'sixty_seconds_or_so' : '60'}`);
    lines.push(`some_unknown_long_option_name_${i % 7} = a_value_longer_than_thirteen_${i % 5}`);
    lines.push(`[my_unknown_section_name_${i % 3}]`, 'another_long_option_here = 1', '[pci]', 'report_in_placement = maybe_not_really');
    lines.push(`device_spec = {"vendor_id": "8086", "product_id": "154${i % 10}", "physical_network": "physnet_long_name_${i % 4}", "unknown_tag_name_here": "x", "devname": "enp_interface_name_longer_than_24_${i}"}`);
    lines.push(`alias = {"name": "a_long_alias_name_${i % 6}", "vendor_id": "10de", "product_id": "1eb8", "device_type": "type-PCI"}`, '[DEFAULT]');
  }
  return lines.join('\n');
}

const URI = 'file:///retention/nova.conf';

test('a closed document is not kept alive by the caches shared across documents', async (t) => {
  const marker = `# memo-retention-${process.pid}-${Date.now()}`;
  assert.ok(diagnoseAndForget(documentText(marker), URI) > 100, 'the document has findings (the memo holds entries)');
  await assertNotRetained(t, marker);
});

/** Opens the document, asks for what an editor asks for around its first blocks, closes it (locals end here). */
function exerciseAndClose(marker: string): number {
  const svc = createLanguageService();
  const text = documentText(marker);
  const doc = svc.parse(text, URI, 1);
  const diagnostics: Diagnostic[] = svc.diagnostics(doc);
  const lines = text.split('\n');
  let answers = 0;
  // Every kind of line: keys, values, section headers, device_spec and alias JSON.
  for (let line = 1; line < 20; line++) {
    const len = lines[line]!.length;
    for (const character of [0, 3, len >> 1, len - 2, len]) {
      const position = { line, character: Math.max(0, character) };
      const list = svc.completion(doc, position, { resolveDocumentation: true });
      for (const item of list.items.slice(0, 2)) svc.resolveCompletion(item);
      if (svc.hover(doc, position)) answers++;
      answers += list.items.length;
    }
  }
  answers += svc.inlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }).length;
  for (const d of diagnostics.filter((x) => x.range.start.line < 20)) {
    answers += svc.codeActions(doc, d.range, { diagnostics: [d] }).length;
  }
  svc.forget(URI);
  return answers;
}

test('nor after completions, hovers, inlay hints and code actions on it', async (t) => {
  const marker = `# feature-retention-${process.pid}-${Date.now()}`;
  const answers = exerciseAndClose(marker);
  assert.ok(answers > 100, `the features answered (${answers})`);
  await assertNotRetained(t, marker);
});

/**
 * Flavor documents (flavors/model.ts) and YAML forms (sources/yaml/service.ts) have position helpers of their own,
 * read by the flavor and YAML features in loops (an item's range, a mapped diagnostic): they must not hold a closed
 * document's text either.
 */
function heatText(marker: string): string {
  const lines = [marker, 'heat_template_version: 2018-08-31', 'resources:'];
  for (let i = 0; i < 120; i++) {
    lines.push(`  gpu_flavor_with_a_long_name_${i}:`, '    type: OS::Nova::Flavor', '    properties:', `      name: gpu.large.${i}`, '      extra_specs:');
    lines.push(`        "pci_passthrough:alias": "a_long_alias_name_${i % 6}:${i % 3}"`, `        "hw:pci_numa_affinity_policy": "${i % 2 ? 'prefered' : 'required'}"`, '        "hw:cpu_policy": dedicated_or_so');
  }
  return lines.join('\n');
}

function yamlText(marker: string): string {
  const lines = [marker, 'conf:', '  nova:', '    DEFAULT:', '      heal_instance_info_cache_interval: sixty_seconds_or_so', '    pci:', '      alias:', '        type: multistring', '        values:'];
  for (let i = 0; i < 120; i++) lines.push(`          - '{"name": "a_long_alias_name_${i % 6}", "vendor_id": "10de", "product_id": "1eb8", "device_type": "type-PCI", "numa_policy": "prefered"}'`);
  lines.push('      device_spec:');
  for (let i = 0; i < 120; i++) lines.push(`        - '{"vendor_id": "8086", "product_id": "154${i % 10}", "physical_network": "physnet_long_name_${i % 4}", "unknown_tag_name_here": "x"}'`);
  return lines.join('\n');
}

/** Positions on the first `count` lines of `text` (start, a few characters in, the middle, the end). */
function positionsOf(text: string, count: number): { line: number; character: number }[] {
  const lines = text.split('\n');
  const out: { line: number; character: number }[] = [];
  for (let line = 1; line < Math.min(count, lines.length); line++) {
    const len = lines[line]!.length;
    for (const character of [0, 3, len >> 1, len - 2, len]) out.push({ line, character: Math.max(0, character) });
  }
  return out;
}

/** A Heat flavor template opened in the flavor workspace, its diagnostics, completions and hovers asked, then closed. */
function exerciseFlavorAndClose(marker: string): number {
  const svc = createLanguageService();
  const flavors = new FlavorLsp(svc);
  const uri = 'file:///retention/flavors.yaml';
  let td = TextDocument.create(uri, 'yaml', 1, heatText(marker));
  let answers = flavors.diagnostics(td).length;
  // An edit (a new version) before the questions: the first version's document must go too.
  td = TextDocument.update(td, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# edited\n' }], 2);
  answers += flavors.diagnostics(td).length;
  for (const p of positionsOf(td.getText(), 60)) {
    answers += flavors.completion(td, p)?.items.length ?? 0;
    if (flavors.hover(td, p)) answers++;
  }
  // Typing in the values: the count after an alias name, an enum value (each answer's items carry ranges).
  const lines = td.getText().split('\n');
  for (let round = 0; round < 8; round++) {
    for (let line = 0; line < lines.length; line++) {
      const l = lines[line]!;
      if (!l.includes('": "')) continue;
      answers += flavors.completion(td, { line, character: l.length - 2 })?.items.length ?? 0;
    }
  }
  flavors.closed(uri);
  return answers;
}

/** A test that runs `exercise` on a document starting with a fresh marker line and looks for its text after. */
function retentionTest(name: string, kind: string, exercise: (marker: string) => number): void {
  test(name, async (t) => {
    const marker = `# ${kind}-retention-${process.pid}-${Date.now()}`;
    const answers = exercise(marker);
    assert.ok(answers > 100, `the ${kind} features answered (${answers})`);
    await assertNotRetained(t, marker);
  });
}

retentionTest('nor a flavor document after edits, diagnostics, completions and hovers on it', 'flavor', exerciseFlavorAndClose);

/** A YAML form (openstack-helm values) opened, edited, asked what an editor asks for, then closed. */
function exerciseYamlAndClose(marker: string): number {
  const yaml = createYamlFeatures(createLanguageService());
  const uri = 'file:///retention/values.yaml';
  let text = yamlText(marker);
  let answers = yaml.diagnostics(yaml.parse(text, uri, 1)).length;
  text = text.replace('sixty_seconds_or_so', 'seventy_seconds_or_so');
  const view = yaml.parse(text, uri, 2);
  const diagnostics = yaml.diagnostics(view);
  answers += diagnostics.length;
  for (const p of positionsOf(text, 40)) {
    answers += yaml.completion(view, p, { resolveDocumentation: true }).items.length;
    if (yaml.hover(view, p)) answers++;
  }
  // Typing in the values: a JSON value's completions (their edits are mapped back to YAML positions).
  const lines = text.split('\n');
  for (let round = 0; round < 3; round++) {
    for (let line = 0; line < lines.length; line++) {
      const c = lines[line]!.indexOf('prefered');
      if (c >= 0) answers += yaml.completion(view, { line, character: c + 3 }).items.length;
    }
  }
  const top = { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } };
  answers += yaml.inlayHints(view, top).length + yaml.semanticTokens(view, top).data.length;
  for (const d of diagnostics.filter((x) => x.range.start.line < 40)) answers += yaml.codeActions(view, d.range, { diagnostics: [d] }).length;
  yaml.forget(uri);
  return answers;
}

retentionTest('nor a YAML form after edits, diagnostics, completions, hovers, hints, tokens and code actions on it', 'yaml', exerciseYamlAndClose);
