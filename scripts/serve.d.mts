// Types for scripts/serve.mjs, so TypeScript tests (unit and e2e) can import it.
import type { Server } from 'node:http';

export declare const CSP: string;
export declare const ISOLATION_HEADERS: Readonly<Record<string, string>>;
export declare const MIME_TYPES: Readonly<Record<string, string>>;
/** POST here (same origin, body = reason): the page reports that hardware WebGL failed. */
export declare const SOFTWARE_RENDERING_PATH: string;

export type SoftwareRenderingAnswer = { relaunching: true } | { relaunching: false; why: string };

export interface StartServerOptions {
  /** Folder to serve, e.g. out/renderer. */
  root: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Answers the page's report that hardware WebGL failed (scripts/start.mjs reopens the window). */
  onSoftwareRendering?: (reason: string) => SoftwareRenderingAnswer;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:43125/ (trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
  server: Server;
}

export declare function startServer(options: StartServerOptions): Promise<RunningServer>;

export declare function resolveRequestPath(
  root: string,
  requestUrl: string,
): Promise<{ status: 200; file: string; size: number } | { status: 400 | 403 | 404 }>;
