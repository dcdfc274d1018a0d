/**
 * The server's answer to `initialize`: what it offers, given what the client can do (only whether the client pulls
 * diagnostics changes it). One source for both places that answer: server.ts's onInitialize, and the stdio loader,
 * which answers `initialize` before the server's bundle is compiled (early-start.ts, docs/performance.md Round 17).
 * So this module imports values from nothing heavier than the version and the semantic-token legend: the loader
 * embeds it.
 */
import type { ClientCapabilities, CodeActionKind, InitializeResult, TextDocumentSyncKind } from 'vscode-languageserver';
import { SEMANTIC_TOKENS_LEGEND } from './service/features/semantic-legend';
import { VERSION } from './version';

// vscode-languageserver's constants by value (importing them would bring the library into the loader).
const INCREMENTAL: typeof TextDocumentSyncKind.Incremental = 2;
const QUICK_FIX: typeof CodeActionKind.QuickFix = 'quickfix';
const SOURCE_FIX_ALL: typeof CodeActionKind.SourceFixAll = 'source.fixAll';

/** Whether the client pulls diagnostics (textDocument/diagnostic) instead of waiting for them to be published. */
export function pullsDiagnostics(capabilities: ClientCapabilities): boolean {
  return Boolean(capabilities.textDocument?.diagnostic);
}

/** The `initialize` result for a client with these capabilities. */
export function initializeResult(capabilities: ClientCapabilities): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: INCREMENTAL },
      // No ',': a list opened by the comma that ends a line would take the Enter typed next (VS Code accepts a
      // suggestion on Enter) and insert a key instead of the new continuation line.
      completionProvider: { triggerCharacters: ['"', '[', ':', ' ', '='], resolveProvider: true },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [QUICK_FIX, SOURCE_FIX_ALL, 'source.fixAll.nova-conf'] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      documentLinkProvider: { resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      inlayHintProvider: true,
      semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      // A file's diagnostics depend on the other files of its deployment (workspace/).
      diagnosticProvider: pullsDiagnostics(capabilities) ? { interFileDependencies: true, workspaceDiagnostics: true } : undefined,
    },
    serverInfo: { name: 'nova-conf-language-server', version: VERSION },
  };
}
