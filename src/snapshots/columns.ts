/**
 * Which header column holds a field. Exported headers drift in case, in
 * surrounding spaces and in Unicode spelling (an "í" typed on a Mac is "i" and
 * a combining accent; Excel writes one character), so a column is found by its
 * exact name, then ignoring spaces, then ignoring case and spelling (NFKC); but when two columns answer to the same name (`STATUS` and
 * `STATUS `), picking one would silently drop the other's values: that is
 * ambiguous, and the caller reports both.
 */
export type ColumnMatch = { index: number } | { repeated: number[] } | { ambiguous: number[] } | { missing: true };

export function matchColumn(columns: readonly string[], wanted: string): ColumnMatch {
  const exact = positions(columns, (name) => name === wanted);
  if (exact.length > 1) return { repeated: exact };
  const trimmed = positions(columns, (name) => name.trim() === wanted.trim());
  if (trimmed.length > 1) return { ambiguous: trimmed };
  if (exact.length === 1) return { index: exact[0]! };
  if (trimmed.length === 1) return { index: trimmed[0]! };
  const loosely = (name: string) => name.normalize('NFKC').trim().toLowerCase();
  const loose = positions(columns, (name) => loosely(name) === loosely(wanted));
  if (loose.length > 1) return { ambiguous: loose };
  if (loose.length === 1) return { index: loose[0]! };
  return { missing: true };
}

function positions(columns: readonly string[], test: (name: string) => boolean): number[] {
  const found: number[] = [];
  columns.forEach((name, index) => {
    if (test(name)) found.push(index);
  });
  return found;
}
