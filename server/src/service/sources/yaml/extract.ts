/**
 * YAML deployment files -> the nova.conf texts their renderers write. Detection is by
 * content and key names only: a YAML file with none of the known forms yields nothing.
 */
import { parseAllDocuments } from 'yaml';
import { Extraction } from './nodes';
import { extractRhoso } from './forms/rhoso';
import { extractHelm } from './forms/helm';
import { extractOsa } from './forms/osa';
import { extractTripleo } from './forms/tripleo';
import { extractJuju } from './forms/juju';
import type { NovaYamlDocument } from './types';

/** Cheap pre-check: every form has one of these words somewhere in the file. */
const HINT = /customServiceConfig|OpenStackDataPlaneService|nova|Nova|pci-|scheduler-default-filters/;

const FORMS = [extractRhoso, extractHelm, extractOsa, extractTripleo, extractJuju];

/**
 * The virtual nova config documents a YAML text holds. `uri` is only used in labels; the
 * function is pure and never throws on malformed YAML (what parses is read, the rest ignored).
 */
export function extractNovaDocuments(yamlText: string, uri = ''): NovaYamlDocument[] {
  void uri;
  if (!HINT.test(yamlText)) return [];
  let docs;
  try {
    docs = parseAllDocuments(yamlText, { prettyErrors: false, uniqueKeys: false, strict: false });
  } catch {
    return [];
  }
  const list = Array.isArray(docs) ? docs : [];
  const x = new Extraction(yamlText, list);
  for (const form of FORMS) {
    try {
      form(x);
    } catch {
      // A form that trips over an unexpected shape contributes nothing rather than failing the file.
    }
  }
  return x.out;
}

/** True when the uri names a YAML file (the adapters route these to the YAML features). */
export function isYamlUri(uri: string): boolean {
  return /\.ya?ml$/i.test(uri.replace(/[?#].*$/, ''));
}
