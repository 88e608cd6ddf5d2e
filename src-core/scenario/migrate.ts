// Format migrations: a chain of pure steps, each taking a scenario of version v (plain parsed
// JSON) to version v+1. Runs before validation wherever a scenario is read (app, CLI), so the
// schema only ever sees the current format. A step never drops data: keys it does not know stay
// where they are (the schema then warns about them and keeps them).

/** Version written by this build; files up to it are read, newer ones are refused with a clear message. */
export const CURRENT_FORMAT_VERSION = 2;

type Json = Record<string, unknown>;
type Step = (v: Json) => Json;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * v1 -> v2: the top-level `bookmarks` move into the new `view` section, next to the last camera
 * position (`camera`, null: none saved) and the globe layer switches (`layers`, empty: app
 * defaults). `notes` stays top level.
 */
function v1ToV2(v: Json): Json {
  const { bookmarks, ...rest } = v;
  const oldView = isRecord(rest.view) ? rest.view : {};
  const view: Json = { camera: null, layers: {}, ...oldView };
  if (bookmarks !== undefined) view.bookmarks = bookmarks;
  else if (!('bookmarks' in view)) view.bookmarks = [];
  return { ...rest, formatVersion: 2, view };
}

/** STEPS[i] takes version i+1 to i+2. */
const STEPS: readonly Step[] = [v1ToV2];

export type MigrationResult =
  | { ok: true; value: unknown; fromVersion: number | null }
  | { ok: false; path: string; message: string };

/**
 * Brings a parsed scenario up to CURRENT_FORMAT_VERSION. A value that is not an object, or whose
 * formatVersion is missing, not a whole number or below 1, is returned as it is (the schema then
 * says what is wrong); a version above the current one is refused.
 */
export function migrateScenario(value: unknown): MigrationResult {
  if (!isRecord(value)) return { ok: true, value, fromVersion: null };
  const version = value.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: true, value, fromVersion: null };
  if (version > CURRENT_FORMAT_VERSION) {
    return { ok: false, path: 'formatVersion', message: `this file is format version ${version}, newer than this app understands (${CURRENT_FORMAT_VERSION}); update LEO Planner to open it` };
  }
  let v: Json = value;
  for (let from = version; from < CURRENT_FORMAT_VERSION; from++) v = STEPS[from - 1]!(v);
  return { ok: true, value: v, fromVersion: version };
}

/** One migration step on its own (tests; `from` is the version it starts at). */
export function migrateStep(value: Json, from: number): Json {
  const step = STEPS[from - 1];
  if (!step) throw new Error(`no migration from format version ${from}`);
  return step(value);
}
