import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type supertest from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { apiReport, citizenOf, type FixtureReport, tempDir, visitor } from './fixtures.js';

/**
 * An upload that is going to be refused is refused before its body is read (issue 20,
 * item 6): no session or form token, no access to the report, a wrong tracking token. The
 * test sends the headers and the start of a 36 MB multipart body and never the rest: an
 * answer that comes at all came before the files were read, and nothing reached the disk.
 */
const BOUNDARY = 'xxBATASxx';
const CLAIMED_BYTES = 4 * 9 * 1024 * 1024;

describe('security: uploads refused before their body is read', function () {
  this.timeout(60_000);
  let t: TestApp;
  let server: http.Server;
  let port: number;
  let uploadDir: string;
  let report: FixtureReport;
  /** The fixture report's own photo: what is on disk before any refused upload. */
  let stored: string[];

  before(async () => {
    uploadDir = tempDir('epengaduan-early');
    t = await buildTestApp({ UPLOAD_DIR: uploadDir, REPORT_IP_LIMIT_PER_HOUR: '10000' });
    server = http.createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    report = await apiReport(t);
    stored = filesOnDisk();
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(uploadDir, { recursive: true, force: true });
  });

  function filesOnDisk(): string[] {
    return fs.existsSync(uploadDir) ? (fs.readdirSync(uploadDir, { recursive: true }) as string[]).filter((p) => fs.statSync(`${uploadDir}/${p}`).isFile()).sort() : [];
  }

  /** Starts a large multipart upload and never finishes it; resolves with the answer, if one comes before the body. */
  function unfinishedUpload(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'Content-Length': String(CLAIMED_BYTES), ...headers },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode!, body });
        });
      });
      req.on('error', () => undefined);
      // No answer while the body is still coming is the failure this test is about.
      req.setTimeout(10_000, () => reject(new Error(`${path}: no answer before the body was sent (it waited to read the files)`)));
      req.write(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="foto.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
      req.write(Buffer.alloc(256 * 1024, 0xff));
    });
  }

  /** The session cookie of an agent that opened a form or a report. */
  const cookieOf = async (agent: supertest.Agent, path: string) => {
    await agent.get(path);
    const jar = (agent as unknown as { jar: { getCookies(o: object): { name: string; value: string }[] } }).jar;
    return jar.getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false }).map((c) => `${c.name}=${c.value}`).join('; ');
  };

  it('/lacak/CODE/informasi without access to the report: 404, nothing written', async () => {
    const res = await unfinishedUpload('/lacak/UNKNOWN2/informasi');
    expect([403, 404]).to.include(res.status);
    const stranger = await visitor(t);
    const cookie = await cookieOf(stranger.agent, '/lapor');
    const noAccess = await unfinishedUpload(`/lacak/${report.code}/informasi`, { Cookie: cookie, 'X-CSRF-Token': stranger.csrf });
    expect(noAccess.status).to.equal(404);
    expect(filesOnDisk()).to.deep.equal(stored);
  });

  it('/lacak/CODE/informasi by the citizen with another session’s token in the header: 403 form expired', async () => {
    const citizen = await citizenOf(t, report);
    const other = await visitor(t);
    const cookie = await cookieOf(citizen.agent, `/lacak/${report.code}`);
    const res = await unfinishedUpload(`/lacak/${report.code}/informasi`, { Cookie: cookie, 'X-CSRF-Token': other.csrf });
    expect(res.status).to.equal(403);
    expect(res.body).to.contain('Formulir kedaluwarsa');
    expect(filesOnDisk()).to.deep.equal(stored);
  });

  it('/lapor with a session cookie that holds no form token: 403 form expired, nothing written', async () => {
    const res = await unfinishedUpload('/lapor', { Cookie: 'epengaduan.sid=s%3Atidak-ada.tanda' });
    expect(res.status).to.equal(403);
    expect(res.body).to.contain('Formulir kedaluwarsa');
    expect(filesOnDisk()).to.deep.equal(stored);
  });

  it('the API’s message with a wrong tracking token: 404 before the files', async () => {
    const res = await unfinishedUpload(`/api/v1/reports/${report.code}/messages`, { 'X-Tracking-Token': 'salah-salah-salah' });
    expect(res.status).to.equal(404);
    expect(JSON.parse(res.body).error.code).to.equal('not_found');
    expect(filesOnDisk()).to.deep.equal(stored);
  });
});
