/** report.docx goes through the personal-data check on its own words, like the HTML. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { assertNoPersonalData, personalDataOf } from '../../src/privacy/scan.js';
import type { WordPackage } from '../../src/render/docx/package.js';
import { docxOutput } from '../../src/render/docx/paragraphs.js';
import { compileTemplates } from '../../src/render/engine.js';
import { ChartDrawer, reportDocx } from '../../src/report-docx.js';
import { field, snapshot } from '../helpers.js';
import { reportView, source } from './fixture.js';

/** Draws nothing: a 1×1 PNG for every chart, so no browser is needed. */
class FakeDrawer extends ChartDrawer {
  constructor() {
    super(1000);
  }
  override async draw(): Promise<Uint8Array> {
    return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
  }
}

/** Personal data of one record: its pii key and a pii contact field holding `contact`. */
function personalData(contact: string) {
  const fields = [field('aNumber', 'string', { pii: true, required: true }), field('contact', 'string', { pii: true })];
  return personalDataOf([snapshot('2024-05', fields, [{ aNumber: 'A123456789', contact }])], { privacy: { allow: [] } });
}

describe('reportDocx', () => {
  it('writes the document when no personal value is in it', async () => {
    const templates = await compileTemplates(source);
    const docx = await reportDocx({ view: reportView(), templates, drawer: new FakeDrawer(), name: 'test', pii: personalData('someone@elsewhere.invalid'), maskVisible: 4 });
    expect(Buffer.from(docx.slice(0, 2)).toString()).toBe('PK');
  });

  it('refuses a document whose text holds a pii value, naming the field and never the value', async () => {
    const templates = await compileTemplates(source);
    // The signer's e-mail stands in for a leaked value: it is in the DOCX's signature block.
    const leaked = 'jane.placeholder@example.invalid';
    const error = (await reportDocx({ view: reportView(), templates, drawer: new FakeDrawer(), name: 'test', pii: personalData(leaked), maskVisible: 4 }).catch((e: unknown) => e)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain('contact');
    expect(error.message).toContain('report.docx');
    expect(error.message).not.toContain(leaked);
    // Where a reviewer finds it: the paragraph's first words, the value masked; no line of a text no one sees.
    expect(error.problems[0]!.location).toEqual({ file: 'report.docx' });
    expect(error.problems[0]!.message).toBe('the contact of record ****6789 would be printed in full ("****") in the body\'s paragraph "Email: ****"; nothing was written');
  });

  it('names a numbered paragraph by its number, as the court reads it, and quotes its first words masked', async () => {
    const templates = await compileTemplates(source);
    const error = (await reportDocx({ view: reportView(), templates, drawer: new FakeDrawer(), name: 'test', pii: personalData('Notice to Appear'), maskVisible: 4 }).catch((e: unknown) => e)) as UserError;
    expect(error.problems.map((p) => p.message)).toEqual(['the contact of record ****6789 would be printed in full ("****") in paragraph 2 ("ICE has issued a **** (“NTA”) to 2,232…"); nothing was written']);
  });
});

/** A package of hand-written parts, as deterministicPackage gives it. */
function wordPackage(parts: Record<string, string>): WordPackage {
  return { bytes: new Uint8Array(), textParts: Object.values(parts), textPartNames: Object.keys(parts) };
}

const paragraph = (text: string, numId?: number) =>
  `<w:p>${numId === undefined ? '' : `<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>`}<w:r><w:t>${text}</w:t></w:r></w:p>`;

function refusal(word: WordPackage, contact: string): string[] {
  try {
    assertNoPersonalData([docxOutput('redline.docx', word)], personalData(contact), { maskVisible: 4 });
    return [];
  } catch (error) {
    return (error as UserError).problems.map((p) => `${p.location?.file}:${p.location?.line ?? ''} ${p.message}`);
  }
}

describe('where in a Word document a pii value is', () => {
  const document = `<?xml version="1.0"?>\n<w:document><w:body>${paragraph('Pursuant to the Order')}${paragraph('First, 12 people', 1)}${paragraph('Second, 3 people &amp; Luis Ortega', 1)}${paragraph('Counsel for Defendants')}${paragraph('Luis Ortega')}</w:body></w:document>`;
  const header = `<w:hdr>${paragraph('Case 3:23-cv-9962 Document Luis Ortega filed')}</w:hdr>`;

  it('counts numbered paragraphs after a declaration line of the XML', () => {
    expect(refusal(wordPackage({ 'word/document.xml': document }), 'Luis Ortega')).toEqual([
      'redline.docx: the contact of record ****6789 would be printed in full ("****") in paragraph 2 ("Second, 3 people & ****"); nothing was written',
    ]);
  });

  it('finds a paragraph that is the value alone by the paragraph before it', () => {
    const word = wordPackage({ 'word/document.xml': document.replace('Second, 3 people &amp; Luis Ortega', 'Second') });
    expect(refusal(word, 'Luis Ortega')).toEqual(['redline.docx: the contact of record ****6789 would be printed in full ("****") in the body\'s paragraph "****", after "Counsel for Defendants"; nothing was written']);
  });

  it('names the page header of a later part, its lines counted after the body\'s', () => {
    const word = wordPackage({ 'word/document.xml': document.replaceAll('Luis Ortega', 'someone'), 'word/header1.xml': header });
    expect(refusal(word, 'Luis Ortega')).toEqual([
      'redline.docx: the contact of record ****6789 would be printed in full ("****") in the page header\'s paragraph "Case 3:23-cv-9962 Document **** filed"; nothing was written',
    ]);
  });
});
