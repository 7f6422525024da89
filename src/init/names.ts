/** Field and metric ids made from an export's headers and values: camelCase, unique, safe as template paths. */

const RESERVED = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);

/** "RELEASE_DATE" → releaseDate, "Date of Birth" → dateOfBirth, "A-Number" → aNumber. */
export function camelCase(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Split lowerUpper boundaries first, so ReleaseDate and releaseDate read the same.
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  const id = words.map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('');
  if (id === '') return 'field';
  return /^[0-9]/.test(id) ? `field${id}` : id;
}

/** Hands out ids, suffixing 2, 3, … when two names come out the same. */
export class IdAllocator {
  private readonly taken = new Set<string>();
  constructor(reserved: Iterable<string> = []) {
    for (const id of reserved) this.taken.add(id);
  }
  take(wanted: string): string {
    let id = RESERVED.has(wanted) ? `${wanted}Field` : wanted;
    for (let n = 2; this.taken.has(id); n++) id = `${wanted}${n}`;
    this.taken.add(id);
    return id;
  }
}

/** A header as a reader would say it: "RELEASE_DATE" → "Release date". */
export function humanLabel(header: string): string {
  const spaced = header.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_\s]+/g, ' ').trim();
  // An acronym alone (DOB, SSN) stays one; a shouted header (RELEASE_DATE) becomes a sentence.
  if (/^[A-Z0-9]{2,5}$/.test(spaced)) return spaced;
  const lower = spaced === spaced.toUpperCase() ? spaced.toLowerCase() : spaced;
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}
