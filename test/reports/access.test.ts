import { expect } from 'chai';
import type { Actor } from '../../src/auth/policy.js';
import { ROLES } from '../../src/db/schema.js';
import { canViewReport, isOwnAgency, reportRooms, reportScope, roomsFor } from '../../src/reports/access.js';

/**
 * Who may see a report is one rule (reports/access.ts): the pages and the staff API ask
 * canViewReport, sockets join roomsFor, a change is told in reportRooms, the dashboard
 * holds a Kepala OPD to reportScope. Here, for every role and every way an OPD can hold a
 * report, they must agree.
 */
const OWN = 10;
const OTHER = 20;
const SUPPORTING = 30;

const actors: Actor[] = ROLES.flatMap((role, i) => [
  { id: i * 10 + 1, role, agencyId: null },
  { id: i * 10 + 2, role, agencyId: OWN },
  { id: i * 10 + 3, role, agencyId: SUPPORTING },
]);

const reports = [
  { name: 'not forwarded yet', report: { assigned_agency_id: null }, supporting: [] },
  { name: 'forwarded to the own OPD', report: { assigned_agency_id: OWN }, supporting: [] },
  { name: 'forwarded to another OPD', report: { assigned_agency_id: OTHER }, supporting: [] },
  { name: 'another OPD’s, supported by this one', report: { assigned_agency_id: OTHER }, supporting: [SUPPORTING] },
];

describe('who may see a report (reports/access.ts)', () => {
  it('lets coordinators and read-all roles see every report, an OPD its own and those it supports', () => {
    const sees = (role: string, agencyId: number | null, i: number) =>
      canViewReport({ id: 1, role: role as Actor['role'], agencyId }, reports[i]!.report, reports[i]!.supporting);
    for (const role of ['coordinator', 'leader', 'admin']) for (let i = 0; i < reports.length; i++) expect(sees(role, null, i), role).to.equal(true);
    for (const role of ['agency_staff', 'agency_head']) {
      expect([0, 1, 2, 3].map((i) => sees(role, OWN, i)), `${role} of the assigned OPD`).to.deep.equal([false, true, false, false]);
      expect([0, 1, 2, 3].map((i) => sees(role, SUPPORTING, i)), `${role} of a supporting OPD`).to.deep.equal([false, false, false, true]);
      expect([0, 1, 2, 3].map((i) => sees(role, null, i)), `${role} of no OPD`).to.deep.equal([false, false, false, false]);
    }
  });

  it('tells a change to exactly the sockets of those who may open the report', () => {
    for (const actor of actors) {
      for (const { name, report, supporting } of reports) {
        const rooms = new Set(reportRooms(report, supporting));
        const hears = roomsFor(actor).some((room) => rooms.has(room));
        expect(hears, `${actor.role} of OPD ${actor.agencyId}, report ${name}`).to.equal(canViewReport(actor, report, supporting));
      }
    }
  });

  it('tells the OPD a report was taken from that it left its queue', () => {
    const staff: Actor = { id: 1, role: 'agency_staff', agencyId: OWN };
    const rooms = reportRooms({ assigned_agency_id: OTHER }, [], OWN);
    expect(roomsFor(staff).some((room) => rooms.includes(room))).to.equal(true);
  });

  it('holds the dashboard of a Kepala OPD to their own OPD, and of a role with no OPD to nothing', () => {
    expect(reportScope({ id: 1, role: 'agency_head', agencyId: OWN })).to.equal(OWN);
    expect(reportScope({ id: 1, role: 'agency_head', agencyId: null })).to.equal(null);
    expect(reportScope({ id: 1, role: 'leader', agencyId: null })).to.equal('all');
    expect(reportScope({ id: 1, role: 'coordinator', agencyId: null })).to.equal('all');
  });

  it('counts a report as an OPD’s own only while it is assigned to it', () => {
    const head: Actor = { id: 1, role: 'agency_head', agencyId: OWN };
    expect(isOwnAgency(head, { assigned_agency_id: OWN })).to.equal(true);
    expect(isOwnAgency(head, { assigned_agency_id: OTHER })).to.equal(false);
    expect(isOwnAgency({ id: 2, role: 'coordinator', agencyId: null }, { assigned_agency_id: null })).to.equal(false);
  });
});
