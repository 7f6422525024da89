/**
 * The preview server tells each render twice: the report as soon as it is
 * ready, then again with its review, so an edit to the report never waits on
 * the review's checks and bridges.
 */
import { get } from 'node:http';
import { appendFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startPreview } from '../../src/preview/server.js';
import { cli, root } from '../e2e/cli.js';

/** Events from /events until `enough` holds of them (bounded: 20 s). */
function events(url: string, enough: (seen: Array<Record<string, unknown>>) => boolean): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const seen: Array<Record<string, unknown>> = [];
    const request = get(new URL('/events', url), (response) => {
      let buffer = '';
      response.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
          const data = buffer.slice(0, end).split('\n').find((line) => line.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          if (data) seen.push(JSON.parse(data.slice(6)));
        }
        if (enough(seen)) {
          clearTimeout(timer);
          request.destroy();
          resolve(seen);
        }
      });
    });
    const timer = setTimeout(() => (request.destroy(), reject(new Error(`not enough events in 20 s: ${JSON.stringify(seen)}`))), 20_000);
    request.on('error', () => undefined);
  });
}

describe('the preview server', () => {
  it('sends the report of a render first, then the same render with its review', async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), 'court-report-preview-server-'));
    expect((await cli(['init', 'jail', '--from', path.join(root, 'test/fixtures/init/jail-census-2025-03.csv')], { cwd: work })).code).toBe(0);
    const configFile = path.join(work, 'jail/report.yaml');
    const preview = await startPreview({ configFile, asOf: '2025-04-10', cwd: work });
    try {
      const seen = events(preview.url, (list) => list.some((e) => e.render === 2 && e.review !== null));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await appendFile(configFile, 'checks:\n  screened: { metric: withMedicalScreeningDate, equals: total }\n');
      const second = (await seen).filter((e) => e.render === 2);
      expect(second).toEqual([
        expect.objectContaining({ ok: true, period: '2025-03', review: null }),
        expect.objectContaining({ ok: true, period: '2025-03', review: { ok: true, failures: 1 } }),
      ]);
    } finally {
      await preview.close();
    }
  });
});
