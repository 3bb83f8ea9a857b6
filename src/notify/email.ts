import fs from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { type Config, loadConfig } from '../config.js';
import { VIEWS_DIR } from '../paths.js';
import { formatCode, normalizeCode } from '../reports/tracking.js';
import { helpers } from '../shared/helpers/index.js';
import { type Locale, translator } from '../shared/i18n.js';

/**
 * One base for every e-mail (STYLE habit 12): each mail is a pair of templates,
 * views/emails/<name>.html.hbs and <name>.text.hbs, rendered inside
 * views/emails/layouts/base.{html,text}.hbs (organisation, preheader, footer).
 * The same `t`, `eq` and `formatDateTime` helpers as the web views.
 */
export const EMAILS_DIR = path.join(VIEWS_DIR, 'emails');

/** Who sends: shown in the header and footer of every mail. */
export interface EmailSite {
  appName: string;
  orgName: string;
  /** Links in mails point here. */
  publicUrl: string;
}

export function emailSite(config: Config): EmailSite {
  return { appName: config.appName, orgName: config.orgName, publicUrl: config.publicUrl };
}

let siteFromEnvironment: EmailSite | undefined;

/**
 * For callers that hold no Config (a command deep in a transaction): the same settings,
 * read from the environment the process started with. Read once.
 */
function defaultSite(): EmailSite {
  siteFromEnvironment ??= emailSite(loadConfig(process.env));
  return siteFromEnvironment;
}

export interface EmailData {
  /** Defaults to the settings of this process (APP_NAME, ORG_NAME, PUBLIC_URL). */
  site?: EmailSite;
  /** The subject as text, or... */
  subject?: string;
  /** ...a message key, interpolated with this data (e.g. 'notify:emails.testMessage.subject'). */
  subjectKey?: string;
  /** The line inboxes show after the subject; text or a message key. */
  preheader?: string;
  preheaderKey?: string;
  [key: string]: unknown;
}

/**
 * Mails show a report's code as people read it aloud and type it (95D4-K7XW), whichever
 * form a caller passed: the `code` and `target` (a merge's report) of any mail's data.
 */
export function withDisplayCodes<T extends Record<string, unknown>>(data: T): T {
  const out: Record<string, unknown> = { ...data };
  for (const key of ['code', 'target']) {
    const code = normalizeCode(out[key]);
    if (code) out[key] = formatCode(code);
  }
  return out as T;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

// Two engines: HTML escapes every {{value}}; plain text must show "Tom & Jerry", not
// "Tom &amp; Jerry", so its templates compile with noEscape. Helpers are shared.
const engines = {
  html: Handlebars.create(),
  text: Handlebars.create(),
};
for (const engine of Object.values(engines)) engine.registerHelper(helpers);

type Kind = keyof typeof engines;
type Compiled = Handlebars.TemplateDelegate;

// Compiled once per file. In development the file's mtime is checked on every mail, so
// template edits show without a restart; elsewhere (as the web views, setupViews) a file
// is read once: a stat per template is four system calls per mail on the intake path.
const cache = new Map<string, { mtimeMs: number; template: Compiled }>();
let watchFiles: boolean | undefined;

async function load(kind: Kind, file: string): Promise<Compiled> {
  watchFiles ??= loadConfig(process.env).env === 'development';
  const hit = cache.get(file);
  if (hit && !watchFiles) return hit.template;
  const stat = await fs.stat(file);
  if (hit && hit.mtimeMs === stat.mtimeMs) return hit.template;
  const source = await fs.readFile(file, 'utf8');
  const template = engines[kind].compile(source, { noEscape: kind === 'text', strict: false });
  cache.set(file, { mtimeMs: stat.mtimeMs, template });
  return template;
}

const NAME = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

/** A subject or preheader is one line of text. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * Blank lines left by block tags collapse; no trailing spaces (but the "-- " that mail
 * programs recognise as the start of a signature keeps its space); one final newline.
 */
function tidyText(text: string): string {
  return `${text
    .split(/\r?\n/)
    .map((line) => (line === '-- ' ? line : line.replace(/[ \t]+$/, '')))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/**
 * Renders e-mail `name` in `locale`: subject, plain text and HTML. The subject is
 * data.subject, else the message data.subjectKey; a mail without either is a bug.
 */
export async function renderEmail(name: string, data: EmailData, locale: Locale): Promise<RenderedEmail> {
  if (!NAME.test(name)) throw new Error(`invalid e-mail template name ${JSON.stringify(name)}`);
  const t = translator(locale);
  const values = withDisplayCodes({ ...data, site: data.site ?? defaultSite() });
  const subjectSource = data.subject ?? (data.subjectKey ? t(data.subjectKey, values) : undefined);
  if (!subjectSource) throw new Error(`e-mail ${name} has neither subject nor subjectKey`);
  const subject = oneLine(String(subjectSource));
  const preheaderSource = data.preheader ?? (data.preheaderKey ? t(data.preheaderKey, values) : '');
  const root = { ...values, subject, preheader: oneLine(String(preheaderSource)), locale, t };

  const render = async (kind: Kind) => {
    const [body, layout] = await Promise.all([
      load(kind, path.join(EMAILS_DIR, `${name}.${kind}.hbs`)),
      load(kind, path.join(EMAILS_DIR, 'layouts', `base.${kind}.hbs`)),
    ]);
    // The body is rendered first (escaped as its engine says), then placed in the layout.
    return layout({ ...root, body: body(root) });
  };
  const [html, text] = await Promise.all([render('html'), render('text')]);
  return { subject, html, text: tidyText(text) };
}
