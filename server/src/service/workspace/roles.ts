/**
 * Which Nova services read a file: from a directive comment on its own line,
 * `# nova-conf: service=nova-compute[,nova-api] release=2024.1`, or from its
 * name and place. The directive also selects the release for that file.
 */
import { Release, parseRelease } from '../releases';
import type { Span } from '../model';
import { NovaService, serviceName } from './services';

export interface RoleProblem {
  span: Span;
  message: string;
}

export interface FileRoles {
  /** The services that read the file; undefined when unknown or when every service reads it. */
  services?: ReadonlySet<NovaService>;
  /** The release set by a directive in the file. */
  release?: Release;
  /** Where the roles come from. */
  from: 'directive' | 'path' | 'unknown';
  /** The directive line, when there is one. */
  directive?: Span;
  /** Parts of the directive that were not understood. */
  problems: RoleProblem[];
}

// A comment line that starts with `nova-conf:` followed by service= or release= settings.
const DIRECTIVE_LINE = /^[ \t]*[#;][ \t]*nova-conf:[ \t]*((?:service|release)[ \t]*=.*?)[ \t]*$/gm;
const SETTING = /(service|release)[ \t]*=[ \t]*([^\s]*)/g;

/** DIRECTIVE_LINE tried at one position only (sticky). */
const DIRECTIVE_AT = new RegExp(DIRECTIVE_LINE.source, 'my');

/** A line terminator for the regex `m` flag's `^` and `$` (and for `.`): \n, \r, U+2028, U+2029. */
const isTerminator = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/**
 * DIRECTIVE_LINE's first match, tried only at the start of lines that contain "nova-conf:" (a big file with a few
 * suppression comments is not scanned line by line by the regex). The regex is the judge; this only picks where.
 */
function firstDirectiveLine(text: string): RegExpExecArray | null {
  // Searched as "-conf:" (a much faster search in V8 than "nova-conf:", whose first letter is everywhere).
  for (let at = text.indexOf('-conf:'); at >= 0; ) {
    if (!text.startsWith('nova', at - 4)) {
      at = text.indexOf('-conf:', at + 1);
      continue;
    }
    let lineStart = at;
    while (lineStart > 0 && !isTerminator(text.charCodeAt(lineStart - 1))) lineStart--;
    DIRECTIVE_AT.lastIndex = lineStart;
    const m = DIRECTIVE_AT.exec(text);
    if (m) return m;
    let end = at;
    while (end < text.length && !isTerminator(text.charCodeAt(end))) end++;
    at = end < text.length ? text.indexOf('-conf:', end + 1) : -1;
  }
  return null;
}

/** Reads the `service=`/`release=` directive; only the first such line counts. */
export function parseDirective(text: string): Pick<FileRoles, 'services' | 'release' | 'directive' | 'problems'> | undefined {
  // Cheap guard: most files have no directive at all.
  // ('-conf:' is a much faster search than 'nova-conf:' in V8 and finds every directive.)
  if (!text.includes('-conf:')) return undefined;
  const m = firstDirectiveLine(text);
  if (!m) return undefined;
  const bodyStart = m.index + m[0].indexOf(m[1]);
  const problems: RoleProblem[] = [];
  let services: Set<NovaService> | undefined;
  let release: Release | undefined;
  SETTING.lastIndex = 0;
  for (let s = SETTING.exec(m[1]); s; s = SETTING.exec(m[1])) {
    const valueStart = bodyStart + s.index + s[0].length - s[2].length;
    if (s[1] === 'service') {
      services ??= new Set();
      let at = valueStart;
      for (const part of s[2].split(',')) {
        const name = serviceName(part);
        if (name) services.add(name);
        else problems.push({ span: { start: at, end: at + part.length }, message: part ? `"${part}" is not a Nova service that reads nova.conf` : 'empty service name' });
        at += part.length + 1;
      }
    } else {
      const r = parseRelease(s[2]);
      if (r) release = r;
      else problems.push({ span: { start: valueStart, end: valueStart + s[2].length }, message: `"${s[2]}" is not a release nova-conf knows` });
    }
  }
  if (services && services.size === 0) services = undefined;
  return { services, release, directive: { start: m.index, end: m.index + m[0].length }, problems };
}

/**
 * What a uri alone says, per uri: its path (a `file:` uri goes through the URL parser) and the services its fragment,
 * name and place state. A keystroke asks for them again for the same uri (the parse's roles, the flavor side's role,
 * the deployments): ~25 us of the server's keystroke on real6k before its code was optimised (docs/performance.md,
 * Round 20: key20). Uris are short strings, not slices of a document; bounded all the same.
 */
const BY_URI = new Map<string, { path: string; services?: { stated: ReadonlySet<NovaService> | undefined; fromPath: ReadonlySet<NovaService> | undefined } }>();

function uriFacts(uri: string): { path: string; services?: { stated: ReadonlySet<NovaService> | undefined; fromPath: ReadonlySet<NovaService> | undefined } } {
  let f = BY_URI.get(uri);
  if (f === undefined) {
    if (BY_URI.size >= 1024) BY_URI.clear();
    BY_URI.set(uri, (f = { path: pathOf(uri) }));
  }
  return f;
}

/** The path part of a uri (file: uris decoded; other schemes as written). */
export function uriPath(uri: string): string {
  return uriFacts(uri).path;
}

function pathOf(uri: string): string {
  if (uri.startsWith('file://')) {
    try {
      return decodeURIComponent(new URL(uri).pathname);
    } catch {
      return uri.slice('file://'.length);
    }
  }
  const colon = uri.indexOf(':');
  return colon > 1 && !uri.startsWith('/') ? uri.slice(colon + 1) : uri;
}

/** Strips a template suffix (`nova-compute.conf.j2` reads as `nova-compute.conf`). */
function baseName(path: string): string {
  const b = path.slice(path.lastIndexOf('/') + 1);
  return b.endsWith('.j2') ? b.slice(0, -3) : b;
}

function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i > 0 ? path.slice(path.lastIndexOf('/', i - 1) + 1, i) : '';
}

/**
 * Roles from the file's name and place: `nova-compute.conf` (oslo.config's per-program
 * file, kolla-ansible's `nova/nova-compute.conf` and `nova/<host>/nova-compute.conf`) and
 * anything in `nova-compute.conf.d/` are read by nova-compute alone; `nova.conf`,
 * `global.conf` and `nova.conf.d/*.conf` by every service (undefined).
 */
export function pathServices(uri: string): ReadonlySet<NovaService> | undefined {
  const path = uriPath(uri);
  const base = baseName(path);
  const m = /^(nova-[a-z0-9-]+)\.conf$/.exec(base);
  const fromName = m ? serviceName(m[1]) : undefined;
  if (fromName) return new Set([fromName]);
  const d = /^(nova-[a-z0-9-]+)\.conf\.d$/.exec(dirName(path));
  const fromDir = d ? serviceName(d[1]) : undefined;
  return fromDir ? new Set([fromDir]) : undefined;
}

/**
 * Roles a virtual document's uri states (sources that yield several nova.conf documents, e.g. YAML):
 * a fragment `#service=nova-compute[,nova-api]`, alone or after other `&`-separated fields.
 */
export function uriServices(uri: string): ReadonlySet<NovaService> | undefined {
  const hash = uri.indexOf('#');
  if (hash < 0) return undefined;
  const m = /(?:^|&)service=([^&]*)/.exec(uri.slice(hash + 1));
  if (!m) return undefined;
  const names = decodeURIComponent(m[1]).split(',').map(serviceName).filter((x): x is NovaService => Boolean(x));
  return names.length ? new Set(names) : undefined;
}

/** The roles of a file: the directive wins over the uri's `#service=` fragment, which wins over the name and place. */
export function fileRoles(uri: string, text: string): FileRoles {
  const d = parseDirective(text);
  if (d?.services) return { ...d, from: 'directive' };
  // The sets are shared by every version's roles (nothing changes a FileRoles' services).
  const facts = uriFacts(uri);
  const known = (facts.services ??= { stated: uriServices(uri), fromPath: pathServices(uri) });
  const stated = known.stated;
  if (stated) return { services: stated, release: d?.release, from: 'directive', directive: d?.directive, problems: d?.problems ?? [] };
  const fromPath = known.fromPath;
  return { services: fromPath, release: d?.release, from: fromPath ? 'path' : 'unknown', directive: d?.directive, problems: d?.problems ?? [] };
}

/** Whether a finding that concerns `concerned` services is reported in a file read by `roles`. */
export function concernsFile(roles: FileRoles | undefined, concerned: readonly NovaService[] | undefined): boolean {
  if (!roles?.services || !concerned) return true;
  return concerned.some((s) => roles.services!.has(s));
}
