import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../src/snapshots/index.js';
import { caseFields, field, loadError, snapshotIn, tempDir } from './helpers.js';

async function load(name: string, content: string, fields = caseFields, key = 'aNumber') {
  const dir = await tempDir();
  const source = await snapshotIn(dir, name, content, fields, key);
  return { dir, source };
}

async function records(name: string, content: string, fields = caseFields, key = 'aNumber') {
  const { source } = await load(name, content, fields, key);
  return (await loadSnapshot(source, '2024-05')).records;
}

async function errorFor(name: string, content: string, fields = caseFields, key = 'aNumber') {
  const { dir, source } = await load(name, content, fields, key);
  return loadError(source, dir);
}

describe('JSON snapshots', () => {
  it('reads an array of objects, accepting JSON numbers and a missing property as empty', async () => {
    const json = JSON.stringify([
      { A_NUMBER: 'A100', NAME: 'Maria', RELEASE_DATE: '2024-05-02', STATUS: 'Released', BOND: 1500 },
      { A_NUMBER: 'A101', NAME: 'Ivan', STATUS: 'Detained', BOND: null },
    ]);
    expect([...(await records('cases-2024-05.json', json))]).toEqual([
      ['A100', ['A100', 'Maria', '2024-05-02', 'Released', 1500]],
      ['A101', ['A101', 'Ivan', null, 'Detained', null]],
    ]);
  });

  it('accepts JSON booleans for boolean fields', async () => {
    const fields = [field('id', 'string'), field('detained', 'boolean')];
    const loaded = await records('flags-2024-05.json', '[{"id": "A1", "detained": true}, {"id": "A2", "detained": "no"}]', fields, 'id');
    expect([...loaded.values()]).toEqual([['A1', true], ['A2', false]]);
  });

  it('places a bad value at its line and column', async () => {
    const fields = [field('id', 'string'), field('releaseDate', 'date', { column: 'RELEASE_DATE', formats: ['yyyy-MM-dd', 'M/d/yyyy'] })];
    const json = '[\n  {"id": "A100", "RELEASE_DATE": "2024-05-02"},\n  {"id": "A101",\n   "RELEASE_DATE": "2024-02-30"}\n]\n';
    const error = await errorFor('bad-2024-05.json', json, fields, 'id');
    expect(error.message).toBe(
      'bad-2024-05.json:4:20 (column RELEASE_DATE): not a calendar date: got "2024-02-30", ' +
        'expected a date like 2024-05-31 (formats: yyyy-MM-dd, M/d/yyyy)',
    );
  });

  it('places a missing required value at its record', async () => {
    const fields = [field('id', 'string'), field('name', 'string', { required: true })];
    const error = await errorFor('bad-2024-05.json', '[\n  {"id": "A1", "name": "Maria"},\n  {"id": "A2"}\n]', fields, 'id');
    expect(error.message).toBe('bad-2024-05.json:3:3 (column name): required value is missing, expected a text');
  });

  it('reports malformed JSON at its line and column', async () => {
    const error = await errorFor('bad-2024-05.json', '[\n  {"A_NUMBER": "A100"\n   "NAME": "Maria"}\n]');
    expect(error.message).toBe("bad-2024-05.json:3:4: is not valid JSON: Expected ',' or '}' after property value");
  });

  it('requires an array at the top level', async () => {
    const error = await errorFor('bad-2024-05.json', '{"records": []}');
    expect(error.message).toBe(
      'bad-2024-05.json: must be a list of records (a JSON array of objects): got an object with 1 property\n' +
        '    hint: the records may be the list at records: set snapshots.root to records',
    );
  });

  it('shows what a misplaced document is, never what it says (it may hold personal data)', async () => {
    const error = await errorFor('bad-2024-05.json', '{"people": [{"NAME": "Maria Lopez"}], "offices": ["Miami"], "exportedBy": "Jane Roe"}');
    expect(error.message).toBe(
      'bad-2024-05.json: must be a list of records (a JSON array of objects): got an object with 3 properties\n' +
        '    hint: it holds the lists people, offices: set snapshots.root to the one with the records',
    );
  });

  it('reports each record that is not an object', async () => {
    const error = await errorFor('bad-2024-05.json', '[\n  {"A_NUMBER": "A100"},\n  "A101",\n  [1]\n]');
    expect(error.message.split('\n')).toEqual([
      'bad-2024-05.json:3:3: record 2 is not an object: got a text of 4 characters',
      'bad-2024-05.json:4:3: record 3 is not an object: got a list of 1 item',
    ]);
  });

  it('reports an empty array', async () => {
    expect((await errorFor('bad-2024-05.json', '[]')).message).toBe('bad-2024-05.json: has no records');
  });

  it('reports a property no record has, with a suggestion', async () => {
    const error = await errorFor('bad-2024-05.json', '[{"A_NUMBER": "A1", "NAME": "x", "RELEASE_DT": "", "STATUS": "Released", "BOND": 1}]');
    expect(error.message).toBe(
      'bad-2024-05.json: no record has the property "RELEASE_DATE" (field releaseDate); properties found: A_NUMBER, NAME, RELEASE_DT, STATUS, BOND\n' +
        '    hint: did you mean "RELEASE_DT"? If so, rename it in the file or set snapshots.fields.releaseDate.column: RELEASE_DT',
    );
  });

  it('takes properties named __proto__ and constructor as plain data', async () => {
    const fields = [field('id', 'string', { column: '__proto__' }), field('kind', 'string', { column: 'constructor' })];
    const loaded = await records('odd-2024-05.json', '[{"__proto__": "A1", "constructor": "x"}, {"__proto__": "__proto__"}]', fields, 'id');
    expect([...loaded]).toEqual([
      ['A1', ['A1', 'x']],
      ['__proto__', ['__proto__', null]],
    ]);
  });
});

describe('YAML snapshots', () => {
  const yaml = [
    '- A_NUMBER: A100',
    '  NAME: "Maria Lopez"',
    '  RELEASE_DATE: 2024-05-02',
    '  STATUS: Released',
    '  BOND: 1500',
    '- A_NUMBER: 01234',
    '  NAME: Ivan',
    '  RELEASE_DATE:',
    '  STATUS: Detained',
    '',
  ].join('\n');

  it('reads a sequence of mappings, keeping plain numbers as written', async () => {
    expect([...(await records('cases-2024-05.yaml', yaml))]).toEqual([
      ['A100', ['A100', 'Maria Lopez', '2024-05-02', 'Released', 1500]],
      ['01234', ['01234', 'Ivan', null, 'Detained', null]],
    ]);
  });

  it('reads .yml files too', async () => {
    expect((await records('cases-2024-05.yml', yaml)).size).toBe(2);
  });

  it('places a bad value at its line and column', async () => {
    const error = await errorFor('bad-2024-05.yaml', yaml.replace('BOND: 1500', 'BOND: 1,500'));
    expect(error.message).toBe(
      'bad-2024-05.yaml:5:9 (column BOND): not a number: got "1,500", expected a number like 12.5\n' +
        '    hint: remove the thousands separators',
    );
  });

  it('judges a plain number by its text, so 12.0 is not an integer', async () => {
    const fields = [field('id', 'string'), field('count', 'integer')];
    const error = await errorFor('bad-2024-05.yaml', '- id: A1\n  count: 12.0\n', fields, 'id');
    expect(error.message).toBe('bad-2024-05.yaml:2:10 (column count): not a whole number: got "12.0", expected a whole number like 1234');
  });

  it('reports malformed YAML at its line and column', async () => {
    const error = await errorFor('bad-2024-05.yaml', '- A_NUMBER: A100\n  NAME: [Maria\n- A_NUMBER: A101\n');
    expect(error.problems[0]?.location).toEqual({ file: 'bad-2024-05.yaml', line: 3, column: 1 });
    expect(error.message).toMatch(/^bad-2024-05\.yaml:3:1: is not valid YAML: Flow sequence in block collection must be sufficiently indented/);
  });

  it('reports duplicate properties in a record', async () => {
    const error = await errorFor('bad-2024-05.yaml', '- A_NUMBER: A100\n  A_NUMBER: A101\n');
    expect(error.message).toBe('bad-2024-05.yaml:2:3: is not valid YAML: Map keys must be unique');
  });

  it('requires a sequence at the top level', async () => {
    const error = await errorFor('bad-2024-05.yaml', 'records:\n  - A_NUMBER: A100\n');
    expect(error.message).toBe(
      'bad-2024-05.yaml:1:1: must be a list of records (a YAML sequence of mappings)\n' +
        '    hint: write each record as an item starting with "- "',
    );
  });

  it('reports an item that is not a mapping', async () => {
    const error = await errorFor('bad-2024-05.yaml', '- A_NUMBER: A100\n- just text\n');
    expect(error.message).toBe('bad-2024-05.yaml:2:3: record 2 is not a mapping: got a text of 9 characters');
  });

  it('reports a file with only comments as empty', async () => {
    expect((await errorFor('bad-2024-05.yaml', '# nothing yet\n')).message).toBe('bad-2024-05.yaml: is empty');
  });
});
