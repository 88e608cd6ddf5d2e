// The time panel (bottom): play/pause, playback speed (reverse x1000 .. x1000), a scrubbable
// timeline across the analysis window, a UTC clock and a jump-to-date field. Its keys (Space,
// [ ], arrows, Home / End) are in the shortcut table of ui/actions.ts.
import { useState } from 'react';
import { parseIsoUtc, utcMs } from '../../../src-core/units';
import { useApp } from '../../state/store';
import { formatUtc, formatUtcMinutes, parseUtcInput } from '../format';

export const PLAYBACK_SPEEDS = [-1000, -300, -100, -60, -10, -1, 1, 10, 60, 100, 300, 1000] as const;

/** The speed `dir` steps away from `speed` in PLAYBACK_SPEEDS (clamped). */
export function stepSpeed(speed: number, dir: 1 | -1): number {
  let i = PLAYBACK_SPEEDS.findIndex((s) => s >= speed);
  if (i < 0) i = PLAYBACK_SPEEDS.length - 1;
  if (PLAYBACK_SPEEDS[i] !== speed && dir < 0) i++; // between two: the lower neighbour is i-1
  const j = Math.min(PLAYBACK_SPEEDS.length - 1, Math.max(0, i + dir));
  return PLAYBACK_SPEEDS[j]!;
}

const toInput = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** Jump to a typed UTC date; a date that cannot be read says why next to the field and keeps the current time. */
function JumpTo() {
  const t = useApp((s) => s.timeUtcMs);
  const setTime = useApp((s) => s.setTime);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** False when the draft could not be read (the error shows and the time stays). */
  const commit = (): boolean => {
    if (draft === null) return true;
    const r = parseUtcInput(draft);
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    setError(null);
    setTime(utcMs(r.utcMs));
    setDraft(null);
    return true;
  };
  return (
    <div className="timeline__jump">
      <input
        className={`timeline__date${error ? ' is-invalid' : ''}`}
        type="text"
        spellCheck={false}
        placeholder="YYYY-MM-DD HH:MM"
        data-testid="jump-to"
        aria-label="Jump to date and time (UTC)"
        aria-invalid={error !== null}
        aria-describedby={error ? 'jump-to-error' : undefined}
        title="Jump to a date and time (UTC): YYYY-MM-DD, YYYY-MM-DD HH:MM or YYYY-MM-DDTHH:MMZ"
        value={draft ?? toInput(t)}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(null);
        }}
        onBlur={() => {
          // Leaving a bad entry shows the current time again; the message stays until the next edit.
          if (!commit()) setDraft(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(null);
            setError(null);
          }
        }}
      />
      {error && (
        <span className="timeline__error" id="jump-to-error" role="alert" data-testid="jump-to-error">
          {error}
        </span>
      )}
    </div>
  );
}

export function TimelinePanel() {
  const t = useApp((s) => s.timeUtcMs);
  const playing = useApp((s) => s.playing);
  const speed = useApp((s) => s.speed);
  const analysis = useApp((s) => s.scenario.analysis);
  const togglePlaying = useApp((s) => s.togglePlaying);
  const setSpeed = useApp((s) => s.setSpeed);
  const setTime = useApp((s) => s.setTime);
  const start = parseIsoUtc(analysis.startUtc);
  const end = start + analysis.durationS * 1000;
  const outside = t < start || t > end;
  const speeds: number[] = PLAYBACK_SPEEDS.includes(speed as (typeof PLAYBACK_SPEEDS)[number]) ? [...PLAYBACK_SPEEDS] : [...PLAYBACK_SPEEDS, speed].sort((a, b) => a - b);
  return (
    <div className="timeline" data-testid="timeline">
      <button type="button" className="btn timeline__play" onClick={togglePlaying} aria-label={playing ? 'Pause' : 'Play'} title={playing ? 'Pause (Space)' : 'Play (Space)'} aria-keyshortcuts="Space" data-testid="play">
        {playing ? '❚❚' : '▶'}
      </button>
      <output className="timeline__time" data-testid="sim-time" title="Simulation time (UTC)">
        {formatUtc(t)}
      </output>
      <div className="timeline__track">
        <input
          className="timeline__range"
          type="range"
          aria-label="Simulation time"
          aria-valuetext={formatUtc(t)}
          min={start}
          max={end}
          step={1000}
          value={Math.min(Math.max(t, start), end)}
          onChange={(e) => setTime(utcMs(Number(e.target.value)))}
          data-testid="time-range"
        />
        <div className="timeline__ticks muted" aria-hidden="true">
          <span>{formatUtcMinutes(start)}</span>
          {outside && <span className="timeline__outside">outside the analysis window</span>}
          <span>{formatUtcMinutes(end)}</span>
        </div>
      </div>
      <label className="timeline__speed" title="Playback speed ([ slower, ] faster)">
        Speed
        <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="speed" aria-keyshortcuts="[ ]">
          {speeds.map((v) => (
            <option key={v} value={v}>
              {v < 0 ? `◀ ${-v}×` : `${v}×`}
            </option>
          ))}
        </select>
      </label>
      <JumpTo />
      <button type="button" className="btn" onClick={() => setTime(utcMs(start))} title="Back to the window start (Home)" aria-keyshortcuts="Home">
        ⇤
      </button>
    </div>
  );
}
