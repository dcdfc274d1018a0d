/** Typed access to the PCI vocabulary data (pci-vocabulary.json). */
import { pointGate } from './point-releases';
import vocab from './pci-vocabulary.json';
import { Release, atLeast } from '../releases';

export interface TagInfo {
  kind: string;
  doc: string;
  example?: string;
  since?: Release;
  max?: string;
  required?: boolean;
  enum?: string;
}

export const DEVICE_SPEC_TAGS = vocab.deviceSpecTags as Record<string, TagInfo>;
export const ALIAS_FIELDS = vocab.aliasFields as Record<string, TagInfo>;
export const ADDRESS_KEYS = vocab.addressKeys as Record<string, { width: number; max: string; doc: string }>;
export const ENUMS = vocab.enums as Record<string, Record<string, string>>;
export const RESERVED_TAGS: string[] = vocab.reservedTags;
export const STANDARD_RESOURCE_CLASSES = new Set<string>(vocab.standardResourceClasses);

/** device_spec tags Nova reads as strict booleans (kind strictbool), in vocabulary order. */
export const STRICT_BOOL_TAGS = Object.entries(DEVICE_SPEC_TAGS).filter(([, t]) => t.kind === 'strictbool').map(([k]) => k);

export const DEVICE_TYPES = Object.keys(ENUMS.deviceType);
export const NUMA_POLICIES = Object.keys(ENUMS.numaPolicy);

/**
 * The per-release lists below are made once per release and shared by every document and request (the rules ask on
 * every check; the lists are small but were rebuilt each time): callers must not change them.
 */
const DEVICE_SPEC_TAG_LISTS = new Map<Release, readonly string[]>();
const ALIAS_FIELD_LISTS = new Map<Release, readonly string[]>();
const FILTER_LISTS = new Map<Release, readonly string[]>();

function perRelease(lists: Map<Release, readonly string[]>, release: Release, make: () => string[]): readonly string[] {
  let list = lists.get(release);
  if (!list) lists.set(release, (list = Object.freeze(make())));
  return list;
}

/** device_spec tags Nova knows in this release. */
export function deviceSpecTags(release: Release): readonly string[] {
  return perRelease(DEVICE_SPEC_TAG_LISTS, release, () =>
    Object.entries(DEVICE_SPEC_TAGS)
      .filter(([, t]) => !t.since || atLeast(release, t.since))
      .map(([k]) => k),
  );
}

/** Keys the alias JSON schema allows in this release (A3). */
export function aliasFields(release: Release): readonly string[] {
  return perRelease(ALIAS_FIELD_LISTS, release, () =>
    Object.entries(ALIAS_FIELDS)
      .filter(([, t]) => !t.since || atLeast(release, t.since))
      .map(([k]) => k),
  );
}

/** In-tree scheduler filter classes of this release (valid enabled_filters entries with the default available_filters). */
export function schedulerFilters(release: Release): readonly string[] {
  const removed = vocab.filters.removed as Record<string, Release>;
  return perRelease(FILTER_LISTS, release, () => vocab.filters.all.filter((f) => !removed[f] || !atLeast(release, removed[f])));
}

export function filterRemovedIn(name: string): Release | undefined {
  return (vocab.filters.removed as Record<string, Release>)[name];
}

/** Release gates: behaviour of Nova that starts in a given release (the data is pci-vocabulary.json's releaseGates). */
export type ReleaseGate = keyof typeof vocab.releaseGates;
const GATES = vocab.releaseGates as Record<ReleaseGate, { since: Release; points?: Partial<Record<string, string>>; about: string }>;

/**
 * Whether Nova of `release` behaves the way the gate describes. A gate backported to a point release of an
 * earlier series (`points`) is open there from that point release on; `point` is the selected point release
 * (none: the series' latest).
 */
export function gate(release: Release, name: ReleaseGate, point?: string): boolean {
  return pointGate(release, point, GATES[name].points) ?? atLeast(release, GATES[name].since);
}

/** The point releases that brought a gate to earlier series, for messages: `2025.1 from 31.3.1`. */
export function gateBackports(name: ReleaseGate): string {
  return Object.entries(GATES[name].points ?? {}).map(([r, p]) => `${r} from ${p}`).join(', ');
}

/** Whether Nova of `release` knows this device_spec tag (its `since` in the vocabulary). */
export function tagKnown(release: Release, tag: string): boolean {
  const t = DEVICE_SPEC_TAGS[tag];
  return t !== undefined && (!t.since || atLeast(release, t.since));
}
