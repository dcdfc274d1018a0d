/**
 * The CLI's report formats. Each turns the same results (file + LSP diagnostics) into one output:
 * text for people, json (our stable shape), sarif (GitHub code scanning), github (workflow command
 * annotations) and gitlab (Code Quality report).
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from 'vscode-languageserver-types';
import { RULES } from './service/index';
import { VERSION } from './version';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

export interface Result {
  file: string;
  diagnostics: Diagnostic[];
}

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'] as const;
const RULES_DOC = 'https://github.com/nova-conf/nova-conf/blob/main/docs/rules.md';

export function formatReport(format: Format, results: Result[], release: string): string {
  switch (format) {
    case 'json':
      return JSON.stringify(toJson(results), null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(toSarif(results, release), null, 2) + '\n';
    case 'github':
      return toGithub(results);
    case 'gitlab':
      return JSON.stringify(toGitlab(results), null, 2) + '\n';
    default:
      return toText(results);
  }
}

const severityName = (d: Diagnostic) => SEVERITY[d.severity ?? 1];

export function toJson(results: Result[]) {
  return results.flatMap((r) => r.diagnostics.map((d) => ({ file: r.file, range: d.range, severity: severityName(d), code: String(d.code), message: d.message })));
}

const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

export function toText(results: Result[]): string {
  let out = '';
  const count = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    for (const d of r.diagnostics) {
      const sev = severityName(d);
      if (sev) count[sev]++;
      out += `${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${sev} ${String(d.code)} ${d.message}\n`;
    }
  }
  const extra = [count.information ? `${count.information} information` : '', count.hint ? plural(count.hint, 'hint') : ''].filter(Boolean);
  out += `${plural(results.length, 'file')} checked: ${plural(count.error, 'error')}, ${plural(count.warning, 'warning')}${extra.map((e) => ', ' + e).join('')}\n`;
  return out;
}

/** GitHub workflow commands (`::error file=…,line=…::message`), one line a diagnostic, escaped as the runner expects. */
export function toGithub(results: Result[]): string {
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  let out = '';
  for (const r of results) {
    for (const d of r.diagnostics) {
      const kind = d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'notice';
      const { start, end } = d.range;
      const props = [`file=${prop(r.file)}`, `line=${start.line + 1}`, `col=${start.character + 1}`, `endLine=${end.line + 1}`];
      if (end.line === start.line) props.push(`endColumn=${end.character + 1}`);
      props.push(`title=${prop(`nova-conf ${String(d.code)}`)}`);
      out += `::${kind} ${props.join(',')}::${data(d.message)}\n`;
    }
  }
  return out;
}

/**
 * GitLab Code Quality report: an array of issues with description, check_name, a fingerprint that
 * is stable while the finding stays (file, code, message and the finding's rank among equal ones,
 * not its line), severity and location.
 */
export function toGitlab(results: Result[]) {
  const severity = (d: Diagnostic) => (d.severity === 1 ? 'major' : d.severity === 2 ? 'minor' : 'info');
  return results.flatMap((r) => {
    const seen = new Map<string, number>();
    return r.diagnostics.map((d) => {
      const key = `${r.file}\0${String(d.code)}\0${d.message}`;
      const rank = seen.get(key) ?? 0;
      seen.set(key, rank + 1);
      return {
        description: d.message,
        check_name: String(d.code),
        fingerprint: createHash('sha256').update(`${key}\0${rank}`).digest('hex').slice(0, 32),
        severity: severity(d),
        location: {
          path: r.file,
          positions: {
            begin: { line: d.range.start.line + 1, column: d.range.start.character + 1 },
            end: { line: d.range.end.line + 1, column: d.range.end.character + 1 },
          },
        },
      };
    });
  });
}

export function toSarif(results: Result[], release: string) {
  const used = new Set(results.flatMap((r) => r.diagnostics.map((d) => String(d.code))));
  const rules = [...RULES.values()].filter((r) => used.has(r.code));
  const level = (s: number | undefined) => (s === 1 ? 'error' : s === 2 ? 'warning' : 'note');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'nova-conf-lint',
            version: VERSION,
            informationUri: 'https://github.com/nova-conf/nova-conf',
            rules: rules.map((r) => ({
              id: r.code,
              shortDescription: { text: r.title },
              fullDescription: { text: r.description },
              helpUri: `${RULES_DOC}#${r.code}`,
              defaultConfiguration: { level: r.severity === 'error' ? 'error' : r.severity === 'warning' ? 'warning' : 'note' },
            })),
          },
        },
        properties: { novaRelease: release },
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: String(d.code),
            level: level(d.severity),
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.file },
                  region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}
