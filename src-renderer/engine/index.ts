// The engine door: the typed worker client and the protocol types callers need.
export { EngineClient, spawnEngineWorker, rebuildError } from './client';
export type { EngineClientOptions, EngineStatus, EngineStatusInfo, RequestOptions, WorkerFactory, EngineWorkerPort, WorkerEvents } from './client';
export * from './protocol';
