/**
 * The completion capabilities vscode-languageclient 9 declares (its completion feature's fillClientCapabilities):
 * snippets, documentation and detail resolved per item, and LSP 3.17 item defaults on the list. Shared by the
 * protocol tests and the bench client (bench/lsp.ts), so that both speak to the server as VS Code does.
 */
export const VSCODE_COMPLETION = {
  dynamicRegistration: true,
  contextSupport: true,
  completionItem: {
    snippetSupport: true,
    commitCharactersSupport: true,
    documentationFormat: ['markdown', 'plaintext'],
    deprecatedSupport: true,
    preselectSupport: true,
    tagSupport: { valueSet: [1] },
    insertReplaceSupport: true,
    resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
    insertTextModeSupport: { valueSet: [1, 2] },
    labelDetailsSupport: true,
  },
  insertTextMode: 2,
  completionItemKind: { valueSet: Array.from({ length: 25 }, (_, i) => i + 1) },
  completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
};
