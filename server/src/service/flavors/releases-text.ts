import { RELEASES, Release } from '../releases';

/** `2022.2 to 2023.2`, `2025.2 and later`, or a comma list when the releases are not contiguous. */
export function formatReleaseList(rs: readonly Release[]): string {
  const idx = rs.map((r) => RELEASES.indexOf(r)).sort((a, b) => a - b);
  if (idx.length === 0) return 'no release';
  const contiguous = idx.every((x, i) => i === 0 || x === idx[i - 1] + 1);
  if (!contiguous) return idx.map((i) => RELEASES[i]).join(', ');
  const first = RELEASES[idx[0]];
  const last = RELEASES[idx[idx.length - 1]];
  if (last === 'master') return idx.length === RELEASES.length ? 'all releases' : `${first} and later`;
  return first === last ? first : `${first} to ${last}`;
}
