/** The placeholders a numbering pattern may hold; {n} is required. */
export const NUMBER_SLOTS = ['{n}', '{tahun}', '{bulan}'] as const;

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** The year and month (1-12) of a moment in Asia/Jakarta, where the letter is dated. */
export function jakartaYearMonth(at: Date): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: 'numeric' }).formatToParts(at);
  return { year: Number(parts.find((p) => p.type === 'year')!.value), month: Number(parts.find((p) => p.type === 'month')!.value) };
}

/**
 * "000.9/{n}/DPUPR/{tahun}" with n = 12 in December 2026 -> "000.9/12/DPUPR/2026";
 * {bulan} is the month in Roman numerals (XII), as many OPD number their letters.
 */
export function formatLetterNumber(pattern: string, n: number, at: Date): string {
  const { year, month } = jakartaYearMonth(at);
  return pattern.replaceAll('{n}', String(n)).replaceAll('{tahun}', String(year)).replaceAll('{bulan}', ROMAN[month - 1]!);
}

/** The pattern an OPD without a letterhead numbers with: its code, the number, the year. */
export const defaultPattern = (agencyCode: string) => `{n}/${agencyCode.toUpperCase()}/{tahun}`;
