/**
 * The synthetic cohort in memory: everyone released under Parole with
 * Conditions, with every event date they will ever get. A snapshot is this
 * cohort seen as of one day (see snapshot.ts).
 */
import { COUNTRY_WEIGHTS, FIELD_OFFICE_WEIGHTS } from './countries.js';
import { assignCheckIns, assignDetentions, assignExits, assignNoticesToAppear } from './events.js';
import { COHORT_SIZE, DEFAULT_SEED, RELEASE_DAYS, scaledTargets } from './plan.js';
import { Random, allocate } from './random.js';

export type ExitType = 'REMOVED' | 'DEPARTED' | 'DECEASED';

/** A stay in ICE custody; `until` is the day of release back to the community, null if still held. */
export interface Detention {
  from: string;
  until: string | null;
}

/** One person and all their events; dates are YYYY-MM-DD, null when it never happens. */
export interface Person {
  aNumber: string;
  nationality: string;
  fieldOffice: string;
  releasedOn: string;
  checkedInOn: string | null;
  ntaIssuedOn: string | null;
  ntaServedOn: string | null;
  exitOn: string | null;
  exitType: ExitType | null;
  detention: Detention | null;
}

export interface Cohort {
  seed: number;
  size: number;
  /** Sorted by A-number, the order of the snapshot rows. */
  people: Person[];
}

export interface CohortOptions {
  /** Seed of the generator; the same seed always gives the same cohort. */
  seed?: number;
  /** Number of people; 2,572 reproduces the reported figures exactly. */
  size?: number;
}

/** A-numbers are 9 digits; real ones never start with 000, so ours cannot be mistaken for a person's. */
const FAKE_A_NUMBER_PREFIX = 'A000';
const FAKE_A_NUMBER_SPACE = 1_000_000;
export const MAX_COHORT_SIZE = FAKE_A_NUMBER_SPACE;

export function generateCohort(options: CohortOptions = {}): Cohort {
  const seed = options.seed ?? DEFAULT_SEED;
  const size = options.size ?? COHORT_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_COHORT_SIZE) {
    throw new RangeError(`cohort size must be a whole number from 1 to ${MAX_COHORT_SIZE}, got ${size}`);
  }
  const random = new Random(seed);
  const aNumbers = drawANumbers(random, size);
  const nationalities = random.shuffle(spread(size, COUNTRY_WEIGHTS));
  const fieldOffices = random.shuffle(spread(size, FIELD_OFFICE_WEIGHTS));

  const people: Person[] = aNumbers.map((aNumber, i) => ({
    aNumber,
    nationality: nationalities[i] as string,
    fieldOffice: fieldOffices[i] as string,
    releasedOn: drawReleaseDay(random),
    checkedInOn: null,
    ntaIssuedOn: null,
    ntaServedOn: null,
    exitOn: null,
    exitType: null,
    detention: null,
  }));

  // Order matters: each stage only picks people whose earlier events allow it.
  const targets = scaledTargets(size);
  assignCheckIns(random, people, targets);
  assignNoticesToAppear(random, people, targets);
  assignExits(random, people, targets);
  assignDetentions(random, people, targets);

  people.sort((a, b) => (a.aNumber < b.aNumber ? -1 : a.aNumber > b.aNumber ? 1 : 0));
  return { seed, size, people };
}

/** Distinct, random-looking A-numbers: a partial Fisher–Yates over the whole number space, kept sparse. */
function drawANumbers(random: Random, size: number): string[] {
  const moved = new Map<number, number>();
  const aNumbers: string[] = [];
  for (let i = 0; i < size; i++) {
    const j = random.int(i, FAKE_A_NUMBER_SPACE - 1);
    const drawn = moved.get(j) ?? j;
    moved.set(j, moved.get(i) ?? i);
    aNumbers.push(FAKE_A_NUMBER_PREFIX + String(drawn).padStart(6, '0'));
  }
  return aNumbers;
}

/** One value per person, in exact proportions to the weights (before shuffling). */
function spread(size: number, weights: ReadonlyArray<readonly [string, number]>): string[] {
  const counts = allocate(size, weights.map(([, weight]) => weight));
  return weights.flatMap(([value], i) => Array<string>(counts[i] ?? 0).fill(value));
}

/** Most releases came on the two days around the TRO, fewer on the day after. */
function drawReleaseDay(random: Random): string {
  const draw = random.next();
  return draw < 0.4 ? RELEASE_DAYS[0] : draw < 0.8 ? RELEASE_DAYS[1] : RELEASE_DAYS[2];
}
