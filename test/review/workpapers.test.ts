import { describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../src/config/types.js';
import { compareMetrics, countMetrics } from '../../src/metrics/metrics.js';
import { reviewPeriod } from '../../src/review/index.js';
import { PERSONAL_DATA_HEADING, workpaperSheets, workpapersName } from '../../src/review/workpapers.js';
import { field, snapshot } from '../helpers.js';
import { april, may } from './fixture.js';

const fields = [field('id', 'string', { label: 'A-Number', pii: true }), field('checkedInOn', 'date', { label: 'Check-in date' })];
const prior = snapshot('2024-04', fields, [{ id: 'A000111', checkedInOn: '2024-04-02' }, { id: 'A000222', checkedInOn: null }]);
const current = snapshot('2024-05', fields, [{ id: 'A000111', checkedInOn: null }, { id: 'A000222', checkedInOn: '2024-05-20' }]);
const metricSpecs = [{ id: 'checkedIn', label: 'Checked in', where: { field: 'checkedInOn', present: true } }];
const config = { metrics: metricSpecs, review: { checks: [], expectations: [{ field: 'checkedInOn', expect: 'setOnce' }] }, output: { maskVisible: 4 } } as unknown as ResolvedConfig;
const metrics = compareMetrics(metricSpecs, { period: '2024-05', counts: countMetrics(current, metricSpecs, may) }, { period: '2024-04', counts: countMetrics(prior, metricSpecs, april) });
const { review, trail } = reviewPeriod({ config, period: may, priorPeriod: april, current, prior, metrics });
const sheets = (revealPii: boolean) => workpaperSheets({ config, review, trail, prior, current, asOf: '2024-06-14', revealPii });

describe('workpapers', () => {
  it('lists the records behind each bridge term, with the fields the filter reads before and after', () => {
    const sheet = sheets(false).find((s) => s.name === 'checkedIn')!;
    expect(sheet.rows.slice(2)).toEqual([
      ['Term', 'A-Number', 'Check-in date before', 'Check-in date after'],
      ['entered', '****0222', '', '2024-05-20'],
      ['left', '****0111', '2024-04-02', ''],
    ]);
  });

  it('lists each anomaly\'s records, and the check results', () => {
    const all = sheets(false);
    expect(all.find((s) => s.name === 'Anomalies')!.rows.slice(2)).toEqual([['checkedInOn.cleared', 'error', '****0111', 'Check-in date', '2024-04-02', '']]);
    expect(all.map((s) => s.name)).toEqual(['checkedIn', 'Anomalies', 'Checks']);
  });

  it('masks keys unless personal data is revealed, and then heads every sheet and names the file so', () => {
    expect(JSON.stringify(sheets(false))).not.toContain('A000111');
    const revealed = sheets(true);
    for (const sheet of revealed) expect(sheet.rows[0]).toEqual([PERSONAL_DATA_HEADING]);
    expect(JSON.stringify(revealed)).toContain('A000111');
    expect(workpapersName(true)).toBe('workpapers-CONTAINS-PERSONAL-DATA-NOT-FOR-FILING.xlsx');
    expect(workpapersName(false)).toBe('workpapers.xlsx');
  });
});
