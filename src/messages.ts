import { accountMessages } from './account/messages.js';
import { answersMessages } from './answers/messages.js';
import { apiMessages } from './api/messages.js';
import { attachmentsMessages } from './attachments/messages.js';
import { auditlogMessages } from './auditlog/messages.js';
import { dashboardMessages } from './dashboard/messages.js';
import { healthMessages } from './health/messages.js';
import { idempotencyMessages } from './idempotency/messages.js';
import { intakeMessages } from './intake/messages.js';
import { lettersMessages } from './letters/messages.js';
import { mailinMessages } from './mailin/messages.js';
import { notifyMessages } from './notify/messages.js';
import { offlineMessages } from './offline/messages.js';
import { open311Messages } from './open311/messages.js';
import { portalMessages } from './portal/messages.js';
import { privacyMessages } from './privacy/messages.js';
import { publicationMessages } from './publication/messages.js';
import { reportsMessages } from './reports/messages.js';
import { routingMessages } from './routing/messages.js';
import { registerMessages } from './shared/i18n.js';
import { slaMessages } from './sla/messages.js';
import { staffintakeMessages } from './staffintake/messages.js';
import { trackingMessages } from './tracking/messages.js';
import { triageMessages } from './triage/messages.js';
import { usersMessages } from './users/messages.js';
import { webMessages } from './web/messages.js';
import { whatsappMessages } from './whatsapp/messages.js';

/**
 * Every capability's messages, one namespace each (t('account:login.failed')), handed to the
 * translator (shared/i18n.ts). Each entry point imports this file once: the app, the
 * server, the command line and the tests' setup.
 */
registerMessages({
  web: webMessages,
  reports: reportsMessages,
  account: accountMessages,
  users: usersMessages,
  notify: notifyMessages,
  attachments: attachmentsMessages,
  intake: intakeMessages,
  tracking: trackingMessages,
  triage: triageMessages,
  answers: answersMessages,
  api: apiMessages,
  sla: slaMessages,
  routing: routingMessages,
  mailin: mailinMessages,
  open311: open311Messages,
  publication: publicationMessages,
  portal: portalMessages,
  dashboard: dashboardMessages,
  auditlog: auditlogMessages,
  health: healthMessages,
  privacy: privacyMessages,
  letters: lettersMessages,
  staffintake: staffintakeMessages,
  whatsapp: whatsappMessages,
  offline: offlineMessages,
  idempotency: idempotencyMessages,
});
