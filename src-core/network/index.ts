// Network: laser crosslink topology, ground links, per-step routing graphs and route queries.
export * from './graph';
export * from './backhaul';
export * from './isl';
export * from './ground';
export * from './snapshot';
export * from './route';
