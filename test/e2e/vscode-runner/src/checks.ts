/**
 * End-to-end checks of the packaged nova-conf extension through the real VS Code API.
 * Used by the test-runner extension (code-server workbench) and by the @vscode/test-electron suite.
 * Every check is reported on its own, so a feature that is not there yet shows up as a named failure
 * while the others still run. Every wait is bounded.
 */
import * as vscode from 'vscode';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
  ms: number;
}

const EXTENSION_ID = 'nova-conf.nova-conf';
const DIAGNOSTICS_TIMEOUT_MS = 30_000;
const FEATURE_TIMEOUT_MS = 5_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls fn until it returns a truthy value or the time is up (then returns the last value). */
async function poll<T>(fn: () => T | Promise<T>, timeoutMs: number, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await fn();
  while (!last && Date.now() < end) {
    await sleep(everyMs);
    last = await fn();
  }
  return last;
}

function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

function hoverText(hovers: vscode.Hover[] | undefined): string {
  const parts: string[] = [];
  for (const h of hovers ?? []) {
    for (const c of h.contents) {
      if (typeof c === 'string') parts.push(c);
      else if ('value' in c) parts.push(c.value);
    }
  }
  return parts.join('\n').trim();
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Position just after `needle` (or at its start) in the first line that contains `lineMark`. */
function find(doc: vscode.TextDocument, lineMark: string, needle: string, after = false): vscode.Position {
  for (let i = 0; i < doc.lineCount; i++) {
    const text = doc.lineAt(i).text;
    if (!text.includes(lineMark)) continue;
    const at = text.indexOf(needle);
    if (at >= 0) return new vscode.Position(i, at + (after ? needle.length : 0));
  }
  throw new Error(`fixture has no line with ${JSON.stringify(lineMark)} containing ${JSON.stringify(needle)}`);
}

/** Device-spec tags the completion inside an empty device_spec object must offer. */
export const EXPECTED_TAGS = ['vendor_id', 'product_id', 'address', 'physical_network'];

export async function runChecks(workspaceDir: vscode.Uri, log: (s: string) => void = () => {}): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const check = async (name: string, fn: () => Promise<string>): Promise<boolean> => {
    const t0 = Date.now();
    try {
      const detail = await fn();
      results.push({ name, ok: true, detail, ms: Date.now() - t0 });
      log(`ok   ${name}: ${detail}`);
      return true;
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      results.push({ name, ok: false, detail, ms: Date.now() - t0 });
      log(`FAIL ${name}: ${detail}`);
      return false;
    }
  };
  const fail = (msg: string): never => {
    throw new Error(msg);
  };

  const mainUri = vscode.Uri.joinPath(workspaceDir, 'nova.conf');
  const dropInUri = vscode.Uri.joinPath(workspaceDir, 'nova.conf.d', '20-pci.conf');
  let doc: vscode.TextDocument | undefined;

  await check('language-mode', async () => {
    doc = await vscode.workspace.openTextDocument(mainUri);
    await vscode.window.showTextDocument(doc);
    const dropIn = await vscode.workspace.openTextDocument(dropInUri);
    if (doc.languageId !== 'nova-conf') fail(`nova.conf opened as "${doc.languageId}"`);
    if (dropIn.languageId !== 'nova-conf') fail(`nova.conf.d/20-pci.conf opened as "${dropIn.languageId}"`);
    return 'nova.conf and nova.conf.d/20-pci.conf are nova-conf';
  });
  if (!doc) return results;
  const d = doc;

  await check('extension-activated', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID) ?? fail(`${EXTENSION_ID} is not installed`);
    const active = await poll(() => ext.isActive, 15_000);
    if (!active) fail(`${EXTENSION_ID} ${ext.packageJSON.version} did not activate within 15 s`);
    return `${EXTENSION_ID} ${ext.packageJSON.version} from ${ext.extensionUri.fsPath}`;
  });

  const diagsWith = (code: string) => vscode.languages.getDiagnostics(d.uri).filter((x) => codeOf(x) === code);
  const specLine = find(d, 'device_spec = {"vendor_id": "80g6"', '"80g6"').line;
  const aliasPos = find(d, '"type-pf"', '"type-pf"');

  await check('diagnostic-device-spec', async () => {
    const found = await poll(() => diagsWith('device-spec-id-not-hex')[0], DIAGNOSTICS_TIMEOUT_MS);
    if (!found) fail(`no device-spec-id-not-hex within ${DIAGNOSTICS_TIMEOUT_MS / 1000} s; diagnostics: ${JSON.stringify(vscode.languages.getDiagnostics(d.uri).map(codeOf))}`);
    if (found.severity !== vscode.DiagnosticSeverity.Error) fail(`severity ${found.severity}, expected Error`);
    if (found.range.start.line !== specLine) fail(`on line ${found.range.start.line + 1}, expected ${specLine + 1}`);
    if (found.source !== 'nova-conf') fail(`source ${found.source}`);
    return `Error at ${found.range.start.line + 1}:${found.range.start.character + 1} "${d.getText(found.range)}": ${found.message}`;
  });

  await check('diagnostic-alias', async () => {
    const found = await poll(() => diagsWith('alias-bad-device-type')[0], DIAGNOSTICS_TIMEOUT_MS);
    if (!found) fail(`no alias-bad-device-type; diagnostics: ${JSON.stringify(vscode.languages.getDiagnostics(d.uri).map(codeOf))}`);
    if (found.severity !== vscode.DiagnosticSeverity.Error) fail(`severity ${found.severity}, expected Error`);
    if (!found.range.contains(aliasPos)) fail(`range ${JSON.stringify(found.range)} does not cover "type-pf"`);
    return `Error at ${found.range.start.line + 1}:${found.range.start.character + 1} "${d.getText(found.range)}"`;
  });

  await check('no-error-on-valid-entry', async () => {
    const line = find(d, '"physnet1"', 'device_spec').line;
    const bad = vscode.languages.getDiagnostics(d.uri).filter((x) => x.range.start.line === line && x.severity === vscode.DiagnosticSeverity.Error);
    if (bad.length) fail(`errors on a valid device_spec: ${bad.map((x) => `${codeOf(x)}: ${x.message}`).join('; ')}`);
    return 'the valid device_spec line has no error';
  });

  await check('completion-device-spec-tags', async () => {
    const pos = find(d, 'device_spec = {}', '{', true);
    const labels = await poll(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', d.uri, pos);
      const ls = (list?.items ?? []).map((i) => labelOf(i).replace(/^"|"$/g, ''));
      return EXPECTED_TAGS.every((t) => ls.includes(t)) ? ls : undefined;
    }, FEATURE_TIMEOUT_MS, 250);
    if (!labels) {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', d.uri, pos);
      const ls = (list?.items ?? []).map(labelOf);
      fail(`inside "device_spec = {}" at ${pos.line + 1}:${pos.character + 1}, expected ${EXPECTED_TAGS.join(', ')}; got ${ls.length} items ${JSON.stringify(ls.slice(0, 15))}`);
    }
    return `${labels!.length} items, including ${EXPECTED_TAGS.join(', ')}`;
  });

  await check('hover-tag-doc', async () => {
    const pos = find(d, '"physnet1"', 'physical_network');
    const text = await poll(async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', d.uri, pos.translate(0, 3))), FEATURE_TIMEOUT_MS, 250);
    if (!text) fail(`no hover on "physical_network" at ${pos.line + 1}:${pos.character + 4}`);
    if (!/network/i.test(text) || text.replace(/[`*"_\s]/g, '').length <= 'physical_network'.length) fail(`hover does not document the tag: ${JSON.stringify(text.slice(0, 200))}`);
    return JSON.stringify(text.slice(0, 120));
  });

  let fix: vscode.CodeAction | undefined;
  await check('quickfix-offered', async () => {
    const diag = diagsWith('alias-bad-device-type')[0] ?? fail('no alias-bad-device-type diagnostic to fix');
    const actions = await poll(async () => {
      const all = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', d.uri, diag.range)) ?? [];
      const fixes = all.filter((a): a is vscode.CodeAction => 'title' in a && 'kind' in a && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
      return fixes.length ? fixes : undefined;
    }, FEATURE_TIMEOUT_MS, 250);
    if (!actions) fail('no quick fix offered for alias-bad-device-type');
    fix = actions!.find((a) => a.diagnostics?.some((x) => codeOf(x) === 'alias-bad-device-type')) ?? actions![0];
    if (!fix.edit && !fix.command) fail(`quick fix "${fix.title}" has neither an edit nor a command`);
    return `${actions!.length} quick fix(es): ${actions!.map((a) => JSON.stringify(a.title)).join(', ')}`;
  });

  await check('quickfix-applied', async () => {
    if (!fix) fail('no quick fix to apply');
    const before = d.getText();
    if (fix!.edit && !(await vscode.workspace.applyEdit(fix!.edit))) fail('workspace.applyEdit returned false');
    if (fix!.command) await vscode.commands.executeCommand(fix!.command.command, ...(fix!.command.arguments ?? []));
    if (d.getText() === before) fail(`applying "${fix!.title}" changed nothing`);
    const gone = await poll(() => diagsWith('alias-bad-device-type').length === 0, DIAGNOSTICS_TIMEOUT_MS);
    if (!gone) fail(`alias-bad-device-type is still reported after "${fix!.title}"`);
    const line = d.lineAt(aliasPos.line).text;
    if (!line.includes('"type-PF"')) fail(`alias line is now ${JSON.stringify(line)}`);
    // The rest of the document is untouched.
    const others = before.split('\n').filter((_, i) => i !== aliasPos.line).join('\n');
    if (d.getText().split('\n').filter((_, i) => i !== aliasPos.line).join('\n') !== others) fail('the fix changed lines other than the alias');
    if (diagsWith('device-spec-id-not-hex').length !== 1) fail('the other error disappeared too');
    return `"${fix!.title}" → ${line.trim()}`;
  });

  // Typing fast makes the client's diagnostic pulls overlap (each keystroke pulls, and so does the server's refresh
  // when the file has a deployment): the problems of lines nobody touched must stay listed the whole time. The
  // language client used to store an empty list for every pull it cancelled, so squiggles and the Problems
  // panel blinked empty between keystrokes (and a check that looked twice could see nothing struck through).
  await check('diagnostics-steady-while-typing', async () => {
    const editor = await vscode.window.showTextDocument(d);
    const at = find(d, '"physnet1"', 'physnet1"}', true);
    const kept = () => diagsWith('device-spec-id-not-hex').length;
    if (!(await poll(() => kept() === 1, DIAGNOSTICS_TIMEOUT_MS))) fail(`before typing: ${kept()} device-spec-id-not-hex`);
    let samples = 0;
    const gaps: string[] = [];
    let typed = 0;
    const sampler = setInterval(() => {
      samples++;
      if (kept() === 0 && gaps.length < 5) gaps.push(`after ${typed} characters: ${JSON.stringify(vscode.languages.getDiagnostics(d.uri).map(codeOf))}`);
    }, 1);
    const text = '\npassthrough_whitelist = {"vendor_id": "10de", "product_id": "1db4"}';
    try {
      let pos = at;
      for (const ch of text) {
        await editor.edit((b) => b.insert(pos, ch), { undoStopBefore: false, undoStopAfter: false });
        typed++;
        pos = ch === '\n' ? new vscode.Position(pos.line + 1, 0) : pos.translate(0, 1);
        await sleep(typed % 3 === 0 ? 15 : 2);
      }
      const line = at.line + 1;
      const deprecated = await poll(() => vscode.languages.getDiagnostics(d.uri).some((x) => codeOf(x) === 'deprecated-option' && x.range.start.line === line), DIAGNOSTICS_TIMEOUT_MS);
      await sleep(1000);
      if (!deprecated) fail(`no deprecated-option on the typed line ${line + 1} (${JSON.stringify(d.lineAt(line).text)}): ${JSON.stringify(vscode.languages.getDiagnostics(d.uri).map((x) => `${x.range.start.line + 1}:${codeOf(x)}`))}`);
    } finally {
      clearInterval(sampler);
    }
    if (gaps.length) fail(`the error on line ${specLine + 1} (an untouched line) vanished from the diagnostics while typing ${typed} characters, e.g. ${gaps.join('; ')} (${samples} samples)`);
    return `${typed} characters typed in single edits; device-spec-id-not-hex listed in all ${samples} samples; deprecated-option on the typed line`;
  });

  // Leave the document as it was on disk (the workspace is a throw-away copy anyway).
  try {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  } catch {
    // nothing to revert
  }
  return results;
}
