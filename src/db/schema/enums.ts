/** The closed sets of values the tables hold (each a CHECK constraint in the migrations). */

export const AGENCY_KINDS = [
  'sekretariat', 'dinas', 'badan', 'inspektorat', 'rsud', 'satpol', 'bagian', 'kecamatan', 'kelurahan', 'other',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const ROLES = ['coordinator', 'agency_staff', 'agency_head', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const REPORT_KINDS = ['pengaduan', 'aspirasi', 'informasi'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const CHANNELS = ['web', 'email', 'api', 'open311', 'staff', 'whatsapp'] as const;
export type Channel = (typeof CHANNELS)[number];

export const REPORT_STATUSES = [
  'submitted', 'needs_info', 'assigned', 'in_progress', 'awaiting_approval', 'answered', 'resolved', 'rejected', 'merged',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export type Visibility = 'public' | 'internal';
export type ActorKind = 'citizen' | 'staff' | 'system';
