import { expect } from 'chai';
import express, { Router } from 'express';
import supertest from 'supertest';
import { gated } from '../../src/http/gate.js';

/**
 * http/gate.ts skips a capability's router for paths none of its routes can match; what
 * the app answers must not change: the same routes match (in any case, as Express's
 * default routing does, with paths given as lists), a router whose routes could match
 * anywhere is always entered, and no router after the one that answered is entered.
 */
describe('routers gated by their first path segment', () => {
  function app() {
    const entered: string[] = [];
    const tracking = Router();
    tracking.use('/lacak', (_req, _res, next) => {
      entered.push('tracking');
      next();
    });
    tracking.get('/lacak/:code', (req, res) => void res.send(`lacak ${req.params.code}`));
    const portal = Router();
    portal.get(['/publik', '/publik/:id'], (_req, res) => void res.send('publik'));
    const anywhere = Router();
    anywhere.use((_req, _res, next) => {
      entered.push('anywhere');
      next();
    });
    anywhere.get('/:page', (req, res) => void res.send(`page ${req.params.page}`));
    const a = express();
    a.use(gated(tracking));
    a.use(gated(portal));
    a.use(gated(anywhere));
    return { app: a, entered };
  }

  it('answers every path as the routers without the gate do', async () => {
    const { app: a, entered } = app();
    expect((await supertest(a).get('/lacak/ABC').expect(200)).text).to.equal('lacak ABC');
    expect((await supertest(a).get('/LACAK/abc').expect(200)).text).to.equal('lacak abc');
    expect(entered.splice(0), 'a router after the one that answered was entered').to.deep.equal(['tracking', 'tracking']);
    expect((await supertest(a).get('/publik/7').expect(200)).text).to.equal('publik');
    expect((await supertest(a).get('/publik').expect(200)).text).to.equal('publik');
    expect(entered.splice(0)).to.deep.equal([]);
  });

  it('always enters a router that could match any path, and passes on what no router has', async () => {
    const { app: a, entered } = app();
    expect((await supertest(a).get('/tentang').expect(200)).text).to.equal('page tentang');
    expect(entered.splice(0)).to.deep.equal(['anywhere']);
    await supertest(a).get('/lacak').expect(200, 'page lacak');
    await supertest(a).get('/a/b/c').expect(404);
    expect(entered.splice(0)).to.deep.equal(['tracking', 'anywhere', 'anywhere']);
  });
});
