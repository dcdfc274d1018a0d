/**
 * Keeps the problems shown while pull diagnostics overlap.
 *
 * vscode-languageclient 9 pulls a document's diagnostics on every change, and again when the server asks for a
 * refresh (ours does on each change of a file whose deployment has other files). A pull that starts while one
 * is running cancels the running one, which is asked again when it returns. But the cancelled pull still returns
 * a report to the client, an empty full one, and the client stores it before asking again. So the document's
 * squiggles, its Problems entries and the problem counts disappeared for one round trip after nearly every
 * keystroke. The workbench e2e caught that: its check saw the struck-through word once and then nothing.
 *
 * A cancelled pull now reports "unchanged": the list shown stays as it was until the pull asked again answers.
 * The library always asks again after a cancellation (or drops the document), so nothing stale stays.
 */
import type { CancellationToken, TextDocument, Uri } from 'vscode';
import type { Middleware, vsdiag } from 'vscode-languageclient';

type Next = (document: TextDocument | Uri, previousResultId: string | undefined, token: CancellationToken) => vsdiag.DocumentDiagnosticReport | null | undefined | Thenable<vsdiag.DocumentDiagnosticReport | null | undefined>;

/** The report a cancelled pull hands to the client: nothing changed (the library's own enum value, as a string). */
export function cancelledPullReport(previousResultId: string | undefined): vsdiag.DocumentDiagnosticReport {
  return { kind: 'unChanged', resultId: previousResultId } as unknown as vsdiag.DocumentDiagnosticReport;
}

/** Middleware for `provideDiagnostics`: a pull cancelled while in flight never replaces the list with an empty one. */
export async function keepDiagnosticsOnCancel(
  document: TextDocument | Uri,
  previousResultId: string | undefined,
  token: CancellationToken,
  next: Next,
): Promise<vsdiag.DocumentDiagnosticReport | null | undefined> {
  const report = await next(document, previousResultId, token);
  return token.isCancellationRequested ? cancelledPullReport(previousResultId) : report;
}

export const diagnosticPullMiddleware: Middleware = { provideDiagnostics: keepDiagnosticsOnCancel };
