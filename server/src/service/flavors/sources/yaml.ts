/**
 * Flavor extra specs in YAML documents, with exact positions (the `yaml` package keeps
 * source ranges on every node):
 * - Heat: `resources: <name>: {type: OS::Nova::Flavor, properties: {extra_specs: {…}}}`
 *   (template pattern from the OS::Nova::Flavor resource of openstack/heat);
 * - Ansible: the `openstack.cloud.compute_flavor` / `os_nova_flavor` module's `extra_specs`;
 * - Kayobe (stackhpc.os-flavors role): a list under a `…flavors` key (`openstack_flavors`)
 *   whose items carry `extra_specs`.
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, Pair, Scalar, YAMLMap } from 'yaml';
import { FlavorSourceKind, FlavorSpec, identityOffsets, looksTemplated } from '../model';

const ANSIBLE_MODULES = new Set(['openstack.cloud.compute_flavor', 'os_nova_flavor', 'compute_flavor']);
const HEAT_FLAVOR = 'OS::Nova::Flavor';

/** The string a scalar holds and how its characters map to the text (`offsets` only when one to one). */
export function scalarText(text: string, base: number, node: Scalar): { value: string; start: number; end: number; offsets?: number[] } | undefined {
  const range = node.range;
  if (!range) return undefined;
  const [s, e] = [range[0] + base, range[1] + base];
  const raw = text.slice(s, e);
  const v = node.value;
  const value = typeof v === 'string' ? v : node.type === 'PLAIN' ? raw : v === null || v === undefined ? '' : String(v);
  if (node.type === 'PLAIN') return { value, start: s, end: e, offsets: raw === value ? identityOffsets(s, value.length) : undefined };
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    const inner = raw.slice(1, -1);
    const exact = inner === value;
    return { value, start: s + 1, end: e - 1, offsets: exact ? identityOffsets(s + 1, value.length) : undefined };
  }
  return { value, start: s, end: e };
}

function keyName(p: Pair): string | undefined {
  return isScalar(p.key) ? String(p.key.value) : undefined;
}

function get(map: YAMLMap, key: string): unknown {
  for (const p of map.items) if (isPair(p) && keyName(p) === key) return p.value;
  return undefined;
}

function scalarString(n: unknown): string | undefined {
  return isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') ? String(n.value) : undefined;
}

/** Reads every extra spec of the flavor forms above; `base` is the offset of `text`'s YAML inside the document. */
export function extractYaml(docText: string, base = 0, end = docText.length): { specs: FlavorSpec[]; kinds: FlavorSourceKind[] } {
  const text = docText.slice(base, end);
  const specs: FlavorSpec[] = [];
  const kinds = new Set<FlavorSourceKind>();
  if (!/extra_specs/.test(text)) return { specs, kinds: [] };
  let docs;
  try {
    docs = parseAllDocuments(text, { strict: false, uniqueKeys: false, prettyErrors: false });
  } catch {
    return { specs, kinds: [] };
  }
  if (!Array.isArray(docs)) return { specs, kinds: [] };
  for (const doc of docs) {
    const root = doc.contents;
    const heat = isMap(root) && get(root, 'heat_template_version') !== undefined;
    const visit = (node: unknown, ancestors: unknown[]): void => {
      if (isMap(node)) {
        for (const p of node.items) {
          if (!isPair(p)) continue;
          if (keyName(p) === 'extra_specs' && isMap(p.value)) {
            const kind = contextOf(node, ancestors, heat);
            if (kind) {
              kinds.add(kind.kind);
              readSpecs(docText, base, p.value, kind.kind, kind.flavor, specs);
              continue;
            }
          }
          visit(p.value, [...ancestors, node, p]);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) visit(item, [...ancestors, node]);
      }
    };
    visit(root, []);
  }
  return { specs, kinds: [...kinds] };
}

/** Is this map (the one holding `extra_specs`) a flavor of a known form? */
function contextOf(owner: YAMLMap, ancestors: unknown[], heat: boolean): { kind: FlavorSourceKind; flavor?: string } | undefined {
  const parentPair = ancestors[ancestors.length - 1];
  const grand = ancestors[ancestors.length - 2];
  // Heat: owner is `properties` of a resource map whose type is OS::Nova::Flavor.
  if (heat && isPair(parentPair) && keyName(parentPair) === 'properties' && isMap(grand) && scalarString(get(grand, 'type')) === HEAT_FLAVOR) {
    const resPair = ancestors[ancestors.length - 3];
    return { kind: 'heat', flavor: scalarString(get(owner, 'name')) ?? (isPair(resPair) ? keyName(resPair) : undefined) };
  }
  // Ansible: owner is the argument map of a flavor module.
  if (isPair(parentPair) && ANSIBLE_MODULES.has(keyName(parentPair) ?? '')) {
    return { kind: 'ansible', flavor: scalarString(get(owner, 'name')) };
  }
  // Kayobe: owner is an item of a list under a `…flavors` key.
  if (isSeq(parentPair) && isPair(grand) && /flavors$/.test(keyName(grand) ?? '')) {
    return { kind: 'kayobe', flavor: scalarString(get(owner, 'name')) };
  }
  return undefined;
}

function readSpecs(text: string, base: number, map: YAMLMap, kind: FlavorSourceKind, flavor: string | undefined, out: FlavorSpec[]): void {
  for (const p of map.items) {
    if (!isPair(p) || !isScalar(p.key)) continue;
    const k = scalarText(text, base, p.key);
    if (!k) continue;
    if (!isScalar(p.value)) {
      // An intrinsic function or a nested structure: Nova gets whatever it evaluates to.
      out.push({ kind, flavor, key: k.value, keyStart: k.start, keyEnd: k.end, value: '', valueStart: k.end, valueEnd: k.end, templated: true });
      continue;
    }
    const v = scalarText(text, base, p.value);
    if (!v) continue;
    out.push({
      kind, flavor,
      key: k.value, keyStart: k.start, keyEnd: k.end,
      value: v.value, valueStart: v.start, valueEnd: v.end, valueOffsets: v.offsets,
      templated: looksTemplated(k.value) || looksTemplated(v.value),
    });
  }
}
