/**
 * Which documents are flavor documents, decided by language id, file name and content,
 * and their parse into extra specs with exact positions.
 */
import { FlavorDocument, FlavorSourceKind, makeFlavorDocument } from './model';
import { extractMarkdown } from './sources/markdown';
import { extractShell } from './sources/shell';
import { extractTerraform } from './sources/terraform';
import { extractYaml } from './sources/yaml';

export type FlavorFormat = 'yaml' | 'terraform' | 'shell' | 'markdown';

function ext(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : base.slice(dot + 1);
}

/** The file extensions flavor documents are written in, and their format. */
const FORMAT_BY_EXTENSION = new Map<string, FlavorFormat>([
  ['yaml', 'yaml'], ['yml', 'yaml'], ['tf', 'terraform'], ['sh', 'shell'], ['bash', 'shell'], ['md', 'markdown'], ['markdown', 'markdown'],
]);

/** Those extensions (the folder scan's candidates and the server's file watchers besides nova configs). */
export const FLAVOR_EXTENSIONS: readonly string[] = [...FORMAT_BY_EXTENSION.keys()];

/**
 * The flavor format of a document, or undefined when it is not one (nova.conf files
 * and everything else). The language id wins when it names one of the formats; then
 * the file extension; then the content (a shebang, a Heat version line, a Terraform
 * flavor resource).
 */
export function flavorFormat(uri: string, text: string, languageId?: string): FlavorFormat | undefined {
  const lang = (languageId ?? '').toLowerCase();
  if (lang === 'yaml' || lang === 'ansible' || lang === 'yaml-heat') return 'yaml';
  if (lang === 'terraform' || lang === 'hcl' || lang === 'tf') return 'terraform';
  if (lang === 'shellscript' || lang === 'sh' || lang === 'bash') return 'shell';
  if (lang === 'markdown') return 'markdown';
  const e = ext(uri);
  const byExtension = FORMAT_BY_EXTENSION.get(e);
  if (byExtension) return byExtension;
  if (e === 'conf' || e === 'ini') return undefined;
  const head = text.slice(0, 4096);
  if (/^#!.*\b(ba|z|da|k)?sh\b/.test(head)) return 'shell';
  if (/^heat_template_version\s*:/m.test(head)) return 'yaml';
  if (/resource\s+"openstack_compute_flavor_v2"/.test(text)) return 'terraform';
  return undefined;
}

/** Cheap test: could this text hold a flavor at all? */
export function mayHoldFlavors(format: FlavorFormat, text: string): boolean {
  if (format === 'yaml') return text.includes('extra_specs');
  if (format === 'terraform') return text.includes('openstack_compute_flavor_v2');
  return /openstack[\s\S]*flavor/.test(text) || (format === 'markdown' && (text.includes('extra_specs') || text.includes('openstack_compute_flavor_v2')));
}

export function parseFlavorDocument(uri: string, text: string, format: FlavorFormat): FlavorDocument {
  let kinds: FlavorSourceKind[];
  let specs;
  if (format === 'yaml') ({ specs, kinds } = extractYaml(text));
  else if (format === 'terraform') {
    specs = extractTerraform(text);
    kinds = specs.length ? ['terraform'] : [];
  } else if (format === 'shell') {
    specs = extractShell(text);
    kinds = specs.length ? ['shell'] : [];
  } else ({ specs, kinds } = extractMarkdown(text));
  return makeFlavorDocument(uri, text, kinds, specs);
}
