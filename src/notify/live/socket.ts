import type http from 'node:http';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { RequestHandler } from 'express';
import pg from 'pg';
import { Server, type Socket } from 'socket.io';
import { can } from '../../auth/policy.js';
import { findSessionUser } from '../../auth/queries.js';
import type { Db } from '../../db/database.js';
import type { Logger } from '../../logger.js';
import { reportRooms, roomsFor } from '../../reports/access.js';
import { supportingAgencyIds } from '../../reports/queries.js';
import { liveBatches } from './batches.js';
import { subscribe, type ReportChanged } from './bus.js';

/** What a staff page is told of a change: a list of these in 'reports.changed'. */
interface LiveChange {
  code: string;
  status: ReportChanged['status'];
  by: number | null;
}

interface SessionRequest extends http.IncomingMessage {
  session?: { passport?: { user?: { id: number; pw: number } } };
}

/**
 * socket.io on the app's HTTP server. A socket is accepted only with a live staff
 * session (the same cookie, store and checks as the pages) and joins only its rooms.
 * On a PostgreSQL server (`databaseUrl`), the PostgreSQL adapter carries each process's
 * events to the sockets of every other process (LISTEN/NOTIFY), so behind a load
 * balancer a change made through one process reaches staff connected to any of them.
 */
export function attachLive(
  server: http.Server,
  deps: { db: Db; session: RequestHandler; databaseUrl?: string; logger?: Logger },
): { io: Server; close(): Promise<void> } {
  const io = new Server(server, { serveClient: true, cors: { origin: false } });
  // Its own small pool: LISTEN holds a connection for good.
  const pool = deps.databaseUrl ? new pg.Pool({ connectionString: deps.databaseUrl, max: 2 }) : undefined;
  if (pool) {
    pool.on('error', () => undefined); // a dropped connection is retried by the adapter
    // The adapter holds its LISTEN client checked out and listens for its 'end' only: an
    // 'error' on it (the server restarting: 57P01) would be unhandled and end the process.
    pool.on('connect', (client) => client.on('error', () => undefined));
    io.adapter(createAdapter(pool));
  }
  io.engine.use(deps.session);
  const admit = async (socket: Socket): Promise<Error | undefined> => {
    const ref = (socket.request as SessionRequest).session?.passport?.user;
    const user = ref ? await findSessionUser(deps.db, ref.id, ref.pw) : undefined;
    if (!user || !can(user, 'staff:area')) return new Error('unauthorized');
    for (const room of roomsFor(user)) await socket.join(room);
    return undefined;
  };
  io.use((socket, next) => {
    admit(socket).then(next, (err: unknown) => next(err as Error));
  });
  // Sent together, a moment later (batches.ts): one message for many changes under load.
  const batches = liveBatches<LiveChange>((rooms, changes) => io.to(rooms).emit('reports.changed', changes));
  // Told to whoever may see the report: every OPD that has it (the supporting ones too),
  // the one it left, and those who see every report.
  const tell = async (event: ReportChanged) => {
    // A report just submitted has no supporting OPD yet (they are named when it is
    // forwarded, and no report returns to 'submitted'): one read fewer per report made.
    const supporting = event.status === 'submitted' ? [] : await supportingAgencyIds(deps.db, event.reportId);
    const rooms = reportRooms({ assigned_agency_id: event.agencyId }, supporting, event.previousAgencyId);
    batches.add(rooms, { code: event.code, status: event.status, by: event.by });
  };
  const unsubscribe = subscribe((event) => {
    tell(event).catch((err: unknown) => deps.logger?.warn({ err: (err as Error).message, code: event.code }, 'live update not sent'));
  });
  return {
    io,
    async close() {
      unsubscribe();
      batches.flush();
      await io.close();
      await pool?.end();
    },
  };
}
