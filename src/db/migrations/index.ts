import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_core.js';
import * as m0002 from './0002_outbox_delivery.js';
import * as m0003 from './0003_sla.js';
import * as m0004 from './0004_routing.js';
import * as m0005 from './0005_triage.js';
import * as m0006 from './0006_api_tokens.js';
import * as m0007 from './0007_answers.js';
import * as m0008 from './0008_answer_templates.js';
import * as m0009 from './0009_answer_validation.js';
import * as m0010 from './0010_mail_intake.js';
import * as m0011 from './0011_publications.js';
import * as m0012 from './0012_report_durations.js';
import * as m0013 from './0013_socket_io.js';
import * as m0014 from './0014_dashboard_rollup.js';
import * as m0015 from './0015_audit_log.js';
import * as m0016 from './0016_privacy.js';
import * as m0017 from './0017_rate_limits.js';
import * as m0018 from './0018_load_indexes.js';
import * as m0019 from './0019_worker_runs.js';
import * as m0020 from './0020_outbox_secret.js';
import * as m0021 from './0021_tracking_resends.js';
import * as m0022 from './0022_answer_check.js';
import * as m0023 from './0023_answer_letters.js';
import * as m0024 from './0024_answer_files.js';
import * as m0025 from './0025_letter_withdrawal.js';
import * as m0026 from './0026_answer_quality.js';
import * as m0027 from './0027_mail_duplicates.js';
import * as m0028 from './0028_publication_terms.js';
import * as m0029 from './0029_unverified_phone.js';
import * as m0030 from './0030_whatsapp_inbound.js';
import * as m0031 from './0031_staff_intake.js';
import * as m0033 from './0033_whatsapp_outbound.js';
import * as m0034 from './0034_idempotency.js';
import * as m0035 from './0035_dashboard_cold_indexes.js';
import * as m0036 from './0036_dashboard_days.js';
import * as m0037 from './0037_opd_queue_pages.js';

/**
 * Migrations in order. A static list rather than a folder scan: it works the same from
 * src/ under tsx and from dist/ after compiling, and a typo fails the type check.
 */
const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_outbox_delivery': m0002,
  '0003_sla': m0003,
  '0004_routing': m0004,
  '0005_triage': m0005,
  '0006_api_tokens': m0006,
  '0007_answers': m0007,
  '0008_answer_templates': m0008,
  '0009_answer_validation': m0009,
  '0010_mail_intake': m0010,
  '0011_publications': m0011,
  '0012_report_durations': m0012,
  '0013_socket_io': m0013,
  '0014_dashboard_rollup': m0014,
  '0015_audit_log': m0015,
  '0016_privacy': m0016,
  '0017_rate_limits': m0017,
  '0018_load_indexes': m0018,
  '0019_worker_runs': m0019,
  '0020_outbox_secret': m0020,
  '0021_tracking_resends': m0021,
  '0022_answer_check': m0022,
  '0023_answer_letters': m0023,
  '0024_answer_files': m0024,
  '0025_letter_withdrawal': m0025,
  '0026_answer_quality': m0026,
  '0027_mail_duplicates': m0027,
  '0028_publication_terms': m0028,
  '0029_unverified_phone': m0029,
  '0030_whatsapp_inbound': m0030,
  '0031_staff_intake': m0031,
  '0033_whatsapp_outbound': m0033,
  '0034_idempotency': m0034,
  '0035_dashboard_cold_indexes': m0035,
  '0036_dashboard_days': m0036,
  '0037_opd_queue_pages': m0037,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
