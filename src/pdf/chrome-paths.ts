/**
 * Where a Chrome, Chromium or Edge may be installed on each system, best
 * first: the usual system-wide paths, per-user installs (Windows'
 * %LOCALAPPDATA%, macOS's ~/Applications), then whatever the PATH offers.
 * Pure: the platform, environment and home folder come in.
 */
import path from 'node:path';

export interface Platform {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

/** Fixed install paths, by platform, best first. */
export const usualPaths: Record<string, string[]> = {
  linux: [
    // Chromium's headless shell first: the same Blink and PDF printing, the same pages, without the
    // desktop browser's start-up, so a report prints in about half the time.
    '/usr/bin/chromium-headless-shell',
    '/usr/bin/chrome-headless-shell',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/opt/google/chrome/chrome',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/opt/microsoft/msedge/msedge',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

/** Names a browser goes by on the PATH. */
const PATH_NAMES: Record<string, string[]> = {
  linux: ['chromium-headless-shell', 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'],
  darwin: ['chromium', 'google-chrome'],
  win32: ['chrome.exe', 'msedge.exe'],
};

export function chromeCandidates({ platform, env, home }: Platform): string[] {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  const candidates = [...(usualPaths[platform] ?? [])];
  if (platform === 'win32') {
    // Chrome installed without administrator rights lives in the user's profile.
    for (const base of [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((b): b is string => Boolean(b))) {
      candidates.push(join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(base, 'Microsoft', 'Edge', 'Application', 'msedge.exe'));
    }
  }
  if (platform === 'darwin') {
    for (const app of ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge']) {
      candidates.push(join(home, 'Applications', app));
    }
  }
  const pathVariable = env.PATH ?? env.Path ?? '';
  const separator = platform === 'win32' ? ';' : ':';
  for (const dir of pathVariable.split(separator).filter(Boolean)) {
    for (const name of PATH_NAMES[platform] ?? []) candidates.push(join(dir, name));
  }
  return [...new Set(candidates)];
}
