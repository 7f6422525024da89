/** `validate`'s account of a template folder with fallbacks: each file, and the folder it is read from. */
import type { TemplateSource } from '../config/types.js';
import { displayPath } from '../display-path.js';
import type { TemplateFileOrigin } from './template-files.js';

export function templateOriginLines(origins: TemplateFileOrigin[], source: TemplateSource, cwd: string): string {
  const width = Math.max(...origins.map((origin) => origin.name.length));
  const lines = origins.map((origin) => {
    const from = origin.folder === source.fallbackDir ? 'bundled' : origin.folder === source.dir ? 'template.dir' : 'template.body';
    return `  ${origin.name.padEnd(width)}  ${from.padEnd(13)} ${displayPath(origin.file, cwd)}\n`;
  });
  return `template files:\n${lines.join('')}`;
}
