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
    ['/c/maple/back/AbC_-123', '/c/maple/back/…'],
    ['/c/maple/evacuation/check-in/6FuHHtiO-Jf_s', '/c/maple/evacuation/check-in/…'],
    ['/c/maple/evacuation/safe/6FuHHtiO-Jf_s/route?x=1', '/c/maple/evacuation/safe/…/route?x=1'],
    ['/api/v1/communities/maple/evacuation/check-in/6FuH', '/api/v1/communities/maple/evacuation/check-in/…'],
    ['/api/v1/communities/maple/evacuation/safe/6FuH', '/api/v1/communities/maple/evacuation/safe/…'],
    ['/c/maple/evacuation/drills', '/c/maple/evacuation/drills'],
    ['/login?next=%2Fc%2Fmaple%2Fevacuation%2Fsafe%2F6FuH', '/login?next=…'],
    ['/login?next=%2Fc%2Fmaple%2Fposts', '/login?next=%2Fc%2Fmaple%2Fposts'],
  ])('%s is logged as %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});
