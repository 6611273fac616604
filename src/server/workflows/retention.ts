/**
 * Which earlier versions of a workflow to keep (docs/decisions/075): every version saved within the last
 * `fullDays` days, the newest of each UTC day before that, and never more than `maxVersions` in all (the oldest go
 * first). Pure, so the rule is tested with any clock.
 */

export interface RetentionPolicy {
  maxVersions: number;
  fullDays: number;
}

export interface KeptVersion {
  id: string;
  version: number;
  savedAt: Date;
}

const DAY_MS = 86_400_000;

/** The ids to delete, given every stored earlier version of one workflow. */
export function versionsToPrune(versions: readonly KeptVersion[], now: Date, policy: RetentionPolicy): string[] {
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  const fullSince = now.getTime() - policy.fullDays * DAY_MS;
  const daysSeen = new Set<number>();
  const keep: KeptVersion[] = [];
  const prune: string[] = [];
  for (const version of newestFirst) {
    const time = version.savedAt.getTime();
    if (time >= fullSince) {
      keep.push(version);
      continue;
    }
    const day = Math.floor(time / DAY_MS);
    if (daysSeen.has(day)) {
      prune.push(version.id);
    } else {
      daysSeen.add(day);
      keep.push(version);
    }
  }
  for (const version of keep.slice(policy.maxVersions)) prune.push(version.id);
  return prune;
}
