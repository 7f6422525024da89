/**
 * Month-end targets for the synthetic cohort. The generator assigns event
 * dates to people so that each snapshot hits these counts exactly; the
 * waypoint months reproduce the publicly reported figures (see DOMAIN.md),
 * the months between move plausibly.
 */

/** Size of the group released under Parole with Conditions. */
export const COHORT_SIZE = 2572;

/** Seed of the committed example snapshots (the TRO date, 2023-05-11). */
export const DEFAULT_SEED = 20230511;

/** People were released on these days, around the TRO of 2023-05-11. */
export const RELEASE_DAYS = ['2023-05-10', '2023-05-11', '2023-05-12'] as const;

/** Cumulative counts at the end of a month, for a cohort of 2,572. */
export interface MonthTarget {
  month: string;
  checkedIn: number;
  ntaIssued: number;
  /** Confirmed removed, departed or deceased. */
  exited: number;
  /** In ICE custody on the last day of the month. */
  detained: number;
}

export const MONTH_TARGETS: readonly MonthTarget[] = [
  // Released 10–12 May; the first check-ins come within days.
  { month: '2023-05', checkedIn: 380, ntaIssued: 0, exited: 0, detained: 0 },
  { month: '2023-06', checkedIn: 980, ntaIssued: 180, exited: 0, detained: 0 },
  // Waypoint: 1,507 checked in, 1,065 not; 464 NTAs, 2,108 without. The 60-day deadline falls on 9–11 July.
  { month: '2023-07', checkedIn: 1507, ntaIssued: 464, exited: 1, detained: 0 },
  { month: '2023-08', checkedIn: 2050, ntaIssued: 790, exited: 2, detained: 1 },
  { month: '2023-09', checkedIn: 2330, ntaIssued: 1120, exited: 3, detained: 2 },
  { month: '2023-10', checkedIn: 2460, ntaIssued: 1514, exited: 4, detained: 1 },
  // Waypoint: 645 NTAs issued in November; 413 still without one.
  { month: '2023-11', checkedIn: 2508, ntaIssued: 2159, exited: 6, detained: 0 },
  { month: '2023-12', checkedIn: 2526, ntaIssued: 2196, exited: 7, detained: 1 },
  { month: '2024-01', checkedIn: 2535, ntaIssued: 2212, exited: 9, detained: 2 },
  // Waypoint: 32 not checked in; 351 without an NTA; 11 removed or departed (no deaths yet); 1 in custody.
  { month: '2024-02', checkedIn: 2540, ntaIssued: 2221, exited: 11, detained: 1 },
  { month: '2024-03', checkedIn: 2543, ntaIssued: 2226, exited: 12, detained: 2 },
  { month: '2024-04', checkedIn: 2545, ntaIssued: 2231, exited: 13, detained: 0 },
  // Waypoint: 25 not checked in; 340 without an NTA; 14 removed, departed or deceased; 1 in custody; 1 new NTA.
  { month: '2024-05', checkedIn: 2547, ntaIssued: 2232, exited: 14, detained: 1 },
];

/** Deaths are reported only after February 2024: its figure is "removed or departed". */
export const FIRST_MONTH_WITH_DEATHS = '2024-03';

/**
 * The targets for a cohort of `size`: every count scaled proportionally, so
 * benchmarks get the same shape; exact at 2,572 only. Rounding a
 * non-decreasing sequence keeps it non-decreasing.
 */
export function scaledTargets(size: number): MonthTarget[] {
  const scale = (count: number) => Math.round((count * size) / COHORT_SIZE);
  return MONTH_TARGETS.map((t) => ({
    month: t.month,
    checkedIn: scale(t.checkedIn),
    ntaIssued: scale(t.ntaIssued),
    exited: scale(t.exited),
    detained: scale(t.detained),
  }));
}
