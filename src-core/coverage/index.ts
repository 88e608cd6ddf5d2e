// Coverage: grid, gateway-independent cache, routing labels and the incremental evaluator.
export * from './grid';
export * from './cache';
export * from './routing';
export * from './evaluator';
export * from './latencyHistogram';
