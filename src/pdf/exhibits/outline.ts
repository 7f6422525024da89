/**
 * The PDF's bookmark outline, as Chrome writes it from the headings: read
 * (title and page of each item) and extended with a bookmark for an exhibit
 * that has no heading of its own (an exhibit appended without a cover).
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument } from 'pdf-lib';

export interface OutlineItem {
  dict: PDFDict;
  ref: PDFRef;
  parent: PDFDict;
  /** The title with no-break spaces and runs of white space as single spaces. */
  title: string;
  /** The page the item points to, when it points to one. */
  page: PDFRef | undefined;
}

/** Every item of the outline, in document order (depth first). */
export function outlineItems(doc: PDFDocument): OutlineItem[] {
  const root = doc.catalog.lookup(PDFName.of('Outlines'));
  if (!(root instanceof PDFDict)) return [];
  const items: OutlineItem[] = [];
  const walk = (parent: PDFDict, depth: number) => {
    let ref = parent.get(PDFName.of('First'));
    for (let guard = 0; ref instanceof PDFRef && guard < 10_000; guard++) {
      const dict = doc.context.lookup(ref);
      if (!(dict instanceof PDFDict)) break;
      items.push({ dict, ref, parent, title: titleOf(dict), page: pageOf(dict) });
      if (depth < 16) walk(dict, depth + 1);
      ref = dict.get(PDFName.of('Next'));
    }
  };
  walk(root, 0);
  return items;
}

/**
 * Adds "EXHIBIT X Title" among the other exhibit bookmarks, in letter order
 * (a later exhibit's cover may already have its bookmark), or after the
 * report's last top-level bookmark when there are none.
 */
export function addBookmark(doc: PDFDocument, title: string, page: PDFRef): void {
  const context = doc.context;
  if (!(doc.catalog.lookup(PDFName.of('Outlines')) instanceof PDFDict)) {
    doc.catalog.set(PDFName.of('Outlines'), context.register(context.obj({ Type: 'Outlines', Count: 0 })));
  }
  const outlinesRef = doc.catalog.get(PDFName.of('Outlines')) as PDFRef;
  const outlines = context.lookup(outlinesRef) as PDFDict;
  const items = outlineItems(doc);
  const exhibits = items.filter((item) => /^EXHIBIT [A-Z]\b/.test(item.title));
  const parent = exhibits[0]?.parent ?? outlines;
  const parentRef = parent === outlines ? outlinesRef : items.find((item) => item.dict === parent)!.ref;
  const siblings = items.filter((item) => item.parent === parent);
  const earlier = exhibits.filter((item) => item.parent === parent && item.title < title).at(-1);
  // After the exhibit before it; else just before the first exhibit; else last.
  const firstExhibit = exhibits.find((item) => item.parent === parent);
  const prev = earlier ?? (firstExhibit ? siblings[siblings.indexOf(firstExhibit) - 1] : siblings.at(-1));
  const next = prev ? prev.dict.get(PDFName.of('Next')) : parent.get(PDFName.of('First'));

  const item = context.obj({ Title: PDFHexString.fromText(title), Parent: parentRef, Dest: context.obj([page, PDFName.of('Fit')]) }) as PDFDict;
  const ref = context.register(item);
  if (prev) {
    prev.dict.set(PDFName.of('Next'), ref);
    item.set(PDFName.of('Prev'), prev.ref);
  } else parent.set(PDFName.of('First'), ref);
  if (next instanceof PDFRef) {
    item.set(PDFName.of('Next'), next);
    (context.lookup(next) as PDFDict).set(PDFName.of('Prev'), ref);
  } else parent.set(PDFName.of('Last'), ref);
  countOneMore(parent, outlines);
}

/** Counts the new item in its parent and, while they are open, the parent's ancestors (PDF 32000 12.3.3). */
function countOneMore(parent: PDFDict, root: PDFDict): void {
  for (let node: PDFDict | undefined = parent, guard = 0; node && guard < 64; guard++) {
    const count = node.lookup(PDFName.of('Count'));
    const value = count instanceof PDFNumber ? count.asNumber() : 0;
    // A closed item counts its hidden descendants negatively; above it nothing more becomes visible.
    if (node !== root && value < 0) {
      node.set(PDFName.of('Count'), PDFNumber.of(value - 1));
      return;
    }
    node.set(PDFName.of('Count'), PDFNumber.of(value + 1));
    if (node === root) return;
    const up: unknown = node.lookup(PDFName.of('Parent'));
    node = up instanceof PDFDict ? up : undefined;
  }
}

function titleOf(dict: PDFDict): string {
  const title = dict.lookup(PDFName.of('Title'));
  const text = title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '';
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

function pageOf(dict: PDFDict): PDFRef | undefined {
  let dest = dict.lookup(PDFName.of('Dest'));
  if (!dest) {
    const action = dict.lookup(PDFName.of('A'));
    if (action instanceof PDFDict) dest = action.lookup(PDFName.of('D'));
  }
  const first = dest instanceof PDFArray ? dest.get(0) : undefined;
  return first instanceof PDFRef ? first : undefined;
}
