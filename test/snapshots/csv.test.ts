import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../src/snapshots/index.js';
import { caseFields, field, loadError, snapshotIn, tempDir } from './helpers.js';

const HEADER = 'A_NUMBER,NAME,RELEASE_DATE,STATUS,BOND';

async function load(content: string | Uint8Array, name = 'cases-2024-05.csv') {
  const dir = await tempDir();
  const source = await snapshotIn(dir, name, content);
  return { dir, source, snapshot: () => loadSnapshot(source, '2024-05', { displayBase: dir }) };
}

async function errorFor(content: string | Uint8Array, name = 'bad-2024-05.csv') {
  const { dir, source } = await load(content, name);
  return loadError(source, dir);
}

describe('CSV snapshots', () => {
  it('reads typed records in field order, keyed by the key field', async () => {
    const { dir, snapshot } = await load(`${HEADER}\nA100,Maria Lopez,2024-05-02,Released,1500\nA101,Ivan Petrov,,Detained,\n`);
    const loaded = await snapshot();
    expect(loaded.period).toBe('2024-05');
    expect(loaded.file).toBe(join(dir, 'cases-2024-05.csv'));
    expect(loaded.fields).toBe(caseFields);
    expect(loaded.keyIndex).toBe(0);
    expect([...loaded.records]).toEqual([
      ['A100', ['A100', 'Maria Lopez', '2024-05-02', 'Released', 1500]],
      ['A101', ['A101', 'Ivan Petrov', null, 'Detained', null]],
    ]);
  });

  it('reads quoted values with commas, doubled quotes and line breaks', async () => {
    const { snapshot } = await load(
      `${HEADER}\nA100,"Lopez, Maria ""Mari""",2024-05-02,Released,1\nA101,"Petrov\nIvan",2024-05-03,Released,2\n`,
    );
    const records = (await snapshot()).records;
    expect(records.get('A100')?.[1]).toBe('Lopez, Maria "Mari"');
    expect(records.get('A101')?.[1]).toBe('Petrov\nIvan');
  });

  it('reads UTF-8 with a BOM, CRLF line ends and no final line break like plain LF', async () => {
    const lf = await (await load(`${HEADER}\nA100,José Núñez,5/2/2024,Released,1\n`)).snapshot();
    const crlf = await (await load(`\uFEFF${HEADER}\r\nA100,José Núñez,5/2/2024,Released,1`)).snapshot();
    expect([...crlf.records]).toEqual([...lf.records]);
    expect(crlf.records.get('A100')).toEqual(['A100', 'José Núñez', '2024-05-02', 'Released', 1]);
  });

  it('reads a file whose lines end differently', async () => {
    const { snapshot } = await load(`${HEADER}\r\nA100,Maria,,Released,1\nA101,Ivan,,Released,2\rA102,Ana,,Released,3`);
    expect([...(await snapshot()).records.keys()]).toEqual(['A100', 'A101', 'A102']);
  });

  it('matches columns exactly, then ignoring case and spaces, in any order, ignoring extra columns', async () => {
    const { snapshot } = await load('bond, release_date ,EXTRA,A_NUMBER,Name,STATUS\n250,2024-05-02,x,A100,Maria,Removed\n');
    expect((await snapshot()).records.get('A100')).toEqual(['A100', 'Maria', '2024-05-02', 'Removed', 250]);
  });

  it('reports a missing column with the header line and a suggestion', async () => {
    const error = await errorFor('A_NUMBER,NAME,RELEASE_DT,STATUS,BOND\nA100,Maria,2024-05-02,Released,1\n');
    expect(error.message).toBe(
      'bad-2024-05.csv:1: no column "RELEASE_DATE" (field releaseDate) in the header: A_NUMBER, NAME, RELEASE_DT, STATUS, BOND\n' +
        '    hint: did you mean "RELEASE_DT"? If so, rename it in the file or set snapshots.fields.releaseDate.column: RELEASE_DT',
    );
  });

  it('reports a column that appears twice in the header', async () => {
    const error = await errorFor(`${HEADER},STATUS\nA100,Maria,2024-05-02,Released,1,Removed\n`);
    expect(error.message).toContain('bad-2024-05.csv:1: column "STATUS" appears 2 times in the header');
  });

  it('reports a row with the wrong number of values at its line', async () => {
    const error = await errorFor(`${HEADER}\nA100,Maria,2024-05-02,Released,1\nA101,Petrov, Ivan,2024-05-02,Released,1\n`);
    expect(error.message).toBe(
      'bad-2024-05.csv:3: has 6 values but the header has 5 columns\n' +
        '    hint: a value with a comma must be in double quotes ("Smith, John")',
    );
  });

  it('reports bytes that are not UTF-8 at their line, with a hint', async () => {
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER}\nA100,Maria,2024-05-02,Released,1\nA101,Jos`),
      Buffer.from([0xe9]),
      Buffer.from(',2024-05-02,Released,1\n'),
    ]);
    const error = await errorFor(latin1);
    expect(error.message).toBe(
      'bad-2024-05.csv:3:9: is not UTF-8 text (byte 0xE9 is not valid UTF-8)\n' +
        '    hint: save it as UTF-8 (in Excel: Save As › "CSV UTF-8"), or set snapshots.encoding to the encoding it was saved in (utf-8, windows-1252, utf-16le, utf-16be)',
    );
  });

  it('looks past a replacement character that really is in the file', async () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\nA100,Mar\uFFFDa,,Released,1\nA101,`), Buffer.from([0xff]), Buffer.from(',,Released,1\n')]);
    expect((await errorFor(bytes)).problems[0]?.location).toEqual({ file: 'bad-2024-05.csv', line: 3, column: 6 });
  });

  it('reports an empty file', async () => {
    expect((await errorFor('')).message).toBe('bad-2024-05.csv: is empty');
    expect((await errorFor('\uFEFF\n')).message).toBe('bad-2024-05.csv: is empty');
  });

  it('reports a file with only a header', async () => {
    expect((await errorFor(`${HEADER}\n`)).message).toBe('bad-2024-05.csv: has no records (only a header line)');
  });

  it('reports an unclosed quote at its line', async () => {
    const error = await errorFor(`${HEADER}\nA100,Maria,2024-05-02,Released,1\nA101,"Ivan,2024-05-02,Released,1\n`);
    expect(error.problems[0]?.location).toEqual({ file: 'bad-2024-05.csv', line: 3 });
    expect(error.message).toContain('bad-2024-05.csv:3: is not valid CSV: a quoted value is never closed (its closing " is missing)');
  });

  it('skips blank lines and rows of empty cells without losing line numbers', async () => {
    const error = await errorFor(`${HEADER}\n\nA100,Maria,2024-05-02,Released,1\n,,,,\n\r\nA101,Ivan,2024-02-30,Released,1\n`);
    expect(error.message).toContain('bad-2024-05.csv:6 (column RELEASE_DATE): not a calendar date');
  });

  it('counts lines inside quoted values, also with CRLF', async () => {
    const error = await errorFor(`${HEADER}\r\nA100,"Lopez,\r\nMaria",2024-05-02,Released,1\r\nA101,Ivan,31.05.2024,Released,1\r\n`);
    expect(error.message).toContain('bad-2024-05.csv:4 (column RELEASE_DATE): not a date');
  });

  it('reports a bad value with file, line, column, value and what was expected', async () => {
    const error = await errorFor(`${HEADER}\nA100,Maria,2024-05-02,Released,1\nA101,Ivan,2024-05-02,Released,1\nA102,Ana,2024-02-30,Released,1\n`);
    expect(error.message).toBe(
      'bad-2024-05.csv:4 (column RELEASE_DATE): not a calendar date: got "2024-02-30", ' +
        'expected a date like 2024-05-31 (formats: yyyy-MM-dd, M/d/yyyy)',
    );
    expect(error.problems).toEqual([
      {
        location: { file: 'bad-2024-05.csv', line: 4, columnName: 'RELEASE_DATE' },
        message: 'not a calendar date',
        value: '2024-02-30',
        expected: 'a date like 2024-05-31 (formats: yyyy-MM-dd, M/d/yyyy)',
      },
    ]);
  });

  it('reports every problem in the file at once', async () => {
    const error = await errorFor(`${HEADER}\nA100,Maria,2024-13-01,Relased,"1,500"\nA101,Ivan,2024-05-02,Released,x\n`);
    expect(error.message.split('\n')).toEqual([
      'bad-2024-05.csv:2 (column RELEASE_DATE): not a calendar date: got "2024-13-01", expected a date like 2024-05-31 (formats: yyyy-MM-dd, M/d/yyyy)',
      'bad-2024-05.csv:2 (column STATUS): not one of the allowed values: got "Relased", expected one of: Detained, Released, Removed',
      '    hint: did you mean "Released"?',
      'bad-2024-05.csv:2 (column BOND): not a number: got "1,500", expected a number like 12.5',
      '    hint: remove the thousands separators',
      'bad-2024-05.csv:3 (column BOND): not a number: got "x", expected a number like 12.5',
    ]);
  });

  it('stops listing after 50 problems and counts the rest', async () => {
    const rows = Array.from({ length: 60 }, (_, index) => `A${index},Name,never,Released,1`);
    const error = await errorFor(`${HEADER}\n${rows.join('\n')}\n`);
    expect(error.problems).toHaveLength(51);
    expect(error.problems[49]?.location?.line).toBe(51);
    expect(error.problems[50]).toEqual({ message: '… and 10 more problems' });
  });

  it('reports a record without a key', async () => {
    const error = await errorFor(`${HEADER}\nA100,Maria,2024-05-02,Released,1\n ,Ivan,2024-05-02,Released,1\n`);
    expect(error.message).toBe(
      'bad-2024-05.csv:3 (column A_NUMBER): the key A-number is empty\n' +
        '    hint: every record needs a value in the key field (snapshots.key)',
    );
  });

  it('reports a duplicate key naming both lines', async () => {
    const error = await errorFor(`${HEADER}\nA100,Maria,,Released,1\nA101,Ivan,,Released,1\nA100,Ana,,Released,1\n`);
    expect(error.message).toBe(
      'bad-2024-05.csv:4 (column A_NUMBER): duplicate A-number "A100", also on line 2\n' +
        '    hint: the key field (snapshots.key) must identify one record',
    );
  });

  it('keys records by the key value as text', async () => {
    const dir = await tempDir();
    const fields = [field('caseId', 'integer', { column: 'ID' }), field('name', 'string', { column: 'NAME' })];
    const source = await snapshotIn(dir, 'ids-2024-05.csv', 'ID,NAME\n0042,Maria\n7,Ivan\n', fields, 'caseId');
    const loaded = await loadSnapshot(source, '2024-05');
    expect([...loaded.records.keys()]).toEqual(['42', '7']);
    expect(loaded.records.get('42')).toEqual([42, 'Maria']);
  });

  it('treats keys like __proto__ and constructor as plain data', async () => {
    const { snapshot } = await load(`${HEADER}\n__proto__,Maria,,Released,1\nconstructor,Ivan,,Released,2\nhasOwnProperty,Ana,,Released,3\n`);
    const records = (await snapshot()).records;
    expect([...records.keys()]).toEqual(['__proto__', 'constructor', 'hasOwnProperty']);
    expect(records.get('__proto__')).toEqual(['__proto__', 'Maria', null, 'Released', 1]);
  });

  it('takes a header named __proto__ as a column like any other', async () => {
    const dir = await tempDir();
    const fields = [field('id', 'string', { column: '__proto__' }), field('kind', 'string', { column: 'constructor' })];
    const source = await snapshotIn(dir, 'odd-2024-05.csv', '__proto__,constructor\nA1,x\n', fields, 'id');
    expect((await loadSnapshot(source, '2024-05')).records.get('A1')).toEqual(['A1', 'x']);
  });
});

describe('CSV records', () => {
  it('splits quoted values with commas, doubled quotes and line breaks, and knows each record\'s line', async () => {
    const { parseCsvRecords } = await import('../../src/snapshots/csv-records.js');
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\n5\'10",,\r\rlast';
    expect(parseCsvRecords(text)).toEqual([
      { cells: ['a', 'b', 'c'], line: 1 },
      { cells: ['x, y', 'say "hi"', 'two\r\nlines'], line: 2 },
      { cells: ["5'10\"", '', ''], line: 4 },
      { cells: [''], line: 5 },
      { cells: ['last'], line: 6 },
    ]);
  });

  it('rejects text after a closing quote', async () => {
    const { parseCsvRecords } = await import('../../src/snapshots/csv-records.js');
    expect(() => parseCsvRecords('a,b\n"x"y,z\n')).toThrow('a closing quote is followed by more text before the next comma');
  });

  it('reads plain lines split natively exactly as it reads them a character at a time', async () => {
    const { parseCsvRecords } = await import('../../src/snapshots/csv-records.js');
    const pieces = ['a', 'b', ',', '"', '""', '\n', '\r', '\r\n', ' ', "5'10"];
    let seed = 20240614;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const read = (text: string, splitPlainLines: boolean) => {
      try {
        return parseCsvRecords(text, { splitPlainLines });
      } catch (error) {
        return `${(error as Error).message} (line ${(error as { line: number }).line})`;
      }
    };
    for (let i = 0; i < 5000; i++) {
      let text = random() < 0.1 ? '\uFEFF' : '';
      for (let n = Math.floor(random() * 40); n > 0; n--) text += pieces[Math.floor(random() * pieces.length)];
      expect(read(text, true), JSON.stringify(text)).toEqual(read(text, false));
    }
  });
});
