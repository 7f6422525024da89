/** The review's declarations in the report definition: checks and field expectations. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { UserError } from '../../src/errors.js';

const exampleFile = path.resolve('data/florida-v-mayorkas/report.yaml');
const example = await readFile(exampleFile, 'utf8');
const lineOf = (text: string) => example.split('\n').findIndex((l) => l.includes(text)) + 1;

async function problemsOf(edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-checks-'));
  await writeFile(path.join(dir, 'body.hbs'), 'body');
  await writeFile(path.join(dir, 'report.yaml'), edit(example));
  try {
    await loadConfig(path.join(dir, 'report.yaml'), { cwd: dir });
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe('checks and expectations in the config', () => {
  it('resolves the example\'s checks and expectations', async () => {
    const config = await loadConfig(exampleFile, { cwd: path.resolve('.') });
    expect(config.review.checks.find((c) => c.id === 'checkInsNeverFall')).toMatchObject({ metric: 'checkedIn', trend: 'nonDecreasing', severity: 'error' });
    expect(config.review.checks.find((c) => c.id === 'ntaSpike')).toMatchObject({ severity: 'warning', maxChange: 700 });
    expect(config.review.expectations).toContainEqual({ field: 'nationality', expect: 'fixed' });
    expect(config.review.expectations).toContainEqual({ field: 'checkedInOn', expect: 'setOnce' });
  });

  it('names an unknown metric at its line and column, with did you mean', async () => {
    const message = await problemsOf((t) => t.replace('metric: checkedIn, trend', 'metric: checkedln, trend'));
    expect(message).toContain(`report.yaml:${lineOf('checkInsNeverFall:')}:`);
    expect(message).toContain('unknown metric "checkedln"');
    expect(message).toContain('did you mean "checkedIn"?');
  });

  it('refuses a one-figure rule on a grouped metric', async () => {
    const message = await problemsOf((t) => t.replace('metric: checkedIn, trend', 'metric: byNationality, trend'));
    expect(message).toContain(`report.yaml:${lineOf('checkInsNeverFall:')}:`);
    expect(message).toContain('"trend" checks one figure; metric "byNationality" is grouped (by nationality)');
  });

  it('refuses sumEquals on an ungrouped metric', async () => {
    const message = await problemsOf((t) => t.replace('metric: byFieldOffice, sumEquals', 'metric: checkedIn, sumEquals'));
    expect(message).toContain('sumEquals adds up the groups of a grouped metric; metric "checkedIn" has no groupBy');
  });

  it('suggests the key meant by a misspelt one in a check', async () => {
    const message = await problemsOf((t) => t.replace('metric: checkedIn, trend: nonDecreasing', 'metric: checkedIn, trnd: nonDecreasing'));
    expect(message).toContain(`report.yaml:${lineOf('checkInsNeverFall:')}:`);
    expect(message).toContain('did you mean "trend"?');
  });

  it('refuses a check with two rules', async () => {
    const message = await problemsOf((t) => t.replace('metric: total, equals: 2572', 'metric: total, equals: 2572, between: [0, 3000]'));
    expect(message).toContain('a check states exactly one rule (maxChange and maxChangePercent may go together); this one has equals, between');
  });

  it('refuses an unknown expectation', async () => {
    const message = await problemsOf((t) => t.replace('expect: fixed', 'expect: fixd'));
    expect(message).toContain(`report.yaml:${lineOf('expect: fixed')}:`);
    expect(message).toMatch(/fixd/);
  });
});
