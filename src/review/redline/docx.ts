/**
 * The redline as a Word document with tracked changes: the current report's
 * text with each deletion and insertion recorded as a revision (w:del, w:ins)
 * by "court-report", dated the filing date, so counsel can read it as Word
 * shows any redline (struck through, underlined) and accept or reject each
 * change. Words are the redline's own tokens: a figure changes whole.
 */
import { AlignmentType, DeletedTextRun, Document, InsertedTextRun, Packer, Paragraph, TextRun, type ParagraphChild } from 'docx';
import { deterministicPackage, type WordPackage } from '../../render/docx/package.js';
import type { Edit } from './diff.js';

export interface RedlineDocxInput {
  edits: readonly Edit[];
  /** What the document is: "Redline of the May 2024 report against …". */
  title: string;
  /** The filing date, YYYY-MM-DD: every revision's date and the package's. */
  asOf: string;
}

export const REVISION_AUTHOR = 'court-report';

export async function redlineDocx(input: RedlineDocxInput): Promise<WordPackage> {
  const date = `${input.asOf}T00:00:00Z`;
  let revision = 0;
  const paragraphs: Paragraph[] = [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: input.title, bold: true })] })];
  let runs: ParagraphChild[] = [];
  const endParagraph = () => {
    if (runs.length > 0) paragraphs.push(new Paragraph({ spacing: { after: 160 }, children: runs }));
    runs = [];
  };
  for (const edit of input.edits) {
    // Consecutive words of one kind make one run, broken where a block of the report ended.
    let text = '';
    const flush = () => {
      if (text === '') return;
      if (edit.kind === 'equal') runs.push(new TextRun({ text }));
      else if (edit.kind === 'insert') runs.push(new InsertedTextRun({ text, id: ++revision, author: REVISION_AUTHOR, date }));
      else runs.push(new DeletedTextRun({ text, id: ++revision, author: REVISION_AUTHOR, date }));
      text = '';
    };
    for (const token of edit.tokens) {
      if (token.paragraph) {
        flush();
        endParagraph();
      }
      text += (token.spaced && (text !== '' || runs.length > 0) ? ' ' : '') + token.text;
    }
    flush();
  }
  endParagraph();
  const document = new Document({
    creator: REVISION_AUTHOR,
    title: input.title,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 24 } } } },
    features: { trackRevisions: true },
    sections: [{ properties: { page: { size: { width: 12240, height: 15840 }, margin: { top: 1440, right: 1440, bottom: 1440, left: 1440 } } }, children: paragraphs }],
  });
  return deterministicPackage(new Uint8Array(await Packer.toBuffer(document)), input.asOf);
}
