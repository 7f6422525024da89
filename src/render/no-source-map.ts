/**
 * Stands in for the source-map package in the bundled command (esbuild
 * --alias:source-map). Handlebars uses it only to build source maps, which
 * court-report never asks for; without it Handlebars generates template code
 * with its own lighter builder: less to load, and templates compile faster.
 */
export {};
