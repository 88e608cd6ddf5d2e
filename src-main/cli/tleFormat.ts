// Two-line element sets from mean elements: the engine's writer (src-core/io/tleWrite.ts), used
// by assets/examples/make-examples.ts.
export { formatTle } from '../../src-core/io/tleWrite';
