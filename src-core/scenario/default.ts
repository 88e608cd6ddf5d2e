// The built-in default scenario: the Amazon Kuiper FCC authorisation (3,236 satellites in three
// Walker-delta shells, docs/DOMAIN.md), AWS regions as points of presence, a starter set of
// gateways near major Internet exchange points, and the launch history to date.
//
// Walker phasing: F = 1 for every shell (slot phase offset between adjacent planes = 360/T deg,
// T = total satellites in the shell). The FCC filing does not state F; F = 1 is the usual
// choice in published Kuiper studies and keeps neighbouring planes' satellites staggered. It is
// a field of the scenario, editable like every other assumption here.
import { makeScenario, type Scenario, type ScenarioInput } from './schema';

type PopInput = NonNullable<ScenarioInput['pops']>[number];
type GatewayInput = NonNullable<ScenarioInput['gateways']>[number];
type LaunchInput = NonNullable<NonNullable<ScenarioInput['rollout']>['launches']>[number];

/**
 * AWS commercial regions (the aws partition; GovCloud and China are separate partitions and not
 * listed). Coordinates are the metro the region is named after (approximate; AWS does not
 * publish data-centre locations).
 */
export const AWS_REGION_POPS: readonly PopInput[] = [
  { id: 'aws-us-east-1', name: 'US East (N. Virginia)', latDeg: 39.04, lonDeg: -77.49, kind: 'aws-region' },
  { id: 'aws-us-east-2', name: 'US East (Ohio)', latDeg: 39.96, lonDeg: -83.0, kind: 'aws-region' },
  { id: 'aws-us-west-1', name: 'US West (N. California)', latDeg: 37.34, lonDeg: -121.89, kind: 'aws-region' },
  { id: 'aws-us-west-2', name: 'US West (Oregon)', latDeg: 45.84, lonDeg: -119.7, kind: 'aws-region' },
  { id: 'aws-ca-central-1', name: 'Canada (Central)', latDeg: 45.5, lonDeg: -73.57, kind: 'aws-region' },
  { id: 'aws-ca-west-1', name: 'Canada West (Calgary)', latDeg: 51.05, lonDeg: -114.07, kind: 'aws-region' },
  { id: 'aws-mx-central-1', name: 'Mexico (Central)', latDeg: 20.59, lonDeg: -100.39, kind: 'aws-region' },
  { id: 'aws-sa-east-1', name: 'South America (São Paulo)', latDeg: -23.55, lonDeg: -46.63, kind: 'aws-region' },
  { id: 'aws-eu-west-1', name: 'Europe (Ireland)', latDeg: 53.35, lonDeg: -6.26, kind: 'aws-region' },
  { id: 'aws-eu-west-2', name: 'Europe (London)', latDeg: 51.51, lonDeg: -0.13, kind: 'aws-region' },
  { id: 'aws-eu-west-3', name: 'Europe (Paris)', latDeg: 48.86, lonDeg: 2.35, kind: 'aws-region' },
  { id: 'aws-eu-central-1', name: 'Europe (Frankfurt)', latDeg: 50.11, lonDeg: 8.68, kind: 'aws-region' },
  { id: 'aws-eu-central-2', name: 'Europe (Zurich)', latDeg: 47.37, lonDeg: 8.54, kind: 'aws-region' },
  { id: 'aws-eu-north-1', name: 'Europe (Stockholm)', latDeg: 59.36, lonDeg: 17.95, kind: 'aws-region' },
  { id: 'aws-eu-south-1', name: 'Europe (Milan)', latDeg: 45.46, lonDeg: 9.19, kind: 'aws-region' },
  { id: 'aws-eu-south-2', name: 'Europe (Spain)', latDeg: 41.65, lonDeg: -0.88, kind: 'aws-region' },
  { id: 'aws-il-central-1', name: 'Israel (Tel Aviv)', latDeg: 32.09, lonDeg: 34.78, kind: 'aws-region' },
  { id: 'aws-me-south-1', name: 'Middle East (Bahrain)', latDeg: 26.07, lonDeg: 50.56, kind: 'aws-region' },
  { id: 'aws-me-central-1', name: 'Middle East (UAE)', latDeg: 24.45, lonDeg: 54.38, kind: 'aws-region' },
  { id: 'aws-af-south-1', name: 'Africa (Cape Town)', latDeg: -33.92, lonDeg: 18.42, kind: 'aws-region' },
  { id: 'aws-ap-south-1', name: 'Asia Pacific (Mumbai)', latDeg: 19.08, lonDeg: 72.88, kind: 'aws-region' },
  { id: 'aws-ap-south-2', name: 'Asia Pacific (Hyderabad)', latDeg: 17.39, lonDeg: 78.49, kind: 'aws-region' },
  { id: 'aws-ap-east-1', name: 'Asia Pacific (Hong Kong)', latDeg: 22.38, lonDeg: 114.13, kind: 'aws-region' },
  { id: 'aws-ap-east-2', name: 'Asia Pacific (Taipei)', latDeg: 25.03, lonDeg: 121.57, kind: 'aws-region' },
  { id: 'aws-ap-southeast-1', name: 'Asia Pacific (Singapore)', latDeg: 1.35, lonDeg: 103.82, kind: 'aws-region' },
  { id: 'aws-ap-southeast-2', name: 'Asia Pacific (Sydney)', latDeg: -33.87, lonDeg: 151.21, kind: 'aws-region' },
  { id: 'aws-ap-southeast-3', name: 'Asia Pacific (Jakarta)', latDeg: -6.21, lonDeg: 106.85, kind: 'aws-region' },
  { id: 'aws-ap-southeast-4', name: 'Asia Pacific (Melbourne)', latDeg: -37.81, lonDeg: 144.96, kind: 'aws-region' },
  { id: 'aws-ap-southeast-5', name: 'Asia Pacific (Malaysia)', latDeg: 3.14, lonDeg: 101.69, kind: 'aws-region' },
  { id: 'aws-ap-southeast-6', name: 'Asia Pacific (New Zealand)', latDeg: -36.85, lonDeg: 174.76, kind: 'aws-region' },
  { id: 'aws-ap-southeast-7', name: 'Asia Pacific (Thailand)', latDeg: 13.76, lonDeg: 100.5, kind: 'aws-region' },
  { id: 'aws-ap-northeast-1', name: 'Asia Pacific (Tokyo)', latDeg: 35.68, lonDeg: 139.69, kind: 'aws-region' },
  { id: 'aws-ap-northeast-2', name: 'Asia Pacific (Seoul)', latDeg: 37.57, lonDeg: 126.98, kind: 'aws-region' },
  { id: 'aws-ap-northeast-3', name: 'Asia Pacific (Osaka)', latDeg: 34.69, lonDeg: 135.5, kind: 'aws-region' },
];

const gw = (id: string, name: string, latDeg: number, lonDeg: number, countryCode: string, popId: string | null): GatewayInput => ({
  id, name, latDeg, lonDeg, countryCode, popId, minElevationDeg: 25, status: 'live',
});

/**
 * Starter gateways: one near each of 16 major Internet exchange metros inside the service band
 * (|lat| < 56), set on open land 20-50 km outside the city. popId is the region in the same
 * metro where there is one, else null (backhaul to the nearest PoP).
 */
export const STARTER_GATEWAYS: readonly GatewayInput[] = [
  gw('gw-ashburn', 'Ashburn, VA (Leesburg)', 39.16, -77.64, 'US', 'aws-us-east-1'),
  gw('gw-chicago', 'Chicago, IL (Aurora)', 41.76, -88.42, 'US', null),
  gw('gw-dallas', 'Dallas, TX (Midlothian)', 32.47, -96.99, 'US', null),
  gw('gw-los-angeles', 'Los Angeles, CA (Chino)', 33.97, -117.63, 'US', null),
  gw('gw-seattle', 'Seattle, WA (Enumclaw)', 47.22, -122.0, 'US', null),
  gw('gw-miami', 'Miami, FL (Homestead)', 25.5, -80.52, 'US', null),
  gw('gw-sao-paulo', 'São Paulo (Cajamar)', -23.36, -46.9, 'BR', 'aws-sa-east-1'),
  gw('gw-frankfurt', 'Frankfurt (Hanau)', 50.17, 8.98, 'DE', 'aws-eu-central-1'),
  gw('gw-london', 'London (Hertfordshire)', 51.78, -0.35, 'GB', 'aws-eu-west-2'),
  gw('gw-madrid', 'Madrid (Alcalá de Henares)', 40.44, -3.3, 'ES', null),
  gw('gw-johannesburg', 'Johannesburg (Centurion)', -25.9, 28.12, 'ZA', null),
  gw('gw-mumbai', 'Mumbai (Bhiwandi)', 19.33, 73.1, 'IN', 'aws-ap-south-1'),
  gw('gw-singapore', 'Singapore (Johor)', 1.62, 103.58, 'MY', 'aws-ap-southeast-1'),
  gw('gw-tokyo', 'Tokyo (Kashiwa)', 35.9, 140.0, 'JP', 'aws-ap-northeast-1'),
  gw('gw-sydney', 'Sydney (Penrith)', -33.76, 150.72, 'AU', 'aws-ap-southeast-2'),
  gw('gw-auckland', 'Auckland (Pukekohe)', -37.2, 174.92, 'NZ', 'aws-ap-southeast-6'),
];

/** Launch history (DOMAIN.md): 153 satellites in orbit after KF-03. Dates are UTC days. */
export const KUIPER_LAUNCHES: readonly LaunchInput[] = [
  { id: 'KA-01', name: 'KA-01', dateUtc: '2025-04-28T00:00:00Z', vehicle: 'Atlas V', satellites: 27, shellId: null },
  { id: 'KA-02', name: 'KA-02', dateUtc: '2025-06-23T00:00:00Z', vehicle: 'Atlas V', satellites: 27, shellId: null },
  { id: 'KF-01', name: 'KF-01', dateUtc: '2025-07-16T00:00:00Z', vehicle: 'Falcon 9', satellites: 24, shellId: null },
  { id: 'KF-02', name: 'KF-02', dateUtc: '2025-08-11T00:00:00Z', vehicle: 'Falcon 9', satellites: 24, shellId: null },
  { id: 'KA-03', name: 'KA-03', dateUtc: '2025-09-25T00:00:00Z', vehicle: 'Atlas V', satellites: 27, shellId: null },
  // Only the month is recorded for KF-03; the 1st stands in for the day.
  { id: 'KF-03', name: 'KF-03 (October 2025)', dateUtc: '2025-10-01T00:00:00Z', vehicle: 'Falcon 9', satellites: 24, shellId: null },
];

type CadenceInput = NonNullable<NonNullable<ScenarioInput['rollout']>['cadence']>[number];

/**
 * Projected cadence after KF-03 (an assumption, editable; docs/ROLLOUT.md): Falcon 9 and Atlas V
 * keep about one launch every 6 weeks between them (DOMAIN.md), and the larger vehicles join from
 * 2026 with more satellites per launch (Vulcan Centaur 45, Ariane 64 35, New Glenn 48: the payload
 * counts Amazon has announced or that fit the fairing; projections, not contracts).
 */
export const KUIPER_CADENCE: readonly CadenceInput[] = [
  { vehicle: 'Falcon 9', fromUtc: '2025-12-01T00:00:00Z', launchesPerMonth: 0.35, satellitesPerLaunch: 24, shellId: null },
  { vehicle: 'Atlas V', fromUtc: '2026-01-15T00:00:00Z', launchesPerMonth: 0.35, satellitesPerLaunch: 27, shellId: null },
  { vehicle: 'Vulcan Centaur', fromUtc: '2026-03-01T00:00:00Z', launchesPerMonth: 0.75, satellitesPerLaunch: 45, shellId: null },
  { vehicle: 'Ariane 6', fromUtc: '2026-04-01T00:00:00Z', launchesPerMonth: 0.35, satellitesPerLaunch: 35, shellId: null },
  { vehicle: 'New Glenn', fromUtc: '2026-06-01T00:00:00Z', launchesPerMonth: 0.35, satellitesPerLaunch: 48, shellId: null },
];

/** FCC milestones of the Kuiper authorisation: half the constellation by 2026-07-30, all of it by 2029-07-30. */
export const KUIPER_MILESTONES = [
  { label: 'FCC: half the constellation (1,618)', dateUtc: '2026-07-30T00:00:00Z', satellites: 1618 },
  { label: 'FCC: full constellation (3,236)', dateUtc: '2029-07-30T00:00:00Z', satellites: 3236 },
] as const;

export const DEFAULT_SCENARIO_NAME = 'Amazon Kuiper (FCC authorization) — default';

/** The default scenario (a fresh object each call). */
export function defaultScenario(): Scenario {
  return makeScenario({
    formatVersion: 2,
    name: DEFAULT_SCENARIO_NAME,
    notes: [
      'Kuiper FCC authorization: 3,236 satellites in three circular Walker-delta shells (K1 630 km 51.9 deg 34x34, K2 610 km 42 deg 36x36, K3 590 km 33 deg 28x28).',
      'Walker phasing F = 1 per shell (not stated in the filing; an assumption, editable).',
      'PoPs: AWS commercial regions at approximate metro coordinates. Gateways: a 16-site starter set near major Internet exchange metros, not Amazon\'s actual sites.',
      'Launch history to October 2025 (KF-03 day approximate): 153 satellites; projected cadence to full deployment and FCC milestones in rollout (assumptions, docs/ROLLOUT.md).',
    ].join('\n'),
    epochUtc: '2026-01-01T00:00:00Z',
    constellation: {
      shells: [
        { id: 'K1', name: 'Kuiper K1 (630 km, 51.9 deg)', altitudeKm: 630, inclinationDeg: 51.9, planes: 34, satsPerPlane: 34, phasingF: 1, raanSpreadDeg: 360, raanOffsetDeg: 0, status: 'operational', islEnabled: true },
        { id: 'K2', name: 'Kuiper K2 (610 km, 42 deg)', altitudeKm: 610, inclinationDeg: 42, planes: 36, satsPerPlane: 36, phasingF: 1, raanSpreadDeg: 360, raanOffsetDeg: 0, status: 'operational', islEnabled: true },
        { id: 'K3', name: 'Kuiper K3 (590 km, 33 deg)', altitudeKm: 590, inclinationDeg: 33, planes: 28, satsPerPlane: 28, phasingF: 1, raanSpreadDeg: 360, raanOffsetDeg: 0, status: 'operational', islEnabled: true },
      ],
      elementSets: [],
    },
    isl: { enabled: true, crossPlanePhaseOffset: 0, grazingHeightKm: 80, maxLengthKm: null },
    terminal: { minElevationDeg: 35, maxSlantKm: null },
    gateways: STARTER_GATEWAYS.map((g) => ({ ...g })),
    pops: AWS_REGION_POPS.map((p) => ({ ...p })),
    analysis: { startUtc: '2026-01-01T00:00:00Z', durationS: 5760, stepS: 60, h3Resolution: 3, landOnly: true, demandWeighted: true },
    rollout: {
      launches: KUIPER_LAUNCHES.map((l) => ({ ...l })),
      cadence: KUIPER_CADENCE.map((c) => ({ ...c })),
      planeFill: 'plane-by-plane',
      insertionAltitudeKm: 450,
      raisingWeeks: 8,
      milestones: KUIPER_MILESTONES.map((m) => ({ ...m })),
    },
    view: {
      bookmarks: [
        { name: 'North America', latDeg: 40, lonDeg: -98, heightKm: 9000 },
        { name: 'Europe', latDeg: 50, lonDeg: 10, heightKm: 6000 },
        { name: 'Whole service band', latDeg: 0, lonDeg: 0, heightKm: 25000 },
      ],
      camera: null,
      layers: {},
    },
  });
}
