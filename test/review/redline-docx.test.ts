import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redlineDocx } from '../../src/review/redline/docx.js';
import { redlineReports } from '../../src/review/redline/index.js';

const filed = '<html><body><h2>STATUS REPORT</h2><p>As of April 30, 2024, 2,545 individuals have checked in.</p><p>ICE continues its efforts.</p></body></html>';
const current = '<html><body><h2>STATUS REPORT</h2><p>As of May 31, 2024, 2,548 individuals have checked in.</p><p>ICE continues its efforts.</p></body></html>';
const write = () => redlineDocx({ edits: redlineReports(filed, current, 'april.html').edits, title: 'Redline of the May 2024 report against april.html', asOf: '2024-06-14' });
const documentXml = async (bytes: Uint8Array) => (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
/** Each paragraph's runs as [kind, text]: plain, inserted or deleted. */
const paragraphs = (xml: string) =>
  xml.split('</w:p>').slice(0, -1).map((p) =>
    [...p.matchAll(/<w:(ins|del) [^>]*>(.*?)<\/w:\1>|<w:r>(?:(?!<w:r>).)*?<w:t(?: [^>]*)?>([^<]*)<\/w:t>.*?<\/w:r>/gs)].map((m) =>
      m[1] ? [m[1], [...m[2]!.matchAll(/<w:(?:t|delText)(?: [^>]*)?>([^<]*)<\/w:(?:t|delText)>/g)].map((t) => t[1]).join('')] : ['plain', m[3]],
    ),
  );

describe('redline.docx', () => {
  afterEach(() => vi.useRealTimers());

  it('records each change as a tracked revision by court-report dated the filing date, figures and dates whole', async () => {
    const xml = await documentXml((await write()).bytes);
    expect(paragraphs(xml).slice(1)).toEqual([
      [['plain', 'STATUS REPORT']],
      [['plain', 'As of'], ['del', ' April 30, 2024'], ['ins', ' May 31, 2024'], ['plain', ','], ['del', ' 2,545'], ['ins', ' 2,548'], ['plain', ' individuals have checked in.']],
      [['plain', 'ICE continues its efforts.']],
    ]);
    for (const revision of xml.match(/<w:(ins|del) [^>]*>/g)!) {
      expect(revision).toContain('w:author="court-report"');
      expect(revision).toContain('w:date="2024-06-14T00:00:00Z"');
    }
    expect(xml).toMatch(/<w:del [^>]*><w:r>(?:<w:rPr>.*?<\/w:rPr>)?<w:delText xml:space="preserve"> 2,545<\/w:delText><\/w:r><\/w:del>/);
  });

  it('is byte-identical whenever it is written', async () => {
    // Only the clock is faked: the zip writer waits on real timers.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-01-02T03:04:05Z'));
    const first = (await write()).bytes;
    vi.setSystemTime(new Date('2026-07-08T09:10:11Z'));
    const second = (await write()).bytes;
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });
});
