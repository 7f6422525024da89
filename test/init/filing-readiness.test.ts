/** What a new user's first case needs before it is filed: names found, types that survive next month, placeholders refused. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { personalDataReason } from '../../src/init/personal-data.js';
import { cli, exampleConfig } from '../e2e/cli.js';

const census = [
  'Booking No,Youth Name,Facility Name,Custody Status,Admit Date,Release Date',
  'B-1001,Jaylen Brooks,North Hall,DETAINED,1/5/2025,',
  'B-1002,Amira Cole,North Hall,DETAINED,1/9/2025,',
  'B-1003,Dante Reyes,South Hall,DETAINED,1/12/2025,',
  'B-1004,Maya Ortiz,North Hall,DETAINED,1/20/2025,',
].join('\n') + '\n';

async function initCensus(): Promise<string> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'court-report-ready-'));
  await writeFile(path.join(work, 'juvenile-2025-01.csv'), census);
  const init = await cli(['init', 'juv', '--from', 'juvenile-2025-01.csv'], { cwd: work });
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  return work;
}

describe('init on a juvenile detention census', () => {
  it('marks "… Name" columns of people as personal data, not those of places', () => {
    for (const header of ['Youth Name', 'Client Name', 'Detainee Name', 'Juvenile Name', 'Alias']) {
      expect(personalDataReason(header, []), header).toBe(`the column name "${header}" looks like a person's name`);
    }
    for (const header of ['Facility Name', 'Office Name', 'Country Name', 'Unit name']) expect(personalDataReason(header, []), header).toBeUndefined();
    expect(personalDataReason('Street Name', [])).toContain('an address');
  });

  it('reads Spanish headers too, accents and all, and leaves those of places alone', () => {
    const expected: Record<string, string> = {
      'Número A': 'an A-Number',
      'Nombre Completo': "a person's name",
      Apellidos: "a person's name",
      'Primer Apellido': "a person's name",
      'Fecha de Nacimiento': 'a date of birth',
      'Teléfono': 'a telephone number',
      'Correo Electrónico': 'an e-mail address',
      'Dirección': 'an address',
    };
    for (const [header, what] of Object.entries(expected)) expect(personalDataReason(header, []), header).toContain(what);
    for (const header of ['País', 'Oficina', 'Fecha Decisión', 'Estado del Caso', 'Nombre de la Oficina']) expect(personalDataReason(header, []), header).toBeUndefined();
  });

  it('reads a column with one value as text and an all-empty one as unknown, so next month still loads', async () => {
    const work = await initCensus();
    const text = await readFile(path.join(work, 'juv/report.yaml'), 'utf8');
    const fields = parse(text).snapshots.fields;
    expect(fields.youthName.pii).toBe(true);
    expect(fields.custodyStatus.type).toBe('string');
    expect(text).toContain('# one value throughout this export: read as text; make it an enum once its other values are known\n    custodyStatus:');
    expect(text).toContain('# every cell is empty in this export, so its type could not be inferred: check it (a date? set type and formats)\n    releaseDate:');
    await writeFile(path.join(work, 'juv/snapshots/2025-02.csv'), census.replace('B-1002,Amira Cole,North Hall,DETAINED,1/9/2025,', 'B-1002,Amira Cole,North Hall,RELEASED,1/9/2025,2/3/2025'));
    const validate = await cli(['validate', '--config', 'juv/report.yaml', '--as-of', '2025-02-28'], { cwd: work });
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
  });

  it('refuses to file a final report while init\'s placeholders are left, naming each at its line', async () => {
    const work = await initCensus();
    const final = await cli(['build', '--config', 'juv/report.yaml', '--period', '2025-01', '--as-of', '2025-02-14', '--final', '--html-only'], { cwd: work });
    expect(final.code).toBe(1);
    expect(final.stderr).toContain('court-report: error a final report cannot be filed with placeholders:');
    expect(final.stderr).toMatch(/juv\/report\.yaml:\d+:\d+: filer\.name is still a placeholder: \[Signing attorney\]/);
    expect(final.stderr).toMatch(/juv\/report\.yaml:\d+:\d+: template\.title is still a placeholder: \[FILING PARTY'S\]/);
    expect(final.stderr).not.toContain('Jaylen');
    await expect(readFile(path.join(work, 'out/juv/2025-01/report.html'))).rejects.toThrow();
  });
});

describe('verify of a report filed with --docx', () => {
  it('rebuilds report.docx too, and passes', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'court-report-docx-verify-'));
    const build = await cli(['build', '--config', exampleConfig, '--period', '2024-05', '--as-of', '2024-06-14', '--final', '--docx', '--html-only', '--out', out]);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(out, '2024-05/manifest.json'), 'utf8'));
    expect(manifest.outputs.map((o: { path: string }) => o.path)).toContain('report.docx');
    const verify = await cli(['verify', '--config', exampleConfig, '--period', '2024-05', '--out', out]);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('2024-05: verified.');
  });
});
