import type { RequestHandler } from 'express';

/**
 * Every answer to a signed-in request (a session or an API token) is `Cache-Control:
 * no-store`, set here once: staff pages show reporters' names, contacts and texts, which
 * must not stay in a shared computer's browser cache, its back button, or a proxy. A
 * handler may still choose a policy of its own after this (public reference lists do),
 * but nothing for staff needs one.
 */
export const noStoreWhenSignedIn: RequestHandler = (req, res, next) => {
  if (req.user) res.set('Cache-Control', 'no-store');
  next();
};
