import { expect } from 'chai';
import type supertest from 'supertest';

/**
 * The second step of a destructive action (src/http/confirm.ts), as a person meets it:
 * the first post answers a page saying what will happen; its form posts the same fields
 * again with confirm=1, and its "Batal" link leads back. Returns the page's text, the
 * fields its form posts and where "Batal" goes.
 */
export async function confirmationOf(agent: supertest.Agent, path: string, fields: Record<string, string>) {
  const res = await agent.post(path).type('form').send(fields).expect(200);
  expect(res.headers['cache-control']).to.contain('no-store');
  const form = /<form method="post" action="([^"]+)" class="actions">([\s\S]*?)<\/form>/.exec(res.text);
  expect(form, `a confirmation form on ${path}`).to.not.equal(null);
  expect(form![1]!.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).to.equal(path);
  const posted = [...form![2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')] as [string, string]);
  const cancel = /<a class="button button-secondary" href="([^"]+)">/.exec(form![2]!)?.[1]?.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
  const title = /<h1>([^<]*)<\/h1>/.exec(res.text)?.[1];
  const consequences = /data-testid="confirm-consequences">([\s\S]*?)<\/div>/.exec(res.text)?.[1]?.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return { text: res.text, title, consequences, posted, cancel };
}

/** Posts the confirmation's form as the browser would. */
export function confirm(agent: supertest.Agent, path: string, posted: [string, string][]) {
  return agent.post(path).type('form').send(posted.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
}
