/**
 * The cohort as the case-data system would export it on one day: events after
 * that day have not happened yet, so their dates are blank and the custody
 * status is the one of that day.
 */
import type { Cohort, ExitType, Person } from './cohort.js';

export type CustodyStatus = 'NON_DETAINED' | 'DETAINED' | 'CLOSED';

/** One snapshot record; property names are the field names of report.yaml, null is an empty cell. */
export interface SnapshotRow {
  aNumber: string;
  nationality: string;
  releasedOn: string;
  checkedInOn: string | null;
  ntaIssuedOn: string | null;
  ntaServedOn: string | null;
  exitOn: string | null;
  exitType: ExitType | null;
  custodyStatus: CustodyStatus;
  fieldOffice: string;
}

/** Every person as of `asOf` (YYYY-MM-DD), in A-number order. */
export function snapshotRows(cohort: Cohort, asOf: string): SnapshotRow[] {
  return cohort.people.map((person) => rowAsOf(person, asOf));
}

function rowAsOf(person: Person, asOf: string): SnapshotRow {
  const known = (date: string | null) => (date !== null && date <= asOf ? date : null);
  const exitOn = known(person.exitOn);
  return {
    aNumber: person.aNumber,
    nationality: person.nationality,
    releasedOn: person.releasedOn,
    checkedInOn: known(person.checkedInOn),
    ntaIssuedOn: known(person.ntaIssuedOn),
    ntaServedOn: known(person.ntaServedOn),
    exitOn,
    exitType: exitOn === null ? null : person.exitType,
    custodyStatus: exitOn !== null ? 'CLOSED' : isInCustody(person, asOf) ? 'DETAINED' : 'NON_DETAINED',
    fieldOffice: person.fieldOffice,
  };
}

function isInCustody(person: Person, asOf: string): boolean {
  const stay = person.detention;
  return stay !== null && stay.from <= asOf && (stay.until === null || stay.until > asOf);
}
