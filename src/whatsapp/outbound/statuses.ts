/**
 * WhatsApp out: delivery statuses from Meta's webhook (the contract between the WhatsApp
 * helpers; the webhook side calls applyStatus). The write itself is a command
 * (commands/applyStatus.ts), as every write in this code base.
 */
export { applyStatus, type WhatsAppStatus } from './commands/applyStatus.js';
