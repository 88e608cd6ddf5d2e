// The planning report (issue 15 §4): content from the engine's results, written as PDF (pdf-lib).
// The CSV form of the same figures is src-core/io/report.ts.
export * from './content';
export * from './pdf';
export { pdfSafe, charsetOf } from './text';
