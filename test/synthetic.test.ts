import { readFile } from 'node:fs/promises';
import { describe, it, expect } from 'vitest';
import {
  generateCohort,
  monthEnd,
  monthsBetween,
  snapshotCsv,
  snapshotRows,
  type SnapshotRow,
} from '../src/synthetic/index.js';

const cohort = generateCohort();
const months = monthsBetween('2023-06', '2024-05');
const snapshots = new Map(months.map((month) => [month, snapshotRows(cohort, monthEnd(month))]));

function rowsOf(month: string): SnapshotRow[] {
  const rows = snapshots.get(month);
  if (!rows) throw new Error(`no snapshot for ${month}`);
  return rows;
}

/** The month-end figures a status report would give. */
function figures(month: string) {
  const rows = rowsOf(month);
  const count = (test: (row: SnapshotRow) => boolean) => rows.filter(test).length;
  return {
    total: rows.length,
    checkedIn: count((r) => r.checkedInOn !== null),
    notCheckedIn: count((r) => r.checkedInOn === null),
    ntaIssued: count((r) => r.ntaIssuedOn !== null),
    withoutNta: count((r) => r.ntaIssuedOn === null),
    ntaIssuedInMonth: count((r) => r.ntaIssuedOn?.startsWith(month) === true),
    ntaServed: count((r) => r.ntaServedOn !== null),
    exited: count((r) => r.exitType !== null),
    deceased: count((r) => r.exitType === 'DECEASED'),
    detained: count((r) => r.custodyStatus === 'DETAINED'),
  };
}

describe('reported waypoints', () => {
  it('July 2023: 1,507 checked in, 1,065 not; 464 with an NTA, 2,108 without', () => {
    expect(figures('2023-07')).toMatchObject({
      total: 2572,
      checkedIn: 1507,
      notCheckedIn: 1065,
      ntaIssued: 464,
      withoutNta: 2108,
    });
  });

  it('November 2023: 645 NTAs issued in the month; 413 still without one', () => {
    expect(figures('2023-11')).toMatchObject({ ntaIssuedInMonth: 645, withoutNta: 413 });
  });

  it('February 2024: 32 not checked in; 351 without an NTA; 11 removed or departed; 1 in custody', () => {
    expect(figures('2024-02')).toMatchObject({ notCheckedIn: 32, withoutNta: 351, exited: 11, deceased: 0, detained: 1 });
  });

  it('May 2024: 25 not checked in; 340 without an NTA; 14 exits, one a death at least; 1 in custody; 1 new NTA', () => {
    const may = figures('2024-05');
    expect(may).toMatchObject({ notCheckedIn: 25, withoutNta: 340, exited: 14, detained: 1, ntaIssuedInMonth: 1 });
    expect(may.deceased).toBeGreaterThanOrEqual(1);
  });
});

describe('the cohort', () => {
  const people = rowsOf('2024-05');

  it('has 2,572 people in every snapshot', () => {
    for (const month of months) expect(figures(month).total, month).toBe(2572);
  });

  it('has unique, clearly fake, non-sequential A-numbers, rows sorted by them', () => {
    const aNumbers = people.map((r) => r.aNumber);
    expect(new Set(aNumbers).size).toBe(2572);
    for (const aNumber of aNumbers) expect(aNumber).toMatch(/^A000\d{6}$/);
    expect(aNumbers).toEqual(aNumbers.slice().sort());
    const span = Number(aNumbers.at(-1)?.slice(1)) - Number(aNumbers[0]?.slice(1));
    expect(span).toBeGreaterThan(100 * 2572);
  });

  it('comes from 46 countries, Venezuela, Colombia and Peru the most common', () => {
    const byCountry = new Map<string, number>();
    for (const r of people) byCountry.set(r.nationality, (byCountry.get(r.nationality) ?? 0) + 1);
    expect(byCountry.size).toBe(46);
    const ranked = [...byCountry].sort((a, b) => b[1] - a[1]);
    expect(ranked.slice(0, 3).map(([country]) => country)).toEqual(['Venezuela', 'Colombia', 'Peru']);
    expect(ranked[0]?.[1]).toBeGreaterThan(ranked[1]?.[1] ?? 0);
    expect(ranked[1]?.[1]).toBeGreaterThan(ranked[2]?.[1] ?? 0);
    expect(ranked[2]?.[1]).toBeGreaterThan(ranked[3]?.[1] ?? 0);
    expect(byCountry.has('Congo, Democratic Republic of the')).toBe(true);
  });

  it('is spread over all 25 ICE field offices', () => {
    expect(new Set(people.map((r) => r.fieldOffice)).size).toBe(25);
  });

  it('orders each person’s events: release < check-in < NTA issued <= served < exit', () => {
    const outOfOrder = people.filter(
      (r) =>
        r.releasedOn < '2023-05-10' ||
        r.releasedOn > '2023-05-12' ||
        (r.checkedInOn !== null && r.checkedInOn <= r.releasedOn) ||
        (r.ntaIssuedOn !== null && (r.checkedInOn === null || r.ntaIssuedOn <= r.checkedInOn)) ||
        (r.ntaServedOn !== null && (r.ntaIssuedOn === null || r.ntaServedOn < r.ntaIssuedOn)) ||
        (r.exitOn !== null && [r.checkedInOn, r.ntaServedOn].some((date) => date !== null && date >= (r.exitOn as string))),
    );
    expect(outOfOrder).toEqual([]);
  });

  it('closes the case of everyone who exited', () => {
    expect(people.filter((r) => (r.exitOn !== null) !== (r.custodyStatus === 'CLOSED'))).toEqual([]);
  });

  it('blanks dates after the as-of day', () => {
    for (const month of months) {
      const asOf = monthEnd(month);
      const fromTheFuture = rowsOf(month).filter((r) =>
        [r.checkedInOn, r.ntaIssuedOn, r.ntaServedOn, r.exitOn].some((date) => date !== null && date > asOf),
      );
      expect(fromTheFuture, month).toEqual([]);
    }
  });
});

describe('month over month', () => {
  const series = months.map((month) => ({ month, ...figures(month) }));
  const pairs = series.slice(1).map((current, i) => [series[i], current] as const);

  it('never loses a check-in, NTA, service or exit', () => {
    for (const [prior, current] of pairs) {
      expect(current.checkedIn, current.month).toBeGreaterThanOrEqual(prior?.checkedIn ?? 0);
      expect(current.ntaIssued, current.month).toBeGreaterThanOrEqual(prior?.ntaIssued ?? 0);
      expect(current.ntaServed, current.month).toBeGreaterThanOrEqual(prior?.ntaServed ?? 0);
      expect(current.exited, current.month).toBeGreaterThanOrEqual(prior?.exited ?? 0);
    }
  });

  it('has new check-ins, NTAs issued and NTAs served every month', () => {
    for (const [prior, current] of pairs) {
      expect(current.checkedIn, current.month).toBeGreaterThan(prior?.checkedIn ?? 0);
      expect(current.ntaIssued, current.month).toBeGreaterThan(prior?.ntaIssued ?? 0);
      expect(current.ntaServed, current.month).toBeGreaterThan(prior?.ntaServed ?? 0);
    }
  });

  it('keeps 0 to 3 people in custody, with someone taken in and someone released during the year', () => {
    for (const { month, detained } of series) expect(detained, month).toBeLessThanOrEqual(3);
    const status = (month: string) => new Map(rowsOf(month).map((r) => [r.aNumber, r.custodyStatus]));
    let takenIn = 0;
    let released = 0;
    for (let i = 1; i < months.length; i++) {
      const before = status(months[i - 1] as string);
      for (const [aNumber, now] of status(months[i] as string)) {
        if (before.get(aNumber) === 'NON_DETAINED' && now === 'DETAINED') takenIn++;
        if (before.get(aNumber) === 'DETAINED' && now === 'NON_DETAINED') released++;
      }
    }
    expect(takenIn).toBeGreaterThan(0);
    expect(released).toBeGreaterThan(0);
  });
});

describe('snapshot CSV', () => {
  const may = snapshotCsv(cohort, '2024-05-31');

  it('starts with the report.yaml columns and ends every line with LF', () => {
    expect(may.split('\n')[0]).toBe(
      'A_NUMBER,COUNTRY_OF_CITIZENSHIP,RELEASE_DATE,CHECK_IN_DATE,NTA_ISSUED_DATE,NTA_SERVED_DATE,EXIT_DATE,EXIT_TYPE,CUSTODY_STATUS,FIELD_OFFICE',
    );
    expect(may).not.toContain('\r');
    expect(may.endsWith('\n')).toBe(true);
    expect(may.trimEnd().split('\n')).toHaveLength(2573);
  });

  it('quotes cells that hold a comma', () => {
    expect(may).toContain(',"Congo, Democratic Republic of the",');
    expect(may).toMatch(/,"Washington, DC"\n/);
  });

  it('is byte-for-byte the same from the same seed, and differs from another seed', () => {
    expect(snapshotCsv(generateCohort(), '2024-05-31')).toBe(may);
    expect(snapshotCsv(generateCohort({ seed: 1 }), '2024-05-31')).not.toBe(may);
  });

  it('matches the committed example snapshots (regenerate with npm run generate:example)', async () => {
    for (const month of months) {
      const committed = await readFile(new URL(`../data/florida-v-mayorkas/snapshots/${month}.csv`, import.meta.url), 'utf8');
      expect(committed === snapshotCsv(cohort, monthEnd(month)), month).toBe(true);
    }
  });
});

describe('other sizes, for benchmarks', () => {
  it('scales the counts proportionally', () => {
    const big = generateCohort({ size: 25720 });
    const rows = snapshotRows(big, '2024-05-31');
    expect(rows).toHaveLength(25720);
    expect(rows.filter((r) => r.checkedInOn === null)).toHaveLength(250);
    expect(rows.filter((r) => r.ntaIssuedOn === null)).toHaveLength(3400);
    expect(rows.filter((r) => r.exitType !== null)).toHaveLength(140);
  });
});
