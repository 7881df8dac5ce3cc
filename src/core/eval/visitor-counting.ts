// Scoring anonymous visitor counting against the truth: a day of visits, each by a known person, each given a
// visitor number (or none) by the counter.
// - false merge: a visit given the number of a different person seen earlier (rate over the visits of people
//   not seen before, the visits that could be merged with somebody);
// - false split: a visit by someone seen before that is not given one of their numbers (a new number, or none;
//   rate over returning visits);
// - unique: distinct people (true) and distinct numbers handed out (counted); returning likewise.

export interface CountedVisit {
  /** Who it really was. */
  readonly person: string;
  /** The number the counter gave; undefined when it recorded no visit (no usable face). */
  readonly visitorId: number | undefined;
}

export interface VisitorCountingScore {
  readonly visits: number;
  readonly true_unique: number;
  readonly counted_unique: number;
  readonly unique_error: number;
  readonly true_returning: number;
  readonly counted_returning: number;
  readonly false_merges: number;
  readonly false_merge_rate: number;
  readonly false_splits: number;
  readonly false_split_rate: number;
  /** Visits the counter recorded without a number (no usable face in them). */
  readonly unnumbered: number;
}

export function scoreVisitorCounting(visits: readonly CountedVisit[]): VisitorCountingScore {
  const seenPeople = new Set<string>();
  const ownerOf = new Map<number, string>();
  const numbersOf = new Map<string, Set<number>>();
  let trueReturning = 0;
  let countedReturning = 0;
  let merges = 0;
  let splits = 0;
  let unnumbered = 0;
  for (const v of visits) {
    const returning = seenPeople.has(v.person);
    seenPeople.add(v.person);
    if (returning) trueReturning++;
    const mine = numbersOf.get(v.person) ?? new Set<number>();
    numbersOf.set(v.person, mine);
    if (v.visitorId === undefined) {
      unnumbered++;
      if (returning) splits++;
      continue;
    }
    const owner = ownerOf.get(v.visitorId);
    if (owner !== undefined) countedReturning++;
    else ownerOf.set(v.visitorId, v.person);
    if (owner !== undefined && owner !== v.person) merges++;
    else if (returning && !mine.has(v.visitorId)) splits++;
    mine.add(v.visitorId);
  }
  const trueUnique = seenPeople.size;
  const firstVisits = visits.length - trueReturning;
  return {
    visits: visits.length,
    true_unique: trueUnique,
    counted_unique: ownerOf.size,
    unique_error: trueUnique ? Math.abs(ownerOf.size - trueUnique) / trueUnique : 0,
    true_returning: trueReturning,
    counted_returning: countedReturning,
    false_merges: merges,
    false_merge_rate: firstVisits ? merges / firstVisits : 0,
    false_splits: splits,
    false_split_rate: trueReturning ? splits / trueReturning : 0,
    unnumbered,
  };
}
