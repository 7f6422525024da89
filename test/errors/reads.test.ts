/**
 * Inputs that are not what a reader can take (issue 9 §3 and §4): not UTF-8,
 * UTF-16, a folder, a named pipe, a device. Each is refused at once with a
 * message; no read blocks or runs on without end.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, failure, fixtures, slow, tempDir, validate } from './harness.js';

const saveAsUtf8 = '    hint: save it as UTF-8 (in Notepad: Save As › Encoding: UTF-8; in VS Code: "Reopen with Encoding", then "Save with Encoding" › UTF-8)';

/** A copy of valid/ with `file` replaced by what `make` puts at its path. */
async function validWith(file: string, make: (target: string) => Promise<void> | void): Promise<string> {
  const dir = await tempDir('reads');
  await cp(path.join(fixtures, 'valid'), dir, { recursive: true });
  const target = path.join(dir, file);
  await rm(target);
  await make(target);
  return dir;
}

describe.concurrent('text that is not UTF-8', slow, () => {
  it('a config in Windows-1252 is refused at the line and column of the first bad byte', async () => {
    expect(await build('config-not-utf8')).toEqual(failure('report.yaml:12:12: is not UTF-8 text (byte 0xE9 is not valid UTF-8)', saveAsUtf8));
  });

  it('a config saved as UTF-16 is named as UTF-16', async () => {
    expect(await validate('config-utf16')).toEqual(failure('report.yaml: is UTF-16 text (little-endian), not UTF-8', saveAsUtf8));
  });

  it('a template in Windows-1252 is refused at its line and column', async () => {
    expect(await build('template-not-utf8')).toEqual(failure('body.hbs:1:6: is not UTF-8 text (byte 0xF1 is not valid UTF-8)', saveAsUtf8));
  });

  it('a CSV saved as UTF-16 (no BOM) is named as UTF-16, once', async () => {
    expect(await build('csv-utf16')).toEqual(
      failure('snapshots/2024-05.csv: is UTF-16 text (little-endian), not UTF-8', '    hint: save it as UTF-8 (in Excel: Save As › "CSV UTF-8"), or set snapshots.encoding to the encoding it was saved in (utf-8, windows-1252, utf-16le, utf-16be)'),
    );
  });
});

describe.concurrent('an input path that is not a regular file', slow, () => {
  const hint = '    hint: check the path (a link is followed to what it points at)';

  it('a snapshot that links to /dev/zero is refused, not read without end', async () => {
    expect(await build('snapshot-endless')).toEqual(failure('snapshots/2024-05.csv: the snapshot for 2024-05 is a device, not a regular file', hint));
  });

  it('a snapshot that is a named pipe is refused without opening it (which would block)', async () => {
    const dir = await validWith('snapshots/2024-05.csv', (target) => void execFileSync('mkfifo', [target]));
    expect(await build('', { dir })).toEqual(failure('snapshots/2024-05.csv: the snapshot for 2024-05 is a named pipe (FIFO), not a regular file', hint));
  });

  it('a template body that is a folder', async () => {
    const dir = await validWith('body.hbs', (target) => mkdir(target).then(() => undefined));
    expect(await build('', { dir })).toEqual(failure('body.hbs: the template is a folder, not a regular file', hint));
  });

  it('a template body that is a named pipe', async () => {
    const dir = await validWith('body.hbs', (target) => void execFileSync('mkfifo', [target]));
    expect(await build('', { dir })).toEqual(failure('body.hbs: the template is a named pipe (FIFO), not a regular file', hint));
  });

  it('a template body that is a device', async () => {
    const dir = await validWith('body.hbs', (target) => void execFileSync('ln', ['-s', '/dev/zero', target]));
    expect(await build('', { dir })).toEqual(failure('body.hbs: the template is a device, not a regular file', hint));
  });

  it('a config that is a named pipe', async () => {
    const dir = await validWith('report.yaml', (target) => void execFileSync('mkfifo', [target]));
    const result = await build('', { dir });
    expect(result).toEqual(failure('report.yaml: the report definition is a named pipe (FIFO), not a regular file', hint));
  });
});

describe('an input larger than court-report reads', slow, () => {
  it('a config past 4 MB is refused before it is parsed', async () => {
    const dir = await validWith('report.yaml', async (target) => {
      const config = await readFile(path.join(fixtures, 'valid/report.yaml'), 'utf8');
      await writeFile(target, config + '# padding\n'.repeat(450_000));
    });
    expect(await build('', { dir })).toEqual(
      failure(
        'report.yaml: the report definition is larger than 4 MB, the most court-report reads of it',
        '    hint: check the path points at the right file (a file that keeps growing is refused too)',
      ),
    );
  });
});

/**
 * A child process appending records to `file` (64 KB at a time, without pause, up to 300 MB) with `delimiter`;
 * resolves once the file holds `startBytes`, with a function that stops the writer.
 */
async function growing(file: string, delimiter: string, startBytes: number): Promise<() => void> {
  const script = `
    const fs = require('node:fs');
    const fd = fs.openSync(process.argv[1], 'w');
    const d = process.argv[2];
    fs.writeSync(fd, ['CASE_ID', 'RELEASE_DATE', 'STATUS', 'HEARINGS', 'OFFICE'].join(d) + '\\n');
    let n = 0, written = 0;
    // Without pause (not on a timer a loaded machine can starve): the file must grow while it is read.
    const append = () => {
      let rows = '';
      while (rows.length < 64 * 1024) rows += ['C-' + n++, '2024-01-15', 'DETAINED', '2', 'Miami'].join(d) + '\\n';
      fs.writeSync(fd, rows);
      written += rows.length;
      if (written < 300 * 1024 * 1024) setImmediate(append);
    };
    append();`;
  const writer = spawn(process.execPath, ['-e', script, file, delimiter], { stdio: 'ignore' });
  const stop = () => writer.kill('SIGKILL');
  const deadline = performance.now() + 20_000;
  while ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) < startBytes) {
    if (performance.now() > deadline) {
      stop();
      throw new Error('the writer did not get going');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return stop;
}

const changedWhileRead = /^snapshots\/2024-05\.csv: the snapshot for 2024-05 changed while it was read: [\d.]+ MB when opened, [\d.]+ MB now; it is still being written, or was replaced$/;

describe('a snapshot that grows while it is read', slow, () => {
  it('the streaming reader (a large plain CSV) stops at the size it had when opened and refuses the file', async () => {
    const dir = await validWith('snapshots/2024-05.csv', () => undefined);
    const stop = await growing(path.join(dir, 'snapshots/2024-05.csv'), ',', 16 << 20);
    try {
      const outcome = await build('', { dir });
      expect(outcome.code).toBe(1);
      expect(outcome.hasStack).toBe(false);
      expect(outcome.problems[0]).toMatch(changedWhileRead);
      expect(outcome.problems[1]).toBe('    hint: wait until whatever writes it (the export) has finished, then run again');
      expect(outcome.written).toEqual([]);
    } finally {
      stop();
    }
  });

  it('the full reader (semicolons) stops at the size it had when opened and refuses the file', async () => {
    const dir = await validWith('snapshots/2024-05.csv', () => undefined);
    const config = await readFile(path.join(dir, 'report.yaml'), 'utf8');
    await writeFile(path.join(dir, 'report.yaml'), config.replace('  key: caseId\n', '  key: caseId\n  delimiter: ";"\n'));
    await writeFile(path.join(dir, 'snapshots/2024-04.csv'), (await readFile(path.join(dir, 'snapshots/2024-04.csv'), 'utf8')).replaceAll(',', ';'));
    const stop = await growing(path.join(dir, 'snapshots/2024-05.csv'), ';', 1 << 20);
    try {
      const outcome = await validate('', { dir });
      expect(outcome.code).toBe(1);
      expect(outcome.hasStack).toBe(false);
      expect(outcome.problems).toContainEqual(expect.stringMatching(changedWhileRead));
    } finally {
      stop();
    }
  });
});
