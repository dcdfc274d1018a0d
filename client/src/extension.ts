/** The VS Code side (desktop, and any host with a node extension host): starts the bundled language server for nova-conf documents. */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { clientOptions, startClient, stopClient, withConfigFiles } from './common';
import { SERVER_ENV, SERVER_NODE_FLAGS } from './server-flags';

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // Less resident memory at no measured latency cost (server-flags.ts; docs/performance.md, "Round 4").
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS], env: { ...SERVER_ENV } } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  // The server reads .nova-conf.json of folders on disk itself; for a virtual workspace folder (GitHub Repositories)
  // this client sends the text.
  const options = await withConfigFiles(clientOptions(['file']), (folder) => folder.scheme !== 'file');
  await startClient(context, new LanguageClient('nova-conf', 'nova-conf', serverOptions, options));
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
