/**
 * The web extension (package.json `browser`): vscode.dev, github.dev and other VS Code hosts without node. The
 * language server runs in a web worker (dist/web/server.js) and talks LSP over postMessage; it has no file system,
 * so host checks and the workspace folder scan are off, and this client reads `.nova-conf.json` for it
 * (docs/editors.md, "vscode.dev and github.dev").
 */
import type { ExtensionContext } from 'vscode';
import { Uri } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions, startClient, stopClient, withConfigFiles } from './common';

// The web extension host's Worker (the DOM library is not in tsconfig).
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

export async function activate(context: ExtensionContext): Promise<void> {
  const worker = new Worker(Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js').toString(true));
  // file: (a local folder opened in the browser), vscode-vfs: (github.dev, GitHub Repositories), vscode-test-web:.
  // The worker cannot read .nova-conf.json: this client sends its text for every folder.
  const options = await withConfigFiles(clientOptions(['file', 'vscode-vfs', 'vscode-test-web']), () => true);
  await startClient(context, new LanguageClient('nova-conf', 'nova-conf', options, worker));
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
