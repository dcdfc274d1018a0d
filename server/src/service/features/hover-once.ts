/**
 * Hover shows a diagnostic's problem once. An editor already shows the diagnostics under the
 * pointer above the hover (VS Code's marker hover, Neovim's float, Emacs' eldoc): when one of
 * them covers the hovered position, the hover leaves out its own statement of the problem and
 * keeps only the facts (what the option, tag or address is). Without a diagnostic there (the
 * rule is off, or disabled on that line) the hover still says what is wrong.
 */
import type { Diagnostic, Position } from 'vscode-languageserver-types';

/** Hover text in two parts: facts, and a statement of what Nova refuses or ignores. */
export interface HoverText {
  md: string;
  problem?: string;
}

/** A hover that is only a statement of a problem. */
export function problemOnly(problem: string): HoverText {
  return { md: '', problem };
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Whether a diagnostic's range holds the position (an empty range marks the character after it, as editors draw it). */
export function diagnosticCovers(d: Diagnostic, p: Position): boolean {
  const { start, end } = d.range;
  if (start.line === end.line && start.character === end.character) return p.line === start.line && (p.character === start.character || p.character === start.character + 1);
  return !before(p, start) && !before(end, p);
}

/** The markdown to show: the facts, plus the problem unless a diagnostic at the position already states it. '' = no hover. */
export function hoverMarkdown(text: HoverText, diagnostics: readonly Diagnostic[], position: Position): string {
  if (!text.problem) return text.md;
  if (diagnostics.some((d) => diagnosticCovers(d, position))) return text.md;
  return text.md ? `${text.problem}\n\n${text.md}` : text.problem;
}
