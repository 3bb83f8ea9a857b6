import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AnswerReviewsTable, AnswerTemplatesTable, AnswerVersionsTable } from './schema/answers.js';
import type { AuditLogTable } from './schema/audit.js';
import type { DateOnly, Json, NullableTimestamp, Timestamp } from './schema/columns.js';
import type { DashboardChangesTable, DashboardMonthCountsTable, DashboardMonthDaysTable, DashboardMonthsTable, ReportDurationsTable } from './schema/durations.js';
import type { ActorKind, AgencyKind, Channel, ReportKind, ReportStatus, Role, Visibility } from './schema/enums.js';
import type { AgencyLetterheadsTable, AnswerLettersTable, LetterCountersTable, OutboxAttachmentsTable } from './schema/letters.js';
import type { IdempotentAnswersTable } from './schema/idempotency.js';
import type { InboundMailsTable } from './schema/mailin.js';
import type { SocialPlatform, StaffSource } from './schema/staffintake.js';
import type { PersonalDataErasedReportsTable, PersonalDataErasuresTable } from './schema/privacy.js';
import type { Open311ClientsTable, PublicationsTable } from './schema/publication.js';
import type { RateLimitsTable } from './schema/ratelimit.js';
import type { SettingsTable } from './schema/settings.js';
import type { TrackingResendsTable } from './schema/tracking.js';
import type { WorkerRunsTable } from './schema/workers.js';
import type { WhatsAppContactsTable, WhatsAppDraftsTable, WhatsAppInboxTable, WhatsAppMessagesSeenTable } from './schema/whatsapp.js';

export * from './schema/enums.js';
export * from './schema/staffintake.js';
export type * from './schema/answers.js';
export type * from './schema/audit.js';
export type * from './schema/durations.js';
export type * from './schema/idempotency.js';
export type * from './schema/letters.js';
export type * from './schema/mailin.js';
export type * from './schema/publication.js';
export type * from './schema/privacy.js';
export type * from './schema/ratelimit.js';
export type * from './schema/settings.js';
export type * from './schema/workers.js';
export type * from './schema/whatsapp.js';

/**
 * Kysely's view of the tables created by the migrations. Keep in step with them:
 * one interface per table, columns in the same order.
 */


export interface AgenciesTable {
  id: Generated<number>;
  code: string;
  name: string;
  short_name: string | null;
  kind: AgencyKind;
  parent_id: number | null;
  region_code: string | null;
  email: string | null;
  phone: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SlaPoliciesTable {
  id: Generated<number>;
  code: string;
  name: string;
  verify_days: number;
  respond_days: number;
  resolve_days: number;
  auto_close_days: number;
  info_wait_days: Generated<number>;
  remind_days_before: Generated<number>;
  escalate_after_days: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CategoriesTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string | null;
  description: string | null;
  default_agency_id: number | null;
  sla_policy_id: number;
  auto_forward: Generated<boolean>;
  active: Generated<boolean>;
  sort_order: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RegionsTable {
  code: string;
  parent_code: string | null;
  level: 'kecamatan' | 'desa' | 'kelurahan';
  name: string;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  agency_id: number | null;
  active: Generated<boolean>;
  locale: 'id' | 'en' | null;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The signature block of a Kepala OPD (migration 0023). */
  job_title: string | null;
  nip: string | null;
}

export interface ReportsTable {
  id: Generated<number>;
  tracking_code: string;
  tracking_secret_hash: string;
  kind: ReportKind;
  channel: Channel;
  title: string;
  body: string;
  original_title: string | null;
  original_category_id: number | null;
  category_id: number | null;
  region_code: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  reporter_name: string | null;
  reporter_email: string | null;
  reporter_phone: string | null;
  /** A phone an Open311 client sent that is no usable number, kept as given; never contacted (migration 0029). */
  reporter_phone_unverified: Generated<string | null>;
  /** The citizen asked for news by WhatsApp as well as by e-mail (migration 0033). */
  notify_whatsapp: Generated<boolean>;
  reporter_nik: string | null;
  is_anonymous: Generated<boolean>;
  is_confidential: Generated<boolean>;
  consent_at: NullableTimestamp;
  source_ref: string | null;
  /** Channel 'staff' only: how the report reached staff, and its reference (migration 0031). */
  staff_source: Generated<StaffSource | null>;
  source_platform: Generated<SocialPlatform | null>;
  source_url: Generated<string | null>;
  /** The SP4N-LAPOR! tracking ID, upper case without '#'; unique. */
  lapor_number: Generated<string | null>;
  letter_number: Generated<string | null>;
  letter_date: ColumnType<string | null, string | null | undefined, string | null>;
  /** The staff member who entered it. */
  taken_by_user_id: Generated<number | null>;
  status: Generated<ReportStatus>;
  status_before_pause: ReportStatus | null;
  rejection_reason: string | null;
  merged_into_id: number | null;
  assigned_agency_id: number | null;
  assigned_user_id: number | null;
  returned_count: Generated<number>;
  verify_due_at: NullableTimestamp;
  response_due_at: NullableTimestamp;
  resolve_due_at: NullableTimestamp;
  close_due_at: NullableTimestamp;
  info_due_at: NullableTimestamp;
  paused_at: NullableTimestamp;
  extended_at: NullableTimestamp;
  extension_reason: string | null;
  planned_at: DateOnly | null;
  submitted_at: Timestamp;
  verified_at: NullableTimestamp;
  assigned_at: NullableTimestamp;
  acknowledged_at: NullableTimestamp;
  first_response_at: NullableTimestamp;
  answered_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  /** Frozen SLA verdicts (migration 0003): when each deadline was first found breached. */
  verify_breached_at: NullableTimestamp;
  response_breached_at: NullableTimestamp;
  resolve_breached_at: NullableTimestamp;
  rating: number | null;
  rating_comment: string | null;
  rated_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Generated by the database; never written. */
  search_vector: ColumnType<string, never, never>;
}

export interface ReportEventsTable {
  id: Generated<number>;
  report_id: number;
  type: string;
  actor_kind: ActorKind;
  actor_user_id: number | null;
  from_status: ReportStatus | null;
  to_status: ReportStatus | null;
  reason: string | null;
  visibility: Generated<Visibility>;
  agency_id: number | null;
  data: Json;
  created_at: Timestamp;
}

export type MessageKind = 'citizen_info' | 'citizen_reply' | 'appeal' | 'question' | 'internal_note' | 'answer';
export type AnswerStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'validated' | 'refused' | 'sent';

export interface MessagesTable {
  id: Generated<number>;
  report_id: number;
  kind: MessageKind;
  author_kind: ActorKind;
  author_user_id: number | null;
  agency_id: number | null;
  body: string;
  visibility: Visibility;
  answer_status: AnswerStatus | null;
  version: Generated<number>;
  planned_at: DateOnly | null;
  reviewed_by: number | null;
  reviewed_at: NullableTimestamp;
  review_comment: string | null;
  sent_at: NullableTimestamp;
  mail_message_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AttachmentsTable {
  id: Generated<number>;
  report_id: number;
  message_id: number | null;
  storage_key: string;
  thumbnail_key: string | null;
  original_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  uploaded_by: ActorKind;
  created_at: Timestamp;
  /** Staff propose this photo of their answer for the public case page (migration 0024); the coordinator decides. */
  show_public: Generated<boolean>;
}

export interface HolidaysTable {
  date: DateOnly;
  name: string;
  kind: 'national' | 'cuti_bersama' | 'local';
  source: Generated<'date-holidays' | 'admin'>;
  created_at: Timestamp;
}

export interface OutboxTable {
  id: Generated<number>;
  channel: Generated<OutboxChannel>;
  report_id: number | null;
  /** A mail address, or for 'whatsapp' the number in E.164 digits without '+'. */
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  headers: Json;
  dedupe_key: string | null;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  available_at: Timestamp;
  locked_until: NullableTimestamp;
  sent_at: NullableTimestamp;
  created_at: Timestamp;
  /** Set when sent: 'smtp', or 'dev-outbox' when no SMTP server is configured (delivered nowhere). */
  transport: OutboxTransport | null;
  /** The Message-ID the SMTP server accepted. */
  message_id: string | null;
  /** A tracking secret for the mail's slots (notify/secrets.ts), kept only until it has left. */
  secret: string | null;
  /** WhatsApp: the approved template to send outside the 24-hour window (migration 0033); null: none fits. */
  wa_payload: ColumnType<WhatsAppPayload | null, string | null | undefined, string | null>;
  /** WhatsApp: the Graph message id (wamid) Meta answered with. */
  provider_message_id: Generated<string | null>;
  /** WhatsApp: the furthest status Meta's webhook reported (sent < delivered < read; failed is final). */
  delivery_status: Generated<WhatsAppDeliveryStatus | null>;
  delivery_status_at: Generated<Date | null>;
  /** WhatsApp: Meta's error for a failed delivery, '(#code) title'. */
  delivery_error: Generated<string | null>;
}

export type OutboxChannel = 'mail' | 'whatsapp';
export type WhatsAppDeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';
/** What a WhatsApp outbox row may send besides its text (src/notify/whatsapp.ts). */
export interface WhatsAppPayload {
  template: { name: string; language: string; params: string[] } | null;
}

export type SlaAlertStage = 'verify' | 'respond' | 'resolve';
export type SlaAlertKind = 'reminder' | 'breach' | 'escalation';

export interface SlaAlertsTable {
  report_id: number;
  stage: SlaAlertStage;
  kind: SlaAlertKind;
  due_at: Timestamp;
  recipients: Generated<number>;
  created_at: Timestamp;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';
export type OutboxTransport = 'smtp' | 'dev-outbox' | 'whatsapp';

export interface SessionTable {
  sid: string;
  sess: unknown;
  expire: Date;
}

export interface ReportSupportingAgenciesTable {
  report_id: number;
  agency_id: number;
  created_at: Timestamp;
}

export interface RoutingRulesTable {
  id: Generated<number>;
  category_id: number;
  /** A kecamatan code; null: the category anywhere. */
  region_code: string | null;
  agency_id: number;
  note: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_by: number | null;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface DB {
  agencies: AgenciesTable;
  sla_policies: SlaPoliciesTable;
  categories: CategoriesTable;
  regions: RegionsTable;
  users: UsersTable;
  reports: ReportsTable;
  report_events: ReportEventsTable;
  messages: MessagesTable;
  attachments: AttachmentsTable;
  holidays: HolidaysTable;
  outbox: OutboxTable;
  sla_alerts: SlaAlertsTable;
  session: SessionTable;
  routing_rules: RoutingRulesTable;
  report_supporting_agencies: ReportSupportingAgenciesTable;
  api_tokens: ApiTokensTable;
  answer_versions: AnswerVersionsTable;
  answer_reviews: AnswerReviewsTable;
  answer_templates: AnswerTemplatesTable;
  settings: SettingsTable;
  inbound_mails: InboundMailsTable;
  publications: PublicationsTable;
  open311_clients: Open311ClientsTable;
  report_durations: ReportDurationsTable;
  dashboard_months: DashboardMonthsTable;
  dashboard_changes: DashboardChangesTable;
  dashboard_month_counts: DashboardMonthCountsTable;
  dashboard_month_days: DashboardMonthDaysTable;
  personal_data_erasures: PersonalDataErasuresTable;
  personal_data_erased_reports: PersonalDataErasedReportsTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  tracking_resends: TrackingResendsTable;
  worker_runs: WorkerRunsTable;
  agency_letterheads: AgencyLetterheadsTable;
  letter_counters: LetterCountersTable;
  answer_letters: AnswerLettersTable;
  outbox_attachments: OutboxAttachmentsTable;
  whatsapp_inbox: WhatsAppInboxTable;
  whatsapp_contacts: WhatsAppContactsTable;
  whatsapp_messages_seen: WhatsAppMessagesSeenTable;
  whatsapp_drafts: WhatsAppDraftsTable;
  idempotent_answers: IdempotentAnswersTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Agency = Selectable<AgenciesTable>;
export type Category = Selectable<CategoriesTable>;
export type Report = Selectable<ReportsTable>;
export type Message = Selectable<MessagesTable>;
