import type http from 'node:http';
import type { RequestHandler } from 'express';
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import { Server } from 'socket.io';
import { can, type Actor } from '../auth/policy.js';
import { findSessionUser } from '../auth/queries.js';
import type { Db } from '../db/database.js';
import { subscribe, type ReportChanged } from './bus.js';

/**
 * The rooms a staff member may join, from the same policy as the pages: the coordinators'
 * queue, their own OPD's queue, or everything for read-all roles.
 */
export function roomsFor(actor: Actor): string[] {
  const rooms: string[] = [];
  if (can(actor, 'reports:verify')) rooms.push('verify');
  if (can(actor, 'reports:read_all')) rooms.push('all');
  if (actor.agencyId !== null && can(actor, 'reports:work')) rooms.push(`agency:${actor.agencyId}`);
  return rooms;
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
  deps: { db: Db; session: RequestHandler; databaseUrl?: string },
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
  io.use(async (socket, next) => {
    try {
      const ref = (socket.request as SessionRequest).session?.passport?.user;
      const user = ref ? await findSessionUser(deps.db, ref.id, ref.pw) : undefined;
      if (!user || !can(user, 'staff:area')) return next(new Error('unauthorized'));
      for (const room of roomsFor(user)) await socket.join(room);
      next();
    } catch (err) {
      next(err as Error);
    }
  });
  const unsubscribe = subscribe((event: ReportChanged) => {
    // Coordinators and read-all roles see every report; an OPD only its own.
    const rooms = ['verify', 'all', ...event.agencyIds.map((id) => `agency:${id}`)];
    io.to(rooms).emit('report.changed', { code: event.code, status: event.status, by: event.by });
  });
  return {
    io,
    async close() {
      unsubscribe();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await pool?.end();
    },
  };
}
