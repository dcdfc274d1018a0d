/** The VS Code side: starts the bundled language server for nova-conf documents. Nothing else lives here. */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { workspace } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

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
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
