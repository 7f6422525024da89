/** `court-report --version`: the version, and the browser a PDF would be printed with. */
import { execFileSync } from 'node:child_process';
import { isUserError } from '../errors.js';
import { findChrome } from '../pdf/chrome.js';
import { VERSION } from '../version.js';

export function versionReport(): string {
  let browser: string;
  try {
    const executable = findChrome();
    browser = `${executable} (${browserVersion(executable)})`;
  } catch (error) {
    if (!isUserError(error)) throw error;
    browser = `none found: ${error.problems[0]!.message}`;
  }
  return `court-report ${VERSION}\nbrowser: ${browser}`;
}

/** What the browser says of itself; bounded, since a broken install may hang. */
function browserVersion(executable: string): string {
  try {
    const output = execFileSync(executable, ['--version'], { timeout: 5000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return output.trim().split('\n')[0]!.trim() || 'version unknown';
  } catch {
    return 'version unknown';
  }
}
