import crypto from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Config } from '../../config.js';
import type { DB, Report } from '../../db/schema.js';
import { ERASED_NAME } from '../../reports/reporter.js';
import { formatCode } from '../../reports/tracking.js';
import { formatDateLong } from '../../shared/format.js';
import { renderLetter } from '../letter.js';
import { defaultPattern, formatLetterNumber, jakartaYearMonth } from '../numbering.js';

/** What the answer's sending knows when it issues the letter. */
export interface LetterProps {
  report: Report;
  messageId: number;
  /** The OPD that answers. */
  agencyId: number;
  /** The answer as the reporter reads it. */
  body: string;
  plannedAt: string | null;
  /** The Kepala OPD who approved: the letter's signer. */
  signerUserId: number | null;
  now?: Date;
}

export interface IssuedLetter {
  id: number;
  number: string;
  verifyToken: string;
  filename: string;
}

/** The file name a letter is downloaded and attached under: "surat-jawaban-95D4-K7XW.pdf". */
export const letterFilename = (trackingCode: string) => `surat-jawaban-${formatCode(trackingCode)}.pdf`;

export const verifyUrl = (config: Pick<Config, 'publicUrl'>, token: string) => `${config.publicUrl}/verifikasi/${token}`;

/** The addressee: the reporter by name, or "Pelapor" when anonim, erased or never given. */
export function addresseeOf(report: Pick<Report, 'is_anonymous' | 'reporter_name'>): string {
  const name = report.reporter_name?.trim();
  return !report.is_anonymous && name && name !== ERASED_NAME ? name : 'Pelapor';
}

/**
 * The next number of an OPD's letters in a year. The counter row is written here, in the
 * caller's transaction, and so stays locked until that transaction ends: a second
 * approval of the same OPD waits for the first to commit (and gets the next number) or
 * to roll back (and gets the same one). No gap, no duplicate, whatever the processes.
 */
export async function takeNumber(trx: Kysely<DB>, agencyId: number, year: number): Promise<number> {
  const row = await trx
    .insertInto('letter_counters')
    .values({ agency_id: agencyId, year, last_number: 1 })
    .onConflict((oc) => oc.columns(['agency_id', 'year']).doUpdateSet({ last_number: sql<number>`letter_counters.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

/**
 * Issues the surat jawaban of an answer, in the transaction that sends it: a number, the
 * PDF, its SHA-256 and a verification token, stored once. Everything read here is read in
 * that transaction, so the letter says what was approved.
 */
export async function issueLetter(trx: Kysely<DB>, config: Config, props: LetterProps): Promise<IssuedLetter> {
  const issuedAt = props.now ?? new Date();
  const agency = await trx
    .selectFrom('agencies')
    .leftJoin('agency_letterheads as h', 'h.agency_id', 'agencies.id')
    .select(['agencies.name', 'agencies.code', 'agencies.phone as agency_phone', 'agencies.email as agency_email'])
    .select(['h.full_name', 'h.address', 'h.phone', 'h.email', 'h.website', 'h.number_pattern', 'h.logo', 'h.logo_mime'])
    .where('agencies.id', '=', props.agencyId)
    .executeTakeFirstOrThrow();
  const signer = props.signerUserId
    ? await trx.selectFrom('users').select(['name', 'job_title', 'nip']).where('id', '=', props.signerUserId).executeTakeFirst()
    : undefined;
  const agencyName = agency.full_name ?? agency.name;

  const { year } = jakartaYearMonth(issuedAt);
  const seq = await takeNumber(trx, props.agencyId, year);
  const number = formatLetterNumber(agency.number_pattern ?? defaultPattern(agency.code), seq, issuedAt);
  const verifyToken = crypto.randomBytes(24).toString('base64url');
  const signerBlock = {
    name: signer?.name ?? agencyName,
    title: signer?.job_title?.trim() || `Kepala ${agencyName}`,
    nip: signer?.nip ?? null,
  };
  const pdf = await renderLetter({
    letterhead: {
      government: config.orgName,
      name: agencyName,
      address: agency.address,
      // Before an admin sets a letterhead, the OPD's own contact details head its letters.
      phone: agency.full_name ? agency.phone : agency.agency_phone,
      email: agency.full_name ? agency.email : agency.agency_email,
      website: agency.website,
      logo: agency.logo && agency.logo_mime ? { data: Buffer.from(agency.logo), mime: agency.logo_mime } : null,
    },
    number,
    issuedAt,
    addressee: addresseeOf(props.report),
    code: formatCode(props.report.tracking_code),
    title: props.report.title,
    body: props.body,
    planned: props.plannedAt ? formatDateLong(new Date(`${props.plannedAt}T00:00:00+07:00`), 'id') : null,
    signer: signerBlock,
    verifyUrl: verifyUrl(config, verifyToken),
  });
  const row = await trx
    .insertInto('answer_letters')
    .values({
      message_id: props.messageId,
      report_id: props.report.id,
      agency_id: props.agencyId,
      year,
      seq,
      number,
      issued_at: issuedAt,
      agency_name: agencyName,
      signer_user_id: props.signerUserId,
      signer_name: signerBlock.name,
      signer_title: signerBlock.title,
      signer_nip: signerBlock.nip,
      pdf,
      sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
      verify_token: verifyToken,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, number, verifyToken, filename: letterFilename(props.report.tracking_code) };
}
