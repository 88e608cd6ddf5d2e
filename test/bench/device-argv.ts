// Imported first by device-render.ts. Bundled, every module's import.meta.url is the bundle's own,
// so the "run as a script?" checks in run.ts and scripts/serve.mjs (argv[1] === this module)
// would all be true: clearing argv[1] keeps their command lines from running.
process.argv[1] = '';
