/**
 * openstack-helm (and Mirantis MOSK, whose OpenStackDeployment passes chart values
 * through `spec.services.<group>.<chart>.values`): `conf.nova` rendered into nova.conf
 * by helm-toolkit's `to_oslo_conf` (helm-toolkit/templates/utils/_to_oslo_conf.tpl,
 * used by nova/templates/configmap-etc.yaml):
 * - a section is a mapping; a scalar is written `key = value` as Go prints it;
 * - a YAML list is joined with commas into ONE value (_joinListWithComma.tpl);
 * - a mapping `{type: multistring, values: [...]}` writes one `key = item` line per item,
 *   `{type: csv, values: [...]}` joins them; any other mapping writes nothing;
 * - a null value writes nothing (the service default applies).
 */
import { Node, Scalar, isMap, isScalar, isSeq } from 'yaml';
import { DocWriter, Extraction, entriesOf, pathOf, spanOf, stringOf, valueOf } from '../nodes';
import { isJsonMultiOption, isMultiOption } from '../options';

/** How Go's text/template prints a scalar helm decoded from YAML (numbers are float64). */
function goScalar(v: unknown): string {
  if (v === null || v === undefined) return '<no value>';
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
    return String(v).replace(/e\+?(-?)(\d)$/, 'e+$10$2').replace('e+-', 'e-');
  }
  return String(v);
}

function writeItem(w: DocWriter, item: Node | null): void {
  if (isScalar(item) && typeof item.value === 'string') w.text(item);
  else if (isScalar(item)) w.b.synth(goScalar(item.value), spanOf(item));
  else w.b.synth(`map[${isMap(item) ? item.items.map((p) => `${String(isScalar(p.key) ? p.key.value : '')}:…`).join(' ') : ''}]`, spanOf(item));
}

function writeConf(x: Extraction, conf: Node, docIndex: number, label: string, path: string): void {
  const w = x.writer();
  for (const sec of entriesOf(conf)) {
    if (!isMap(sec.value)) continue;
    for (const opt of entriesOf(sec.value)) {
      const v = opt.value;
      if (v === null || (isScalar(v) && v.value === null)) continue;
      if (isSeq(v)) {
        w.section(sec.name, sec.key);
        w.key(opt.name, opt.key);
        const write = (): void => {
          v.items.forEach((it, k) => {
            if (k > 0) w.b.synth(',', spanOf(it as Node));
            writeItem(w, (it as Node | null) ?? null);
          });
        };
        if (v.items.length > 1 && isMultiOption(sec.name, opt.name)) {
          const json = isJsonMultiOption(sec.name, opt.name);
          w.problem(json ? 'yaml-list-joined-json' : 'yaml-list-joined-multi', json
            ? `helm-toolkit joins a YAML list with commas into one value, so Nova reads one ${opt.name} of ${v.items.length} JSON texts separated by commas, which is not valid JSON: the service refuses to start. Write it as {type: multistring, values: [...]} to get one "${opt.name} =" line per item.`
            : `helm-toolkit joins a YAML list with commas into one value, but [${sec.name}] ${opt.name} is a multi-valued option that takes one value per line: Nova reads a single value with commas in it. Write it as {type: multistring, values: [...]}.`, opt.key);
          w.suppressed(['json-invalid'], write);
        } else write();
        w.end(opt.key);
      } else if (isMap(v)) {
        const type = stringOf(valueOf(v, 'type'));
        const values = valueOf(v, 'values');
        const items = isSeq(values) ? values.items.map((i) => (i as Node | null) ?? null) : [];
        if (type === 'multistring') {
          for (const it of items) {
            w.section(sec.name, sec.key);
            w.key(opt.name, opt.key);
            writeItem(w, it);
            w.end(it);
          }
        } else if (type === 'csv') {
          w.section(sec.name, sec.key);
          w.key(opt.name, opt.key);
          items.forEach((it, k) => {
            if (k > 0) w.b.synth(',', spanOf(it));
            writeItem(w, it);
          });
          w.end(opt.key);
        } else {
          w.problem('yaml-map-not-rendered', `helm-toolkit writes nothing for a mapping unless it has "type: multistring" or "type: csv" with a "values" list: [${sec.name}] ${opt.name} is silently left out of nova.conf.${isJsonMultiOption(sec.name, opt.name) ? ' For a JSON value, write the JSON as a string.' : ''}`, opt.key);
        }
      } else if (isScalar(v)) {
        w.section(sec.name, sec.key);
        w.key(opt.name, opt.key);
        writeItem(w, v as Scalar);
        w.end(opt.key);
      }
    }
  }
  x.add(w, { id: `${docIndex}:${path}`, form: 'helm-conf-nova', label, anchor: spanOf(conf), fragment: false });
}

function hasSection(conf: unknown): boolean {
  return entriesOf(conf).some((e) => isMap(e.value));
}

/** Finds `values.conf.nova` anywhere under a MOSK OpenStackDeployment spec. */
function findValuesConf(node: unknown, at: string[], visit: (n: Node, where: string[]) => void, depth = 0): void {
  if (depth > 8 || !isMap(node)) return;
  for (const e of entriesOf(node)) {
    if (e.name === 'values') {
      const conf = pathOf(e.value, ['conf', 'nova']);
      if (conf && hasSection(conf)) visit(conf, [...at, 'values', 'conf', 'nova']);
    } else findValuesConf(e.value, [...at, e.name], visit, depth + 1);
  }
}

export function extractHelm(x: Extraction): void {
  x.docs.forEach((d, i) => {
    const root = d.contents;
    const kind = stringOf(valueOf(root, 'kind'));
    if (kind === 'OpenStackDeployment') {
      findValuesConf(valueOf(root, 'spec'), ['spec'], (conf, where) => writeConf(x, conf, i, `OpenStackDeployment ${where.join('.')} (rendered by helm-toolkit to_oslo_conf)`, where.join('.')));
      return;
    }
    if (kind) return; // some other Kubernetes object: not a values file
    const conf = pathOf(root, ['conf', 'nova']);
    if (conf && hasSection(conf)) writeConf(x, conf, i, 'openstack-helm values conf.nova (rendered by helm-toolkit to_oslo_conf)', 'conf.nova');
  });
}
