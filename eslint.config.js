// Lint config. The layer rules below enforce the dependency table in docs/ARCHITECTURE.md:
// src-core is a pure engine; src-renderer never reaches into src-main (type-only imports of the
// IPC contract excepted); src-main never reaches into src-renderer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'worker_threads', 'url', 'util', 'stream'];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', 'bench-results/', '.gl/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'warn',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', '.ci/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly' } },
  },
  {
    files: ['src-core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: NODE_BUILTINS, message: 'src-core is a pure engine: no Node APIs.' },
          { group: ['electron', 'electron/*'], message: 'src-core must not import electron.' },
          { group: ['cesium', 'cesium/*', 'three', 'three/*'], message: 'src-core must not import rendering libraries.' },
          { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*'], message: 'src-core must not import UI libraries.' },
          { group: ['**/src-renderer/**', '**/src-main/**', '../../src-renderer/*', '../../src-main/*'], message: 'src-core must not import other layers.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/src-main/**'], allowTypeImports: true, message: 'src-renderer may only import types (the IPC contract) from src-main.' },
          { group: NODE_BUILTINS, message: 'the renderer runs in a browser: no Node APIs.' },
          { group: ['electron', 'electron/*'], message: 'the renderer reaches Electron only through the preload bridge (platform/).' },
        ],
      }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/src-renderer/**'], message: 'src-main must not import the renderer.' },
          { group: ['cesium', 'cesium/*', 'three', 'three/*', 'react', 'react-dom', 'zustand'], message: 'src-main must not import renderer libraries.' },
        ],
      }],
    },
  },
);
