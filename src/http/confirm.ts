import type { Request, RequestHandler, Response } from 'express';

/**
 * The second step of a destructive action (reject a report, delete a holiday, deactivate
 * a user, revoke a token, delete a routing rule), one mechanism for all, with no
 * JavaScript: the form's first POST is answered with a page that says what will happen,
 * holding a form that posts the very same fields again plus `confirm=1`, and a way back.
 * Only that second POST reaches the handler. The CSRF check runs on both posts (the route
 * puts csrfProtection first), and the handler checks everything again when it acts.
 */
export interface Confirmation {
  /** The question: "Tolak laporan 95D4-K7XW?" */
  title: string;
  /** What will happen, a sentence each: who is told, what cannot be undone. */
  consequences: string[];
  /** The records it applies to, when there are several (a bulk action): one line each. */
  items?: string[];
  /** The button that does it: "Ya, tolak laporan". */
  confirmLabel: string;
  /** Where "Batal" leads: the page the action started from. */
  cancelHref: string;
  /** The button's look: red for what destroys or closes (the default), blue for a batch that does not. */
  tone?: 'danger' | 'primary';
}

/**
 * What the first POST would do, in words, after the checks that would refuse it anyway
 * (the record exists, the user may, the input is valid: throw as the handler would, and
 * the refusal is shown as it would be). undefined: this request needs no confirmation.
 */
export type Describe = (req: Request, res: Response) => Confirmation | undefined | Promise<Confirmation | undefined>;

/** Field names and values to post again, as hidden inputs (a checkbox group sends several). */
function hiddenFields(body: Record<string, unknown>): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const [name, value] of Object.entries(body)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.push({ name, value: String(v) });
    }
  }
  return out;
}

export function confirmFirst(describe: Describe): RequestHandler {
  return async (req, res, next) => {
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const confirmed = body.confirm === '1';
    // Not a field of the action: keep it out of the action's validation.
    delete body.confirm;
    if (confirmed) return next();
    const ask = await describe(req, res);
    if (!ask) return next();
    res.render('confirm', { title: ask.title, ask, danger: ask.tone !== 'primary', action: req.originalUrl, fields: hiddenFields(body) });
  };
}
