import { describe, expect, it } from 'vitest';
import { cacheBase } from '../../src/cache.js';
import { chromeCandidates } from '../../src/pdf/chrome-paths.js';

describe('finding a browser on other systems', () => {
  it('looks for Edge and a per-user Chrome on Windows, and on the PATH', () => {
    const candidates = chromeCandidates({
      platform: 'win32',
      env: { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local', PATH: 'C:\\Tools;D:\\bin' },
      home: 'C:\\Users\\ann',
    });
    expect(candidates.slice(0, 4)).toEqual([
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
      'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
    ]);
    expect(candidates).toContain('C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe');
    expect(candidates).toContain('C:\\Users\\ann\\AppData\\Local\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(candidates).toContain('D:\\bin\\msedge.exe');
    expect(candidates.indexOf('C:\\Tools\\chrome.exe')).toBeGreaterThan(candidates.indexOf('C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'));
  });

  it('looks in ~/Applications on macOS after /Applications, Edge included', () => {
    const candidates = chromeCandidates({ platform: 'darwin', env: { PATH: '/opt/homebrew/bin' }, home: '/Users/ann' });
    expect(candidates).toContain('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
    expect(candidates).toContain('/Users/ann/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(candidates.indexOf('/Users/ann/Applications/Google Chrome.app/Contents/MacOS/Google Chrome')).toBeGreaterThan(
      candidates.indexOf('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
    );
    expect(candidates).toContain('/opt/homebrew/bin/chromium');
  });

  it('prefers the headless shell on Linux, then the desktop browsers, Edge, and the PATH', () => {
    const candidates = chromeCandidates({ platform: 'linux', env: { PATH: '/home/ann/bin:/usr/bin' }, home: '/home/ann' });
    expect(candidates[0]).toBe('/usr/bin/chromium-headless-shell');
    expect(candidates).toContain('/opt/microsoft/msedge/msedge');
    expect(candidates).toContain('/home/ann/bin/google-chrome');
    // The PATH's /usr/bin entries are already listed, once.
    expect(candidates.filter((c) => c === '/usr/bin/chromium')).toHaveLength(1);
  });
});

describe('the cache folder', () => {
  it('is the OS cache folder: XDG on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows', () => {
    expect(cacheBase({ platform: 'linux', env: {}, home: '/home/ann' })).toBe('/home/ann/.cache/court-report');
    expect(cacheBase({ platform: 'linux', env: { XDG_CACHE_HOME: '/var/cache/ann' }, home: '/home/ann' })).toBe('/var/cache/ann/court-report');
    expect(cacheBase({ platform: 'darwin', env: {}, home: '/Users/ann' })).toBe('/Users/ann/Library/Caches/court-report');
    expect(cacheBase({ platform: 'win32', env: { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, home: 'C:\\Users\\ann' })).toBe('C:\\Users\\ann\\AppData\\Local\\court-report\\Cache');
  });
});
