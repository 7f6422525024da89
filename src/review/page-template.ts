/** The review page's template folder, shipped with court-report beside the report's. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateSource } from '../config/types.js';

// From dist/review/ and from the bundle in dist/bin/, both two folders below the package.
export const reviewTemplatesDir = fileURLToPath(new URL('../../templates/review', import.meta.url));

export const reviewTemplateSource: TemplateSource = {
  dir: reviewTemplatesDir,
  body: join(reviewTemplatesDir, 'body.hbs'),
  kind: 'status-report',
  title: 'REVIEW BEFORE FILING',
  filingParty: '',
  filingPartyPlural: true,
};
