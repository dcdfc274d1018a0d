/** The VS Code side: starts the bundled language server for nova-conf documents, and shows which compute host it judges against. */
import * as path from 'node:path';
import type { ExtensionContext, LanguageStatusItem, TextEditor } from 'vscode';
import { ConfigurationTarget, LanguageStatusSeverity, StatusBarAlignment, Uri, commands, env, languages, window, workspace } from 'vscode';
import { DEFAULT_RELEASE, RELEASES, RELEASE_INFO } from '../../server/src/service/releases';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** What the server says about nova-conf.host / nova-conf.useLocalHost (server/src/host-setting.ts). */
interface HostStatus {
  host: string | null;
  source: string | null;
  devices: number;
  error?: string;
}

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // V8's --optimize-for-size: about 10-15 MB less resident memory for a session on a large config, at no measurable
    // latency cost (docs/performance.md, "An editor session: memory").
    run: { module, transport: TransportKind.ipc, options: { execArgv: ['--optimize-for-size'] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // YAML files too (alongside any YAML extension; the server reads only the Nova forms it recognises by content).
    // nova.conf, YAML (the server reads the Nova forms and flavors it recognises by content), and the other files
    // flavors are written in (Terraform, shell, Markdown: the server decides by content whether one holds flavors)
    documentSelector: [
      { language: 'nova-conf' },
      { language: 'yaml' },
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', pattern: '**/*.tf' },
      { scheme: 'file', language: 'shellscript' },
      { scheme: 'file', language: 'markdown' },
    ],
    synchronize: { configurationSection: 'nova-conf', fileEvents: workspace.createFileSystemWatcher('**/.nova-conf.json') },
    // Known before the server's first folder scan (workspace/configuration is asked only after `initialized`).
    initializationOptions: { workspace: { index: workspace.getConfiguration('nova-conf').get<boolean>('workspace.index', true) } },
  };
  client = new LanguageClient('nova-conf', 'nova-conf', serverOptions, clientOptions);
  const status = window.createStatusBarItem(StatusBarAlignment.Right, 100);
  context.subscriptions.push(status);
  await client.start();
  context.subscriptions.push(...releaseStatus());
  client.onNotification('nova-conf/host', (s: HostStatus) => {
    if (!s.host && !s.error) return status.hide();
    status.text = s.host ? `$(server) ${s.host}` : '$(warning) nova-conf host';
    status.tooltip = s.host ? `nova-conf judges PCI settings against ${s.host} (${s.devices} PCI devices, ${s.source})` : `nova-conf.host not used: ${s.error}`;
    status.show();
  });
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
      const services = st.services?.length ? st.services.join(', ') : 'every Nova service';
      item.detail = `${st.releaseFrom === 'directive' ? 'release set in this file' : 'release from settings'}; read by ${services}${st.servicesFrom === 'unknown' ? ' (role unknown)' : ''}`;
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
        ...[...RELEASES].reverse().map((r) => ({ label: releaseLabel(r), value: r, description: r === current ? 'current' : r === 'master' ? 'development' : `Nova ${RELEASE_INFO[r].nova}` })),
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

export async function deactivate(): Promise<void> {
  await client?.stop();
}
