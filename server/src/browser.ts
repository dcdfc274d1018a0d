/**
 * The web-worker entry of the language server (dist/web/server.js), for the browser client (client/src/browser.ts)
 * under vscode.dev / github.dev: LSP over postMessage, the same startServer() as node with the browser platform
 * (no file system: platform-browser.ts). The shutdown gate and the cancellation strategy are the node server's.
 */
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import { CANCEL_UNDISPATCHED, ShutdownGate } from './protocol-gate';
import { browserPlatform } from './platform-browser';
import { startServer } from './server';

// The worker's global scope: postMessage and message events (the DOM/WebWorker libraries are not in tsconfig).
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const reader = new BrowserMessageReader(self);
const writer = new BrowserMessageWriter(self);
startServer(createConnection(ProposedFeatures.all, new ShutdownGate(reader, writer), writer, CANCEL_UNDISPATCHED), browserPlatform());
