/** The VS Code side: starts the bundled language server for nova-conf documents, and shows which compute host it judges against. */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { StatusBarAlignment, window, workspace } from 'vscode';
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
    documentSelector: [{ language: 'nova-conf' }, { language: 'yaml' }],
    synchronize: { configurationSection: 'nova-conf', fileEvents: workspace.createFileSystemWatcher('**/.nova-conf.json') },
  };
  client = new LanguageClient('nova-conf', 'nova-conf', serverOptions, clientOptions);
  const status = window.createStatusBarItem(StatusBarAlignment.Right, 100);
  context.subscriptions.push(status);
  await client.start();
  client.onNotification('nova-conf/host', (s: HostStatus) => {
    if (!s.host && !s.error) return status.hide();
    status.text = s.host ? `$(server) ${s.host}` : '$(warning) nova-conf host';
    status.tooltip = s.host ? `nova-conf judges PCI settings against ${s.host} (${s.devices} PCI devices, ${s.source})` : `nova-conf.host not used: ${s.error}`;
    status.show();
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
