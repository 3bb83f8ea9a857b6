import { expect } from 'chai';
import { REPORT_STATUSES, type ReportStatus } from '../../src/db/schema.js';
import { CLOSED_STATUSES, OPEN_STATUSES, WAITING_ON_CITIZEN, WAITING_ON_GOVERNMENT } from '../../src/reports/statuses.js';
import { type Action, canTransition, nextStatus, TRANSITIONS, TransitionError } from '../../src/reports/transitions.js';

/**
 * The state machine's table itself (DESIGN.md section 4), read as a graph: every rule
 * the lifecycle diagram draws, and nothing it does not.
 */
const ACTIONS = Object.keys(TRANSITIONS) as Action[];

/** Where each status can go in one step ('previous' resolved to every status a pause can start from). */
function edges(): Map<ReportStatus, Set<ReportStatus>> {
  const out = new Map<ReportStatus, Set<ReportStatus>>(REPORT_STATUSES.map((s) => [s, new Set()]));
  const pausable = TRANSITIONS.request_info.from;
  for (const action of ACTIONS) {
    for (const from of TRANSITIONS[action].from as readonly ReportStatus[]) {
      const targets = TRANSITIONS[action].to === 'previous' ? pausable : [TRANSITIONS[action].to as ReportStatus];
      for (const to of targets) out.get(from)!.add(to);
    }
  }
  return out;
}

function reachableFrom(start: ReportStatus): Set<ReportStatus> {
  const graph = edges();
  const seen = new Set<ReportStatus>([start]);
  const queue = [start];
  while (queue.length) for (const next of graph.get(queue.shift()!)!) if (!seen.has(next)) (seen.add(next), queue.push(next));
  return seen;
}

describe('the report state machine (reports/transitions.ts)', () => {
  it('names only real statuses, and every action can happen from somewhere', () => {
    for (const action of ACTIONS) {
      const { from, to } = TRANSITIONS[action];
      expect(from.length, action).to.be.greaterThan(0);
      for (const s of from) expect(REPORT_STATUSES, `${action} from`).to.include(s);
      if (to !== 'previous') expect(REPORT_STATUSES, `${action} to`).to.include(to);
    }
  });

  it('reaches every status from a new report, and closed reports go nowhere', () => {
    expect([...reachableFrom('submitted')].sort()).to.deep.equal([...REPORT_STATUSES].sort());
    const graph = edges();
    for (const closed of CLOSED_STATUSES) expect([...graph.get(closed)!], closed).to.deep.equal([]);
    for (const open of OPEN_STATUSES) expect(graph.get(open)!.size, open).to.be.greaterThan(0);
  });

  it('ends every open report somewhere closed: nothing can be stuck open for good', () => {
    for (const open of OPEN_STATUSES) {
      const closedReachable = [...reachableFrom(open)].filter((s) => (CLOSED_STATUSES as readonly string[]).includes(s));
      expect(closedReachable, open).to.not.be.empty;
    }
  });

  it('walks the lifecycle of DESIGN.md: verified, acknowledged, drafted, approved, resolved', () => {
    const path: [Action, ReportStatus][] = [
      ['verify', 'assigned'],
      ['acknowledge', 'in_progress'],
      ['submit_draft', 'awaiting_approval'],
      ['return_draft', 'in_progress'],
      ['submit_draft', 'awaiting_approval'],
      ['approve', 'answered'],
      ['appeal', 'in_progress'],
      ['submit_draft', 'awaiting_approval'],
      ['approve', 'answered'],
      ['resolve', 'resolved'],
    ];
    let status: ReportStatus = 'submitted';
    for (const [action, expected] of path) {
      status = nextStatus(action, status, null);
      expect(status, action).to.equal(expected);
    }
  });

  it('returns from a pause to where the report was, and a report returned as bukan wewenang to the coordinator', () => {
    for (const from of TRANSITIONS.request_info.from) {
      expect(nextStatus('request_info', from, null)).to.equal('needs_info');
      expect(nextStatus('provide_info', 'needs_info', from), `paused in ${from}`).to.equal(from);
    }
    expect(nextStatus('return', 'in_progress', null)).to.equal('submitted');
    expect(nextStatus('transfer', 'in_progress', null)).to.equal('assigned');
  });

  it('lets only the coordinator’s verification, a rejection or a merge close or move a new report', () => {
    const fromSubmitted = ACTIONS.filter((a) => canTransition('submitted', a)).sort();
    expect(fromSubmitted).to.deep.equal(['merge', 'reject', 'request_info', 'verify']);
    // An answer the citizen has not accepted can be reopened, appealed or resolved, nothing else.
    expect(ACTIONS.filter((a) => canTransition('answered', a)).sort()).to.deep.equal(['appeal', 'reopen', 'resolve']);
  });

  it('refuses a move the status does not allow with a 409 that names it', () => {
    expect(canTransition('in_progress', 'approve')).to.equal(false);
    let error: unknown;
    try {
      nextStatus('approve', 'in_progress', null);
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(TransitionError);
    expect((error as TransitionError).status).to.equal(409);
    expect((error as TransitionError).code).to.equal('not_allowed');
    expect((error as TransitionError).reportStatus).to.equal('in_progress');
  });
});

describe('status groups (reports/statuses.ts)', () => {
  it('splits every status into open or closed, once', () => {
    expect([...OPEN_STATUSES, ...CLOSED_STATUSES].sort()).to.deep.equal([...REPORT_STATUSES].sort());
    expect(OPEN_STATUSES.filter((s) => (CLOSED_STATUSES as readonly string[]).includes(s))).to.deep.equal([]);
    // Open311's "closed" (DESIGN.md section 4).
    expect([...CLOSED_STATUSES].sort()).to.deep.equal(['merged', 'rejected', 'resolved']);
  });

  it('says whose move it is: the government’s or the citizen’s, never both, never for a closed report', () => {
    const government = Object.keys(WAITING_ON_GOVERNMENT);
    for (const s of WAITING_ON_CITIZEN) expect(government, s).to.not.include(s);
    for (const s of [...government, ...WAITING_ON_CITIZEN]) expect(OPEN_STATUSES as readonly string[], s).to.include(s);
    // Every open status waits on someone.
    expect([...government, ...WAITING_ON_CITIZEN].sort()).to.deep.equal([...OPEN_STATUSES].sort());
  });
});
