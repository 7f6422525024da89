/**
 * Appends PDF exhibits to the printed report: each exhibit's pages after its
 * cover page (printed with the report, bookmarked by Chrome from its heading),
 * or, without a cover, after the exhibit before it, with a bookmark of its
 * own beside the report's other exhibit bookmarks.
 */
import type { PDFDocument, PDFRef } from 'pdf-lib';
import type { AppendedExhibit } from '../../render/appended-exhibits.js';
import { addBookmark, outlineItems } from './outline.js';

export interface ExhibitToAppend extends AppendedExhibit {
  /** The file as messages show it. */
  shown: string;
}

export async function appendExhibits(doc: PDFDocument, exhibits: readonly ExhibitToAppend[]): Promise<void> {
  const { loadExhibit } = await import('./inspect.js');
  // Every exhibit is checked before any is merged, so the first refusal is reported whatever the order.
  const sources = [];
  for (const exhibit of exhibits) sources.push(await loadExhibit(exhibit.pdf, exhibit.shown));
  const covers = coverPages(doc, exhibits);
  let insertAt = covers.size > 0 ? pageIndex(doc, covers.values().next().value!) : doc.getPageCount();
  for (const [i, exhibit] of exhibits.entries()) {
    const source = sources[i]!;
    const cover = covers.get(exhibit.letter);
    if (cover) insertAt = pageIndex(doc, cover) + 1;
    const pages = await doc.copyPages(source, source.getPageIndices());
    pages.forEach((page, k) => doc.insertPage(insertAt + k, page));
    if (!cover) addBookmark(doc, `EXHIBIT ${exhibit.letter} ${exhibit.title}`, pages[0]!.ref);
    insertAt += pages.length;
  }
}

/**
 * The cover page of each exhibit with `cover: true`, by letter: the page its
 * "EXHIBIT X" bookmark points to; failing that (a template that titles its
 * exhibits otherwise), the report's last pages, one per cover, in order.
 */
function coverPages(doc: PDFDocument, exhibits: readonly ExhibitToAppend[]): Map<string, PDFRef> {
  const withCover = exhibits.filter((exhibit) => exhibit.cover);
  const byBookmark = new Map<string, PDFRef>();
  for (const item of outlineItems(doc)) {
    const letter = /^EXHIBIT ([A-Z])\b/.exec(item.title)?.[1];
    if (letter && item.page && withCover.some((exhibit) => exhibit.letter === letter)) byBookmark.set(letter, item.page);
  }
  if (byBookmark.size === withCover.length) return byBookmark;
  const pages = doc.getPages();
  return new Map(withCover.map((exhibit, i) => [exhibit.letter, pages[pages.length - withCover.length + i]!.ref]));
}

function pageIndex(doc: PDFDocument, ref: PDFRef): number {
  return doc.getPages().findIndex((page) => page.ref === ref);
}
