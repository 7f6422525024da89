/**
 * The sRGB ICC profile PDF/A's OutputIntent embeds: sRGB.icc from Debian's
 * icc-profiles-free (Kai-Uwe Behrmann et al., Zlib licence; see
 * assets/icc/LICENSE), shipped in the repository so nothing is fetched or
 * looked up on the machine.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

// This file sits two folders below the package root both as dist/pdf/ and in the bundle, dist/bin/.
export const srgbProfileFile = fileURLToPath(new URL('../../assets/icc/sRGB.icc', import.meta.url));

let profile: Promise<Uint8Array> | undefined;

export function srgbProfile(): Promise<Uint8Array> {
  profile ??= readFile(srgbProfileFile);
  return profile;
}
