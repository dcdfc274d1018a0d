/**
 * A service's effective configuration from several files, with the merge each
 * deployment tool really performs.
 *
 * oslo.config (oslo_config/cfg.py, _Namespace._get_file_value): every file is parsed
 * on its own; for a single-valued option the last file that sets it wins (inside that
 * file, the option's own name wins over its deprecated names, and the last line of that
 * name counts); for a MultiStrOpt every file adds its values, earlier files first, and
 * inside one file the values under deprecated names come before those under the
 * current name.
 *
 * kolla-ansible (ansible/action_plugins/merge_configs.py, OverrideConfigParser): the
 * files are first merged into one by section and key exactly as written; a key a later
 * file sets replaces every line of that key from earlier files (a key repeated inside one
 * file keeps all its lines). oslo.config then reads the merged file, so a deprecated name
 * kept from one file and the current name from another still both count for a
 * MultiStrOpt.
 */
import type { NovaConfDocument } from '../document';
import type { Entry } from '../model';
import type { OptionInfo } from '../catalog/options';

export interface Layer {
  uri: string;
  doc: NovaConfDocument;
}

/** One line of a file that sets an option. */
export interface Setting {
  uri: string;
  doc: NovaConfDocument;
  entry: Entry;
  option: OptionInfo;
  deprecatedName: boolean;
}

export interface Replaced {
  /** The line that is not read. */
  setting: Setting;
  /** The line that wins instead. */
  by: Setting;
  /** kolla: a later file's key replaced it before oslo.config read anything; oslo: a later file (or line) wins. */
  how: 'kolla' | 'oslo';
}

export interface EffectiveOption {
  option: OptionInfo;
  /** What the service reads: every value of a MultiStrOpt in order, or the one winning line. */
  values: Setting[];
}

export interface EffectiveConfig {
  /** `group.name` -> what the service reads. */
  options: Map<string, EffectiveOption>;
  /** Lines written in the layers that the service does not read, and what wins instead. */
  replaced: Replaced[];
}

function settingOf(layer: Layer, e: Entry): Setting | undefined {
  const r = layer.doc.resolved.get(e);
  if (!r?.option || !e.section) return undefined;
  return { uri: layer.uri, doc: layer.doc, entry: e, option: r.option, deprecatedName: Boolean(r.deprecatedName) };
}

const keyOf = (o: OptionInfo) => `${o.group}.${o.name}`;

/** How oslo.config reads one file: per option, the values it takes from this file. */
function readOneFile(settings: Setting[], replaced: Replaced[]): Map<string, Setting[]> {
  const byOption = new Map<string, Setting[]>();
  for (const s of settings) {
    const k = keyOf(s.option);
    const list = byOption.get(k);
    if (list) list.push(s);
    else byOption.set(k, [s]);
  }
  const out = new Map<string, Setting[]>();
  for (const [k, list] of byOption) {
    const multi = Boolean(list[0].option.multi);
    const deprecated = list.filter((s) => s.deprecatedName);
    const current = list.filter((s) => !s.deprecatedName);
    if (multi) {
      out.set(k, [...deprecated, ...current]);
      continue;
    }
    const winner = (current.length ? current : deprecated).at(-1)!;
    for (const s of list) if (s !== winner) replaced.push({ setting: s, by: winner, how: 'oslo' });
    out.set(k, [winner]);
  }
  return out;
}

/** oslo.config over several files (--config-file … then the config dirs), in the order given. */
export function osloMerge(layers: readonly Layer[]): EffectiveConfig {
  const replaced: Replaced[] = [];
  const options = new Map<string, EffectiveOption>();
  for (const layer of layers) {
    const settings = layer.doc.ini.entries.flatMap((e) => settingOf(layer, e) ?? []);
    for (const [k, values] of readOneFile(settings, replaced)) {
      const prev = options.get(k);
      if (!prev) {
        options.set(k, { option: values[0].option, values });
      } else if (prev.option.multi) {
        prev.values.push(...values);
      } else {
        for (const s of prev.values) replaced.push({ setting: s, by: values[0], how: 'oslo' });
        prev.values = values;
      }
    }
  }
  return { options, replaced };
}

/**
 * kolla-ansible's merge_configs, then oslo.config reading the merged file. Keys and
 * section names are compared exactly as written (merge_configs does not normalise them).
 */
export function kollaMerge(layers: readonly Layer[]): EffectiveConfig {
  const replaced: Replaced[] = [];
  // section as written -> key as written -> the lines of the last file that set it
  const merged = new Map<string, Map<string, { layer: Layer; entries: Entry[] }>>();
  for (const layer of layers) {
    const cur = new Map<string, Map<string, Entry[]>>();
    for (const e of layer.doc.ini.entries) {
      if (!e.section) continue; // oslo.config refuses a key before the first section
      let sec = cur.get(e.section.raw);
      if (!sec) cur.set(e.section.raw, (sec = new Map()));
      const list = sec.get(e.key);
      if (list) list.push(e);
      else sec.set(e.key, [e]);
    }
    for (const [section, keys] of cur) {
      let into = merged.get(section);
      if (!into) merged.set(section, (into = new Map()));
      for (const [key, entries] of keys) {
        const prev = into.get(key);
        if (prev) {
          const by = settingOf(layer, entries[0]);
          if (by) for (const e of prev.entries) {
            const s = settingOf(prev.layer, e);
            if (s) replaced.push({ setting: s, by, how: 'kolla' });
          }
        }
        into.set(key, { layer, entries });
      }
    }
  }
  // The merged file, in merge_configs' order (sections and keys where they first appeared).
  const settings: Setting[] = [];
  for (const keys of merged.values()) for (const { layer, entries } of keys.values()) for (const e of entries) {
    const s = settingOf(layer, e);
    if (s) settings.push(s);
  }
  const options = new Map<string, EffectiveOption>();
  for (const [k, values] of readOneFile(settings, replaced)) options.set(k, { option: values[0].option, values });
  return { options, replaced };
}

/** The values a service reads for `group.name` (empty when no layer sets it). */
export function effectiveValues(config: EffectiveConfig, group: string, name: string): Setting[] {
  return config.options.get(`${group}.${name}`)?.values ?? [];
}
