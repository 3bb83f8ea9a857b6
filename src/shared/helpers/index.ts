import { t } from './t.js';
import { eq } from './eq.js';
import { formatDate, formatDateTime } from './date.js';

/** Every Handlebars helper, one per file. None returns unescaped HTML. */
export const helpers = { t, eq, formatDate, formatDateTime };
