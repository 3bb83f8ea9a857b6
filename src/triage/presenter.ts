import { isOverdue } from '../reports/statuses.js';
import { formatCode } from '../reports/tracking.js';
import type { Translate } from '../shared/i18n.js';
import type { verificationQueue } from './queries.js';

type QueueRow = Awaited<ReturnType<typeof verificationQueue>>['rows'][number];

export function presentQueueRow(row: QueueRow, t: Translate, now: Date) {
  return {
    code: row.tracking_code,
    displayCode: formatCode(row.tracking_code),
    title: row.title,
    kind: t(`reports:kinds.${row.kind}`),
    channel: t(`reports:channels.${row.channel}`),
    status: t(`reports:statuses.${row.status}`),
    category: row.category_name ?? t('intake:form.categoryUnknown'),
    region: row.region_name,
    dueAt: row.verify_due_at,
    overdue: isOverdue(row, now),
    returned: row.returned_count > 0,
  };
}
