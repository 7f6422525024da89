import { describe, expect, it } from 'vitest';
import { compileTemplates } from '../../src/render/engine.js';
import type { RestatementView } from '../../src/render/types.js';
import { april, reportView, source } from '../render/fixture.js';

const report = await compileTemplates(source);
const figure = (period: typeof april, metric: string, filed: number, recomputed: number, group: string | null = null): RestatementView => ({ period, metric, group, filed, recomputed });

describe('the restatements partial', () => {
  it('renders nothing when no filed figure was revised', () => {
    const view = { ...reportView(), restatements: [], restatedPeriods: [] };
    expect(report.render(view)).not.toContain('have been revised');
  });

  it('names each revised figure, filed and now, one sentence per earlier report', () => {
    const march = { ...april, id: '2024-03', label: 'March 2024' };
    const restated = [figure(march, 'In ICE custody', 2, 1), figure(april, 'Reported to ICE to check in', 2545, 2546), figure(april, 'People by country of citizenship', 30, 31, 'Cuba')];
    const view = {
      ...reportView(),
      restatements: restated,
      restatedPeriods: [
        { period: march, figures: restated.slice(0, 1) },
        { period: april, figures: restated.slice(1) },
      ],
    };
    expect(report.render(view)).toContain(
      '<p>The figures reported for March 2024 have been revised, because the records for that period were corrected after that report was filed: “In ICE custody”, reported as 2, is now 1. ' +
        'The figures reported for April 2024 have been revised, because the records for that period were corrected after that report was filed: “Reported to ICE to check in”, reported as 2,545, is now 2,546; and “People by country of citizenship” (Cuba), reported as 30, is now 31.</p>',
    );
  });
});
