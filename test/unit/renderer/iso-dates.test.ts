// The UI's one date parser (Jump to, gateway in-service date): ISO forms only, impossible dates
// refused with the sentence the user sees, never rolled over into the next month.
import { describe, expect, it } from 'vitest';
import { formatUtcMinutes, parseUtcInput } from '../../../src-renderer/ui/format';

describe('parseUtcInput', () => {
  it.each([
    ['2026-01-01', Date.UTC(2026, 0, 1)],
    ['2026-01-01 00:30', Date.UTC(2026, 0, 1, 0, 30)],
    ['2026-01-01T00:30Z', Date.UTC(2026, 0, 1, 0, 30)],
    ['2026-01-01T23:59:59', Date.UTC(2026, 0, 1, 23, 59, 59)],
    ['  2028-02-29 12:00 UTC ', Date.UTC(2028, 1, 29, 12)],
  ])('reads %j', (text, ms) => {
    expect(parseUtcInput(text)).toEqual({ ok: true, utcMs: ms });
  });

  it.each(['2026-02-30', '2027-02-29', '2026-13-01', '2026-01-01 24:00', '2026-01-01 10:60', '01/02/2026', 'next tuesday', ''])('refuses %j with the forms it accepts', (text) => {
    expect(parseUtcInput(text)).toEqual({ ok: false, error: `'${text.trim()}' is not a valid date: use YYYY-MM-DD or YYYY-MM-DDTHH:MMZ` });
  });

  it('formats in the same ISO order', () => {
    expect(formatUtcMinutes(Date.UTC(2026, 0, 1, 1, 36, 59))).toBe('2026-01-01 01:36 UTC');
  });
});
