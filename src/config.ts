import fs from 'node:fs';
import path from 'node:path';
import Joi from 'joi';
import { ROOT_DIR } from './paths.js';

/**
 * Every setting of the app, read from the environment once at start and validated.
 * Each key is documented in .env.example; keep the two in step.
 */
export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  trustProxy: boolean | number;
  /** Connection timeouts of the HTTP server (http/server.ts). */
  http: { keepAliveTimeoutMs: number; headersTimeoutMs: number };
  logLevel: string;
  /** Unset: embedded PostgreSQL (PGlite) under dataDir. */
  databaseUrl: string | undefined;
  /** A streaming replica of databaseUrl for reads that need not be fresh (db/replica.ts). */
  databaseReplicaUrl: string | undefined;
  databasePoolMax: number;
  /** Hot reads as named prepared statements (db/prepared.ts); off behind a pooler that cannot carry them. */
  databasePreparedStatements: boolean;
  /** WEB_CONCURRENCY: app processes sharing the port (cluster.ts); more than one needs databaseUrl. */
  processes: number;
  /**
   * Where rate-limit counters live: 'database' (shared by every process on the server,
   * default with DATABASE_URL) or 'memory' (this process only, default on PGlite).
   */
  rateLimitStore: 'database' | 'memory';
  dataDir: string;
  uploadDir: string;
  sessionSecret: string | undefined;
  sessionMaxAgeHours: number;
  cookieSecure: boolean;
  bodyLimit: string;
  defaultLocale: 'id' | 'en';
  appName: string;
  orgName: string;
  /** The colour of the installed app's title bar and splash (manifest, meta theme-color). */
  orgThemeColor: string;
  /** The Pemkab's logo (header, printed pages), checked at start; undefined: names only. */
  orgLogo: OrgLogo | undefined;
  /** Load demo users and reports into an empty database at first start. */
  demoData: boolean;
  mail: {
    /** Unset: mail stays in the outbox as a development outbox, readable at /admin/outbox. */
    smtpUrl: string | undefined;
    from: string;
    /** Run the outbox sender in this process. */
    worker: boolean;
    pollMs: number;
    maxAttempts: number;
  };
  mailIntake: {
    /** Unset: no mail intake. imap:// or imaps://user:password@host:port/FOLDER. */
    imapUrl: string | undefined;
    /** Where a mail goes once its report or message is committed. */
    processedFolder: string;
    /** Polling interval when the server offers no IDLE, and the longest IDLE before a re-check. */
    pollMs: number;
    /** The address citizens write to; Reply-To of our mails to them, and never a reporter. */
    address: string | undefined;
    /** Mails one sender may turn into reports or messages per hour. */
    senderLimitPerHour: number;
    /** Run the mailbox reader in this process. */
    worker: boolean;
  };
  /**
   * WhatsApp (Meta's WhatsApp Cloud API): reports come in through the webhook, citizens are
   * answered through the Graph API. null: off (the four credentials are not all set).
   */
  whatsapp: WhatsAppConfig | null;
  uploads: {
    maxFiles: number;
    maxFileBytes: number;
  };
  intake: {
    /** Reports accepted per network address per hour, on the form and the API together. */
    ipLimitPerHour: number;
    /** Report openings with a secret (tracking page, API) per network address per 15 minutes. */
    trackingLimitPer15Minutes: number;
    /** "Kirim ulang tautan" requests per network address per hour. */
    resendLimitPerHour: number;
    /** How long a browser keeps a report it opened with its secret, without using it. */
    trackingAccessMinutes: number;
    /** The same text from the same contact within this window returns the existing report. */
    duplicateWindowMinutes: number;
    /**
     * Other websites whose pages may file reports from their visitors' browsers (an OPD's
     * own site embedding the form), as origins ("https://dpupr.patikab.go.id"). Empty: none.
     */
    allowedOrigins: string[];
  };
  sla: {
    /** Office hours, 'HH:MM' Asia/Jakarta: deadlines fall at officeEnd. */
    officeStart: string;
    officeEnd: string;
    /** How often the SLA sweeper looks for deadlines; 0 turns it off in this process. */
    sweepMs: number;
  };
  dashboard: {
    /** How often dirty months of the dashboard's summaries are rebuilt; 0: never (tests). */
    rollupMs: number;
    /** How long computed figures are shared between viewers, in seconds; 0: not at all. */
    cacheSeconds: number;
  };
  login: {
    maxFailures: number;
    lockMinutes: number;
    ipLimitPerWindow: number;
    ipWindowMinutes: number;
  };
}

export interface WhatsAppConfig {
  /** The business phone number's id in Meta's app (not the number itself). */
  phoneNumberId: string;
  /** A system user's permanent token with whatsapp_business_messaging. */
  accessToken: string;
  /** The Meta app's secret: signs every webhook delivery (X-Hub-Signature-256). */
  appSecret: string;
  /** Our own secret, given to Meta with the webhook URL and echoed back on the handshake. */
  verifyToken: string;
  /** Graph API base with its version, no trailing slash. */
  graphUrl: string;
  /** Minutes in which further messages join a new report before it is submitted. */
  draftMinutes: number;
  /** Language code of the approved templates, e.g. 'id'. */
  templateLanguage: string;
  /** Name of the approved status template: {{1}} code, {{2}} status text, {{3}} link. */
  statusTemplate: string;
}

export interface OrgLogo {
  /** Absolute path of the file. */
  path: string;
  /** Its media type, from its first bytes (not its name). */
  type: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/svg+xml';
  /** Changes when the file does: the logo's address carries it, so browsers may keep it long. */
  version: string;
}

/** The logo sits in every page's header: a small file is enough, a large one a mistake. */
const LOGO_MAX_BYTES = 512 * 1024;

/** Reads ORG_LOGO_PATH's file once, at start: it must be there, small, and an image by its bytes. */
function checkLogo(file: string): OrgLogo | string {
  const full = path.resolve(ROOT_DIR, file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    return `no file at ${full}`;
  }
  if (!stat.isFile()) return `${full} is not a file`;
  if (stat.size > LOGO_MAX_BYTES) return `${full} is ${Math.round(stat.size / 1024)} KB; at most ${LOGO_MAX_BYTES / 1024} KB`;
  const head = Buffer.alloc(512);
  const fd = fs.openSync(full, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const type: OrgLogo['type'] | undefined =
    head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ? 'image/png'
      : head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff ? 'image/jpeg'
        : head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP' ? 'image/webp'
          : /<svg[\s>]/i.test(head.toString('utf8')) ? 'image/svg+xml'
            : undefined;
  if (!type) return `${full} is not a PNG, JPEG, WebP or SVG image`;
  return { path: full, type, version: `${stat.size.toString(36)}${Math.floor(stat.mtimeMs).toString(36)}` };
}

const schema = Joi.object({
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  HOST: Joi.string().hostname().default('127.0.0.1'),
  PORT: Joi.number().integer().min(0).max(65535).default(3000),
  PUBLIC_URL: Joi.string().uri({ scheme: ['http', 'https'] }),
  TRUST_PROXY: Joi.alternatives(Joi.boolean(), Joi.number().integer().min(0)).default(false),
  // Above the idle timeout of the balancer or proxy in front (http/server.ts).
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: Joi.number().integer().min(1).max(3600).default(75),
  HTTP_HEADERS_TIMEOUT_SECONDS: Joi.number().integer().min(2).max(3600).greater(Joi.ref('HTTP_KEEP_ALIVE_TIMEOUT_SECONDS')),
  LOG_LEVEL: Joi.string().valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent').default('info'),
  DATABASE_URL: Joi.string().uri({ scheme: ['postgres', 'postgresql'] }).empty(''),
  // A standby of DATABASE_URL's server: the embedded database has none.
  DATABASE_REPLICA_URL: Joi.string()
    .uri({ scheme: ['postgres', 'postgresql'] })
    .empty('')
    .when('DATABASE_URL', { is: Joi.exist(), otherwise: Joi.forbidden() })
    .messages({ 'any.unknown': 'needs DATABASE_URL: a replica is a standby of a PostgreSQL server, and the embedded database has none' }),
  DATABASE_POOL_MAX: Joi.number().integer().min(1).max(200).default(10),
  DATABASE_PREPARED_STATEMENTS: Joi.boolean().default(true),
  // The embedded database lives inside one process: only a server can be shared.
  WEB_CONCURRENCY: Joi.number()
    .integer()
    .min(1)
    .max(64)
    .default(1)
    .when('DATABASE_URL', { is: Joi.exist(), otherwise: Joi.valid(1) })
    .messages({ 'any.only': 'needs DATABASE_URL: the embedded database serves one process only' }),
  RATE_LIMIT_STORE: Joi.string().valid('database', 'memory'),
  DATA_DIR: Joi.string().default('data'),
  UPLOAD_DIR: Joi.string().default('uploads'),
  SESSION_SECRET: Joi.string().min(32).empty('').when('NODE_ENV', {
    is: 'production',
    then: Joi.required(),
  }),
  SESSION_MAX_AGE_HOURS: Joi.number().min(1).max(24 * 30).default(12),
  COOKIE_SECURE: Joi.boolean(),
  BODY_LIMIT: Joi.string().pattern(/^\d+(kb|mb)$/i).default('100kb'),
  DEFAULT_LOCALE: Joi.string().valid('id', 'en').default('id'),
  APP_NAME: Joi.string().max(60).default('e-Pengaduan'),
  ORG_NAME: Joi.string().max(120).default('Pemerintah Kabupaten Pati'),
  ORG_LOGO_PATH: Joi.string().max(500).empty(''),
  ORG_THEME_COLOR: Joi.string().pattern(/^#[0-9a-fA-F]{6}$/).default('#0b5394'),
  DEMO_DATA: Joi.boolean(),
  SMTP_URL: Joi.string().uri({ scheme: ['smtp', 'smtps'] }).empty(''),
  MAIL_FROM: Joi.string().max(200).default('e-Pengaduan <pengaduan@pengaduan.local>'),
  MAIL_WORKER: Joi.boolean().default(true),
  OUTBOX_POLL_MS: Joi.number().integer().min(100).max(600_000).default(5_000),
  OUTBOX_MAX_ATTEMPTS: Joi.number().integer().min(1).max(50).default(8),
  IMAP_URL: Joi.string().uri({ scheme: ['imap', 'imaps'] }).empty(''),
  IMAP_PROCESSED_FOLDER: Joi.string().trim().min(1).max(100).pattern(/^[^\r\n*%]+$/).default('Diproses'),
  IMAP_POLL_MS: Joi.number().integer().min(500).max(3_600_000).default(60_000),
  MAIL_INTAKE_ADDRESS: Joi.string().trim().lowercase().email({ tlds: false }).empty(''),
  MAIL_SENDER_LIMIT_PER_HOUR: Joi.number().integer().min(1).max(10_000).default(20),
  MAIL_INTAKE_WORKER: Joi.boolean().default(true),
  WHATSAPP_PHONE_NUMBER_ID: Joi.string().trim().pattern(/^\d{5,30}$/).empty(''),
  WHATSAPP_ACCESS_TOKEN: Joi.string().trim().min(10).max(1000).empty(''),
  WHATSAPP_APP_SECRET: Joi.string().trim().min(8).max(200).empty(''),
  WHATSAPP_VERIFY_TOKEN: Joi.string().trim().min(8).max(200).empty(''),
  WHATSAPP_GRAPH_URL: Joi.string().uri({ scheme: ['http', 'https'] }).default('https://graph.facebook.com/v21.0'),
  WHATSAPP_DRAFT_MINUTES: Joi.number().min(0).max(24 * 60).default(10),
  WHATSAPP_TEMPLATE_LANGUAGE: Joi.string().trim().pattern(/^[a-z]{2}(_[A-Z]{2})?$/).default('id'),
  WHATSAPP_TEMPLATE_STATUS: Joi.string().trim().pattern(/^[a-z0-9_]{1,512}$/).default('status_laporan'),
  UPLOAD_MAX_FILES: Joi.number().integer().min(0).max(20).default(5),
  UPLOAD_MAX_MB: Joi.number().min(0.1).max(100).default(10),
  REPORT_IP_LIMIT_PER_HOUR: Joi.number().integer().min(1).default(20),
  TRACKING_IP_LIMIT: Joi.number().integer().min(1).default(120),
  TRACKING_RESEND_IP_LIMIT: Joi.number().integer().min(1).default(10),
  TRACKING_ACCESS_MINUTES: Joi.number().integer().min(5).max(12 * 60).default(30),
  DUPLICATE_WINDOW_MINUTES: Joi.number().integer().min(0).max(24 * 60).default(10),
  // Comma-separated origins: scheme, host and port only, no path.
  INTAKE_ALLOWED_ORIGINS: Joi.string()
    .pattern(/^\s*https?:\/\/[a-z0-9.-]+(:\d+)?\s*(,\s*https?:\/\/[a-z0-9.-]+(:\d+)?\s*)*$/i)
    .empty('')
    .messages({ 'string.pattern.base': '{#label} must be origins such as https://dpupr.patikab.go.id, separated by commas' }),
  OFFICE_START: Joi.string().pattern(/^([01]\d|2[0-3]):[0-5]\d$/).default('08:00'),
  OFFICE_END: Joi.string().pattern(/^([01]\d|2[0-3]):[0-5]\d$/).default('16:00'),
  SLA_SWEEP_MS: Joi.number().integer().min(0).max(3_600_000).default(60_000),
  DASHBOARD_ROLLUP_MS: Joi.number().integer().min(0).max(3_600_000).default(60_000),
  DASHBOARD_CACHE_SECONDS: Joi.number().integer().min(0).max(300).default(20),
  LOGIN_MAX_FAILURES: Joi.number().integer().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: Joi.number().integer().min(1).max(24 * 60).default(15),
  LOGIN_IP_LIMIT: Joi.number().integer().min(1).default(30),
  LOGIN_IP_WINDOW_MINUTES: Joi.number().integer().min(1).default(15),
})
  // Only our keys are read; the rest of the environment (PATH, HOME...) is ignored.
  .unknown(true);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const { value, error } = schema.validate(env, { abortEarly: false, convert: true });
  if (error) {
    throw new ConfigError(
      error.details.map((d) => {
        const key = String(d.path[0] ?? d.context?.key ?? '?');
        return `${key}: ${d.message.replace(/^"[^"]*" /, '')} (got ${JSON.stringify(env[key] ?? '')})`;
      }),
    );
  }
  // Every key was validated and converted by the schema above; its shape is the schema's, not a type.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const v = value as Record<string, any>;
  const logo = v.ORG_LOGO_PATH === undefined ? undefined : checkLogo(v.ORG_LOGO_PATH);
  if (typeof logo === 'string') throw new ConfigError([`ORG_LOGO_PATH: ${logo} (got ${JSON.stringify(env.ORG_LOGO_PATH)})`]);
  const port = v.PORT as number;
  const publicUrl = String(v.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    env: v.NODE_ENV,
    host: v.HOST,
    port,
    publicUrl,
    trustProxy: v.TRUST_PROXY,
    http: {
      keepAliveTimeoutMs: v.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
      headersTimeoutMs: (v.HTTP_HEADERS_TIMEOUT_SECONDS ?? v.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS + 1) * 1000,
    },
    logLevel: v.LOG_LEVEL,
    databaseUrl: v.DATABASE_URL,
    databaseReplicaUrl: v.DATABASE_REPLICA_URL,
    databasePoolMax: v.DATABASE_POOL_MAX,
    databasePreparedStatements: v.DATABASE_PREPARED_STATEMENTS,
    processes: v.WEB_CONCURRENCY,
    // Several processes share a server database: N processes must not mean N times the limit.
    rateLimitStore: v.RATE_LIMIT_STORE ?? (v.DATABASE_URL ? 'database' : 'memory'),
    dataDir: path.resolve(ROOT_DIR, v.DATA_DIR),
    uploadDir: path.resolve(ROOT_DIR, v.UPLOAD_DIR),
    sessionSecret: v.SESSION_SECRET,
    sessionMaxAgeHours: v.SESSION_MAX_AGE_HOURS,
    // Secure cookies follow the public URL unless said otherwise.
    cookieSecure: v.COOKIE_SECURE ?? publicUrl.startsWith('https://'),
    bodyLimit: v.BODY_LIMIT,
    defaultLocale: v.DEFAULT_LOCALE,
    appName: v.APP_NAME,
    orgName: v.ORG_NAME,
    orgLogo: logo,
    orgThemeColor: v.ORG_THEME_COLOR.toLowerCase(),
    // Demo data by default only where it cannot hurt: the embedded database outside production.
    demoData: v.DEMO_DATA ?? (!v.DATABASE_URL && v.NODE_ENV === 'development'),
    mail: {
      smtpUrl: v.SMTP_URL,
      from: v.MAIL_FROM,
      worker: v.MAIL_WORKER,
      pollMs: v.OUTBOX_POLL_MS,
      maxAttempts: v.OUTBOX_MAX_ATTEMPTS,
    },
    mailIntake: {
      imapUrl: v.IMAP_URL,
      processedFolder: v.IMAP_PROCESSED_FOLDER,
      pollMs: v.IMAP_POLL_MS,
      address: v.MAIL_INTAKE_ADDRESS,
      senderLimitPerHour: v.MAIL_SENDER_LIMIT_PER_HOUR,
      worker: v.MAIL_INTAKE_WORKER,
    },
    // All four credentials or none: half a setup would take deliveries it cannot verify or answer.
    whatsapp:
      v.WHATSAPP_PHONE_NUMBER_ID && v.WHATSAPP_ACCESS_TOKEN && v.WHATSAPP_APP_SECRET && v.WHATSAPP_VERIFY_TOKEN
        ? {
          phoneNumberId: v.WHATSAPP_PHONE_NUMBER_ID,
          accessToken: v.WHATSAPP_ACCESS_TOKEN,
          appSecret: v.WHATSAPP_APP_SECRET,
          verifyToken: v.WHATSAPP_VERIFY_TOKEN,
          graphUrl: String(v.WHATSAPP_GRAPH_URL).replace(/\/+$/, ''),
          draftMinutes: v.WHATSAPP_DRAFT_MINUTES,
          templateLanguage: v.WHATSAPP_TEMPLATE_LANGUAGE,
          statusTemplate: v.WHATSAPP_TEMPLATE_STATUS,
        }
        : null,
    uploads: {
      maxFiles: v.UPLOAD_MAX_FILES,
      maxFileBytes: Math.round(v.UPLOAD_MAX_MB * 1024 * 1024),
    },
    sla: { officeStart: v.OFFICE_START, officeEnd: v.OFFICE_END, sweepMs: v.SLA_SWEEP_MS },
    dashboard: { rollupMs: v.DASHBOARD_ROLLUP_MS, cacheSeconds: v.DASHBOARD_CACHE_SECONDS },
    intake: {
      ipLimitPerHour: v.REPORT_IP_LIMIT_PER_HOUR,
      trackingLimitPer15Minutes: v.TRACKING_IP_LIMIT,
      resendLimitPerHour: v.TRACKING_RESEND_IP_LIMIT,
      trackingAccessMinutes: v.TRACKING_ACCESS_MINUTES,
      duplicateWindowMinutes: v.DUPLICATE_WINDOW_MINUTES,
      allowedOrigins: v.INTAKE_ALLOWED_ORIGINS ? String(v.INTAKE_ALLOWED_ORIGINS).split(',').map((o) => o.trim().toLowerCase()) : [],
    },
    login: {
      maxFailures: v.LOGIN_MAX_FAILURES,
      lockMinutes: v.LOGIN_LOCK_MINUTES,
      ipLimitPerWindow: v.LOGIN_IP_LIMIT,
      ipWindowMinutes: v.LOGIN_IP_WINDOW_MINUTES,
    },
  };
}
