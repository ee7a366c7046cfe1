import { describe, expect, it } from 'vitest';
import { redactUrl } from './log-redact.ts';

describe('URLs as the log records them', () => {
  it.each([
    ['/calendar/abcDEF123_-xyz0123456789.ics', '/calendar/…'],
    ['/login/s3cr3t-token', '/login/…'],
    ['/setup?token=abc&next=/x', '/setup?token=…&next=/x'],
    ['/c/maple/join?invite=K7Q2', '/c/maple/join?invite=…'],
    ['/unsubscribe/0193-acc/shifts.reminders/sig123', '/unsubscribe/0193-acc/shifts.reminders/…'],
    ['/c/maple/shifts/places/0193/shifts.ics', '/c/maple/shifts/places/0193/shifts.ics'],
    ['/account/calendar', '/account/calendar'],
  ])('%s is logged as %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});
