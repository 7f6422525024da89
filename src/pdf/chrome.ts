/** Finds a system Chrome or Chromium; court-report never downloads one. */
import { accessSync, constants } from 'node:fs';
import os from 'node:os';
import { UserError } from '../errors.js';
import { chromeCandidates } from './chrome-paths.js';

/** Where browsers are usually installed, best first (see chrome-paths.ts). */
export { usualPaths } from './chrome-paths.js';

export function findChrome(
  env: NodeJS.ProcessEnv = process.env,
  candidates: string[] = chromeCandidates({ platform: process.platform, env, home: os.homedir() }),
): string {
  for (const variable of ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const) {
    const given = env[variable];
    if (!given) continue;
    if (isExecutable(given)) return given;
    throw new UserError({
      message: `${variable} points at ${given}, which is not an executable file`,
      hint: 'set it to the path of a Chrome or Chromium binary, or unset it to use the usual install paths',
    });
  }
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new UserError({
    message: 'no Chrome or Chromium found to print the PDF',
    hint:
      'install Chrome, Chromium or Microsoft Edge (Debian: apt-get install -y --no-install-recommends chromium-headless-shell, or chromium), ' +
      'or set PUPPETEER_EXECUTABLE_PATH to its path; use --html-only to skip the PDF',
  });
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Flags for a headless print that talks to nothing: no sandbox as root, no
 * background networking, no first-run or sync work; the PDF-related ones
 * puppeteer would pass (tagged PDF, outline) included.
 */
export function chromeArgs(isRoot: boolean, options: { screenshots?: boolean } = {}): string[] {
  const args = [
    '--headless=new',
    '--hide-scrollbars',
    '--mute-audio',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-breakpad',
    '--disable-crash-reporter',
    '--disable-component-update',
    '--disable-component-extensions-with-background-pages',
    '--disable-client-side-phishing-detection',
    '--disable-default-apps',
    '--disable-dev-shm-usage',
    '--disable-extensions',
    '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup',
    '--disable-hang-monitor',
    '--disable-ipc-flooding-protection',
    '--disable-popup-blocking',
    '--disable-prompt-on-repost',
    '--disable-renderer-backgrounding',
    '--disable-search-engine-choice-screen',
    '--disable-sync',
    // A print is one frame: handing it to a compositor thread only adds a round trip (~8 ms a print).
    '--disable-threaded-compositing',
    '--disable-quic',
    '--export-tagged-pdf',
    '--generate-pdf-document-outline',
    '--force-color-profile=srgb',
    '--font-render-hinting=none',
    '--metrics-recording-only',
    '--no-default-browser-check',
    '--no-first-run',
    '--password-store=basic',
    '--use-mock-keychain',
  ];
  if (isRoot) {
    args.push('--no-sandbox');
    // Without a sandbox (as root) a separate renderer process isolates nothing: the page renders in the
    // browser's own process, with no renderer or zygote to start and no messages between them. The
    // example's build is ~7% faster and its batch ~10%, with the same PDF bytes. Sandboxed (not root),
    // the renderer keeps its process and its sandbox. Not for screenshots, whose compositor is another matter.
    if (!options.screenshots) args.push('--single-process', '--no-zygote');
  }
  // Without a compositor thread Chrome never produces the frame a screenshot waits for.
  return options.screenshots ? args.filter((arg) => arg !== '--disable-threaded-compositing') : args;
}
