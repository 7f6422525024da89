/**
 * Assigns event dates to people so that every month-end count of the plan is
 * hit exactly: each month, exactly (target − previous target) people get the
 * event, on a random day of that month that their earlier events allow.
 */
import { addDays, daysInMonth, dayOf, dayOfMonth, monthEnd } from './calendar.js';
import type { ExitType, Person } from './cohort.js';
import { FIRST_MONTH_WITH_DEATHS, type MonthTarget } from './plan.js';
import type { Random } from './random.js';

/** People were told to check in within 60 days; the plan spreads check-ins month by month, and some never come. */
export function assignCheckIns(random: Random, people: Person[], targets: readonly MonthTarget[]): void {
  const queue = random.shuffle(people.slice());
  let previous = 0;
  for (const { month, checkedIn } of targets) {
    const lastDay = daysInMonth(month);
    for (const person of queue.slice(previous, checkedIn)) {
      // Nobody reports before the day after release.
      const firstDay = person.releasedOn.startsWith(month) ? dayOfMonth(person.releasedOn) + 1 : 1;
      person.checkedInOn = dayOf(month, random.int(firstDay, lastDay));
    }
    previous = checkedIn;
  }
}

/** An NTA is issued only after check-in, and served the same day or days to weeks later. */
export function assignNoticesToAppear(random: Random, people: Person[], targets: readonly MonthTarget[]): void {
  let previous = 0;
  for (const { month, ntaIssued } of targets) {
    const end = monthEnd(month);
    const lastDay = daysInMonth(month);
    const waiting = people.filter((p) => p.checkedInOn !== null && p.checkedInOn < end && p.ntaIssuedOn === null);
    for (const person of random.sample(waiting, ntaIssued - previous)) {
      const checkedInOn = person.checkedInOn as string;
      const firstDay = checkedInOn.startsWith(month) ? dayOfMonth(checkedInOn) + 1 : 1;
      person.ntaIssuedOn = dayOf(month, random.int(firstDay, lastDay));
      person.ntaServedOn = addDays(person.ntaIssuedOn, drawServiceDelay(random));
    }
    previous = ntaIssued;
  }
}

/** Days from issuing an NTA to serving it: often at once, mostly within two weeks, a few much later. */
function drawServiceDelay(random: Random): number {
  const draw = random.next();
  if (draw < 0.1) return 0;
  if (draw < 0.75) return random.int(1, 14);
  if (draw < 0.95) return random.int(15, 45);
  return random.int(46, 150);
}

/**
 * Confirmed removals, departures and deaths. An exit closes the case, so it
 * goes only to someone whose check-in and NTA all came before it; a removal
 * also needs a served NTA.
 */
export function assignExits(random: Random, people: Person[], targets: readonly MonthTarget[]): void {
  let previous = 0;
  let deathsSoFar = 0;
  for (const { month, exited } of targets) {
    for (let n = previous; n < exited; n++) {
      const exitType = drawExitType(random, month, deathsSoFar);
      const exitOn = dayOf(month, random.int(1, daysInMonth(month)));
      const person = pickPerson(random, people, (p) => mayExit(p, exitOn, exitType), `${exitType} in ${month}`);
      person.exitOn = exitOn;
      person.exitType = exitType;
      if (exitType === 'DECEASED') deathsSoFar++;
    }
    previous = exited;
  }
}

function mayExit(person: Person, exitOn: string, exitType: ExitType): boolean {
  if (person.exitOn !== null || person.checkedInOn === null || person.checkedInOn >= exitOn) return false;
  if (exitType === 'REMOVED') return person.ntaServedOn !== null && person.ntaServedOn < exitOn;
  return person.ntaIssuedOn === null || (person.ntaServedOn as string) < exitOn;
}

/** The February 2024 figure counts only removals and departures, so deaths come later; at least one does. */
function drawExitType(random: Random, month: string, deathsSoFar: number): ExitType {
  if (month >= FIRST_MONTH_WITH_DEATHS) {
    if (deathsSoFar === 0) return 'DECEASED';
    if (random.chance(0.1)) return 'DECEASED';
  }
  return random.chance(0.55) ? 'REMOVED' : 'DEPARTED';
}

/**
 * Stays in ICE custody that span a month end, so snapshots show people taken
 * into custody and released from it. (A removal is preceded by a short
 * detention too, but one within the month is invisible in month-end
 * snapshots, so it is not modelled.)
 */
export function assignDetentions(random: Random, people: Person[], targets: readonly MonthTarget[]): void {
  const inCustody: Person[] = [];
  for (const { month, detained } of targets) {
    while (inCustody.length > detained) {
      const [released] = inCustody.splice(random.int(0, inCustody.length - 1), 1);
      // Every stay began in an earlier month, so any day of this one comes after it.
      if (released?.detention) released.detention.until = dayOf(month, random.int(1, daysInMonth(month)));
    }
    while (inCustody.length < detained) {
      const from = dayOf(month, random.int(1, daysInMonth(month)));
      const eligible = (p: Person) =>
        p.detention === null && p.exitOn === null && p.checkedInOn !== null && p.checkedInOn < from;
      const person = pickPerson(random, people, eligible, `detention in ${month}`);
      person.detention = { from, until: null };
      inCustody.push(person);
    }
  }
}

/**
 * A random person meeting `eligible`. Most people qualify, so random draws
 * find one fast even in a million-person cohort; a full scan is the fallback.
 */
function pickPerson(random: Random, people: Person[], eligible: (p: Person) => boolean, what: string): Person {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const person = people[random.int(0, people.length - 1)] as Person;
    if (eligible(person)) return person;
  }
  const candidates = people.filter(eligible);
  if (candidates.length === 0) throw new Error(`synthetic plan is inconsistent: nobody is eligible for ${what}`);
  return candidates[random.int(0, candidates.length - 1)] as Person;
}
