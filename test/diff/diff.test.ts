import { describe, expect, it } from 'vitest';
import type { EventSpec } from '../../src/config/types.js';
import { diffSnapshots } from '../../src/diff/diff.js';
import { field, snapshot } from '../helpers.js';

const fields = [
  field('id', 'string'),
  field('status', 'enum', { values: ['FREE', 'HELD', 'GONE'] }),
  field('servedOn', 'date'),
  field('office', 'string'),
  field('flagged', 'boolean'),
  field('visits', 'integer'),
];

const prior = snapshot('2024-04', fields, [
  { id: 'a', status: 'FREE', servedOn: null, office: 'Miami', flagged: false, visits: 1 },
  { id: 'b', status: 'FREE', servedOn: '2024-04-02', office: 'Miami', flagged: false, visits: 2 },
  { id: 'c', status: 'HELD', servedOn: '2024-03-01', office: 'Houston', flagged: true, visits: 0 },
  { id: 'd', status: 'FREE', servedOn: null, office: 'Houston', flagged: false, visits: 5 },
  { id: 'gone', status: 'FREE', servedOn: null, office: 'Miami', flagged: false, visits: 0 },
]);

const current = snapshot('2024-05', fields, [
  { id: 'a', status: 'HELD', servedOn: '2024-05-10', office: 'Miami', flagged: false, visits: 1 },
  { id: 'b', status: 'HELD', servedOn: null, office: 'Miami', flagged: false, visits: 3 },
  { id: 'c', status: 'FREE', servedOn: '2024-03-05', office: 'Houston', flagged: true, visits: 0 },
  { id: 'd', status: 'FREE', servedOn: null, office: 'Houston', flagged: false, visits: 5 },
  { id: 'new', status: 'FREE', servedOn: null, office: 'Atlanta', flagged: true, visits: 0 },
]);

const event = (id: string, spec: Partial<EventSpec>): EventSpec => ({ id, label: id, field: 'status', change: 'changed', ...spec });

const diff = (events: EventSpec[] = [], prev = prior) =>
  diffSnapshots({ current, prior: prev, events, periodStart: '2024-05-01', periodEnd: '2024-05-31' });

describe('diffSnapshots', () => {
  it('counts keys added, removed, changed and unchanged', () => {
    const result = diff();
    expect(result.counts).toEqual({ added: 1, removed: 1, changed: 3, unchanged: 1 });
    expect(result.added).toEqual(['new']);
    expect(result.removed).toEqual(['gone']);
    expect(result.changed).toEqual(['a', 'b', 'c']);
    expect(result.period).toBe('2024-05');
    expect(result.priorPeriod).toBe('2024-04');
  });

  it('counts enum transitions, largest first', () => {
    const { status } = diff().fields;
    expect(status).toEqual({
      changed: 3,
      transitions: [
        { from: 'FREE', to: 'HELD', count: 2 },
        { from: 'HELD', to: 'FREE', count: 1 },
      ],
    });
  });

  it('counts date fields set, cleared and moved', () => {
    expect(diff().fields.servedOn).toEqual({ changed: 3, set: 1, cleared: 1, moved: 1 });
  });

  it('gives numbers a change count without transitions', () => {
    expect(diff().fields.visits).toEqual({ changed: 1 });
    expect(diff().fields.office).toEqual({ changed: 0, transitions: [] });
  });

  it('counts configured events on records present in both periods', () => {
    const result = diff([
      event('held', { from: 'FREE', to: 'HELD' }),
      event('released', { from: ['HELD'], to: 'FREE' }),
      event('served', { field: 'servedOn', change: 'set' }),
      event('unserved', { field: 'servedOn', change: 'cleared' }),
      event('reserved', { field: 'servedOn', change: 'moved' }),
      event('anyStatus', {}),
      event('heldInMiami', { from: 'FREE', to: 'HELD', where: { field: 'servedOn', withinPeriod: true } }),
    ]);
    expect(result.events).toEqual({ held: 2, released: 1, served: 1, unserved: 1, reserved: 1, anyStatus: 3, heldInMiami: 1 });
  });

  it('counts events that name a date field\'s values, or watch a number, record by record', () => {
    const result = diff([
      event('servedOnTenth', { field: 'servedOn', change: 'set', to: '2024-05-10' }),
      event('servedFromMarch', { field: 'servedOn', change: 'moved', from: '2024-03-01' }),
      event('visitsChanged', { field: 'visits', change: 'changed' }),
      event('idChanged', { field: 'id', change: 'changed' }),
    ]);
    expect(result.events).toEqual({ servedOnTenth: 1, servedFromMarch: 1, visitsChanged: 1, idChanged: 0 });
  });

  it('treats every record as added when there is no prior period', () => {
    const result = diff([event('held', { to: 'HELD' })], null as never);
    expect(result.priorPeriod).toBeNull();
    expect(result.counts).toEqual({ added: 5, removed: 0, changed: 0, unchanged: 0 });
    expect(result.events).toEqual({ held: 0 });
  });

  it('keys such as __proto__ are plain data', () => {
    const before = snapshot('2024-04', fields, [{ id: '__proto__', status: 'FREE' }]);
    const after = snapshot('2024-05', fields, [{ id: '__proto__', status: 'HELD' }, { id: 'constructor', status: 'FREE' }]);
    const result = diffSnapshots({ current: after, prior: before, events: [], periodStart: '2024-05-01', periodEnd: '2024-05-31' });
    expect(result.changed).toEqual(['__proto__']);
    expect(result.added).toEqual(['constructor']);
  });

  it('counts changes in fields past the 31st, which share one bit of the comparison', () => {
    const wide = [field('id', 'string'), ...Array.from({ length: 40 }, (_, i) => field(`f${i}`, 'integer'))];
    const record = (id: string, changedField: number | null) =>
      Object.fromEntries([['id', id], ...Array.from({ length: 40 }, (_, i) => [`f${i}`, i === changedField ? 1 : 0])]);
    const before = snapshot('2024-04', wide, [record('a', null), record('b', null), record('c', null)]);
    const after = snapshot('2024-05', wide, [record('a', 35), record('b', 39), record('c', null)]);
    const result = diffSnapshots({ current: after, prior: before, events: [], periodStart: '2024-05-01', periodEnd: '2024-05-31' });
    expect(result.counts).toEqual({ added: 0, removed: 0, changed: 2, unchanged: 1 });
    expect(result.fields.f35!.changed).toBe(1);
    expect(result.fields.f39!.changed).toBe(1);
    expect(result.fields.f36!.changed).toBe(0);
  });
});
