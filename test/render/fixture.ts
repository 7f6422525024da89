/**
 * A hand-made ReportView for May 2024 in Florida v. Mayorkas, close to the
 * publicly reported figures (25 not checked in, 340 without an NTA, 14
 * removed, departed or deceased, 1 in custody), with March and April before it.
 */
import { courtFormat } from '../../src/config/local-rules.js';
import { fileURLToPath } from 'node:url';
import type { TemplateSource } from '../../src/config/types.js';
import type { GroupView, HistoryPoint, MetricView, PeriodView, ReportView } from '../../src/render/types.js';

const filer = {
    name: 'Jane Q. Placeholder',
    barNumber: 'Bar No. 0000000 (placeholder)',
    title: 'Trial Attorney (placeholder)',
    office: 'Sample Office of Immigration Litigation',
    address: ['950 Example Avenue NW', 'Washington, DC 20000'],
    email: 'jane.placeholder@example.invalid',
    phone: '(202) 555-0100',
    represents: 'Counsel for Defendants',
};

export const templateDir = fileURLToPath(new URL('../../templates/court-status-report', import.meta.url));
export const exampleBody = fileURLToPath(new URL('../../data/florida-v-mayorkas/body.hbs', import.meta.url));

export const source: TemplateSource = {
  dir: templateDir,
  body: exampleBody,
  kind: 'status-report',
  serviceByMail: [],
  title: "DEFENDANTS' STATUS REPORT",
  filingParty: 'Defendants',
  filingPartyPlural: true,
};

function period(id: string, end: string, label: string): PeriodView {
  return { id, label, start: `${id}-01`, end, snapshotDate: end, dueDate: null };
}

export const march = period('2024-03', '2024-03-31', 'March 2024');
export const april = period('2024-04', '2024-04-30', 'April 2024');
export const may = period('2024-05', '2024-05-31', 'May 2024');

function metric(id: string, label: string, value: number, prior: number): MetricView {
  return { id, label, value, prior, delta: value - prior, groups: null };
}

function grouped(id: string, label: string, groups: Array<[string, number, number]>): MetricView {
  const views: GroupView[] = groups.map(([name, value, prior]) => ({ name, value, prior, delta: value - prior }));
  const sum = (pick: (g: GroupView) => number) => views.reduce((total, g) => total + pick(g), 0);
  const value = sum((g) => g.value);
  const prior = sum((g) => g.prior ?? 0);
  return { id, label, value, prior, delta: value - prior, groups: views };
}

const metrics: Record<string, MetricView> = {
  total: metric('total', 'People released under Parole with Conditions', 2572, 2572),
  checkedIn: metric('checkedIn', 'Reported to ICE to check in', 2547, 2544),
  notCheckedIn: metric('notCheckedIn', 'Have not checked in', 25, 28),
  ntaIssued: metric('ntaIssued', 'Issued a Notice to Appear', 2232, 2231),
  withoutNta: metric('withoutNta', 'Not yet issued a Notice to Appear', 340, 341),
  ntaIssuedThisPeriod: metric('ntaIssuedThisPeriod', 'Notices to Appear issued during the period', 1, 4),
  ntaServed: metric('ntaServed', 'Served a Notice to Appear', 2190, 2181),
  exited: metric('exited', 'Confirmed removed, departed or deceased', 14, 13),
  inCountry: metric('inCountry', 'Not confirmed removed, departed or deceased', 2558, 2559),
  inCustody: metric('inCustody', 'In ICE custody', 1, 1),
  byNationality: grouped('byNationality', 'People by country of citizenship', [
    ['Venezuela', 941, 941],
    ['Colombia', 512, 512],
    ['Peru', 388, 388],
    ['Ecuador', 201, 201],
    ['All other countries', 530, 530],
  ]),
  byFieldOffice: grouped('byFieldOffice', 'People by ICE field office', [
    ['Miami', 1204, 1206],
    ['New York City', 688, 687],
    ['Houston', 680, 679],
  ]),
  withoutNtaByFieldOffice: grouped('withoutNtaByFieldOffice', 'Not yet issued a Notice to Appear, by ICE field office', [
    ['Miami', 171, 172],
    ['New York City', 95, 95],
    ['Houston', 74, 74],
  ]),
};

const history: HistoryPoint[] = [
  { period: march, values: { total: 2572, notCheckedIn: 30, withoutNta: 345, exited: 12 } },
  { period: april, values: { total: 2572, notCheckedIn: 28, withoutNta: 341, exited: 13 } },
  { period: may, values: { total: 2572, notCheckedIn: 25, withoutNta: 340, exited: 14 } },
];

export function reportView(): ReportView {
  return {
    case: {
      court: 'United States District Court',
      district: 'Northern District of Florida',
      division: 'Pensacola Division',
      number: '3:23-cv-9962',
      judges: ['TKW', 'ZCB'],
      presidingJudge: 'T. Kent Wetherell II',
      plaintiffs: { names: ['State of Florida'], role: 'Plaintiff' },
      defendants: { names: ['Alejandro Mayorkas'], etAl: true, role: 'Defendants' },
      order: { docket: 30, date: '2023-05-16', requires: 'periodic reports on the people released' },
      captionNumber: '3:23-cv-9962-TKW-ZCB',
    },
    filer,
    filers: [filer],
    declarant: null,
    document: { kind: 'status-report', title: "DEFENDANTS' STATUS REPORT", declarationTitle: null, serviceByMail: null, filingParty: 'Defendants', submits: 'submit', watermark: 'SAMPLE — SYNTHETIC DATA', final: false },
    asOf: '2024-06-14',
    period: may,
    priorPeriod: april,
    metrics: structuredClone(metrics),
    events: {
      checkedIn: { id: 'checkedIn', label: 'Checked in with ICE', count: 3 },
      ntaIssued: { id: 'ntaIssued', label: 'Issued a Notice to Appear', count: 1 },
      ntaServed: { id: 'ntaServed', label: 'Served a Notice to Appear', count: 9 },
      exited: { id: 'exited', label: 'Confirmed removed, departed or deceased', count: 1 },
      detained: { id: 'detained', label: 'Taken into ICE custody', count: 0 },
      releasedFromCustody: { id: 'releasedFromCustody', label: 'Released from ICE custody', count: 0 },
    },
    diff: { counts: { added: 0, removed: 0, changed: 14, unchanged: 2558 } },
    history: structuredClone(history),
    format: courtFormat('nd-fla', {}),
  };
}

/** The same report as the first one filed: no prior period, one history point. */
export function firstReportView(): ReportView {
  const view = reportView();
  view.priorPeriod = null;
  for (const metric of Object.values(view.metrics)) {
    metric.prior = null;
    metric.delta = null;
    for (const group of metric.groups ?? []) Object.assign(group, { prior: null, delta: null });
  }
  view.history = view.history.slice(-1);
  return view;
}
