/**
 * WhatsApp out: queuing a message (the contract between the WhatsApp helpers). The
 * implementation lives in notify/ (src/notify/commands/queueWhatsApp.ts) because every capability
 * that tells the citizen something (intake, triage, answers, tracking) queues WhatsApp
 * through notify/, and notify/ may import no capability; this is the whatsapp/ side's door.
 */
export { queueWhatsApp, type WhatsAppOut } from '../../notify/commands/queueWhatsApp.js';
