/**
 * The web extension (package.json `browser`): vscode.dev, github.dev and other VS Code hosts without node. The
 * language server runs in a web worker (dist/web/server.js) and talks LSP over postMessage; it has no file system,
 * so host checks and the workspace folder scan are off, and this client reads `.nova-conf.json` for it
 * (docs/editors.md, "vscode.dev and github.dev").
 */
import type { ExtensionContext } from 'vscode';
import { Uri, workspace } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions, startClient, stopClient, withConfigFiles } from './common';

// The web extension host's globals (the DOM library is not in tsconfig).
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];
declare const Blob: new (parts: Uint8Array[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string };

/**
 * The worker's script URL. An extension served by the editor's server (code-server or VS Code Server with the
 * extension run in the browser, a `vscode-remote:` location) may not start a worker from its own URL, so there the
 * script is read through the editor's file system and started from a blob: URL.
 */
async function serverScriptUrl(context: ExtensionContext): Promise<string> {
  const script = Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  if (script.scheme !== 'vscode-remote') return script.toString(true);
  return URL.createObjectURL(new Blob([await workspace.fs.readFile(script)], { type: 'text/javascript' }));
}

export async function activate(context: ExtensionContext): Promise<void> {
  const worker = new Worker(await serverScriptUrl(context));
  // file: (a local folder opened in the browser), vscode-vfs: (github.dev, GitHub Repositories), vscode-test-web:.
  // The worker cannot read .nova-conf.json: this client sends its text for every folder.
  const options = await withConfigFiles(clientOptions(['file', 'vscode-vfs', 'vscode-test-web']), () => true);
  await startClient(context, new LanguageClient('nova-conf', 'nova-conf', options, worker));
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
