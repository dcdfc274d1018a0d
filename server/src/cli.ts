/**
 * nova-conf-lint: the same rules as the language server, for CI.
 *   nova-conf-lint [--release R] [--format text|json|sarif|github|gitlab] [--rule CODE=LEVEL] [--config FILE] [--fix [--backup]] FILE…
 * Exit status: 0 no errors, 1 errors found, 2 usage error, unreadable file, or a file --fix refused to rewrite.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as nodeCrypto from 'node:crypto';
import { DEFAULT_RELEASE, RULES, RuleLevel, Settings, createLanguageService, describeReleases, isRuleLevel } from './service/index';
import { describePoints, parseReleaseVersion } from './service/catalog/point-releases';
import { CONFIG_FILE, normalizeSettings, readConfigFile } from './config-file';
import { fixAll } from './service/fix-all';
import { isYamlUri } from './service/sources/yaml/extract';
import { YAML_RULE_BY_CODE } from './service/sources/yaml/rules';
import { createYamlFeatures } from './service/sources/yaml/service';
import { expandInputs } from './yaml-files';
import { FORMATS, Format, Result, formatReport } from './report';
import { SafeFileError, readForRewrite, replaceFile } from './safe-file';
import { findNovaConfigs } from './walk';
import { FlavorWorkspace, aliasUsageDiagnostics, flavorDiagnostics, flavorFormat } from './service/flavors/index';
import { scanFolder } from './workspace-files';

import { VERSION } from './version';
import { decodeUtf8 } from './service/python/decode';
import { HostReadError, LoadedHost, loadHosts, readHostRoot } from './host-reader';
import { limitsFromEnv } from './limits';
import { tuneForShortRun } from './cli-tiering';
import { exitWhenWritten, writeStderr, writeStdout } from './cli-stdout';
import { keepSlices } from './service/own-string';
import { fileUri } from './file-uri';
import { setOptionsMemo } from './service/rules/options/index';
import { setOptionMemo } from './service/catalog/options';

const USAGE = `Usage: nova-conf-lint [options] FILE|DIR...   (FILE "-" reads standard input)

Checks nova.conf files the way OpenStack Nova reads them, and the nova.conf settings inside
YAML deployment files (.yaml/.yml): RHOSO, openstack-helm, OpenStack-Ansible, TripleO and
Juju forms. A DIR stands for the nova configs (nova.conf, nova-*.conf, nova.conf.d/,
kolla-ansible and Kayobe config trees) and YAML files below it: each file is checked, and
so is the deployment they form (what each Nova service reads across its files).
See docs/deployments.md.

Options:
  --release R         Nova release whose rules apply: ${describeReleases()}
                      (default: ${DEFAULT_RELEASE}); a series means its latest point
                      release, a Nova version (28.0.0, 31.3.1) selects that point release
  --format F          text (default), json, sarif, github (workflow annotations) or gitlab (Code Quality)
  --rule CODE=LEVEL   set a rule's severity: off, error, warning, information, hint
  --config FILE       settings file (default: ${CONFIG_FILE} in the current directory, if present)
  --fix               apply the safe fixes in place (one line per fix), then report what remains
  --backup            with --fix: keep the original as FILE.orig (FILE.orig.1, .2 … if that exists)
  --host PATH         also judge device_spec and aliases against a compute host: a snapshot
                      file, a filesystem root (/ is this machine), or a directory of
                      snapshots named <host>.json (a fleet). See docs/host.md.
  --collect-host [ROOT]  print a JSON snapshot of ROOT's PCI devices (default /) and exit
  --version, --help

--fix refuses symbolic links, files with several hard links and files that change while
it runs (nothing is written; the file is still checked). See docs/robustness.md.

Exit status: 0 no errors, 1 errors found, 2 usage error, unreadable file, or a file --fix
refused to rewrite.
`;


function fail(message: string): never {
  writeStderr(`nova-conf-lint: ${message}\n`);
  process.exit(2);
}

interface Input {
  text: string;
  /** The first byte that is not UTF-8 (python/decode.ts): the file gets one file-not-utf8 Error. */
  invalid?: { offset: number; byte: number };
}

/** Files that could not be read at all: reported on stderr at once; the exit status is 2 after the others are checked. */
let unreadable = 0;

function cannotRead(message: string): undefined {
  writeStderr(`nova-conf-lint: ${message}\n`);
  unreadable++;
  return undefined;
}

function readInput(file: string): Input | undefined {
  if (file === '-') {
    try {
      return decodeUtf8(readFileSync(0));
    } catch (e) {
      return cannotRead(`cannot read standard input: ${(e as Error).message}`);
    }
  }
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    return cannotRead(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (st.isDirectory()) return cannotRead(`${file} is a directory`);
  try {
    return decodeUtf8(readFileSync(file));
  } catch (e) {
    return cannotRead(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
  }
}

function main(argv: string[]): number {
  const files: string[] = [];
  let format = 'text';
  let release: string | undefined;
  let configPath: string | undefined;
  let fix = false;
  let backup = false;
  let hostPath: string | undefined;
  let collect: string | undefined;
  const ruleArgs: Record<string, RuleLevel> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) fail(`${name} needs a value\n\n${USAGE}`);
      return v;
    };
    if (a === '--help' || a === '-h') {
      writeStdout(USAGE);
      return 0;
    } else if (a === '--version') {
      writeStdout(`nova-conf-lint ${VERSION}\n`);
      return 0;
    } else if (a === '--fix') fix = true;
    else if (a === '--backup') backup = true;
    else if (a === '--format' || a.startsWith('--format=')) format = value('--format');
    else if (a === '--release' || a.startsWith('--release=')) release = value('--release');
    else if (a === '--config' || a.startsWith('--config=')) configPath = value('--config');
    else if (a === '--host' || a.startsWith('--host=')) hostPath = value('--host');
    else if (a === '--collect-host') collect = argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') ? argv[++i] : '/';
    else if (a.startsWith('--collect-host=')) collect = a.slice('--collect-host='.length);
    else if (a === '--rule' || a.startsWith('--rule=')) {
      const v = a === '--rule' ? value('--rule') : a.slice('--rule='.length);
      const m = /^([A-Za-z0-9_-]+)=(\w+)$/.exec(v);
      if (!m || !isRuleLevel(m[2])) fail(`--rule takes CODE=LEVEL with LEVEL one of off, error, warning, information, hint (got ${JSON.stringify(v)})`);
      if (!RULES.has(m[1]) && !YAML_RULE_BY_CODE.has(m[1])) fail(`unknown rule ${m[1]}; see docs/rules.md`);
      ruleArgs[m[1]] = m[2] as RuleLevel;
    } else if (a.startsWith('-') && a !== '-') fail(`unknown option ${a}\n\n${USAGE}`);
    else files.push(a);
  }
  if (collect !== undefined) {
    try {
      writeStdout(JSON.stringify(readHostRoot(collect), null, 2) + '\n');
    } catch (e) {
      fail(e instanceof HostReadError ? e.message : `cannot read ${collect}: ${(e as Error).message}`);
    }
    return 0;
  }
  if (!(FORMATS as readonly string[]).includes(format)) fail(`--format must be one of ${FORMATS.join(', ')} (got ${JSON.stringify(format)})`);
  if (files.length === 0) fail(`no file given\n\n${USAGE}`);
  if (backup && !fix) fail('--backup only makes sense with --fix');
  if (fix && files.includes('-')) fail('--fix rewrites files in place; it cannot fix standard input');

  // --fix (temporary names, safe-file.ts) and GitLab's fingerprints (report.ts) use node:crypto, which loads Node's
  // stream modules: loaded after tuneForShortRun's flags, all of them would be compiled from source (V8 rejects their
  // code cache under other flags), and nothing else loads them any more (docs/performance.md, Round 19).
  if (fix || format === 'gitlab') nodeCrypto.randomBytes(0);
  tuneForShortRun();
  keepSlices();
  const settings: Partial<Settings> = {};
  const cfg = readConfigFile(resolve(configPath ?? CONFIG_FILE));
  if (configPath && !cfg) fail(`cannot read ${configPath}`);
  if (cfg?.problems.length) fail(cfg.problems.join('\n'));
  Object.assign(settings, cfg?.settings ?? {});
  if (release !== undefined) {
    const r = parseReleaseVersion(release);
    if (!r) fail(`unknown release ${JSON.stringify(release)}; valid releases: ${describeReleases()}, or a Nova point release (${describePoints()})`);
    settings.release = r.release;
    settings.point = r.point;
  }
  settings.rules = { ...(settings.rules ?? {}), ...ruleArgs };
  const { problems } = normalizeSettings(settings, 'settings');
  if (problems.length) fail(problems.join('\n'));

  let hosts: LoadedHost[] = [];
  if (hostPath !== undefined) {
    try {
      hosts = loadHosts(hostPath);
    } catch (e) {
      fail(e instanceof HostReadError ? e.message : `cannot read ${hostPath}: ${(e as Error).message}`);
    }
  }
  const service = createLanguageService({ settings: { ...settings, ...limitsFromEnv(), maxDiagnostics: Number.MAX_SAFE_INTEGER, host: hosts[0]?.inventory } });
  const yaml = createYamlFeatures(service);
  // Directories name the nova configs and the YAML deployment files found under them.
  const targets: string[] = [];
  for (const f of files) {
    if (f !== '-' && isDirectory(f)) {
      const found = findNovaConfigs(f);
      if (found.truncated) writeStderr(`nova-conf-lint: ${f}: only the first ${found.files.length} nova configs are checked\n`);
      const yamls = expandInputs([f], () => {});
      // flavor documents other than YAML: Terraform, shell scripts, Markdown (docs/flavors.md)
      const flavorFiles = scanFolder(f).filter((x) => x.kind === 'flavor' && !isYamlUri(x.path)).map((x) => x.path);
      if (found.files.length === 0 && yamls.length === 0 && flavorFiles.length === 0) fail(`${f} is a directory with no nova config (nova.conf, nova-*.conf, nova.conf.d/*.conf, kolla-ansible config trees), no .yaml/.yml file and no flavor file in it; name the files to check`);
      targets.push(...[...found.files, ...yamls, ...flavorFiles].sort());
    } else targets.push(f);
  }
  const uris = new Map<string, string>();
  const uriOf = (file: string) => {
    let uri = uris.get(file);
    if (uri === undefined) uris.set(file, (uri = file === '-' ? 'stdin:' : fileUri(file)));
    return uri;
  };
  // Terraform, shell and Markdown files are flavor documents only (YAML files may be both).
  const flavorOnly = (file: string) => file !== '-' && !isYamlUri(file) && flavorFormat(file, '') !== undefined;
  // Every nova config joins the workspace first, so each one is judged with the files it is deployed with.
  const texts = new Map<string, Input>();
  for (const file of new Set(targets)) {
    const input = file === '-' || !fix || isYamlUri(file) || flavorOnly(file) ? readInput(file) : readForFix(file);
    if (!input) continue; // reported; the others are still checked
    texts.set(file, input);
    if (!isYamlUri(file) && !flavorOnly(file) && !input.invalid) service.workspace.set(uriOf(file), input.text);
  }
  // The options rule remembers each entry's findings for the next check of the same text (a keystroke, --fix's
  // re-checks, the other files of a run, another host of a fleet), and the catalogue each option it was asked for. A
  // run that checks one file once fills both for nothing: ~1,000 records each on the full config, ~1.5% of the run's
  // instructions (docs/performance.md, Round 20: lint20).
  if (texts.size === 1 && !fix && hosts.length <= 1) {
    setOptionsMemo(false);
    setOptionMemo(false);
  }
  let refused = false;
  if (fix) {
    for (const file of texts.keys()) {
      if (isYamlUri(file) || flavorOnly(file) || texts.get(file)?.invalid) continue; // YAML and flavor files: no --fix; a file that is not UTF-8 is never rewritten
      const fixed = fixFile(file, service.settingsFor(uriOf(file)), backup, format === 'text' ? writeStdout : writeStderr);
      if (!fixed) continue;
      refused ||= fixed.refused;
      texts.set(file, fixed);
      if (!fixed.invalid) service.workspace.set(uriOf(file), fixed.text);
    }
  }
  // Flavor documents and nova configs share one view of PCI alias names (flavor-alias-undefined, flavor-alias-unused).
  const flavorWs = new FlavorWorkspace(service.settings.release);
  for (const [file, { text, invalid }] of texts) {
    if (invalid) continue;
    const f = file === '-' ? undefined : flavorFormat(file, text);
    if (f) flavorWs.set(uriOf(file), text, { format: f });
    else flavorWs.set(uriOf(file), text, { nova: service.parse(text, uriOf(file), 0) });
  }
  const flavorSide = (uri: string) => {
    const d = flavorWs.flavorDocument(uri);
    return d ? flavorDiagnostics(d, service.settings, flavorWs) : [];
  };
  const results: Result[] = [...texts].map(([file, { text, invalid }]) => {
    const uri = uriOf(file);
    if (invalid && !isYamlUri(file)) return { file: file === '-' ? '<stdin>' : file, diagnostics: service.diagnostics(service.parse(text, uri, 0, invalid)) };
    // YAML deployment files: the nova.conf settings inside them, reported at YAML positions.
    if (isYamlUri(file)) return { file, diagnostics: [...yaml.diagnostics(yaml.parse(text, uri, 0)), ...flavorSide(uri)] };
    if (flavorOnly(file)) return { file, diagnostics: flavorSide(uri) };
    const diagnostics = [...(hosts.length > 1 ? fleetDiagnostics(service, hosts, text, uri) : service.diagnostics(service.parse(text, uri, 0)))];
    const nova = flavorWs.novaDocument(uri);
    if (nova) diagnostics.push(...aliasUsageDiagnostics(nova, service.settings, flavorWs));
    return { file: file === '-' ? '<stdin>' : file, diagnostics };
  });

  writeStdout(formatReport(format as Format, results, service.settings.release));
  if (refused || unreadable > 0) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 1)) ? 1 : 0;
}

/** A fleet: every host's host-rule findings (their messages name the host), the other findings once. */
function fleetDiagnostics(service: ReturnType<typeof createLanguageService>, hosts: LoadedHost[], text: string, uri: string) {
  const out: ReturnType<typeof service.diagnostics> = [];
  const seen = new Set<string>();
  for (const h of hosts) {
    service.configure({ host: h.inventory });
    for (const d of service.diagnostics(service.parse(text, uri, 0))) {
      const key = `${String(d.code)} ${d.range.start.line}:${d.range.start.character} ${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(d);
    }
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false; // readInput reports it
  }
}

/** The text --fix will start from (a file --fix refuses to rewrite is still read and checked). */
function readForFix(file: string): Input | undefined {
  try {
    return decodeUtf8(readForRewrite(file, MAX_FIX_BYTES).buffer);
  } catch {
    return readInput(file);
  }
}

/** --fix reads at most this much (larger files are not analysed anyway). */
const MAX_FIX_BYTES = 64 * 1024 * 1024;

/**
 * Applies the preferred safe fixes to one file and rewrites it with server/src/safe-file.ts (no symlink
 * followed, owner/group/mode kept, refused if the file changed meanwhile). A file with nothing to fix is
 * not written at all. "fixed" lines are printed only once the new file is in place. When the rewrite is
 * refused, the reason goes to stderr, the file is left as it was and its current text is checked.
 */
function fixFile(file: string, settings: Settings, backup: boolean, out: (text: string) => void): (Input & { refused: boolean }) | undefined {
  let snap;
  try {
    snap = readForRewrite(file, MAX_FIX_BYTES);
  } catch (e) {
    if (!(e instanceof SafeFileError) || e.problem === 'missing' || e.problem === 'io') {
      const input = readInput(file); // the usual "cannot read" / "is a directory" message (exit 2 at the end)
      return input && { ...input, refused: false };
    }
    if (e.problem !== 'symlink' && e.problem !== 'hard-links') fail(`cannot fix ${e.message}`);
    // Refused, but still readable: report the refusal and check the file as it is.
    writeStderr(`nova-conf-lint: not fixed: ${e.message}\n`);
    const input = readInput(file);
    return input && { ...input, refused: true };
  }
  const decoded = decodeUtf8(snap.buffer);
  if (decoded.invalid) return { ...decoded, refused: false }; // never rewritten: its file-not-utf8 Error says why
  const { text } = decoded;
  const result = fixAll(text, settings, { uri: fileUri(file) });
  if (result.text === text) return { text, refused: false };
  try {
    const { backupPath } = replaceFile(snap, result.text, { backup });
    if (backupPath) writeStderr(`nova-conf-lint: kept the original as ${backupPath}\n`);
  } catch (e) {
    writeStderr(`nova-conf-lint: not fixed: ${(e as Error).message}\n`);
    return { text, refused: true };
  }
  out(result.fixes.map((f) => `${file}:${f.line + 1}:${f.character + 1}: fixed ${f.code}: ${f.title}\n`).join(''));
  return { text: result.text, refused: false };
}

exitWhenWritten(main(process.argv.slice(2)));
