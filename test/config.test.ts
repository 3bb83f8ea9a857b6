import { expect } from 'chai';
import { ConfigError, loadConfig } from '../src/config.js';
import { runTs } from './helpers/process.js';

describe('configuration', () => {
  it('runs with no configuration at all: embedded database, port 3000, Bahasa Indonesia', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).to.equal(undefined);
    expect(config.port).to.equal(3000);
    expect(config.host).to.equal('127.0.0.1');
    expect(config.dataDir).to.match(/\/data$/);
    expect(config.uploadDir).to.match(/\/uploads$/);
    expect(config.defaultLocale).to.equal('id');
    expect(config.demoData).to.equal(true);
  });

  it('reads every documented setting', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db.example:5432/pengaduan',
      DATA_DIR: '/var/lib/pengaduan',
      UPLOAD_DIR: '/srv/uploads',
      PUBLIC_URL: 'https://pengaduan.patikab.go.id/',
      DEFAULT_LOCALE: 'en',
    });
    expect(config).to.include({ port: 8080, host: '0.0.0.0', dataDir: '/var/lib/pengaduan', uploadDir: '/srv/uploads' });
    expect(config.publicUrl).to.equal('https://pengaduan.patikab.go.id');
    expect(config.cookieSecure).to.equal(true);
    expect(config.demoData).to.equal(false);
  });

  it('names each invalid variable and what is wrong with it', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOGIN_MAX_FAILURES: '0' });
      expect.fail('should have thrown');
    } catch (err) {
      expect(err).to.be.instanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).to.contain('PORT: must be a number (got "abc")');
      expect(message).to.contain('DATABASE_URL');
      expect(message).to.contain('LOGIN_MAX_FAILURES: must be greater than or equal to 1');
    }
  });

  it('requires SESSION_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, /SESSION_SECRET: is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).to.throw(/at least 32/);
  });

  it('stops the server at start with the message and a non-zero exit', async () => {
    const app = runTs('src/server.ts', { PORT: '70000' });
    const code = await app.exited;
    expect(code).to.equal(78);
    expect(app.output()).to.contain('e-Pengaduan cannot start').and.contain('PORT: must be less than or equal to 65535');
  });
});
