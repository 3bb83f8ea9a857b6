import { expect } from 'chai';
import { holidaySeeds } from '../../src/db/seed/reference.js';
import {
  addWorkingMinutes, dueAfter, firstCountedDay, jakartaInstant, officeHours, parseClock, workingMinutesBetween,
} from '../../src/shared/calendar.js';

/** An instant written as Jakarta wall-clock time: '2026-11-20 17:00'. */
function J(text: string): Date {
  const [ymd, hm] = text.split(' ');
  return jakartaInstant(ymd!, parseClock(hm!));
}
const iso = (text: string) => J(text).toISOString();

// The seeded days off (SKB 2026 with its cuti bersama, date-holidays for 2027).
const holidays = new Set(holidaySeeds([2026, 2027]).map((h) => h.date));
const none = new Set<string>();

describe('working-day calendar with office hours', () => {
  it('reads office hours and refuses nonsense', () => {
    expect(officeHours()).to.deep.equal({ start: 480, end: 960 });
    expect(officeHours('07:30', '15:30')).to.deep.equal({ start: 450, end: 930 });
    expect(() => officeHours('16:00', '08:00')).to.throw(RangeError);
    expect(() => parseClock('8:00')).to.throw(RangeError);
  });

  it('falls at office close of the Nth working day; the day of receipt is not counted', () => {
    // Wednesday 2026-11-25 10:00 + 1 HK: Thursday 16:00.
    expect(dueAfter(J('2026-11-25 10:00'), 1, none).toISOString()).to.equal(iso('2026-11-26 16:00'));
    expect(dueAfter(J('2026-11-25 10:00'), 3, none).toISOString()).to.equal(iso('2026-11-30 16:00'));
    // Before opening, the same day counts.
    expect(dueAfter(J('2026-11-23 07:30'), 1, none).toISOString()).to.equal(iso('2026-11-23 16:00'));
  });

  it('moves a stage started on Friday after close, or at the weekend, to Monday', () => {
    expect(firstCountedDay(J('2026-11-20 17:00'), none)).to.equal('2026-11-23');
    expect(dueAfter(J('2026-11-20 17:00'), 1, none).toISOString()).to.equal(iso('2026-11-23 16:00'));
    expect(dueAfter(J('2026-11-20 10:00'), 1, none).toISOString()).to.equal(iso('2026-11-23 16:00'));
    expect(dueAfter(J('2026-11-21 10:00'), 1, none).toISOString()).to.equal(iso('2026-11-23 16:00'));
    expect(dueAfter(J('2026-11-22 23:59'), 5, none).toISOString()).to.equal(iso('2026-11-27 16:00'));
  });

  it('skips Idul Fitri 2026 (21-22 March) and its cuti bersama (18, 20, 23, 24 March) and Nyepi (19 March)', () => {
    expect(dueAfter(J('2026-03-17 10:00'), 1, holidays).toISOString()).to.equal(iso('2026-03-25 16:00'));
    expect(dueAfter(J('2026-03-17 10:00'), 3, holidays).toISOString()).to.equal(iso('2026-03-27 16:00'));
    expect(dueAfter(J('2026-03-16 10:00'), 2, holidays).toISOString()).to.equal(iso('2026-03-25 16:00'));
  });

  it('counts the evening before an Islamic holiday as part of a working day', () => {
    // date-holidays starts Idul Adha (Wednesday 2026-05-27) at 18:00 on Tuesday; offices
    // work all Tuesday, so a report from Monday is due on Tuesday.
    expect(dueAfter(J('2026-05-25 10:00'), 1, holidays).toISOString()).to.equal(iso('2026-05-26 16:00'));
    // Received Tuesday evening: Wednesday is Idul Adha, Thursday cuti bersama: Friday.
    expect(dueAfter(J('2026-05-26 19:00'), 1, holidays).toISOString()).to.equal(iso('2026-05-29 16:00'));
  });

  it('crosses the year boundary (Christmas cuti bersama, New Year)', () => {
    expect(dueAfter(J('2026-12-31 10:00'), 1, holidays).toISOString()).to.equal(iso('2027-01-04 16:00'));
    expect(dueAfter(J('2026-12-23 10:00'), 2, holidays).toISOString()).to.equal(iso('2026-12-29 16:00'));
    expect(dueAfter(J('2026-12-30 20:00'), 2, holidays).toISOString()).to.equal(iso('2027-01-04 16:00'));
  });

  it('follows configured office hours', () => {
    const early = officeHours('07:30', '15:30');
    expect(dueAfter(J('2026-11-20 15:45'), 1, none, early).toISOString()).to.equal(iso('2026-11-23 15:30'));
    expect(dueAfter(J('2026-11-23 07:15'), 1, none, early).toISOString()).to.equal(iso('2026-11-23 15:30'));
  });

  it('counts working minutes only in office hours on working days', () => {
    expect(workingMinutesBetween(J('2026-11-20 15:00'), J('2026-11-23 09:00'), none)).to.equal(120);
    expect(workingMinutesBetween(J('2026-11-21 09:00'), J('2026-11-22 15:00'), none)).to.equal(0);
    expect(workingMinutesBetween(J('2026-11-23 09:00'), J('2026-11-20 09:00'), none)).to.equal(0);
  });

  it('moves a deadline by a pause across a holiday in working time, not wall-clock time', () => {
    // Paused Tuesday 17 March 12:00, resumed Wednesday 25 March 12:00: eight calendar
    // days, but only one working day (half of the 17th and half of the 25th).
    const paused = workingMinutesBetween(J('2026-03-17 12:00'), J('2026-03-25 12:00'), holidays);
    expect(paused).to.equal(480);
    expect(addWorkingMinutes(J('2026-03-26 16:00'), paused, holidays).toISOString()).to.equal(iso('2026-03-27 16:00'));
  });

  it('extends by working days from office close, and goes backwards', () => {
    expect(addWorkingMinutes(J('2026-11-20 16:00'), 2 * 480, none).toISOString()).to.equal(iso('2026-11-24 16:00'));
    expect(addWorkingMinutes(J('2026-11-20 16:00'), 60, none).toISOString()).to.equal(iso('2026-11-23 09:00'));
    expect(addWorkingMinutes(J('2026-12-30 16:00'), 480, holidays).toISOString()).to.equal(iso('2026-12-31 16:00'));
    expect(addWorkingMinutes(J('2026-12-31 16:00'), 480, holidays).toISOString()).to.equal(iso('2027-01-04 16:00'));
    // Backwards lands on an opening: Monday 08:00 is the same working instant as Friday 16:00.
    expect(addWorkingMinutes(J('2026-11-24 16:00'), -2 * 480, none).toISOString()).to.equal(iso('2026-11-23 08:00'));
    expect(addWorkingMinutes(J('2026-11-23 10:00'), -180, none).toISOString()).to.equal(iso('2026-11-20 15:00'));
  });
});
