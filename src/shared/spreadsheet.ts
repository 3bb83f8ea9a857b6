/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading
 * apostrophe: a citizen's text must never become a formula on a civil servant's laptop.
 * Every CSV and XLSX the app writes passes its text cells through here.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
