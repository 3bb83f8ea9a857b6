import { type Sentence, sentences } from './text.js';

/**
 * The four elements of an explanation (DESIGN.md, section 8), found by the words Indonesian
 * public complaint answers use for them. Each cue is a pattern on the lower-cased text:
 *
 *  - finding (temuan): what was checked and found: "hasil peninjauan", "petugas kami telah
 *    mengecek", "ditemukan", "kondisi di lapangan";
 *  - reason (alasan or dasar aturan): why: "karena", "disebabkan", "kendalanya", or a rule
 *    named by kind and number ("Perbup Nomor 12 Tahun 2023", "Pasal 5", "berdasarkan
 *    Peraturan Daerah..."); "sesuai ketentuan yang berlaku" names no rule and does not count;
 *  - action (tindak lanjut) with a date: what will be done or was done ("akan diperbaiki",
 *    "dijadwalkan", "telah ditambal") and by when: a date, a month, "minggu depan", "dalam 7
 *    hari kerja", "tahun anggaran 2027", in the same sentence or the next, or the draft's own
 *    planned date;
 *  - contact (kontak): a unit ("UPT", "Bidang", "Puskesmas", "Kantor Kecamatan") and a phone
 *    number or an e-mail address, in the same sentence or the next.
 *
 * Cue lists are the rule itself, so they live here; what admins tune (thresholds, word
 * lists of plain language) lives in the settings (src/settings/answerCheck.ts).
 */

export interface Elements {
  finding: boolean;
  reason: boolean;
  action: boolean;
  contact: boolean;
}

const L = String.raw`(?<![\p{L}\p{N}])`;
const R = String.raw`(?![\p{L}\p{N}])`;
const cue = (body: string) => new RegExp(`${L}(?:${body})${R}`, 'iu');

const CHECKED = 'pengecekan|peninjauan|pemeriksaan|survei|survey|verifikasi|klarifikasi|tinjauan|observasi|investigasi|penelusuran|identifikasi|inspeksi|pengukuran|pengujian|uji|pemantauan|monitoring|cek';

const FINDING = [
  cue(`(?:hasil|berdasarkan|dari|setelah(?: dilakukan)?)\\s+(?:${CHECKED})`),
  cue(`dilakukan\\s+(?:${CHECKED})`),
  cue('meninjau|mengecek|memeriksa|menemukan|mendapati|menyurvei|mensurvei|memverifikasi|mengklarifikasi|mendatangi|mengunjungi|menelusuri|mengukur|menguji|memantau'),
  cue('ditemukan|didapati|diketahui|terlihat|tampak|tercatat|terpantau|teridentifikasi|dicek|diperiksa|ditinjau|diverifikasi|diklarifikasi|temuan|temuannya'),
  cue('(?:sudah|telah)?\\s*kami\\s+(?:periksa|cek|tinjau|temukan|dapati|survei|verifikasi|klarifikasi|ukur|uji|pantau|telusuri)|ternyata'),
  cue('turun\\s+ke\\s+(?:lokasi|lapangan)|kondisi\\s+(?:di\\s+lapangan|di\\s+lokasi|saat\\s+ini|terkini)|di\\s+lapangan|faktanya'),
];

const REASON = [
  cue('karena|sebab|disebabkan|penyebab|penyebabnya|dikarenakan|akibat|akibatnya|alasan|alasannya|mengingat|kendala|kendalanya|terkendala|oleh\\s+sebab\\s+itu'),
  cue(
    '(?:berdasarkan|sesuai(?:\\s+dengan)?|mengacu(?:\\s+pada)?|merujuk(?:\\s+pada)?|menurut|sebagaimana\\s+diatur\\s+dalam|diatur\\s+dalam)\\s+' +
      '(?:peraturan|perbup|perda|perwal|pergub|undang-undang|uu|pp|permen\\p{L}*|surat\\s+edaran|keputusan|kepmen\\p{L}*|keppres|sk|sop|pasal|juknis|juklak|standar\\s+pelayanan|instruksi)',
  ),
  cue('pasal\\s+\\d+'),
  cue('(?:nomor|no\\.?)\\s*\\d+[\\p{L}\\d/.-]*\\s+tahun\\s+\\d{4}'),
];

const ACTION = cue(
  'akan|direncanakan|dijadwalkan|dianggarkan|diusulkan|diprogramkan|dialokasikan|ditargetkan|menjadwalkan|merencanakan|mengusulkan|menganggarkan|rencana|rencananya|target|targetnya|' +
    'tindak\\s*lanjut|ditindaklanjuti|menindaklanjuti|paling\\s+lambat|selambat-lambatnya|' +
    '(?:telah|sudah)\\s+(?:selesai|di\\p{L}+|kami\\s+\\p{L}+)',
);

const MONTH =
  'januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|november|nopember|desember|jan|feb|mar|apr|jun|jul|agu|agt|ags|sep|sept|okt|nov|des';
const NUMBER_WORD = 'satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|\\p{L}+\\s+belas|\\p{L}+\\s+puluh';
const DATE = [
  cue(`\\d{1,2}\\s+(?:${MONTH})\\.?(?:\\s+\\d{4})?`),
  cue(`(?:${MONTH})\\s+\\d{4}`),
  cue(`(?:bulan|akhir|awal|pertengahan)\\s+(?:${MONTH})`),
  cue('\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}'),
  cue('besok|lusa|(?:minggu|pekan|bulan|tahun)\\s+(?:depan|ini)|(?:akhir|awal|pertengahan)\\s+(?:minggu|pekan|bulan|tahun)(?:\\s+(?:ini|depan))?|hari\\s+ini'),
  cue(`(?:dalam|paling\\s+lambat|selambat-lambatnya|maksimal|paling\\s+lama)\\s+(?:waktu\\s+)?(?:\\d+|${NUMBER_WORD})\\s+(?:hari|minggu|pekan|bulan)`),
  cue('tahun\\s+anggaran\\s+\\d{4}|ta\\.?\\s*\\d{4}|(?:triwulan|semester|tw)\\s+(?:i{1,3}|iv|\\d|pertama|kedua|ketiga|keempat)|(?:tahun|pada)\\s+20\\d\\d'),
  cue("(?:hari\\s+)?(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu)"),
];

const UNIT = cue(
  'bidang|seksi|sub\\s*bagian|subbag|bagian|upt|uptd|puskesmas|pustu|kantor|dinas|badan|kecamatan|kelurahan|sekretariat|unit|layanan|loket|posko|' +
    'help\\s*desk|call\\s*cent(?:er|re)|pusat\\s+(?:layanan|panggilan)|rsud|rumah\\s+sakit|satpol|damkar|pemadam|opd|dpupr|dlh|dishub|bpbd|disdukcapil|dinkes|dinsos|bappeda|pdam',
);
const PHONE = /(?<![\p{L}\p{N}])(?:\+?62|\(0\d{2,3}\)|0)[\d\s().-]{6,20}\d(?![\p{L}\p{N}])/gu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u;

/** A phone number has 7 to 15 digits (a local line, a mobile, or +62...); "2023" is a year. */
function hasPhone(text: string): boolean {
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '').length;
    if (digits >= 7 && digits <= 15) return true;
  }
  return false;
}

const any = (patterns: RegExp[], text: string) => patterns.some((p) => p.test(text));

/** Whether `test` holds in a sentence together with `other` in it or in a neighbour. */
function nearby(list: Sentence[], test: (s: string) => boolean, other: (s: string) => boolean): boolean {
  return list.some((s, i) => test(s.text) && [list[i - 1], s, list[i + 1]].some((n) => n !== undefined && other(n.text)));
}

/** Which elements the text holds; `plannedAt` is the draft's planned date, a "by when" of its own. */
export function findElements(text: string, plannedAt: string | null = null): Elements {
  const list = sentences(text);
  const isAction = (s: string) => ACTION.test(s);
  const isDate = (s: string) => any(DATE, s);
  return {
    finding: any(FINDING, text),
    reason: any(REASON, text),
    action: plannedAt ? isAction(text) : nearby(list, isAction, isDate),
    contact: nearby(list, (s) => hasPhone(s) || (s.includes('@') && EMAIL.test(s)), (s) => UNIT.test(s)),
  };
}

/** All four present: what answer_versions.elements_complete records for each saved version. */
export function elementsComplete(text: string, plannedAt: string | null = null): boolean {
  const e = findElements(text, plannedAt);
  return e.finding && e.reason && e.action && e.contact;
}
