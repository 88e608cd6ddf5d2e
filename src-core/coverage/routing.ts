// Coverage routes with the one router (network/router.ts); re-exported here for the optimizer,
// which imports its distance-only search from this path.
export { DistRouter, LabelRouter } from '../network/router';
