/**
 * Handlebars' compiled form of the bundled templates, by the SHA-256 of each
 * file's text. Empty here: the bundled command line (dist/bin/) gets this
 * module from scripts/precompile-templates.mjs instead, compiled from
 * templates/ when it is built. Without an entry a template is compiled at
 * run time, which renders the same document.
 */
import type Handlebars from 'handlebars';

export type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

export const bundledSpecs: ReadonlyMap<string, TemplateSpecification> = new Map();
