import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchReport } from '../../src/cli/batch-report.js';

function capture() {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  return { out, spy };
}

afterEach(() => vi.restoreAllMocks());

describe('a batch on the command line', () => {
  it('prints the periods in period order whatever finished first, then a summary', () => {
    const { out } = capture();
    let now = 0;
    const batch = new BatchReport({ json: false, quiet: false, now: () => now });
    batch.expect('case', ['2024-03', '2024-04', '2024-05']);
    batch.done('case', '2024-05', 'May', {});
    batch.done('case', '2024-04', 'April', {});
    expect(out).toEqual([]);
    batch.skip('case', '2024-03', 'March', { filedAsOf: '2024-04-12' });
    now = 2500;
    batch.finish();
    expect(out).toEqual(['March\n', 'April\n', 'May\n', 'built 2 of 3 reports, skipped 1 filed in 2.5 s\n']);
  });

  it('draws a progress line on a terminal, period n of N with the time elapsed, and clears it', () => {
    capture();
    const drawn: string[] = [];
    const terminal = { write: (text: string) => (drawn.push(text), true) } as unknown as NodeJS.WriteStream;
    let now = 0;
    const batch = new BatchReport({ json: false, quiet: false, progress: terminal, now: () => now });
    batch.expect('case', ['2024-04', '2024-05']);
    now = 1200;
    batch.done('case', '2024-04', 'April', {});
    batch.done('case', '2024-05', 'May', {});
    batch.finish();
    expect(drawn).toEqual(['\r\u001b[2K1 of 2 reports (2024-04 done), 1.2 s', '\r\u001b[2K']);
  });

  it('gives one JSON document with --json, and nothing with --quiet', () => {
    const { out } = capture();
    const json = new BatchReport({ json: true, quiet: false, now: () => 0 });
    json.expect('case', ['2024-05']);
    json.done('case', '2024-05', 'May', { dueDate: '2024-06-14' });
    json.finish();
    expect(JSON.parse(out.join(''))).toEqual({ ok: true, reports: [{ case: 'case', period: '2024-05', status: 'built', dueDate: '2024-06-14' }] });
    out.length = 0;
    const quiet = new BatchReport({ json: false, quiet: true, now: () => 0 });
    quiet.expect('case', ['2024-04', '2024-05']);
    quiet.done('case', '2024-04', 'April', {});
    quiet.done('case', '2024-05', 'May', {});
    quiet.finish();
    expect(out).toEqual([]);
  });

  it('still lists the periods that finished when the batch fails', () => {
    const { out } = capture();
    const batch = new BatchReport({ json: false, quiet: false, now: () => 0 });
    batch.expect('case', ['2024-03', '2024-04', '2024-05']);
    batch.done('case', '2024-05', 'May', {});
    batch.abandon();
    expect(out).toEqual(['May\n']);
  });
});
