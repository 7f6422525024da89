/** Files as agencies send them: other encodings and delimiters, a list of paths, JSON inside a wrapper. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SnapshotSource } from '../../../src/config/types.js';
import { loadSnapshot } from '../../../src/snapshots/index.js';
import { field, loadError, tempDir } from '../helpers.js';

const fields = [field('id', 'string', { required: true }), field('name', 'string'), field('count', 'integer')];

function source(dir: string, patterns: string[], extra: Partial<SnapshotSource> = {}): SnapshotSource {
  return { pathPatterns: patterns.map((p) => join(dir, p)), sheet: undefined, key: 'id', fields, ...extra };
}

async function records(src: SnapshotSource): Promise<unknown[]> {
  return [...(await loadSnapshot(src, '2024-05')).records.values()];
}

/** Windows-1252 bytes for text whose characters are all in Latin-1 (the same code points). */
function windows1252(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

describe('encoding', () => {
  it('reads a Windows-1252 file as configured', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '2024-05.csv'), windows1252('id,name,count\n1,José Müller,3\n'));
    expect(await records(source(dir, ['{period}.csv'], { encoding: 'windows-1252' }))).toEqual([['1', 'José Müller', 3]]);
  });

  it('reads Windows-1252 characters outside Latin-1 (the euro sign, curly quotes)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '2024-05.csv'), Buffer.from([...Buffer.from('id,name\n1,'), 0x80, 0x93, 0x41, 0x94, 0x0a]));
    const src = source(dir, ['{period}.csv'], { encoding: 'windows-1252', fields: fields.slice(0, 2) });
    expect(await records(src)).toEqual([['1', '€“A”']]);
  });

  it('recognises UTF-16 LE by its byte order mark, with no setting', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '2024-05.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name,count\r\n1,Zoë,2\r\n', 'utf16le')]));
    expect(await records(source(dir, ['{period}.csv']))).toEqual([['1', 'Zoë', 2]]);
  });

  it('reads UTF-16 BE as configured', async () => {
    const dir = await tempDir();
    const le = Buffer.from('id,name,count\n1,Anaïs,4\n', 'utf16le');
    await writeFile(join(dir, '2024-05.csv'), le.swap16());
    expect(await records(source(dir, ['{period}.csv'], { encoding: 'utf-16be' }))).toEqual([['1', 'Anaïs', 4]]);
  });

  it('refuses a byte order mark that contradicts the setting', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '2024-05.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id\n1\n', 'utf16le')]));
    const error = await loadError(source(dir, ['{period}.csv'], { encoding: 'windows-1252' }), dir);
    expect(error.message).toBe(
      '2024-05.csv: starts with the UTF-16LE byte order mark, but snapshots.encoding is windows-1252\n' +
        '    hint: set snapshots.encoding: utf-16le, or re-save the file as windows-1252',
    );
  });

  it('names the encoding option when the bytes are not UTF-8', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '2024-05.csv'), windows1252('id,name,count\n1,José,3\n'));
    const error = await loadError(source(dir, ['{period}.csv']), dir);
    expect(error.message).toContain('2024-05.csv:2:6: is not UTF-8 text (byte 0xE9 is not valid UTF-8)');
    expect(error.message).toContain('or set snapshots.encoding to the encoding it was saved in (utf-8, windows-1252, utf-16le, utf-16be)');
  });
});

describe('delimiter', () => {
  for (const [delimiter, name] of [[';', 'semicolons'], ['\t', 'tabs'], ['|', 'vertical bars']] as const) {
    it(`reads values separated by ${name}, quoted ones included`, async () => {
      const dir = await tempDir();
      await writeFile(join(dir, '2024-05.csv'), `id${delimiter}name${delimiter}count\n1${delimiter}"Lee${delimiter} Marcus"${delimiter}7\n`);
      expect(await records(source(dir, ['{period}.csv'], { delimiter }))).toEqual([['1', `Lee${delimiter} Marcus`, 7]]);
    });
  }

  it('says which option to set when a configured delimiter is not the file\'s', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '2024-05.csv'), 'id,name,count\n1,Lee,7\n');
    const error = await loadError(source(dir, ['{period}.csv'], { delimiter: ';' }), dir);
    expect(error.message).toBe(
      '2024-05.csv:1: is separated by commas, not semicolons: the header reads as one column: got "id,name,count"\n' +
        '    hint: set snapshots.delimiter: "," in the config, or re-save the file separated by semicolons',
    );
  });
});

describe('numbers in a semicolon-separated export', () => {
  const amounts = [field('id', 'string', { required: true }), field('bond', 'number', { decimal: 'unstated' })];

  it('refuses 1.000, one or one thousand, at its line and column, until the field says which', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '2024-05.csv'), 'id;bond\n1;12.5\n2;1.000\n');
    const error = await loadError(source(dir, ['{period}.csv'], { delimiter: ';', fields: amounts }), dir);
    expect(error.message).toContain('2024-05.csv:3 (column bond): reads two ways in a semicolon-separated export');
    expect(error.message).toContain('got "1.000", expected a number like 12.5');
  });

  it('reads European numbers when the field says decimal: comma', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '2024-05.csv'), 'id;bond\n1;12,5\n2;1.000\n3;1.234,56\n');
    const european = [amounts[0]!, field('bond', 'number', { decimal: 'comma' })];
    expect(await records(source(dir, ['{period}.csv'], { delimiter: ';', fields: european }))).toEqual([['1', 12.5], ['2', 1000], ['3', 1234.56]]);
  });
});

describe('a list of paths', () => {
  it('takes the pattern that names a file, period by period', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '2024-05.json'), '[{"id": "1", "name": "from json", "count": 1}]');
    await writeFile(join(dir, '2024-04.csv'), 'id,name,count\n1,april csv,1\n');
    const src = source(dir, ['{period}.json', '{period}.csv']);
    expect(await records(src)).toEqual([['1', 'from json', 1]]);
    expect([...(await loadSnapshot(src, '2024-04')).records.values()]).toEqual([['1', 'april csv', 1]]);
  });

  it('refuses a period that two patterns name, rather than reading the first', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '2024-05.json'), '[{"id": "1", "name": "from json", "count": 1}]');
    await writeFile(join(dir, '2024-05.csv'), 'id,name,count\n1,from csv,1\n');
    const error = await loadError(source(dir, ['{period}.json', '{period}.csv']), dir);
    expect(error.message).toMatch(/^2 snapshots for 2024-05: found 2024-05\.json and 2024-05\.csv, expected one\n/);
  });

  it('names every path tried, and a similarly named file that is there', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'snapshots'));
    await writeFile(join(dir, 'snapshots', '2024-05.XLSX'), '');
    await writeFile(join(dir, 'snapshots', '2024-06.csv'), '');
    const error = await loadError(source(dir, ['snapshots/{period}.csv', 'snapshots/{period}.json']), dir);
    expect(error.message).toBe(
      'snapshot for 2024-05 not found: tried snapshots/2024-05.csv, snapshots/2024-05.json\n' +
        '    hint: found snapshots/2024-05.XLSX: rename it, or add its pattern to snapshots.path (a list of paths is tried in order)',
    );
  });
});

describe('JSON root', () => {
  it('reads the records inside a wrapper, with lines for problems', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '2024-05.json'), '{"meta": {"count": 2},\n "data": {"items": [\n  {"id": "1", "name": "A", "count": 2},\n  {"id": "2", "name": "B", "count": "two"}\n]}}\n');
    const src = source(dir, ['{period}.json'], { root: ['data', 'items'] });
    const error = await loadError(src, dir);
    expect(error.message).toBe('2024-05.json:4:37 (column count): not a whole number: got "two", expected a whole number like 1234');
  });

  it('reads YAML inside a wrapper too', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '2024-05.yaml'), 'data:\n  items:\n    - { id: "1", name: Ann, count: 3 }\n');
    expect(await records(source(dir, ['{period}.yaml'], { root: ['data', 'items'] }))).toEqual([['1', 'Ann', 3]]);
  });

  it('names the properties that are there when the root is not', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, '2024-05.json'), '{"data": {"rows": []}}');
    const error = await loadError(source(dir, ['{period}.json'], { root: ['data', 'items'] }), dir);
    expect(error.message).toBe('2024-05.json: has no data.items (snapshots.root: data.items)\n    hint: data has the properties: rows');
  });
});
