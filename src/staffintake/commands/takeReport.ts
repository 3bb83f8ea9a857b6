import { sql } from 'kysely';
import type { InspectedFile, UploadedFile } from '../../attachments/inspect.js';
import type { Actor } from '../../auth/policy.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import { submitWithUploads } from '../../intake/commands/submitWithUploads.js';
import type { StaffTaking, Submitted } from '../../intake/commands/submitReport.js';
import { contactOf, DuplicateReportError } from '../../intake/duplicates.js';
import type { IntakeInput } from '../../intake/schema.js';
import { InputError } from '../../shared/errors.js';
import type { Locale } from '../../shared/i18n.js';
import { formatCode } from '../../reports/tracking.js';
import { takeableSources } from '../policy.js';

export interface TakeProps {
  actor: Actor;
  input: IntakeInput;
  source: StaffTaking['source'];
  locale: Locale;
  files: UploadedFile[];
  /** Files the page held from an earlier try (attachments/heldForm.ts). */
  inspected?: InspectedFile[];
}

/**
 * A report received by telephone, in person, by letter, on social media or from
 * SP4N-LAPOR!, through the one intake service (channel 'staff'): the same validation,
 * duplicate guard, deadlines, attachment inspection and acknowledgement mail as every
 * channel. The report starts at 'submitted', in Diskominfo's verification queue, also when
 * an OPD took it at its own counter: verification (DESIGN.md section 4) is the coordinator's
 * step for every report, whatever door it came through (validity, duplicates across
 * channels, anonim and rahasia, the right OPD), and its deadline runs from now like the
 * others'. The OPD is named on the first event, so the coordinator sees where it was taken.
 *
 * Besides the intake's guard (same contact, title and text within the window), two more:
 * a LAPOR! tracking ID is recorded once (a unique index; a second try is refused naming
 * the report that has it), and the same staff member sending the same report again without
 * any contact (an anonymous walk-in, a double tap) gets the report already made.
 */
export async function takeReport(db: Db, config: Config, props: TakeProps): Promise<Submitted> {
  const { actor, input, source } = props;
  if (!source.staff_source || !takeableSources(actor).includes(source.staff_source)) {
    throw new InputError({ source: 'staffintake:errors.sourceNotYours' });
  }
  if (source.lapor_number) await refuseTakenLaporNumber(db, source.lapor_number);
  const staff: StaffTaking = { userId: actor.id, agencyId: actor.agencyId, source };
  try {
    return await submitWithUploads(db, config, {
      input,
      channel: 'staff',
      locale: props.locale,
      files: props.files,
      inspected: props.inspected,
      staff,
      record: async (trx, report) => {
        // Reports with a contact have the intake's own guard.
        if (contactOf(input)) return;
        // Serialises this staff member's saves: the second of two taps waits, then sees the first.
        await sql`select pg_advisory_xact_lock(hashtext(${`staff-intake:${actor.id}`}))`.execute(trx);
        const earlier = await trx
          .selectFrom('reports')
          .select(['id', 'tracking_code'])
          .where('taken_by_user_id', '=', actor.id)
          .where('title', '=', input.title)
          .where('body', '=', input.body)
          .where('id', '<>', report.id)
          .where('created_at', '>', sql<Date>`now() - make_interval(mins => ${config.intake.duplicateWindowMinutes})`)
          .orderBy('id', 'desc')
          .executeTakeFirst();
        if (earlier && config.intake.duplicateWindowMinutes > 0) throw new DuplicateReportError(earlier);
      },
    });
  } catch (err) {
    // Two saves of one LAPOR! number at once: the index let one through.
    if (source.lapor_number && isUniqueViolation(err, 'reports_lapor_number_key')) await refuseTakenLaporNumber(db, source.lapor_number);
    throw err;
  }
}

async function refuseTakenLaporNumber(db: Db, laporNumber: string): Promise<void> {
  const existing = await db.selectFrom('reports').select('tracking_code').where('lapor_number', '=', laporNumber).executeTakeFirst();
  if (existing) throw new InputError({ laporNumber: 'staffintake:errors.laporTaken' }, { laporNumber: { number: laporNumber, code: formatCode(existing.tracking_code) } });
}
