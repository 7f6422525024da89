import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChrome, usualPaths } from '../../src/pdf/chrome.js';
import { UserError } from '../../src/errors.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'court-report-chrome-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, executable: boolean): string {
  const target = path.join(dir, name);
  writeFileSync(target, '#!/bin/sh\n');
  chmodSync(target, executable ? 0o755 : 0o644);
  return target;
}

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).problems.map((p) => `${p.message} | ${p.hint ?? ''}`).join('\n');
  }
  throw new Error('expected a UserError');
}

describe('findChrome', () => {
  const shell = file('chromium-headless-shell', true);
  const chromium = file('chromium', true);
  const notExecutable = file('chrome-not-executable', false);

  it('prefers the headless shell on Linux, then the desktop browsers', () => {
    expect(usualPaths.linux!.slice(0, 3)).toEqual(['/usr/bin/chromium-headless-shell', '/usr/bin/chrome-headless-shell', '/usr/bin/chromium']);
    expect(findChrome({}, [shell, chromium])).toBe(shell);
    expect(findChrome({}, [path.join(dir, 'missing'), notExecutable, chromium])).toBe(chromium);
  });

  it('takes PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH, over the usual paths', () => {
    expect(findChrome({ PUPPETEER_EXECUTABLE_PATH: chromium, CHROME_PATH: shell }, [shell])).toBe(chromium);
    expect(findChrome({ CHROME_PATH: chromium }, [shell])).toBe(chromium);
  });

  it('names a variable that points at something it cannot run', () => {
    expect(messageOf(() => findChrome({ CHROME_PATH: notExecutable }, [shell]))).toContain(`CHROME_PATH points at ${notExecutable}, which is not an executable file`);
  });

  it('says how to install a browser when there is none', () => {
    const message = messageOf(() => findChrome({}, [path.join(dir, 'missing')]));
    expect(message).toContain('no Chrome or Chromium found to print the PDF');
    expect(message).toContain('apt-get install -y --no-install-recommends chromium-headless-shell, or chromium');
  });
});
