// The scenario: one plain, serialisable object holding everything needed to reproduce a result.
// Defined once with zod; `parseScenario` returns a typed result (never throws) with a JSON path
// and a human sentence for every problem. Units are in field names; degrees only at this edge.
import { z } from 'zod';
import { ommProblems } from '../constellation/elements';
import { tleLineProblems } from '../constellation/tle';
import { parseIsoStrict } from '../time/iso';
import { duplicateKeyMessage, findDuplicateJsonKey, findJsonSyntaxError } from './jsonSyntax';
import { CURRENT_FORMAT_VERSION, migrateScenario } from './migrate';
import { keepUnknownKeys } from './unknownKeys';

/** The format this build writes (src-core/scenario/migrate.ts reads every older one). */
export const FORMAT_VERSION = CURRENT_FORMAT_VERSION as 2;

const id = z.string().min(1, 'must not be empty').max(64).regex(/^[A-Za-z0-9._:-]+$/, 'may only use letters, digits, ".", "_", ":" and "-"');
const isoTime = z.string().superRefine((s, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(s)) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 UTC time such as 2026-01-01T00:00:00Z' });
    return;
  }
  const r = parseIsoStrict(s);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
});

/**
 * Most satellites one scenario may hold (Walker slots plus element sets). Starlink Gen2 filings
 * reach ~30,000; the limit leaves room above that and stops a small file from asking for millions
 * (which would take minutes and gigabytes before failing).
 */
export const MAX_SATELLITES = 100_000;
/** Most gateways and PoPs a scenario may hold. */
export const MAX_GROUND_SITES = 20_000;
const latDeg = z.number().min(-90, 'latitude must be between -90 and 90 degrees').max(90, 'latitude must be between -90 and 90 degrees');
const lonDeg = z.number().min(-180, 'longitude must be between -180 and 180 degrees').max(180, 'longitude must be between -180 and 180 degrees');
const elevationDeg = z.number().min(0, 'elevation mask must be between 0 and 90 degrees').max(90, 'elevation mask must be between 0 and 90 degrees');

export const SatelliteStatus = z.enum(['planned', 'raising', 'operational']);
export type SatelliteStatus = z.infer<typeof SatelliteStatus>;

/** A Walker-delta shell i: t/p/f. RAAN spread 360 deg for delta, 180 for star. */
export const WalkerShell = z.object({
  id,
  name: z.string(),
  altitudeKm: z.number().min(150, 'altitude must be at least 150 km (LEO)').max(40000),
  inclinationDeg: z.number().min(0).max(180),
  planes: z.number().int().min(1).max(1000),
  satsPerPlane: z.number().int().min(1).max(1000),
  /** Walker phasing factor F (0..planes-1): slot phase offset between adjacent planes = F*360/T. */
  phasingF: z.number().int().min(0),
  raanSpreadDeg: z.number().gt(0).max(360).default(360),
  raanOffsetDeg: z.number().default(0),
  status: SatelliteStatus.default('operational'),
  /** Laser crosslinks on or off for this shell. */
  islEnabled: z.boolean().default(true),
}).superRefine((s, ctx) => {
  if (s.phasingF >= s.planes) ctx.addIssue({ code: 'custom', path: ['phasingF'], message: `phasing factor F must be less than the number of planes (${s.planes})` });
});
export type WalkerShell = z.infer<typeof WalkerShell>;

/** A real element set, embedded as TLE lines or a CelesTrak OMM JSON record. */
// Embedded element sets get the same checks as imported files (checksums, field formats and
// ranges): a letter in a TLE field must not silently turn 53 degrees into 5.
export const ElementSet = z.discriminatedUnion('format', [
  z.object({ format: z.literal('tle'), name: z.string(), line1: z.string().length(69, 'TLE line 1 must be 69 characters'), line2: z.string().length(69, 'TLE line 2 must be 69 characters'), shellId: z.string().optional(), status: SatelliteStatus.default('operational') })
    .superRefine((e, ctx) => {
      for (const p of tleLineProblems(e.line1, e.line2)) ctx.addIssue({ code: 'custom', path: [p.line === 1 ? 'line1' : 'line2'], message: p.message.replace(/^line \d+: /, '') });
    }),
  z.object({ format: z.literal('omm'), omm: z.record(z.string(), z.union([z.string(), z.number()])), shellId: z.string().optional(), status: SatelliteStatus.default('operational') })
    .superRefine((e, ctx) => {
      for (const m of ommProblems(e.omm)) ctx.addIssue({ code: 'custom', path: ['omm'], message: m });
    }),
]);
export type ElementSet = z.infer<typeof ElementSet>;

export const IslSettings = z.object({
  enabled: z.boolean().default(true),
  /** Cross-plane links connect slot s in plane p to slot s + offset in plane p+1. */
  crossPlanePhaseOffset: z.number().int().default(0),
  /** Links must not pass below this height above the ellipsoid; sets the maximum length. */
  grazingHeightKm: z.number().min(0).default(80),
  /** Optional extra cap on link length. */
  maxLengthKm: z.number().positive().nullable().default(null),
});

export const Gateway = z.object({
  id,
  name: z.string(),
  latDeg,
  lonDeg,
  altitudeKm: z.number().min(-0.5).max(9).default(0),
  minElevationDeg: elevationDeg.default(25),
  maxSlantKm: z.number().positive().nullable().default(null),
  /** Antennas at the site; each tracks one satellite at a time (capacity model: feeder links). */
  antennas: z.number().int().min(1).default(8),
  /** Backhaul capacity from the gateway to its PoP, Gbps (capacity model). */
  capacityGbps: z.number().positive().default(80),
  /** PoP this gateway backhauls to; null = nearest PoP. */
  popId: z.string().nullable().default(null),
  status: z.enum(['planned', 'live']).default('live'),
  inServiceDate: isoTime.nullable().default(null),
  countryCode: z.string().max(3).nullable().default(null),
});
export type Gateway = z.infer<typeof Gateway>;

export const Pop = z.object({
  id,
  name: z.string(),
  latDeg,
  lonDeg,
  kind: z.enum(['aws-region', 'aws-edge', 'direct-connect', 'ix', 'other']).default('aws-region'),
});
export type Pop = z.infer<typeof Pop>;

export const LatencyModel = z.object({
  /** Space and radio legs travel at the speed of light in vacuum. */
  vacuumKmPerS: z.number().positive().default(299792.458),
  /** Refractive index of fiber (speed = c / index). */
  fiberRefractiveIndex: z.number().min(1).default(1.47),
  /** Fiber route length / great-circle distance. */
  fiberRouteFactor: z.number().min(1).default(1.5),
  /** Processing + queueing per satellite hop. */
  perHopProcessingMs: z.number().min(0).default(0.1),
  /** Processing at a gateway (RF to ground network). */
  gatewayProcessingMs: z.number().min(0).default(0.5),
});
export type LatencyModel = z.infer<typeof LatencyModel>;

export const RoutingSettings = z.object({
  /** No laser crosslinks: user -> satellite -> gateway only. */
  bentPipeOnly: z.boolean().default(false),
  /** Allow paths that go down to a gateway and up again (ground relay) for ground-to-ground. */
  allowGatewayRelay: z.boolean().default(true),
  maxSatelliteHops: z.number().int().min(1).max(1000).default(30),
  /** A ground point is "served" only if its one-way latency to a PoP is within this budget. */
  maxOneWayLatencyMs: z.number().positive().default(100),
});

export const TerminalSettings = z.object({
  minElevationDeg: elevationDeg.default(35),
  maxSlantKm: z.number().positive().nullable().default(null),
});

/** Time steps in one analysis window (durationS / stepS): each step propagates every satellite. */
export const MAX_ANALYSIS_STEPS = 100_000;

export const AnalysisSettings = z.object({
  startUtc: isoTime.default('2026-01-01T00:00:00Z'),
  durationS: z.number().positive().max(30 * 86400).default(5760),
  stepS: z.number().min(1, 'the time step must be at least 1 s').default(60),
  h3Resolution: z.number().int().min(0).max(6).default(3),
  landOnly: z.boolean().default(true),
  demandWeighted: z.boolean().default(true),
}).superRefine((a, ctx) => {
  // Checked before anything is built: a 1e-300 s step would ask for endless time steps.
  if (a.durationS / a.stepS > MAX_ANALYSIS_STEPS) ctx.addIssue({ code: 'custom', path: ['stepS'], message: `${a.durationS} s in steps of ${a.stepS} s is ${Math.ceil(a.durationS / a.stepS).toLocaleString('en-US')} time steps; the limit is ${MAX_ANALYSIS_STEPS.toLocaleString('en-US')}: use a longer step or a shorter duration` });
});

/**
 * Capacity model assumptions (docs/CAPACITY.md). Demand per cell = population x takeRatePct/100 x
 * busyHourMbpsPerSubscriber / 1000 Gbps. Gateway antennas and backhaul are per gateway.
 */
export const CapacitySettings = z.object({
  /** Share of the population that subscribes, %. */
  takeRatePct: z.number().min(0).max(100).default(0.1),
  /** Average busy-hour rate per subscriber after oversubscription, Mbps. */
  busyHourMbpsPerSubscriber: z.number().min(0).max(10000).default(2),
  /** User-beam (terminal side) capacity of one satellite, Gbps. */
  userBeamGbpsPerSatellite: z.number().min(0).default(20),
  /** Capacity of one laser crosslink in each direction, Gbps. */
  laserGbps: z.number().min(0).default(100),
  /** Feeder-link capacity of one gateway antenna (it tracks one satellite at a time), Gbps. */
  feederGbpsPerAntenna: z.number().min(0).default(10),
});
export type CapacitySettings = z.infer<typeof CapacitySettings>;

export const PlanningConstraints = z.object({
  minSpacingKm: z.number().min(0).default(0),
  excludedCountries: z.array(z.string()).default([]),
  maxPerCountry: z.number().int().positive().nullable().default(null),
  /** What the gateway optimizer maximises: 'latency' (coverage and latency) or 'served' (Gbps served, capacity model); absent = 'latency'. */
  objective: z.enum(['latency', 'served']).optional(),
});

export const CameraBookmark = z.object({
  name: z.string(),
  latDeg,
  lonDeg,
  heightKm: z.number().positive(),
  headingDeg: z.number().default(0),
  pitchDeg: z.number().default(-90),
});

/** Where the camera looks from: geodetic degrees, km above the ellipsoid, heading/pitch in degrees. */
export const CameraView = z.object({
  latDeg,
  lonDeg,
  heightKm: z.number().positive(),
  headingDeg: z.number().default(0),
  pitchDeg: z.number().default(-90),
});
export type CameraView = z.infer<typeof CameraView>;

/** The globe's layer switches, named as the app's Layers panel names them. */
export const GLOBE_LAYER_NAMES = ['satellites', 'links', 'footprints', 'feederBeams', 'userBeams', 'gateways', 'pops', 'labels', 'backhaul', 'path'] as const;
export type GlobeLayerKey = (typeof GLOBE_LAYER_NAMES)[number];
/** A layer left out shows as the app's default. */
export const ViewLayers = z.object(Object.fromEntries(GLOBE_LAYER_NAMES.map((n) => [n, z.boolean().optional()])) as Record<GlobeLayerKey, z.ZodOptional<z.ZodBoolean>>);
export type ViewLayers = z.infer<typeof ViewLayers>;

/** How the scenario was last looked at (format v2): bookmarks, the last camera, the layer switches. No engine figure depends on it. */
export const ScenarioView = z.object({
  bookmarks: z.array(CameraBookmark).default([]),
  /** The camera when the scenario was saved; null: none saved (the app's home view). */
  camera: CameraView.nullable().default(null),
  layers: ViewLayers.default({}),
});
export type ScenarioView = z.infer<typeof ScenarioView>;
export type CameraBookmark = z.infer<typeof CameraBookmark>;

export const Launch = z.object({
  id,
  name: z.string(),
  dateUtc: isoTime,
  vehicle: z.string().default(''),
  satellites: z.number().int().min(0),
  /** Walker shell the launch fills; null = the first shell with free slots (scenario order). */
  shellId: z.string().nullable().default(null),
  /** Planes (0-based) the launch fills, in order; empty = the plane-fill policy picks. */
  planes: z.array(z.number().int().min(0)).default([]),
});
export type Launch = z.infer<typeof Launch>;

/** Projected launches of one vehicle (src-core/rollout/schedule.ts generates them until the shells are full). */
export const LaunchCadence = z.object({
  vehicle: z.string().min(1, 'name the vehicle'),
  /** First projected launch of this vehicle. */
  fromUtc: isoTime,
  launchesPerMonth: z.number().gt(0, 'launches per month must be above 0').max(31),
  satellitesPerLaunch: z.number().int().min(1, 'a launch carries at least 1 satellite').max(1000),
  shellId: z.string().nullable().default(null),
});
export type LaunchCadence = z.infer<typeof LaunchCadence>;

export const RolloutMilestone = z.object({
  label: z.string(),
  dateUtc: isoTime,
  /** Satellites the milestone asks for (e.g. half the constellation), if any. */
  satellites: z.number().int().min(0).nullable().default(null),
});

/** Plane-fill policy: 'plane-by-plane' fills planes 0, 1, 2, ...; 'spread' fills them in bit-reversed order around the RAAN circle. */
export const PlaneFillPolicy = z.enum(['plane-by-plane', 'spread']);
export type PlaneFillPolicy = z.infer<typeof PlaneFillPolicy>;

/** Launch schedule and deployment model (docs/ROLLOUT.md). */
export const RolloutSettings = z.object({
  launches: z.array(Launch).default([]),
  cadence: z.array(LaunchCadence).default([]),
  planeFill: PlaneFillPolicy.default('plane-by-plane'),
  /** Altitude at which satellites are released, km. */
  insertionAltitudeKm: z.number().min(150, 'insertion altitude must be at least 150 km').max(40000).default(450),
  /** Weeks from launch until a satellite reaches its slot and carries traffic. */
  raisingWeeks: z.number().min(0).max(520).default(8),
  milestones: z.array(RolloutMilestone).default([]),
});
export type RolloutSettings = z.infer<typeof RolloutSettings>;

export const Scenario = z.object({
  formatVersion: z.literal(FORMAT_VERSION),
  name: z.string().default('Untitled scenario'),
  notes: z.string().default(''),
  /** Epoch of the Walker shells' element sets (mean anomaly 0 of slot 0, plane 0). */
  epochUtc: isoTime.default('2026-01-01T00:00:00Z'),
  constellation: z.object({
    shells: z.array(WalkerShell).default([]),
    elementSets: z.array(ElementSet).max(MAX_SATELLITES, `at most ${MAX_SATELLITES.toLocaleString('en-US')} element sets per scenario`).default([]),
  }).superRefine((c, ctx) => {
    const walker = c.shells.reduce((n, sh) => n + sh.planes * sh.satsPerPlane, 0);
    const total = walker + c.elementSets.length;
    if (total > MAX_SATELLITES) {
      ctx.addIssue({ code: 'custom', path: ['shells'], message: `the constellation asks for ${total.toLocaleString('en-US')} satellites (${walker.toLocaleString('en-US')} in Walker shells, ${c.elementSets.length.toLocaleString('en-US')} element sets); the limit is ${MAX_SATELLITES.toLocaleString('en-US')} per scenario: lower planes x satsPerPlane` });
    }
  }),
  isl: IslSettings.default(IslSettings.parse({})),
  terminal: TerminalSettings.default(TerminalSettings.parse({})),
  gateways: z.array(Gateway).max(MAX_GROUND_SITES, `at most ${MAX_GROUND_SITES.toLocaleString('en-US')} gateways per scenario`).default([]),
  pops: z.array(Pop).max(MAX_GROUND_SITES, `at most ${MAX_GROUND_SITES.toLocaleString('en-US')} PoPs per scenario`).default([]),
  latency: LatencyModel.default(LatencyModel.parse({})),
  routing: RoutingSettings.default(RoutingSettings.parse({})),
  analysis: AnalysisSettings.default(AnalysisSettings.parse({})),
  planning: PlanningConstraints.default(PlanningConstraints.parse({})),
  capacity: CapacitySettings.default(CapacitySettings.parse({})),
  rollout: RolloutSettings.default(RolloutSettings.parse({})),
  view: ScenarioView.default(ScenarioView.parse({})),
}).superRefine((s, ctx) => {
  const dup = (items: { id: string }[], key: string) => {
    const seen = new Set<string>();
    items.forEach((it, i) => {
      if (seen.has(it.id)) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id "${it.id}": every ${key.slice(0, -1)} needs a unique id` });
      seen.add(it.id);
    });
  };
  dup(s.gateways, 'gateways');
  dup(s.pops, 'pops');
  dup(s.constellation.shells, 'shells');
  const popIds = new Set(s.pops.map((p) => p.id));
  s.gateways.forEach((g, i) => {
    if (g.popId !== null && !popIds.has(g.popId)) ctx.addIssue({ code: 'custom', path: ['gateways', i, 'popId'], message: `gateway "${g.id}" backhauls to PoP "${g.popId}", which is not in "pops"; use an existing PoP id or null for the nearest` });
  });
});
export type Scenario = z.infer<typeof Scenario>;
/**
 * Input to makeScenario: the current format, or a format-1 literal (same shape without `view`),
 * which is migrated like a v1 file.
 */
export type ScenarioInput = Omit<z.input<typeof Scenario>, 'formatVersion'> & { formatVersion: 1 | typeof FORMAT_VERSION };

export interface ScenarioProblem {
  /** JSON path such as "gateways[3].latDeg". */
  path: string;
  message: string;
}
/**
 * `warnings` on success: keys the schema does not know (kept in `scenario` and written back on
 * save, but unused), with a "did you mean" when one is close.
 */
export type ParseResult = { ok: true; scenario: Scenario; warnings: ScenarioProblem[] } | { ok: false; problems: ScenarioProblem[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(root)';
}

/**
 * Validate an unknown value (already JSON-parsed) as a scenario. Never throws. Older formats are
 * migrated first (migrate.ts); unknown keys are kept and listed in `warnings`.
 */
export function validateScenario(value: unknown): ParseResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problems: [{ path: '(root)', message: 'a scenario must be a JSON object with "formatVersion" and "constellation"' }] };
  }
  const migrated = migrateScenario(value);
  if (!migrated.ok) return { ok: false, problems: [{ path: migrated.path, message: migrated.message }] };
  const r = Scenario.safeParse(migrated.value);
  if (!r.success) return { ok: false, problems: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  const warnings: ScenarioProblem[] = [];
  keepUnknownKeys(migrated.value, r.data, warnings);
  return { ok: true, scenario: r.data, warnings };
}

/** Parse scenario JSON text. Never throws; syntax errors report line, column and what to write instead. */
export function parseScenario(text: string): ParseResult {
  let value: unknown;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const err = findJsonSyntaxError(body);
    if (err) return { ok: false, problems: [{ path: '(file)', message: `not valid JSON at line ${err.line}, column ${err.column}: ${err.message}` }] };
    return { ok: false, problems: [{ path: '(file)', message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  const dup = findDuplicateJsonKey(body);
  if (dup) return { ok: false, problems: [{ path: dup.path, message: duplicateKeyMessage(dup) }] };
  return validateScenario(value);
}

/** Apply defaults to a partial scenario; throws only on programmer error (used for built-ins). */
export function makeScenario(input: ScenarioInput): Scenario {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(`invalid built-in scenario: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return r.scenario;
}

/** The schema's defaults for a new gateway (the one place they live), as a proposal: status 'planned'. */
export function newGatewayDefaults(): Omit<Gateway, 'id' | 'name' | 'latDeg' | 'lonDeg' | 'countryCode'> {
  const { id: _id, name: _name, latDeg: _lat, lonDeg: _lon, countryCode: _cc, ...rest } = Gateway.parse({ id: 'x', name: '', latDeg: 0, lonDeg: 0 });
  return { ...rest, status: 'planned' };
}
