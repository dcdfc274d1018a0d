/**
 * The parts of the VS Code client shared by the desktop entry (extension.ts: node, the server as a child process)
 * and the web entry (browser.ts: vscode.dev / github.dev, the server in a web worker): which documents the server
 * sees, the host status item, the language status item and the commands.
 */
import type { DocumentSelector, ExtensionContext, LanguageStatusItem, TextEditor } from 'vscode';
import { ConfigurationTarget, LanguageStatusSeverity, StatusBarAlignment, Uri, commands, env, languages, window, workspace } from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { DEFAULT_RELEASE, RELEASES, RELEASE_INFO } from '../../server/src/service/releases';
import { latestPoint } from '../../server/src/service/catalog/point-releases';
import { CONFIG_FILES_NOTIFICATION } from '../../server/src/config-files-notification';
import { diagnosticPullMiddleware } from './diagnostic-pull';

/**
 * The documents the server sees: nova.conf and YAML (the server reads the Nova forms and flavors it recognises by
 * content), and the other files flavors are written in (Terraform, shell, Markdown: the server decides by content
 * whether one holds flavors) — those only from the workspace's own file system (`schemes`), not from diff views.
 */
export function clientOptions(schemes: readonly string[]): LanguageClientOptions {
  const flavorFiles: DocumentSelector = schemes.flatMap((scheme) => [
    { scheme, language: 'terraform' },
    { scheme, pattern: '**/*.tf' },
    { scheme, language: 'shellscript' },
    { scheme, language: 'markdown' },
  ]);
  return {
    documentSelector: [{ language: 'nova-conf' }, { language: 'yaml' }, ...(flavorFiles as { scheme: string }[])],
    synchronize: { configurationSection: 'nova-conf', fileEvents: workspace.createFileSystemWatcher('**/.nova-conf.json') },
    // Known before the server's first folder scan (workspace/configuration is asked only after `initialized`).
    initializationOptions: { workspace: { index: workspace.getConfiguration('nova-conf').get<boolean>('workspace.index', true) } },
    // A pull cancelled by a newer one keeps the problems shown (diagnostic-pull.ts).
    middleware: diagnosticPullMiddleware,
  };
}

/** What the server says about nova-conf.host / nova-conf.useLocalHost (server/src/host-setting.ts). */
interface HostStatus {
  host: string | null;
  source: string | null;
  devices: number;
  error?: string;
}

/** The `.nova-conf.json` text (null: none) of each workspace folder `wanted` selects, read through the editor's file system. */
async function configFiles(wanted: (folder: Uri) => boolean): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const folder of workspace.workspaceFolders ?? []) {
    if (!wanted(folder.uri)) continue;
    try {
      out[folder.uri.toString()] = new TextDecoder().decode(await workspace.fs.readFile(Uri.joinPath(folder.uri, '.nova-conf.json')));
    } catch {
      out[folder.uri.toString()] = null;
    }
  }
  return out;
}

/**
 * For folders the server cannot read (a web worker has no disk; a virtual workspace is not on the server's disk):
 * their `.nova-conf.json` goes in initializationOptions.configFiles, and again in a nova-conf/configFiles
 * notification whenever one changes (server/src/platform.ts).
 */
export async function withConfigFiles(options: LanguageClientOptions, wanted: (folder: Uri) => boolean): Promise<LanguageClientOptions> {
  if (!(workspace.workspaceFolders ?? []).some((f) => wanted(f.uri))) return options;
  const watcher = workspace.createFileSystemWatcher('**/.nova-conf.json');
  const resend = async () => void client?.sendNotification(CONFIG_FILES_NOTIFICATION, await configFiles(wanted));
  pendingDisposables.push(watcher, watcher.onDidChange(resend), watcher.onDidCreate(resend), watcher.onDidDelete(resend));
  return { ...options, initializationOptions: { ...(options.initializationOptions as object), configFiles: await configFiles(wanted) } };
}
const pendingDisposables: { dispose(): unknown }[] = [];

/** Starts the client, then the host status item, the language status item and the commands. */
export async function startClient(context: ExtensionContext, languageClient: BaseLanguageClient): Promise<void> {
  client = languageClient;
  const status = window.createStatusBarItem(StatusBarAlignment.Right, 100);
  context.subscriptions.push(status, ...pendingDisposables.splice(0));
  await client.start();
  context.subscriptions.push(...releaseStatus());
  client.onNotification('nova-conf/host', (s: HostStatus) => {
    if (!s.host && !s.error) return status.hide();
    status.text = s.host ? `$(server) ${s.host}` : '$(warning) nova-conf host';
    status.tooltip = s.host ? `nova-conf judges PCI settings against ${s.host} (${s.devices} PCI devices, ${s.source})` : `nova-conf.host not used: ${s.error}`;
    status.show();
  });
}

let client: BaseLanguageClient | undefined;

export async function stopClient(): Promise<void> {
  await client?.stop();
}

/** What the server tells about one document (server.ts, nova-conf/documentStatus). */
interface DocumentStatus {
  release: string;
  releaseFrom: 'directive' | 'settings';
  services: string[] | null;
  servicesFrom: 'directive' | 'path' | 'unknown';
}

const RULES_DOC = 'https://github.com/nova-conf/nova-conf/blob/main/docs/rules.md';
const releaseLabel = (r: string) => (r === 'master' ? 'master' : `${r} (${RELEASE_INFO[r as keyof typeof RELEASE_INFO]?.name ?? '?'})`);

/**
 * The language status item ({} in the status bar next to the language mode): the Nova release in effect and, when
 * known, the services that read the file, with commands to pick the release, open the rule docs and fix all.
 */
function releaseStatus(): { dispose(): unknown }[] {
  const selector = [{ language: 'nova-conf' }, { language: 'yaml' }];
  const item: LanguageStatusItem = languages.createLanguageStatusItem('nova-conf.release', selector);
  item.name = 'nova-conf: Nova release';
  item.command = { title: 'Select release', command: 'nova-conf.selectRelease' };
  const update = async (editor: TextEditor | undefined) => {
    const configured = workspace.getConfiguration('nova-conf').get<string>('release') || DEFAULT_RELEASE;
    item.text = `Nova ${releaseLabel(configured)}`;
    item.detail = 'rules of this release';
    item.severity = LanguageStatusSeverity.Information;
    if (!editor || !client) return;
    try {
      const st = await client.sendRequest<DocumentStatus | null>('nova-conf/documentStatus', { uri: editor.document.uri.toString() });
      if (!st) return;
      item.text = `Nova ${releaseLabel(st.release)}`;
      // Short: the status hover shows text, detail and command on one row.
      const services = st.services?.length ? st.services.join(', ') : 'any service';
      item.detail = `${st.releaseFrom === 'directive' ? 'set in this file' : 'from settings'} · ${services}`;
    } catch {
      // an older server, or not ready yet: keep the settings' release
    }
  };
  void update(window.activeTextEditor);
  return [
    item,
    window.onDidChangeActiveTextEditor((e) => void update(e)),
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('nova-conf')) setTimeout(() => void update(window.activeTextEditor), 300);
    }),
    commands.registerCommand('nova-conf.selectRelease', async () => {
      const current = workspace.getConfiguration('nova-conf').get<string>('release') || '';
      const picks = [
        { label: `Newest (${releaseLabel(DEFAULT_RELEASE)})`, value: '', description: current === '' ? 'current' : undefined },
        ...[...RELEASES].reverse().map((r) => ({ label: releaseLabel(r), value: r, description: r === current ? 'current' : r === 'master' ? 'development' : `Nova ${latestPoint(r) ?? RELEASE_INFO[r].nova}` })),
      ];
      const pick = await window.showQuickPick(picks, { placeHolder: 'Nova release whose rules nova-conf applies', title: 'nova-conf: Select Nova release' });
      if (!pick) return;
      const target = workspace.workspaceFolders?.length ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
      await workspace.getConfiguration('nova-conf').update('release', pick.value || undefined, target);
    }),
    commands.registerCommand('nova-conf.openRuleDocs', async (code?: string) => {
      await env.openExternal(Uri.parse(typeof code === 'string' && /^[a-z0-9-]+$/.test(code) ? `${RULES_DOC}#${code}` : RULES_DOC));
    }),
    commands.registerCommand('nova-conf.fixAll', async () => {
      await commands.executeCommand('editor.action.sourceAction', { kind: 'source.fixAll.nova-conf', apply: 'ifSingle' });
    }),
  ];
}
