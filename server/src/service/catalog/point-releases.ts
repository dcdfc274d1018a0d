/**
 * Nova point releases (28.0.0, 28.3.1, 31.3.1 …) alongside the release series the
 * rest of the service works with. A setting names a series (its latest point
 * release) or one point version; the behaviour changes point releases carry are
 * data in point-releases.json (option facts) and pci-vocabulary.json (`points` of
 * a release gate).
 */
import data from './point-releases.json';
import { RELEASES, Release, parseRelease } from '../releases';
import type { OptionFacts, OptionInfo } from './options';

const SERIES = data.series as Partial<Record<Release, string[]>>;

/** Compares dotted versions numerically (`28.10.0` > `28.3.1`). */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The point releases of a series, oldest first (none for master). */
export function pointReleases(release: Release): readonly string[] {
  return SERIES[release] ?? [];
}

/** The latest point release of a series (undefined for master). */
export function latestPoint(release: Release): string | undefined {
  return pointReleases(release).at(-1);
}

/** The point release in effect: the one selected, or the series' latest. */
export function effectivePoint(release: Release, point: string | undefined): string | undefined {
  return point ?? latestPoint(release);
}

/**
 * Reads a release setting: a series (`2023.2`, `bobcat`, `28`, master) means its latest point release (no
 * `point`); a Nova version of a published point release (`28.0.0`, `28.3.1`) selects that one.
 */
export function parseReleaseVersion(input: string | undefined | null): { release: Release; point?: string } | undefined {
  if (input === undefined || input === null) return undefined;
  const s = input.trim();
  if (/^\d+\.\d+\.\d+$/.test(s)) {
    for (const r of RELEASES) if (pointReleases(r).includes(s)) return { release: r, point: s };
    return undefined;
  }
  const release = parseRelease(s);
  return release ? { release } : undefined;
}

/** A series' point releases for messages: `28.0.0 … 28.3.1`. */
export function describePoints(): string {
  return RELEASES.filter((r) => pointReleases(r).length).map((r) => `${pointReleases(r)[0]} … ${latestPoint(r)}`).join(', ');
}

/**
 * Whether a behaviour that a point release brought to `release` is present: `points` maps series to the
 * first point release that has it. Undefined when the series has no entry (the caller decides by series).
 */
export function pointGate(release: Release, point: string | undefined, points: Partial<Record<string, string>> | undefined): boolean | undefined {
  const first = points?.[release];
  if (first === undefined) return undefined;
  const p = effectivePoint(release, point);
  return p === undefined || compareVersions(p, first) >= 0;
}

interface OptionPointChange {
  group: string;
  name: string;
  from: Partial<Record<string, string>>;
  before: Partial<OptionFacts>;
  change: string;
}
const OPTION_CHANGES = data.options as OptionPointChange[];

/** The option's facts as the selected point release has them (the catalogue holds each series' latest). */
export function optionAtPoint(opt: OptionInfo, release: Release, point: string | undefined): OptionInfo {
  // Asked for every value checked: an indexed loop makes no iterator.
  for (let i = 0; i < OPTION_CHANGES.length; i++) {
    const c = OPTION_CHANGES[i];
    if (c.group !== opt.group || c.name !== opt.name) continue;
    if (pointGate(release, point, c.from) === false) return opt.withFacts(c.before);
  }
  return opt;
}

/** Every recorded point-release change (docs and tests). */
export function optionPointChanges(): readonly OptionPointChange[] {
  return OPTION_CHANGES;
}

/** Whether the point release in effect for `release` comes before `version`. */
export function beforePoint(release: Release, point: string | undefined, version: string): boolean {
  const p = effectivePoint(release, point);
  return p !== undefined && compareVersions(p, version) < 0;
}

/** The point release just before `version` in its series (for examples). */
export function pointBefore(version: string): string | undefined {
  for (const r of RELEASES) {
    const list = pointReleases(r);
    const i = list.indexOf(version);
    if (i > 0) return list[i - 1];
  }
  return undefined;
}
