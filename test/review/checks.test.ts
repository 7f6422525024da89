import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/review/checks.js';
import { check, metricsOf } from './fixture.js';

const metrics = metricsOf(
  { total: 2572, checkedIn: 2544, notCheckedIn: 28, byOffice: { Miami: 2000, Houston: 572 }, short: { Miami: 1, Houston: 2 } },
  { total: 2572, checkedIn: 2545, notCheckedIn: 27, byOffice: { Miami: 2000, Houston: 572 }, short: { Miami: 1, Houston: 2 } },
);
const one = (spec: Parameters<typeof check>[1]) => runChecks([check('c', spec)], metrics)[0]!;

describe('checks', () => {
  it('equals a number: passes on the value', () => {
    expect(one({ equals: 2572 })).toMatchObject({ status: 'pass', message: 'total is 2,572, as expected' });
  });
  it('equals a number: fails on another value, saying both', () => {
    expect(one({ equals: 2571 })).toMatchObject({ status: 'fail', message: 'total is 2,572, expected 2,571' });
  });
  it('equals another metric', () => {
    expect(one({ metric: 'checkedIn', equals: 'total' })).toMatchObject({ status: 'fail', message: 'checkedIn is 2,544 but total is 2,572' });
    expect(one({ metric: 'total', equals: 'total' }).status).toBe('pass');
  });
  it('trend nonDecreasing fails when the figure falls', () => {
    expect(one({ metric: 'checkedIn', trend: 'nonDecreasing' })).toMatchObject({ status: 'fail', message: 'checkedIn fell from 2,545 to 2,544' });
  });
  it('trend nonIncreasing fails when the figure rises, passes when it stays', () => {
    expect(one({ metric: 'notCheckedIn', trend: 'nonIncreasing' })).toMatchObject({ status: 'fail', message: 'notCheckedIn rose from 27 to 28' });
    expect(one({ metric: 'total', trend: 'nonIncreasing' })).toMatchObject({ status: 'pass', message: 'total stayed at 2,572' });
  });
  it('trend passes in the first period, saying there is nothing to compare', () => {
    const first = { ...metrics, priorPeriod: null, metrics: { total: { label: 'total', value: 5, prior: null, delta: null } } };
    expect(runChecks([check('c', { trend: 'nonDecreasing' })], first)[0]).toMatchObject({ status: 'pass', message: 'total is 5; there is no prior period to compare with' });
  });
  it('sumEquals adds a grouped metric\'s groups', () => {
    expect(one({ metric: 'byOffice', sumEquals: 'total' })).toMatchObject({ status: 'pass', message: 'the groups of byOffice add up to 2,572, as total is' });
    expect(one({ metric: 'short', sumEquals: 'total' })).toMatchObject({ status: 'fail', message: 'the groups of short add up to 3, but total is 2,572' });
  });
  it('maxChange bounds the absolute change either way', () => {
    expect(one({ metric: 'checkedIn', maxChange: 1 }).status).toBe('pass');
    expect(one({ metric: 'checkedIn', maxChange: 0 })).toMatchObject({ status: 'fail', message: 'checkedIn moved by 1 (from 2,545 to 2,544), more than 0' });
  });
  it('maxChangePercent bounds the change as a share of the prior value', () => {
    expect(one({ metric: 'notCheckedIn', maxChangePercent: 3 })).toMatchObject({ status: 'fail', message: 'notCheckedIn moved by 1 (from 27 to 28), 3.7%, more than 3%' });
  });
  it('maxChangePercent passes within the bound', () => {
    expect(one({ metric: 'notCheckedIn', maxChangePercent: 4 })).toMatchObject({ status: 'pass', message: 'notCheckedIn moved by 1 (from 27 to 28), within 4%' });
  });
  it('between is inclusive at both ends', () => {
    expect(one({ between: [2572, 2600] }).status).toBe('pass');
    expect(one({ between: [0, 2571] })).toMatchObject({ status: 'fail', message: 'total is 2,572, outside 0–2,571' });
  });
  it('keeps the declared label and severity, or describes the rule', () => {
    expect(runChecks([check('c', { label: 'Cohort', severity: 'warning', equals: 1 })], metrics)[0]).toMatchObject({ id: 'c', label: 'Cohort', severity: 'warning', status: 'fail' });
    expect(one({ metric: 'checkedIn', trend: 'nonDecreasing' }).label).toBe('checkedIn never falls');
  });
});
