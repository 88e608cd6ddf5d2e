// Serves the built renderer (out/renderer) on 127.0.0.1 for the tests, with the same CSP as the
// Electron app (scripts/serve.mjs). The URL reaches the test workers through the environment.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const root = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
  if (!existsSync(`${root}index.html`)) throw new Error(`${root}index.html is missing: build first (npm run build, or npm run test:e2e which builds when needed)`);
  const server = await startServer({ root, port: 0 });
  process.env.LEO_E2E_URL = server.url;
  return () => server.close();
}
