import { describe, expect, it } from 'vitest';
import { trendChart, yTicks } from '../../src/render/chart.js';
import { reportView } from './fixture.js';

const series = [
  { id: 'notCheckedIn', label: 'Have not checked in' },
  { id: 'withoutNta', label: 'Not yet issued a Notice to Appear' },
  { id: 'exited', label: 'Confirmed removed, departed or deceased' },
];

describe('trendChart', () => {
  const svg = trendChart(reportView().history, series, { title: 'Figures, March 2024 – May 2024' });

  it('draws one path per series', () => {
    expect(svg.match(/<path /g)).toHaveLength(3);
  });

  it('labels each month and the year once', () => {
    expect(svg).toContain('>Mar</text>');
    expect(svg).toContain('>May</text>');
    expect(svg.match(/>2024<\/text>/g)).toHaveLength(1);
  });

  it('tells series apart without colour', () => {
    expect(svg.match(/stroke-dasharray="9 5"/g)?.length).toBeGreaterThan(0);
    expect(svg).toContain('<circle');
    expect(svg).toContain('<rect');
    expect(svg).toContain('<polygon');
  });

  it('is the same string every time, with coordinates of at most 2 decimals', () => {
    expect(trendChart(reportView().history, series, { title: 'Figures, March 2024 – May 2024' })).toBe(svg);
    expect(svg).not.toMatch(/\d\.\d{3,}/);
  });

  it('escapes labels', () => {
    const escaped = trendChart(reportView().history, [{ id: 'exited', label: '<b>&' }], { title: 't' });
    expect(escaped).toContain('&#60;b&#62;&#38;');
  });

  it('leaves a gap where a period lacks the figure', () => {
    const history = reportView().history;
    delete history[1]!.values['exited'];
    const gapped = trendChart(history, [{ id: 'exited', label: 'Exited' }], { title: 't' });
    expect(gapped.match(/d="M[^"]*"/)?.[0]).toMatch(/^d="M[\d.]+ [\d.]+ M[\d.]+ [\d.]+"$/);
  });
});

describe('yTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten from 0', () => {
    expect(yTicks(345)).toEqual([0, 100, 200, 300, 400]);
    expect(yTicks(2572)).toEqual([0, 1000, 2000, 3000]);
    expect(yTicks(14)).toEqual([0, 5, 10, 15]);
  });
  it('never has fractional ticks', () => expect(yTicks(0)).toEqual([0, 1]));
});
