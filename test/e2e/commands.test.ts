/** The CLI's contract: exit codes, messages without stacks, diff output, validate. */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, exampleConfig, root } from './cli.js';

describe('court-report CLI', () => {
  it('prints help for every command and exits 0', async () => {
    for (const command of ['build', 'diff', 'validate', 'schema']) {
      const result = await cli([command, '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout).toContain(`Usage: court-report ${command}`);
    }
  });

  it('exits 2 on a usage error, with the usage', async () => {
    const result = await cli(['build', '--config', exampleConfig]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('give exactly one of --period or --all');
    expect(result.stderr).toContain('Usage: court-report build');
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['build', '--config', exampleConfig, '--period', '2024-5'])).code).toBe(2);
  });

  it('exits 1 on a user error, without a stack unless --debug', async () => {
    const result = await cli(['validate', '--config', 'nope.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nope.yaml: cannot read the report definition');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const debug = await cli(['validate', '--config', 'nope.yaml', '--debug']);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('refuses a period in the future, before the first one or after the last', async () => {
    const future = await cli(['build', '--config', exampleConfig, '--period', '2024-05', '--as-of', '2024-05-20', '--html-only', '--out', os.tmpdir()]);
    expect(future.code).toBe(1);
    expect(future.stderr).toContain('period 2024-05 is in the future');
    const late = await cli(['build', '--config', exampleConfig, '--period', '2024-06', '--as-of', '2024-06-14', '--html-only', '--out', os.tmpdir()]);
    expect(late.code).toBe(1);
    expect(late.stderr).toContain('data/florida-v-mayorkas/report.yaml:43:9: period 2024-06 comes after the last period of this report: got "2024-06", expected 2024-05 or earlier');
    const early = await cli(['diff', '--config', exampleConfig, '--period', '2023-05']);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('data/florida-v-mayorkas/report.yaml:41:10: period 2023-05 comes before the first period of this report: got "2023-05", expected 2023-06 or later');
  });

  it('says when each report is due under Fed. R. Civ. P. 6(a)', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'court-report-due-'));
    // 14 days after September 30, 2023 is a Saturday: the report is due the Monday after.
    const built = await cli(['build', '--config', exampleConfig, '--period', '2023-09', '--html-only', '--out', out, '--as-of', '2023-10-16']);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain('(report.html, diff.json, metrics.json), due 2023-10-16 (Monday)');
    const validated = await cli(['validate', '--config', exampleConfig, '--as-of', '2024-06-14']);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain('12 snapshots (2023-06 through 2024-05); the 2024-05 report is due 2024-06-14 (Friday)');
  });

  it('diff --json prints what build writes to diff.json', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'court-report-diff-'));
    const built = await cli(['build', '--config', exampleConfig, '--period', '2023-11', '--html-only', '--out', out, '--as-of', '2024-01-01']);
    expect(built.code).toBe(0);
    const result = await cli(['diff', '--config', exampleConfig, '--period', '2023-11', '--json']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(await readFile(path.join(out, '2023-11', 'diff.json'), 'utf8'));
    const parsed = JSON.parse(result.stdout);
    expect(parsed.events.ntaIssued).toBe(645);
  });

  it('diff prints a readable table', async () => {
    const result = await cli(['diff', '--config', exampleConfig, '--period', '2024-05']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2024-05 against 2024-04');
    expect(result.stdout).toMatch(/unchanged\s+\d+/);
    expect(result.stdout).toMatch(/Issued a Notice to Appear\s+1\n/);
  });

  it('validate passes on the example', async () => {
    const result = await cli(['validate', '--config', exampleConfig, '--as-of', '2024-06-14']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('checked the templates and 12 snapshots (2023-06 through 2024-05)');
  });

  it('validate names the file and line of a broken YAML line and of a malformed snapshot date', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-broken-'));
    await cp(path.join(root, 'data/florida-v-mayorkas'), dir, { recursive: true });
    const configFile = path.join(dir, 'report.yaml');
    const config = await readFile(configFile, 'utf8');
    const configLines = config.split('\n');
    const districtLine = configLines.findIndex((l) => l.startsWith('  district:')) + 1;
    await writeFile(configFile, config.replace('  district: Northern District of Florida', '  district Northern District of Florida'));
    const snapshotFile = path.join(dir, 'snapshots/2024-02.csv');
    const rows = (await readFile(snapshotFile, 'utf8')).split('\n');
    rows[41] = rows[41]!.replace(/,2023-05-1(\d),/, ',2023-05-3$1-x,');
    await writeFile(snapshotFile, rows.join('\n'));

    const result = await cli(['validate', '--config', configFile, '--as-of', '2024-06-14'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`report.yaml:${districtLine}:`);
    expect(result.stderr).toContain('snapshots/2024-02.csv:42 (column RELEASE_DATE)');
    expect(result.stderr).toContain('2023-05-3');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('several cases in one run', () => {
  it('builds each config into its own folder, and checks them all first', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'court-report-cases-'));
    const configs: string[] = [];
    for (const id of ['case-a', 'case-b']) {
      await cp(path.join(root, 'data/florida-v-mayorkas'), path.join(dir, id), { recursive: true });
      const file = path.join(dir, id, 'report.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('id: florida-v-mayorkas', `id: ${id}`));
      configs.push(file);
    }
    const out = path.join(dir, 'out');
    const args = (files: string[]) => ['build', ...files.flatMap((f) => ['--config', f]), '--period', '2024-05', '--html-only', '--out', out, '--as-of', '2024-06-14'];
    const result = await cli(args(configs));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${path.join(out, 'case-a', '2024-05')}/`);
    expect(result.stdout).toContain(`${path.join(out, 'case-b', '2024-05')}/`);

    const broken = path.join(dir, 'case-b', 'report.yaml');
    await writeFile(broken, (await readFile(broken, 'utf8')).replace('  presidingJudge:', '  presidingJduge:'));
    const refused = await cli(args(configs).map((a) => a.replace(out, path.join(dir, 'out2'))));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('unknown key "presidingJduge"');
    await expect(readFile(path.join(dir, 'out2', 'case-a', '2024-05', 'report.html'))).rejects.toThrow();
  });
});
