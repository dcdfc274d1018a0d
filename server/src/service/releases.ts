/**
 * OpenStack releases the rules know about, oldest first. Rule and option
 * availability is expressed as a range over this list.
 */
export const RELEASES = ['2022.2', '2023.1', '2023.2', '2024.1', '2024.2', '2025.1', '2025.2', '2026.1', 'master'] as const;
export type Release = (typeof RELEASES)[number];

export const RELEASE_INFO: Record<Release, { name: string; nova: string }> = {
  '2022.2': { name: 'zed', nova: '26.0.0' },
  '2023.1': { name: 'antelope', nova: '27.0.0' },
  '2023.2': { name: 'bobcat', nova: '28.0.0' },
  '2024.1': { name: 'caracal', nova: '29.0.0' },
  '2024.2': { name: 'dalmatian', nova: '30.0.0' },
  '2025.1': { name: 'epoxy', nova: '31.0.0' },
  '2025.2': { name: 'flamingo', nova: '32.0.0' },
  '2026.1': { name: 'gazpacho', nova: '33.0.0' },
  master: { name: 'master', nova: 'master' },
};

/** The default when nothing is selected: the newest published release. */
export const DEFAULT_RELEASE: Release = '2026.1';

export function releaseIndex(r: Release): number {
  return RELEASES.indexOf(r);
}

/** Accepts a series number (`2025.2`), a name (`flamingo`, any case), a Nova version (`32.0.0`) or `master`. */
export function parseRelease(input: string | undefined | null): Release | undefined {
  if (input === undefined || input === null) return undefined;
  const s = input.trim().toLowerCase();
  if (s === '') return undefined;
  for (const r of RELEASES) {
    const info = RELEASE_INFO[r];
    if (s === r || s === info.name || s === info.nova || s === `${info.nova.split('.')[0]}`) return r;
  }
  return undefined;
}

export function describeReleases(): string {
  return RELEASES.map((r) => (r === 'master' ? r : `${r} (${RELEASE_INFO[r].name})`)).join(', ');
}

/** Inclusive range; a missing bound is open. */
export interface ReleaseRange {
  since?: Release;
  until?: Release;
}

export function inRange(r: Release, range: ReleaseRange | undefined): boolean {
  if (!range) return true;
  const i = releaseIndex(r);
  if (range.since && i < releaseIndex(range.since)) return false;
  if (range.until && i > releaseIndex(range.until)) return false;
  return true;
}

export function atLeast(r: Release, min: Release): boolean {
  return releaseIndex(r) >= releaseIndex(min);
}

export function formatRange(range: ReleaseRange | undefined): string {
  if (!range || (!range.since && !range.until)) return 'all releases';
  if (range.since && range.until) return `${range.since} to ${range.until}`;
  if (range.since) return `${range.since} and later`;
  return `up to ${range.until}`;
}
