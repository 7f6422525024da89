/** Named query parameters become driver placeholders; what is not a parameter stays as written. */
import { describe, expect, it } from 'vitest';
import { bindParameters, UnknownParameter } from '../../../src/snapshots/sources/sql/parameters.js';

const values = { period: '2025-02', snapshotDate: '2025-02-28', periodStart: '2025-02-01', periodEnd: '2025-02-28' };
const pg = (query: string) => bindParameters(query, values, (n) => `$${n}`);

describe('query parameters', () => {
  it('numbers each parameter once, in order of first use', () => {
    expect(pg('SELECT * FROM t WHERE period = :period AND d BETWEEN :periodStart AND :periodEnd OR p = :period')).toEqual({
      text: 'SELECT * FROM t WHERE period = $1 AND d BETWEEN $2 AND $3 OR p = $1',
      values: ['2025-02', '2025-02-01', '2025-02-28'],
      parameters: { period: '2025-02', periodStart: '2025-02-01', periodEnd: '2025-02-28' },
    });
  });

  it('leaves casts, string literals, quoted names, comments and dollar-quoted text alone', () => {
    const query = `SELECT :snapshotDate::date, ':period', 'it''s :period', E'\\' :period', "col:period", $$ :period $$, $q$ :period $q$ -- :period
/* :period /* nested :period */ :period */ FROM t`;
    const bound = pg(query);
    expect(bound.values).toEqual(['2025-02-28']);
    expect(bound.text).toBe(query.replace(':snapshotDate', '$1'));
  });

  it("writes SQLite's numbered placeholders and skips [bracketed] and `backticked` names", () => {
    const bound = bindParameters('SELECT [a:period], `b:period` FROM t WHERE p = :period', values, (n) => `?${n}`);
    expect(bound.text).toBe('SELECT [a:period], `b:period` FROM t WHERE p = ?1');
  });

  it('refuses a parameter it does not set', () => {
    expect(() => pg('SELECT * FROM t WHERE p = :month')).toThrow(UnknownParameter);
  });
});
