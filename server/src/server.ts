/**
 * The LSP adapter: wires vscode-languageserver to the pure language service.
 * Every handler is guarded so that one bad request cannot take the server down.
 */
import {
  CancellationToken,
  CompletionParams,
  Hover,
  HoverParams,
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  WorkspaceDiagnosticReport,
  WorkspaceDocumentDiagnosticReport,
  InitializeParams,
  InitializeResult,
  ResponseError,
  TextDocuments,
} from 'vscode-languageserver';
import { CompletionOptions, DEFAULT_RELEASE, InlayHintOptions, withItemDefaults, withoutSnippets, createLanguageService, PciIdDatabase, Settings, resultIdOf } from './service/index';
import { bundledPciIds } from './service/catalog/pciids';
import { normalizeSettings } from './settings-input';
import type { HostStatus } from './host-setting';
import { checkpoint, syncedDocuments } from './protocol-gate';
import { isYamlUri } from './service/sources/yaml/extract';
import { offerLineStarts } from './service/lines';
import { knownLineStarts } from './document-lines';
import { createYamlFeatures } from './service/sources/yaml/service';
import { FlavorLsp } from './flavor-lsp';
import { FLAVOR_EXTENSIONS } from './service/flavors/index';
import { indexSetting } from './index-setting';
import { CONFIG_FILES_NOTIFICATION, type ServerPlatform } from './platform';
import { initializeResult, pullsDiagnostics } from './capabilities';
import { inlayHintSetting } from './inlay-setting';
import { idleWork } from './idle-work';
import type { CompletionItem, CompletionList, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * Serves the language over any connection: stdio/IPC (main.ts, node), postMessage (browser.ts, a web worker)
 * or a stream pair in process (test/protocol/in-process.test.ts). Registers every handler, then listens.
 * Everything that reads a file goes through `platform` (platform.ts): this module stays free of node built-ins.
 */
/** Node's timers keep the process alive unless unref'd; a browser's timers are plain numbers. */
const unref = (t: unknown): void => (t as { unref?: () => void }).unref?.();

export function startServer(connection: Connection, platform: ServerPlatform): void {
  // A didChange whose range does not fit the document is not applied: the document is marked out of sync
  // until the editor sends its full text or reopens it (protocol-gate.ts).
  const sync = syncedDocuments((o) => {
    connection.console.error(`nova-conf: textDocument/didChange for ${o.uri} (version ${o.version}) not applied: ${o.reason}. The server's copy is out of sync; edits are ignored until the document is reopened or its full text is sent.`);
    if (pullDiagnostics) connection.languages.diagnostics.refresh();
  });
  const documents = new TextDocuments(sync.configuration);
  const OUT_OF_SYNC_MESSAGE = "nova-conf lost track of this document's text (the editor sent an edit that does not fit it), so it is not checked. Close and reopen the file.";
  function outOfSyncDiagnostics(): Diagnostic[] {
    return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning, source: 'nova-conf', message: OUT_OF_SYNC_MESSAGE }];
  }

  let pciIdsPath: string | undefined;
  let pciDb: PciIdDatabase | undefined;
  function pciIds(): PciIdDatabase {
    return (pciDb ??= platform.readPciIds(pciIdsPath, (m) => connection.console.warn(m)) ?? bundledPciIds());
  }

  const service = createLanguageService({ pciIds, settings: platform.limits });
  // YAML deployment files (RHOSO, openstack-helm, OpenStack-Ansible, TripleO, Juju): the server decides by content.
  const yaml = createYamlFeatures(service);
  // Flavor documents (Heat, Ansible, Terraform, shell, Markdown) and PCI alias names across the workspace's files.
  const flavors = new FlavorLsp(service, platform.files);
  // nova-conf.host / nova-conf.useLocalHost (machine settings): the host the host rules, hover and hints use.
  const hostSetting = platform.hostSource({
    info: (m) => connection.console.info(m),
    warn: (m) => void connection.window.showWarningMessage(m),
    status: (s) => {
      hostStatus = s;
      if (initialized) void connection.sendNotification('nova-conf/host', s);
    },
    // The snapshot file was written again: judge the open documents against what it says now.
    reloaded: () => {
      const before = service.settings;
      applySettings();
      settingsApplied(before);
    },
  });
  let initialized = false;
  let hostStatus: HostStatus | undefined;
  let workspaceFolder: string | undefined;
  let clientSettings: Partial<Settings> = {};
  let hasConfigurationCapability = false;
  let canRegisterConfiguration = false;
  let pullDiagnostics = false;
  // Clients that do not announce snippet support get plain-text completions (no $1 placeholders, no re-trigger).
  let snippetSupport = false;
  let completionOptions: CompletionOptions = {};
  // LSP 3.17 CompletionList.itemDefaults the client applies (VS Code: editRange, data, …): long lists send the shared range once.
  let itemDefaults: readonly string[] = [];
  const debounceMs = platform.debounceMs;
  // Idle-time work in slices that give way to every incoming message (idle-work.ts); stopped at shutdown.
  const idle = idleWork();
  platform.onIncoming?.(() => idle.touch());
  // Clients that get kept option-name lists (resolveDocumentation and the editRange item default, as VS Code's):
  // their first option-name completion is primed when a document's diagnostics are out (primeCompletion).
  let primeEnabled = false;
  let primeHover = false;
  // Diagnostics wait until the client's settings are known, so a document opened right
  // after `initialized` is not first checked against the wrong release.
  let markReady: () => void = () => {};
  const settingsReady = new Promise<void>((resolve) => (markReady = resolve));

  /** For request handlers in phases: a RequestCancelled (or other protocol) error goes back to the client, anything else is logged. */
  function guardAsync<P, R>(name: string, fallback: R, fn: (params: P, token: CancellationToken) => Promise<R>): (params: P, token: CancellationToken) => Promise<R> {
    return async (params: P, token: CancellationToken) => {
      try {
        return await fn(params, token);
      } catch (e) {
        if (e instanceof ResponseError) throw e;
        connection.console.error(`nova-conf: ${name} failed: ${(e as Error).stack ?? String(e)}`);
        return fallback;
      }
    };
  }

  function guard<A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R): (...args: A) => R {
    return (...args: A) => {
      try {
        return fn(...args);
      } catch (e) {
        connection.console.error(`nova-conf: ${name} failed: ${(e as Error).stack ?? String(e)}`);
        return fallback;
      }
    };
  }

  function applySettings(): void {
    const file = workspaceFolder ? platform.readConfigFile(workspaceFolder) : undefined;
    for (const p of file?.problems ?? []) connection.window.showWarningMessage(`nova-conf: ${p}`);
    const merged: Partial<Settings> = { ...clientSettings, ...(file?.settings ?? {}) };
    merged.rules = { ...(clientSettings.rules ?? {}), ...(file?.settings.rules ?? {}) };
    service.configure({ release: merged.release ?? DEFAULT_RELEASE, point: merged.release ? merged.point : undefined, rules: merged.rules, host: hostSetting.inventory });
  }

  /**
   * nova-conf.pciIdsPath: a new path drops the loaded database and every parse; an empty or missing one goes back to
   * the machine's pci.ids or the bundled snapshot (before, clearing the setting kept the file named earlier).
   */
  function setPciIdsPath(raw: unknown): void {
    const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).pciIdsPath : undefined;
    const next = typeof v === 'string' && v !== '' ? v : undefined;
    if (next === pciIdsPath) return;
    pciIdsPath = next;
    pciDb = undefined;
    service.invalidate();
  }

  /**
   * After an event that may have changed the settings: diagnostics again (revalidateAll), and when the service's
   * settings did change, the editor's semantic tokens and inlay hints too, which it would otherwise keep until the
   * next edit (tokens mark the sections and options of the selected release, hints show `$name` values resolved for
   * it, PCI names from pci.ids and what the host matches).
   */
  function settingsApplied(before: Settings): void {
    revalidateAll();
    if (service.settings === before || !initialized) return;
    // Typed void, but it returns the request's promise: a client that answers with an error must not crash the server.
    if (semanticTokensRefresh) void Promise.resolve(connection.languages.semanticTokens.refresh() as unknown).catch(() => undefined);
    if (inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
  }
  let semanticTokensRefresh = false;

  async function refreshClientSettings(reloadHost = false): Promise<void> {
    if (!hasConfigurationCapability) return;
    try {
      const raw = await connection.workspace.getConfiguration({ section: 'nova-conf' });
      const { settings, problems } = normalizeSettings(raw ?? {}, 'nova-conf settings');
      for (const p of problems) connection.window.showWarningMessage(p);
      clientSettings = settings;
      hostSetting.update(raw, reloadHost);
      setInlayHints(inlayHintSetting(raw, initInlayHints));
      setIndexing(indexSetting(raw));
      setPciIdsPath(raw);
    } catch {
      // The client does not answer workspace/configuration: keep the defaults.
    }
  }

  const workspaceIndex = platform.workspaceIndex(service);

  /** nova-conf.inlayHints.*: which hints to send; a change asks the client to request them again. */
  let initInlayHints: InlayHintOptions = {};
  let inlayHintOptions: InlayHintOptions = {};
  let inlayHintRefresh = false;
  function setInlayHints(next: InlayHintOptions): void {
    const changed = JSON.stringify(next) !== JSON.stringify(inlayHintOptions);
    inlayHintOptions = next;
    if (changed && initialized && inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
  }

  /** Reads the folders' nova configs and flavor files (only while nova-conf.workspace.index is on). */
  function indexFolders(): void {
    guard('workspace index', 0, () => workspaceIndex.index(workspaceFolderUris))();
    if (!workspaceIndex.indexing) return;
    for (const f of workspaceFolderUris) guard('flavor scan', undefined, (folderUri: string) => flavors.scan(folderUri))(f);
  }

  /** nova-conf.workspace.index changed: off drops every file that is not open, on reads the folders again. */
  let initIndexing = true;
  function setIndexing(on: boolean | undefined): void {
    const want = on ?? initIndexing;
    flavors.indexing = want;
    if (!guard('workspace index', false, () => workspaceIndex.setEnabled(want))()) return;
    if (want) indexFolders();
    else guard('flavor index', undefined, () => flavors.dropUnopened())();
  }
  let workspaceFolderUris: string[] = [];
  let canWatchFiles = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    workspaceFolderUris = params.workspaceFolders?.map((f) => f.uri) ?? (folder ? [folder] : []);
    canWatchFiles = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    workspaceFolder = folder;
    hasConfigurationCapability = Boolean(params.capabilities.workspace?.configuration);
    canRegisterConfiguration = Boolean(params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration);
    pullDiagnostics = pullsDiagnostics(params.capabilities);
    snippetSupport = Boolean(params.capabilities.textDocument?.completion?.completionItem?.snippetSupport);
    // A client that resolves documentation gets option names without it (a [DEFAULT] list is ~370 items).
    const listDefaults: unknown = params.capabilities.textDocument?.completion?.completionList?.itemDefaults;
    itemDefaults = Array.isArray(listDefaults) ? listDefaults.filter((d): d is string => typeof d === 'string') : [];
    completionOptions = { resolveDocumentation: Boolean(params.capabilities.textDocument?.completion?.completionItem?.resolveSupport?.properties?.includes('documentation')) };
    primeEnabled = completionOptions.resolveDocumentation === true && itemDefaults.includes('editRange');
    primeHover = Boolean(params.capabilities.textDocument?.hover);
    const init = normalizeSettings(params.initializationOptions ?? {}, 'initializationOptions');
    clientSettings = init.settings;
    hostSetting.update(params.initializationOptions);
    inlayHintOptions = initInlayHints = inlayHintSetting(params.initializationOptions);
    inlayHintRefresh = Boolean(params.capabilities.workspace?.inlayHint?.refreshSupport);
    semanticTokensRefresh = Boolean(params.capabilities.workspace?.semanticTokens?.refreshSupport);
    platform.clientConfigFiles((params.initializationOptions as { configFiles?: unknown } | undefined)?.configFiles);
    initIndexing = indexSetting(params.initializationOptions) ?? true;
    workspaceIndex.setEnabled(initIndexing);
    flavors.indexing = initIndexing;
    applySettings();
    // Never let diagnostics wait long for a client that does not answer workspace/configuration.
    if (!hasConfigurationCapability) markReady();
    else unref(setTimeout(markReady, 2000));
    return initializeResult(params.capabilities);
  });

  connection.onInitialized(async () => {
    // First, before any await: documents opened right after `initialized` are judged with their siblings.
    indexFolders();
    initialized = true;
    if (hostStatus) void connection.sendNotification('nova-conf/host', hostStatus);
    const before = service.settings;
    if (hasConfigurationCapability && canRegisterConfiguration) {
      try {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'nova-conf' });
      } catch {
        // dynamic registration not supported: didChangeConfiguration still arrives on its own
      }
    }
    if (canWatchFiles) {
      try {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: '**/*.conf' }, { globPattern: '**/*.conf.j2' }, { globPattern: '**/*.{cfg,ini,cnf}' }, { globPattern: '**/nova*.conf.d/**' },
            // The files flavors are written in (Heat, Ansible, Terraform, shell, Markdown: workspace-files.ts), where the platform reads them.
            ...(platform.files ? [{ globPattern: `**/*.{${FLAVOR_EXTENSIONS.join(',')}}` }] : []),
          ],
        });
      } catch {
        // the client watches nothing for us: the index only follows open editors
      }
    }
    await Promise.race([refreshClientSettings(), new Promise((resolve) => unref(setTimeout(resolve, 1500)))]);
    applySettings();
    markReady();
    settingsApplied(before);
  });

  connection.onDidChangeConfiguration(async (change) => {
    const before = service.settings;
    if (!hasConfigurationCapability) {
      const raw = (change.settings as Record<string, unknown> | undefined)?.['nova-conf'];
      clientSettings = normalizeSettings(raw ?? {}, 'nova-conf settings').settings;
      hostSetting.update(raw, true);
      setInlayHints(inlayHintSetting(raw, initInlayHints));
      setIndexing(indexSetting(raw));
      setPciIdsPath(raw);
    } else {
      await refreshClientSettings(true);
    }
    applySettings();
    settingsApplied(before);
  });

  // Folders the platform cannot read (browser, virtual workspaces): .nova-conf.json as the client read it (platform.ts).
  connection.onNotification(CONFIG_FILES_NOTIFICATION, (files: unknown) => {
    const before = service.settings;
    platform.clientConfigFiles(files);
    applySettings();
    settingsApplied(before);
  });

  connection.onDidChangeWatchedFiles((params) => {
    const before = service.settings;
    const generation = service.workspace.generation;
    guard('watched files', [], () => workspaceIndex.changed(params.changes))();
    // The flavor side reads the same events (flavor files, and the nova configs' alias names); the open documents'
    // reports are then compared below, each by content, as for the deployments.
    guard('flavor watched files', undefined, () => flavors.watched(params.changes))();
    applySettings();
    if (pullDiagnostics && service.settings === before) {
      // VS Code sends an event for every saved .conf; for an open file it changes nothing (the editor's text is the
      // one judged). Ask the client to pull again only when a file of the workspace changed on disk (an input of
      // some deployment, and that file's own workspace report) or an open document's report now differs from its
      // last answer; a settings change (.nova-conf.json) goes through settingsApplied as before.
      if (service.workspace.generation !== generation) connection.languages.diagnostics.refresh();
      else refreshIfChanged(documents.all().map((d) => d.uri));
      return;
    }
    if (!pullDiagnostics && service.settings === before) {
      republishChanged();
      return;
    }
    settingsApplied(before);
  });

  function yamlOf(uri: string) {
    if (sync.isOutOfSync(uri)) return undefined;
    const td = documents.get(uri);
    return td && (td.languageId === 'yaml' || isYamlUri(uri)) ? yaml.parse(td.getText(), uri, td.version) : undefined;
  }
  function docOf(uri: string) {
    if (sync.isOutOfSync(uri)) return undefined; // never answer from text that may be corrupt
    const td = documents.get(uri);
    return td && !yamlOf(uri) && !flavors.isFlavor(td) ? service.parse(td.getText(), uri, td.version) : undefined;
  }
  /** A flavor document that is not YAML (Terraform, shell, Markdown): only the flavor features apply. */
  function flavorOnly(uri: string) {
    if (sync.isOutOfSync(uri)) return undefined;
    const td = documents.get(uri);
    return td && !yamlOf(uri) && flavors.isFlavor(td) ? td : undefined;
  }

  /** Push mode: the lists each open document's last publishDiagnostics was made of (openReport's parts, in order). */
  const published = new Map<string, Diagnostic[][]>();
  function publish(uri: string, version: number, own: Diagnostic[], flavor: Diagnostic[] = []): void {
    published.set(uri, [own, flavor]);
    // Without flavor-side findings the service's own list object goes out (its JSON is reused while it lasts: frame-writer.ts).
    void connection.sendDiagnostics({ uri, version, diagnostics: flavor.length ? [...own, ...flavor] : own });
  }
  /**
   * Push mode, after a watched-file event that left the settings as they were: publish again only the open documents
   * whose report now differs from the one last published (a file of their deployment changed on disk); VS Code sends
   * an event for every saved .conf, which changes no report. Reports are compared by content (result-ids.ts digests,
   * cached per list object: an unchanged document's list is the service's cached one).
   */
  function republishChanged(): void {
    for (const td of documents.all()) {
      if (timers.has(td.uri)) continue; // an edit's publish is on its way
      const now = guard('republish check', undefined, () => openReport(td).resultId)();
      if (now === undefined || now !== pulled(...(published.get(td.uri) ?? [])).resultId) schedule(td.uri, true);
    }
    if (flavors.takeChanged()) for (const o of documents.all()) schedule(o.uri, true);
  }

  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  function validate(uri: string): void {
    if (sync.isOutOfSync(uri)) {
      void connection.sendDiagnostics({ uri, diagnostics: outOfSyncDiagnostics() });
      return;
    }
    const td = documents.get(uri);
    if (!td) return;
    const y = yamlOf(uri);
    if (y) publish(uri, y.version, yaml.diagnostics(y), flavors.diagnostics(td));
    else if (flavorOnly(uri)) publish(uri, td.version, flavors.diagnostics(td));
    else {
      const doc = docOf(uri);
      if (!doc) return;
      publish(uri, doc.version, service.diagnostics(doc), flavors.diagnostics(td, doc));
      primeCompletion(uri);
    }
    // PCI alias names changed across files: the other open documents' diagnostics may change too
    if (flavors.takeChanged()) for (const o of documents.all()) if (o.uri !== uri) schedule(o.uri);
  }
  function schedule(uri: string, immediate = false): void {
    if (pullDiagnostics) return;
    clearTimeout(timers.get(uri));
    if (immediate || debounceMs <= 0) {
      void settingsReady.then(() => guard('diagnostics', undefined, validate)(uri));
      return;
    }
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      guard('diagnostics', undefined, validate)(uri);
    }, debounceMs));
  }
  function revalidateAll(): void {
    if (pullDiagnostics) {
      connection.languages.diagnostics.refresh();
      return;
    }
    for (const d of documents.all()) schedule(d.uri, true);
  }

  // TextDocuments fires onDidChangeContent for an open too: check a newly opened document at once, edits after a debounce.
  const justOpened = new Set<string>();
  documents.onDidOpen((e) => justOpened.add(e.document.uri));
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    // An edited document's line starts are known (document-lines.ts): offered to the parse that follows here
    // (scheduleRelated parses it through the workspace), withdrawn after.
    offerLineStarts(e.document.getText(), knownLineStarts(e.document));
    try {
      // A document out of sync keeps its last good text in the workspace.
      if (!sync.isOutOfSync(uri) && !flavors.isFlavor(e.document)) guard('workspace', undefined, () => workspaceIndex.opened(uri, e.document.getText(), e.document.version))();
      schedule(uri, justOpened.delete(uri));
      // The open files of the same deployment are judged with this one: re-check them too.
      scheduleRelated(uri);
    } finally {
      offerLineStarts('', undefined);
    }
  });
  function scheduleRelated(uri: string): void {
    if (pullDiagnostics) {
      refreshIfChanged(guard('related', [] as string[], () => service.relatedUris(uri))());
      return;
    }
    for (const r of guard('related', [] as string[], () => service.relatedUris(uri))()) if (r !== uri && documents.get(r)) schedule(r);
  }
  documents.onDidClose((e) => {
    sync.lost.delete(e.document.uri);
    answered.delete(e.document.uri);
    published.delete(e.document.uri);
    clearTimeout(timers.get(e.document.uri));
    service.forget(e.document.uri);
    yaml.forget(e.document.uri);
    guard('workspace', undefined, () => workspaceIndex.closed(e.document.uri))();
    guard('flavor workspace', undefined, () => flavors.closed(e.document.uri))();
    if (flavors.takeChanged()) for (const o of documents.all()) if (o.uri !== e.document.uri) schedule(o.uri);
    scheduleRelated(e.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  // Pull diagnostics (LSP 3.17) carry result ids: a digest of the report's content (service/workspace/result-ids.ts,
  // cached per list object). A client that sends back the id it holds gets `unchanged` when the report is the same,
  // so the workspace/diagnostic that VS Code's client repeats every 2 s while the editor is idle costs a lookup per file.
  type Pulled = { items: Diagnostic[]; resultId: string };
  const pulled = (...lists: Diagnostic[][]): Pulled => {
    const parts = lists.filter((l) => l.length > 0);
    return { items: parts.length === 1 ? parts[0] : parts.flat(), resultId: parts.length ? resultIdOf(...parts) : '0' };
  };
  const answer = (r: Pulled, previous: string | undefined): DocumentDiagnosticReport =>
    previous === r.resultId ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId: r.resultId } : { kind: DocumentDiagnosticReportKind.Full, resultId: r.resultId, items: r.items };
  /** The report of an open document: its own and its deployment's findings plus the flavor side's (YAML, flavor files: theirs). */
  function openReport(td: TextDocument): Pulled {
    const uri = td.uri;
    if (sync.isOutOfSync(uri)) return pulled(outOfSyncDiagnostics());
    const y = yamlOf(uri);
    if (y) return pulled(yaml.diagnostics(y), flavors.diagnostics(td));
    if (flavorOnly(uri)) return pulled(flavors.diagnostics(td));
    const doc = docOf(uri);
    return doc ? pulled(service.diagnostics(doc), flavors.diagnostics(td, doc)) : pulled();
  }
  /** The result id each open document's last textDocument/diagnostic answer carried. */
  const answered = new Map<string, string>();

  // Edits in one file can change the reports of the open files of its deployment (and alias names those of every
  // open file): once the edits pause, ask the client to pull again only if one of those reports differs from what
  // the client was last answered. (VS Code's client re-pulls visible documents itself after a change.)
  const refreshCandidates = new Set<string>();
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  function refreshIfChanged(uris: readonly string[]): void {
    for (const u of uris) if (answered.has(u)) refreshCandidates.add(u);
    if (!refreshCandidates.size || refreshTimer !== undefined) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      const candidates = [...refreshCandidates];
      refreshCandidates.clear();
      const stale = guard('refresh check', true, () =>
        candidates.some((u) => {
          const td = documents.get(u);
          return td !== undefined && answered.get(u) !== undefined && openReport(td).resultId !== answered.get(u);
        }),
      )();
      if (stale) connection.languages.diagnostics.refresh();
    }, Math.max(debounceMs, 0));
  }

  // Requests that may be expensive run in phases with a cancellation checkpoint between them.
  connection.languages.diagnostics.on(guardAsync('pull diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] } as DocumentDiagnosticReport, async (params, token): Promise<DocumentDiagnosticReport> => {
    await settingsReady;
    await checkpoint(token);
    const uri = params.textDocument.uri;
    const td = documents.get(uri);
    if (!td) return answer(pulled(), params.previousResultId);
    // A large nova config: parse, then the rules, each phase followed by a checkpoint (both are cached for openReport).
    const doc = docOf(uri);
    if (doc) {
      await checkpoint(token);
      service.diagnostics(doc);
      await checkpoint(token);
    }
    const r = openReport(td);
    answered.set(uri, r.resultId);
    // After this answer is written (the slices start on a later turn).
    if (doc) primeCompletion(uri);
    // PCI alias names changed across files: the other open documents' reports may change too.
    if (flavors.takeChanged()) refreshIfChanged(documents.all().map((d) => d.uri).filter((u) => u !== uri));
    return answer(r, params.previousResultId);
  }));

  // workspace/diagnostic: every indexed nova config, open or not, with its own and its deployment's findings.
  connection.languages.diagnostics.onWorkspace(async (params) => {
    await settingsReady;
    return guard('workspace diagnostics', { items: [] } as WorkspaceDiagnosticReport, (): WorkspaceDiagnosticReport => {
      const previous = new Map((params.previousResultIds ?? []).map((p) => [p.uri, p.value]));
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      const reported = new Set<string>();
      for (const uri of service.workspace.uris('nova-conf')) {
        const open = documents.get(uri);
        const doc = open ? undefined : service.workspace.document(uri);
        const r = open ? openReport(open) : doc ? pulled(service.diagnostics(doc)) : undefined;
        if (!r) continue;
        reported.add(uri);
        items.push({ ...answer(r, previous.get(uri)), uri, version: open ? open.version : null });
      }
      // A file reported before that left the workspace (deleted, or indexing turned off): an empty report clears it.
      for (const [uri, id] of previous) if (!reported.has(uri) && !documents.get(uri)) items.push({ ...answer(pulled(), id), uri, version: null });
      return { items };
    })();
  });

  /**
   * Idle-time priming (docs/performance.md, Round 11): once a nova config's diagnostics are out, the handlers of an
   * option-name completion, its first item's resolve and hover, and of a section-name completion run ahead on the
   * document in slices while the editor is quiet (idle-work.ts). So the lists they keep (completion.ts
   * optionNameList, sectionNameList), the bytes the writer keeps for their frozen items (platform.prepareAnswer) and
   * the code on their paths are ready before the user's first Ctrl+Space. Once per release; only for clients that
   * complete with kept lists (primeEnabled), never for one that only lints. Nothing is sent: what the slices build
   * is what the requests would build, so the answers do not change.
   */
  const primedReleases = new Set<string>();
  function primeCompletion(uri: string): void {
    if (!primeEnabled) return;
    const doc = docOf(uri);
    if (!doc || primedReleases.has(doc.release)) return;
    primedReleases.add(doc.release);
    const { release, version } = doc;
    const { key, group, header } = service.primePlaces(doc);
    const textDocument = { uri };
    // Each slice looks at the document again: when it changed or closed meanwhile, the slice does nothing.
    const same = () => {
      const d = docOf(uri);
      return d !== undefined && d.version === version && d.release === release;
    };
    const prepare = (l: CompletionList | null | undefined) => {
      if (l && l.items.length > 1) platform.prepareAnswer?.(l);
    };
    let keys: CompletionList | null = null;
    const slices: (() => unknown)[] = [];
    if (key && group !== undefined) {
      slices.push(
        () => same() && completionHandler({ textDocument, position: key }, CancellationToken.None).then((l) => void (keys = l && !Array.isArray(l) ? l : null)),
        () => prepare(keys),
        () => {
          const first = keys?.items[0];
          // As the client sends it back: with the list's default data applied.
          if (first) resolveHandler(first.data === undefined && keys?.itemDefaults?.data !== undefined ? { ...first, data: keys.itemDefaults.data } : first);
        },
        // The other separator form: a key typed on an empty line has no `=` yet.
        () => prepare(service.primeOptionNames(release, group, keys?.items[0]?.textEditText !== undefined, { ...completionOptions, itemDefaults })),
      );
      if (primeHover) slices.push(() => same() && hoverHandler({ textDocument, position: key }, CancellationToken.None));
    }
    if (header) {
      slices.push(() =>
        same() && completionHandler({ textDocument, position: header }, CancellationToken.None).then((l) => prepare(l && !Array.isArray(l) ? l : null)),
      );
    }
    idle.add(slices);
  }
  connection.onShutdown(() => idle.stop());

  const completionHandler = guardAsync('completion', null, async (params: CompletionParams, token): Promise<CompletionList | CompletionItem[] | null> => {
    await checkpoint(token);
    const ftd = documents.get(params.textDocument.uri);
    if (ftd && !sync.isOutOfSync(ftd.uri) && (flavorOnly(ftd.uri) || (yamlOf(ftd.uri) && flavors.onSpec(ftd, params.position)))) return flavors.completion(ftd, params.position);
    const trigger = params.context?.triggerKind === 2 ? params.context.triggerCharacter : undefined;
    const options = trigger ? { ...completionOptions, triggerCharacter: trigger } : completionOptions;
    const y = yamlOf(params.textDocument.uri);
    if (y) return yaml.completion(y, params.position, options);
    const doc = docOf(params.textDocument.uri);
    if (!doc) return null;
    await checkpoint(token);
    // Item defaults only here: the YAML path maps each item's own textEdit into the YAML file.
    const list = service.completion(doc, params.position, itemDefaults.length ? { ...options, itemDefaults } : options);
    return withItemDefaults(snippetSupport ? list : withoutSnippets(list), itemDefaults);
  });
  connection.onCompletion(completionHandler);
  const resolveHandler = (item: CompletionItem) => guard('completionItem/resolve', item, () => service.resolveCompletion(item))();
  connection.onCompletionResolve(resolveHandler);
  const hoverHandler = guardAsync('hover', null, async (params: HoverParams, token): Promise<Hover | null> => {
    await checkpoint(token);
    const ftd = documents.get(params.textDocument.uri);
    if (ftd && !sync.isOutOfSync(ftd.uri) && (flavorOnly(ftd.uri) || (yamlOf(ftd.uri) && flavors.onSpec(ftd, params.position)))) return flavors.hover(ftd, params.position);
    const y = yamlOf(params.textDocument.uri);
    if (y) return yaml.hover(y, params.position);
    const doc = docOf(params.textDocument.uri);
    if (!doc) return null;
    await checkpoint(token);
    return service.hover(doc, params.position);
  });
  connection.onHover(hoverHandler);
  connection.onCodeAction(guardAsync('codeAction', [], async (params, token) => {
    await checkpoint(token);
    const y = yamlOf(params.textDocument.uri);
    if (y) return yaml.codeActions(y, params.range, params.context);
    const doc = docOf(params.textDocument.uri);
    if (!doc) return [];
    await checkpoint(token);
    service.diagnostics(doc); // cached on the document; the actions below reuse it
    await checkpoint(token);
    return service.codeActions(doc, params.range, params.context);
  }));
  connection.languages.inlayHint.on(guard('inlayHint', [], (params) => {
    const y = yamlOf(params.textDocument.uri);
    if (y) return yaml.inlayHints(y, params.range, inlayHintOptions);
    const doc = docOf(params.textDocument.uri);
    return doc ? service.inlayHints(doc, params.range, inlayHintOptions) : [];
  }));
  connection.onDefinition(guard('definition', [], (params) => {
    const td = documents.get(params.textDocument.uri);
    return td && !sync.isOutOfSync(td.uri) ? flavors.definition(td, params.position) : [];
  }));
  connection.onReferences(guard('references', [], (params) => {
    const td = documents.get(params.textDocument.uri);
    return td && !sync.isOutOfSync(td.uri) ? flavors.references(td, params.position, params.context.includeDeclaration) : [];
  }));
  connection.onPrepareRename(guard('prepareRename', null, (params) => {
    const td = documents.get(params.textDocument.uri);
    return td && !sync.isOutOfSync(td.uri) ? flavors.prepareRename(td, params.position) : null;
  }));
  connection.onRenameRequest((params) => {
    const td = documents.get(params.textDocument.uri);
    const r = td && !sync.isOutOfSync(td.uri) ? guard('rename', null, () => flavors.rename(td, params.position, params.newName))() : null;
    if (r && 'error' in r) return new ResponseError(-32803 /* RequestFailed */, r.error);
    if (!r) return new ResponseError(-32803, 'nova-conf renames PCI alias names only: put the cursor on an alias name in [pci] alias or in pci_passthrough:alias');
    return r;
  });
  connection.onDocumentSymbol(guard('documentSymbol', [], (params) => {
    const doc = docOf(params.textDocument.uri);
    return doc ? service.documentSymbols(doc) : [];
  }));
  connection.onDocumentLinks(guard('documentLink', [], (params) => {
    const doc = docOf(params.textDocument.uri);
    return doc ? service.documentLinks(doc) : [];
  }));
  // Formatting is verified by the service (values unchanged); a refusal is logged, the client gets no edits.
  const format = (uri: string, options: { tabSize: number; insertSpaces: boolean }, range?: Range) => {
    const doc = docOf(uri);
    if (!doc) return [];
    const r = service.format(doc, options, range);
    if (r.refused) connection.console.info(`nova-conf: not formatting ${uri}: ${r.refused}`);
    return r.edits;
  };
  connection.onDocumentFormatting(guard('formatting', [], (params) => format(params.textDocument.uri, params.options)));
  connection.onDocumentRangeFormatting(guard('rangeFormatting', [], (params) => format(params.textDocument.uri, params.options, params.range)));
  connection.languages.semanticTokens.on(guard('semanticTokens', { data: [] }, (params) => {
    const y = yamlOf(params.textDocument.uri);
    if (y) return yaml.semanticTokens(y);
    const doc = docOf(params.textDocument.uri);
    return doc ? service.semanticTokens(doc) : { data: [] };
  }));
  connection.languages.semanticTokens.onRange(guard('semanticTokens/range', { data: [] }, (params) => {
    const y = yamlOf(params.textDocument.uri);
    if (y) return yaml.semanticTokens(y, params.range);
    const doc = docOf(params.textDocument.uri);
    return doc ? service.semanticTokens(doc, params.range) : { data: [] };
  }));
  connection.onFoldingRanges(guard('foldingRange', [], (params) => {
    const doc = docOf(params.textDocument.uri);
    return doc ? service.foldingRanges(doc) : [];
  }));
  // What the client's language status shows for a document: the release its rules follow (settings, or the
  // file's own `# nova-conf: release=` directive) and the Nova services that read it (workspace/roles.ts).
  connection.onRequest('nova-conf/documentStatus', guard('documentStatus', null, (params: { uri: string }) => {
    const doc = docOf(params.uri);
    if (!doc) return null;
    return { release: doc.release, releaseFrom: doc.roles.release ? 'directive' : 'settings', services: doc.roles.services ? [...doc.roles.services] : null, servicesFrom: doc.roles.from };
  }));

  documents.listen(connection);
  connection.listen();
}
