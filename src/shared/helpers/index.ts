import { formatDate, formatDateTime } from './date.js';
import { eq } from './eq.js';
import { formatNumber } from './number.js';
import { t } from './t.js';

/** Every Handlebars helper, one per file. None returns unescaped HTML. */
export const helpers = { t, eq, formatDate, formatDateTime, formatNumber };
