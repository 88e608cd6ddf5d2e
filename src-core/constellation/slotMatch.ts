// Real satellites of a scenario that also plans Walker shells, matched to their planned slots
// (docs/ROLLOUT.md, "Slot matching"): plane by RAAN and inclination, slot by argument of latitude
// (planes.ts matchToSlots). The candidates are the element sets without a shellId (matched against
// every Walker shell) and those whose shellId names a Walker shell (matched against that shell
// only); sets whose shellId names another group are not candidates. Each candidate ends as:
//   in a slot   takes that Walker slot's place in the catalogue (same index, plane and slot, so it
//               joins the +Grid mesh exactly where the planned satellite was);
//   raising     a real satellite of a planned shell not yet in a free slot (below the shell, between
//               planes, or off its slot's phase): drawn as raising, no lasers, no traffic;
//   unmatched   no planned shell fits (inclination, altitude) or SGP4 cannot use it: kept as an
//               imported satellite, listed with the reason.
import type { ElementSet, WalkerShell } from '../scenario/schema';
import type { UtcMs } from '../units';
import type { ResolvedElementSet } from './elements';
import { matchToSlots } from './planes';

/** An element set that resolved to a SatRec; `index` is its place in constellation.elementSets. */
export interface ResolvedMember {
  index: number;
  resolved: ResolvedElementSet;
  set: ElementSet;
}

/** A candidate's outcome; `shell` indexes scenario.constellation.shells (-1 when unmatched). */
export interface MemberMatch {
  member: ResolvedMember;
  status: 'operational' | 'raising' | 'unmatched';
  shell: number;
  plane: number;
  slot: number;
  reason: string;
}

export interface ElementSetMatching {
  /** Outcome of every candidate, in element-set order. */
  matches: MemberMatch[];
  /** The sets that are not candidates (their shellId names another group): built as imported groups. */
  others: ResolvedMember[];
}

/** Match the candidate sets of `members` to the Walker shells' slots at `epochMs` (the scenario epoch). */
export function matchElementSets(members: readonly ResolvedMember[], walker: readonly WalkerShell[], epochMs: UtcMs | number): ElementSetMatching {
  const walkerIndex = new Map(walker.map((s, i) => [s.id, i]));
  const others: ResolvedMember[] = [];
  // Candidates grouped by the shells they may match: '' = every Walker shell.
  const groups = new Map<string, ResolvedMember[]>();
  for (const m of members) {
    const key = m.set.shellId ?? '';
    if (key !== '' && !walkerIndex.has(key)) {
      others.push(m);
      continue;
    }
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(m);
  }
  const taken = new Set<string>();
  const matches: MemberMatch[] = [];
  for (const [key, group] of groups) {
    const shellIdx = key === '' ? walker.map((_, i) => i) : [walkerIndex.get(key)!];
    const found = matchToSlots(group.map((m) => m.resolved.satrec), shellIdx.map((i) => walker[i]!), epochMs, taken);
    found.forEach((f, j) => matches.push({ member: group[j]!, status: f.status, shell: f.shell < 0 ? -1 : shellIdx[f.shell]!, plane: f.plane, slot: f.slot, reason: f.reason }));
  }
  matches.sort((a, b) => a.member.index - b.member.index);
  return { matches, others };
}
