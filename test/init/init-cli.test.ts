/** `court-report init` through the real CLI, on exports of a case nobody here wrote. */
import { mkdtemp, readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli, root } from '../e2e/cli.js';

const jailCensus = path.join(root, 'test/fixtures/init/jail-census-2025-03.csv');
/** A TPS applications register as Excel on Windows saves "CSV": Windows-1252, semicolons, digits-only identifiers. */
const tpsRegister = path.join(root, 'test/fixtures/init/tps-register-2025-01.csv');

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'court-report-init-'));
}

describe('court-report init --from', () => {
  it('infers the key, dates, integers, an enum and personal data from a county jail census, with comments saying why', async () => {
    const work = await tempDir();
    const result = await cli(['init', 'jail', '--from', jailCensus], { cwd: work });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = await readFile(path.join(work, 'jail/report.yaml'), 'utf8');
    const definition = parse(text);
    const fields = definition.snapshots.fields;
    expect(definition.snapshots.key).toBe('bookingNumber');
    expect(definition.snapshots.path).toBe('snapshots/{period}.csv');
    expect(definition.periods.first).toBe('2025-03');
    expect(fields.intakeDate).toMatchObject({ type: 'date', formats: ['M/d/yyyy'], required: true, column: 'Intake Date' });
    expect(fields.medicalScreeningDate.required).toBeUndefined();
    expect(fields.daysHeld.type).toBe('integer');
    expect(fields.segregated.type).toBe('boolean');
    expect(fields.housingUnit).toMatchObject({ type: 'enum', values: ['A', 'B', 'C'] });
    for (const id of ['bookingNumber', 'lastName', 'firstName', 'dob', 'contactEmail']) expect(fields[id].pii, id).toBe(true);
    expect(fields.housingUnit.pii).toBeUndefined();
    expect(text).toContain('# personal data: the column name "DOB" looks like a date of birth\n    dob:');
    expect(Object.keys(definition.metrics)).toEqual(['total', 'housingUnitA', 'housingUnitB', 'housingUnitC', 'withMedicalScreeningDate']);
    expect(definition.events.medicalScreeningDateSet).toEqual({ label: 'Medical Screening Date recorded', field: 'medicalScreeningDate', change: 'set' });
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${path.relative(path.join(work, 'jail'), path.join(root, 'schema/report.schema.json'))}`);
    expect(await readFile(path.join(work, 'jail/snapshots/2025-03.csv'), 'utf8')).toBe(await readFile(jailCensus, 'utf8'));
    const body = await readFile(path.join(work, 'jail/body.hbs'), 'utf8');
    expect(body).toContain('{{number metrics.housingUnitB.value}}');
    expect(body).toContain('{{> metric-table rows=(lookupMetrics "total" "housingUnitA" "housingUnitB" "housingUnitC" "withMedicalScreeningDate")}}');
  });

  it('reads a Windows-1252 export separated by semicolons, writes both into the definition, and says so without a value', async () => {
    const work = await tempDir();
    const result = await cli(['init', 'tps', '--from', tpsRegister], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `court-report: warning: ${tpsRegister} is not UTF-8; read as Windows-1252 (snapshots.encoding in report.yaml): check the accented letters in Applicant Name, Country with court-report preview\n`,
    );
    const definition = parse(await readFile(path.join(work, 'tps/report.yaml'), 'utf8'));
    expect(definition.snapshots).toMatchObject({ encoding: 'windows-1252', delimiter: ';', key: 'receiptNo' });
    const fields = definition.snapshots.fields;
    // Digits that identify (a receipt number, an A-Number, a telephone number) stay text; a count is an integer.
    expect([fields.receiptNo.type, fields.aNumber.type, fields.phone.type, fields.dependents.type]).toEqual(['string', 'string', 'string', 'integer']);
    expect(fields.country).toMatchObject({ type: 'enum', values: ['Haiti', 'Perú', 'Venezuela'] });
    expect(fields.aNumber.pii && fields.applicantName.pii && fields.phone.pii).toBe(true);

    const february = (await readFile(tpsRegister)).toString('latin1').replace('Pending;0;3055551000', 'Approved;0;3055551000');
    await writeFile(path.join(work, 'tps/snapshots/2025-02.csv'), Buffer.from(february, 'latin1'));
    const build = await cli(['build', '-c', 'tps/report.yaml', '--all', '--as-of', '2025-03-20', '--html-only'], { cwd: work });
    expect(build.code, build.stderr).toBe(0);
    const metrics = JSON.parse(await readFile(path.join(work, 'out/tps/2025-02/metrics.json'), 'utf8'));
    expect(metrics.metrics.decisionApproved).toMatchObject({ value: 4, prior: 3, delta: 1 });
    expect(metrics.metrics.countryPeru).toMatchObject({ label: 'Country: Perú', value: 4 });
  });

  it('finds the records of a JSON export that wraps them, and refuses to pick between two lists', async () => {
    const work = await tempDir();
    const records = Array.from({ length: 9 }, (_, i) => ({ detainee_id: `D-${5000 + i}`, facility: ['Krome', 'Broward', 'Glades'][i % 3], book_in_date: `2025-02-0${i + 1}` }));
    await writeFile(path.join(work, 'class-2025-02.json'), JSON.stringify({ exported: '2025-03-01', data: { items: records } }));
    const result = await cli(['init', 'det', '--from', 'class-2025-02.json'], { cwd: work });
    expect(result.code, result.stderr).toBe(0);
    const definition = parse(await readFile(path.join(work, 'det/report.yaml'), 'utf8'));
    expect(definition.snapshots).toMatchObject({ root: 'data.items', key: 'detaineeId' });
    expect(definition.snapshots.fields.facility).toMatchObject({ type: 'enum', values: ['Broward', 'Glades', 'Krome'] });
    expect((await cli(['validate', '-c', 'det/report.yaml', '--as-of', '2025-02-28'], { cwd: work })).code).toBe(0);

    await writeFile(path.join(work, 'two-2025-02.json'), JSON.stringify({ data: { items: records, errors: [{ code: 1 }] } }));
    const two = await cli(['init', 'two', '--from', 'two-2025-02.json'], { cwd: work });
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('two-2025-02.json: holds 2 lists of records: data.items, data.errors');
    expect(two.stderr).toContain('--root data.items');
    expect((await cli(['init', 'two', '--from', 'two-2025-02.json', '--root', 'data.items'], { cwd: work })).code).toBe(0);
  });

  it('writes a definition that validates, and builds once the next month is added', async () => {
    const work = await tempDir();
    expect((await cli(['init', 'jail', '--from', jailCensus], { cwd: work })).code).toBe(0);
    const validate = await cli(['validate', '--config', 'jail/report.yaml', '--as-of', '2025-03-31'], { cwd: work });
    expect(validate.stderr).toBe('');
    expect(validate.stdout).toContain('jail/report.yaml: valid');
    const april = (await readFile(jailCensus, 'utf8')).replace('BK-250102,Brown,James,11/02/1979,B,2/5/2025,,', 'BK-250102,Brown,James,11/02/1979,B,2/5/2025,4/2/2025,');
    await writeFile(path.join(work, 'jail/snapshots/2025-04.csv'), april + 'BK-250113,Moore,Lee,01/01/1990,C,4/2/2025,,3,lmoore@example.org,no\n');
    const build = await cli(['build', '--config', 'jail/report.yaml', '--all', '--as-of', '2025-05-10', '--html-only'], { cwd: work });
    // A draft builds with init's placeholders and says which are left.
    expect(build.stderr).toMatch(/^court-report: warning: \d+ placeholders not yet filled in \(jail\/report\.yaml:\d+, .*\); --final refuses them\n$/);
    expect(build.code).toBe(0);
    const metrics = JSON.parse(await readFile(path.join(work, 'out/jail/2025-04/metrics.json'), 'utf8'));
    expect(metrics.metrics.total).toMatchObject({ value: 13, prior: 12, delta: 1 });
    expect(metrics.metrics.withMedicalScreeningDate).toMatchObject({ value: 9, prior: 8 });
    const html = await readFile(path.join(work, 'out/jail/2025-04/report.html'), 'utf8');
    expect(html).toContain('Medical Screening Date recorded during the period: 1.');
    expect(html).not.toContain('Alvarez');
  });

  it('reads an Excel export: real date cells, numbers, the key given with --key, the period with --period', async () => {
    const work = await tempDir();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Hearings');
    sheet.addRow(['Hearing Ref', 'Alien Number', 'Hearing Date', 'Outcome', 'Bond Amount', 'Callback']);
    const outcomes = ['GRANTED', 'DENIED', 'CONTINUED'];
    for (let i = 0; i < 9; i++) {
      sheet.addRow([`H-${100 + i}`, `A0123456${String(i).padStart(2, '0')}`, new Date(Date.UTC(2024, 10, 3 + i)), outcomes[i % 3], i % 3 === 0 ? 1500 + i * 250.5 : null, `(202) 555-01${String(i).padStart(2, '0')}`]);
    }
    await book.xlsx.writeFile(path.join(work, 'hearings.xlsx'));
    const result = await cli(['init', 'bond', '--from', 'hearings.xlsx', '--key', 'Hearing Ref', '--period', '2024-11'], { cwd: work });
    expect(result.stderr).toBe('');
    const definition = parse(await readFile(path.join(work, 'bond/report.yaml'), 'utf8'));
    expect(definition.snapshots).toMatchObject({ key: 'hearingRef', path: 'snapshots/{period}.xlsx' });
    expect(definition.snapshots.fields).toMatchObject({
      alienNumber: { pii: true },
      hearingDate: { type: 'date', required: true },
      outcome: { type: 'enum', values: ['CONTINUED', 'DENIED', 'GRANTED'] },
      bondAmount: { type: 'number' },
      callback: { pii: true },
    });
    expect(definition.snapshots.fields.hearingDate.formats).toBeUndefined();
    expect(await readdir(path.join(work, 'bond/snapshots'))).toEqual(['2024-11.xlsx']);
    const validate = await cli(['validate', '--config', 'bond/report.yaml', '--as-of', '2024-11-30'], { cwd: work });
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
  });

  it('refuses a folder that is not empty, unless --force', async () => {
    const work = await tempDir();
    await mkdir(path.join(work, 'case'));
    await writeFile(path.join(work, 'case/notes.txt'), 'mine');
    const refused = await cli(['init', 'case', '--from', jailCensus], { cwd: work });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('case: is not empty (1 entry, e.g. notes.txt)');
    expect(await readdir(path.join(work, 'case'))).toEqual(['notes.txt']);
    expect((await cli(['init', 'case', '--from', jailCensus, '--force'], { cwd: work })).code).toBe(0);
    expect((await readdir(path.join(work, 'case'))).sort()).toEqual(['body.hbs', 'notes.txt', 'report.yaml', 'snapshots']);
  });

  it('asks for --period when the file name holds none and no one can answer a prompt', async () => {
    const work = await tempDir();
    await writeFile(path.join(work, 'export.csv'), 'id,n\n1,2\n');
    const result = await cli(['init', 'c', '--from', 'export.csv'], { cwd: work });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("the export's file name holds no period (YYYY-MM): give --period");
  });
});

describe('court-report init --example', () => {
  it('writes the bundled Florida v. Mayorkas example, which validates where it was written', async () => {
    const work = await tempDir();
    const result = await cli(['init', 'florida', '--example'], { cwd: work });
    expect(result.code).toBe(0);
    expect((await readdir(path.join(work, 'florida/snapshots'))).length).toBe(12);
    expect((await readdir(path.join(work, 'florida'))).sort()).toEqual((await readdir(path.join(root, 'data/florida-v-mayorkas'))).sort());
    const notice = await readFile(path.join(work, 'florida/declaration.yaml'), 'utf8');
    expect(notice.split('\n')[0]).toBe(`# yaml-language-server: $schema=${path.relative(path.join(work, 'florida'), path.join(root, 'schema/report.schema.json'))}`);
    const text = await readFile(path.join(work, 'florida/report.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${path.relative(path.join(work, 'florida'), path.join(root, 'schema/report.schema.json'))}`);
    const validate = await cli(['validate', '--config', 'florida/report.yaml', '--as-of', '2024-06-14'], { cwd: work });
    expect(validate.stderr).toBe('');
    expect(validate.stdout).toContain('12 snapshots (2023-06 through 2024-05)');
  });
});
