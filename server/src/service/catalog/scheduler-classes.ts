/**
 * What nova-scheduler can load by class path, per release (scheduler-classes.json, generated from Nova's
 * tree by scripts/build-scheduler-classes.mjs): `[filter_scheduler] available_filters` and `weight_classes`
 * name classes or collector functions that nova/loadables.py imports at start.
 */
import data from './scheduler-classes.json';
import { RELEASES, type Release } from '../releases';

export type LoadableKind = 'filters' | 'weighers';

interface ReleaseClasses {
  filters: Record<string, string[]>;
  weighers: Record<string, string[]>;
  collectors: Record<LoadableKind, string>;
}

const releases = data.releases as Record<Release, ReleaseClasses>;

export type ClassPathVerdict =
  /** The collector function: every loadable class of the package. */
  | { kind: 'collector' }
  /** A class Nova loads; `name` is what enabled_filters refers to. */
  | { kind: 'class'; name: string }
  /** Not in Nova's package: another project's class, which the catalogue cannot judge. */
  | { kind: 'external' }
  /** Inside Nova's package but nothing loadable there in this release. */
  | { kind: 'missing'; removedAfter?: Release; movedTo?: string; isModule: boolean };

/** The package a kind of class lives in (`nova.scheduler.filters`, `nova.scheduler.weights`). */
export function packageOf(kind: LoadableKind): string {
  return kind === 'filters' ? 'nova.scheduler.filters' : 'nova.scheduler.weights';
}

function classPaths(release: Release, kind: LoadableKind): Map<string, string> {
  const out = new Map<string, string>();
  for (const [mod, names] of Object.entries(releases[release][kind])) for (const n of names) out.set(`${mod}.${n}`, n);
  return out;
}

/** How nova-scheduler of `release` treats one class path in available_filters (filters) or weight_classes (weighers). */
export function judgeClassPath(release: Release, kind: LoadableKind, path: string): ClassPathVerdict {
  const r = releases[release];
  if (path === r.collectors[kind]) return { kind: 'collector' };
  if (path === '') return { kind: 'missing', isModule: false };
  // loadables.py imports anything; only Nova's own scheduler packages are known here.
  if (path !== 'nova' && !path.startsWith('nova.')) return { kind: 'external' };
  const here = classPaths(release, kind);
  const name = here.get(path);
  if (name) return { kind: 'class', name };
  const isModule = Object.prototype.hasOwnProperty.call(r[kind], path);
  const last = path.slice(path.lastIndexOf('.') + 1);
  const movedTo = [...here].find(([, n]) => n === last)?.[0];
  let removedAfter: Release | undefined;
  for (const older of RELEASES.slice(0, RELEASES.indexOf(release)).reverse()) {
    if (classPaths(older, kind).has(path)) {
      removedAfter = older;
      break;
    }
  }
  return { kind: 'missing', removedAfter, movedTo, isModule };
}

/** Every class path of a kind in a release (for did-you-mean and completion). */
export function loadablePaths(release: Release, kind: LoadableKind): string[] {
  return [releases[release].collectors[kind], ...classPaths(release, kind).keys()];
}
