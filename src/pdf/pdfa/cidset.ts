/**
 * CIDSet streams for Chrome's subset TrueType fonts (PDF/A-1 requires one in
 * the descriptor of every subset CID font): one bit per CID, high bit first,
 * set for each glyph the embedded subset holds.
 *
 * Chrome keeps the original glyph ids when it subsets (CIDToGIDMap
 * /Identity), leaving the glyphs it drops empty: a glyph is in the subset
 * when its outline is not empty (the font's loca table), or when it is a
 * blank the document uses (a space: no outline, a width in /W), or it is
 * .notdef, which every font has.
 */

/** The bits of a CIDSet: glyphs with an outline, glyphs with a non-zero width, and glyph 0. */
export function cidSet(trueType: Uint8Array, widths: Map<number, number>): Uint8Array | null {
  const present = glyphsWithOutlines(trueType);
  if (!present) return null;
  const cids = new Set<number>([0, ...present]);
  for (const [cid, width] of widths) if (width !== 0) cids.add(cid);
  const bits = new Uint8Array((Math.max(...cids) >> 3) + 1);
  for (const cid of cids) bits[cid >> 3]! |= 0x80 >> (cid & 7);
  return bits;
}

/** Glyph ids whose outline is not empty; null when the font is not a TrueType font with a loca table. */
export function glyphsWithOutlines(font: Uint8Array): number[] | null {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  if (font.byteLength < 12) return null;
  const tables = new Map<string, { offset: number; length: number }>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    if (at + 16 > font.byteLength) return null;
    const tag = String.fromCharCode(font[at]!, font[at + 1]!, font[at + 2]!, font[at + 3]!);
    tables.set(tag, { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  const head = tables.get('head');
  const maxp = tables.get('maxp');
  const loca = tables.get('loca');
  if (!head || !maxp || !loca || head.offset + 52 > font.byteLength || maxp.offset + 6 > font.byteLength) return null;
  const longOffsets = view.getInt16(head.offset + 50) === 1;
  const glyphs = view.getUint16(maxp.offset + 4);
  const entry = longOffsets ? 4 : 2;
  if (loca.offset + (glyphs + 1) * entry > font.byteLength) return null;
  const offset = (i: number) => (longOffsets ? view.getUint32(loca.offset + i * 4) : view.getUint16(loca.offset + i * 2) * 2);
  const present: number[] = [];
  for (let glyph = 0; glyph < glyphs; glyph++) if (offset(glyph + 1) > offset(glyph)) present.push(glyph);
  return present;
}

/** The widths of a CIDFont's /W array, by CID: `c [w1 w2 …]` and `cFirst cLast w` runs. */
export function widthsOf(w: Array<number | number[]>): Map<number, number> {
  const widths = new Map<number, number>();
  for (let i = 0; i < w.length; ) {
    const first = w[i];
    const next = w[i + 1];
    if (typeof first !== 'number') break;
    if (Array.isArray(next)) {
      next.forEach((width, k) => widths.set(first + k, width));
      i += 2;
    } else {
      const last = next;
      const width = w[i + 2];
      if (typeof last !== 'number' || typeof width !== 'number') break;
      for (let cid = first; cid <= last; cid++) widths.set(cid, width);
      i += 3;
    }
  }
  return widths;
}
