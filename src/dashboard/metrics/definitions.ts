import type { QualityFigure } from './quality.js';
import type { Figure } from './scope.js';

/**
 * How each figure of the dashboard is computed, for its definitions page, in both
 * languages. `list`: the figure whose reports reportsBehind() lists for it.
 */
export interface Definition {
  key: string;
  list: Figure | QualityFigure | null;
  id: { label: string; text: string };
  en: { label: string; text: string };
}

const COHORT_ID = 'Dihitung atas laporan yang masuk (submitted_at) dalam periode dan cocok dengan filter (OPD yang sekarang menangani, kategori, kecamatan termasuk desanya, kanal); laporan yang digabung (merged) tidak dihitung karena sudah dihitung sebagai laporan tujuannya.';
const COHORT_EN = 'Counted over the reports submitted (submitted_at) in the period that match the filters (the OPD handling it now, category, kecamatan including its desa, channel); merged reports are left out, being counted as the report they joined.';

export const DEFINITIONS: readonly Definition[] = [
  {
    key: 'workingDays', list: null,
    id: { label: 'Hari kerja', text: 'Waktu Asia/Jakarta. Hari kerja: Senin-Jumat kecuali hari libur dalam tabel hari libur (nasional, cuti bersama, libur daerah); hanya menit jam kantor dihitung, satu hari kerja = jam kantor satu hari (standar 08:00-16:00). Waktu menunggu pelapor tidak dihitung: selama status perlu informasi (needs_info), dan selama jawaban berada di pelapor sebelum ia membalas atau banding sehingga laporan dibuka kembali. Durasi tiap laporan dibulatkan ke 0,1 hari kerja, angka yang sama dengan yang tampil di halaman lacak dan portal; median dan persentil diambil dari durasi itu.' },
    en: { label: 'Working days', text: 'Asia/Jakarta time. Working days: Monday to Friday except the days in the holiday table (national, cuti bersama, local); only office-hour minutes count, one working day = one day of office hours (08:00-16:00 by default). Waits for the reporter do not count: time in needs_info, and time an answer was with the reporter before a reply or an appeal re-opened the report. The duration of each report is rounded to 0.1 working day, the number its tracking page and the portal show; medians and percentiles are taken over those durations.' },
  },
  {
    key: 'received', list: 'received',
    id: { label: 'Diterima', text: `Jumlah laporan. ${COHORT_ID}` },
    en: { label: 'Received', text: `Number of reports. ${COHORT_EN}` },
  },
  {
    key: 'open', list: 'open',
    id: { label: 'Terbuka', text: 'Laporan yang diterima dalam periode dan sampai sekarang belum ditutup: statusnya bukan selesai, ditolak, atau digabung. Untuk periode yang sudah lewat, ini sisa tunggakan periode itu per hari ini. Laporan berstatus dijawab masih terbuka sampai selesai.' },
    en: { label: 'Open', text: 'Reports received in the period and not closed now: status not resolved, rejected or merged. For a past period this is what is still left of it today. An answered report is open until resolved.' },
  },
  {
    key: 'overdue', list: 'overdue',
    id: { label: 'Terlambat', text: 'Laporan yang diterima dalam periode, sekarang menunggu pemerintah, dan melewati tenggat tahapnya saat ini (sekarang, bukan pada akhir periode): status baru dengan tenggat verifikasi (verify_due_at) lewat, atau status ditugaskan/diproses/menunggu persetujuan dengan tenggat tanggapan (response_due_at) lewat. Tenggat sudah digeser oleh jeda dan perpanjangan. Laporan yang menunggu pelapor (perlu informasi) atau sudah dijawab tidak terlambat.' },
    en: { label: 'Overdue', text: 'Reports received in the period, now waiting on the government, and past the deadline of their current stage (now, not at the end of the period): submitted with the verification deadline (verify_due_at) passed, or assigned/in progress/awaiting approval with the response deadline (response_due_at) passed. Deadlines are already moved by pauses and the extension. Reports waiting for the reporter (needs_info) or answered are not overdue.' },
  },
  {
    key: 'answeredInTimeShare', list: 'answeredInTime',
    id: { label: 'Dijawab tepat waktu', text: 'Bagian laporan terjawab yang jawabannya terkirim paling lambat pada tenggat tanggapan yang berlaku saat jawaban itu dikirim (answered_at <= response_due_at waktu itu, sesudah jeda dan perpanjangan sampai saat itu). Penyebut: laporan yang diterima dalam periode, berstatus dijawab atau selesai, dan punya tenggat tanggapan. Untuk laporan yang dibuka kembali (balasan atau banding), yang dinilai adalah jawaban terakhir terhadap tenggat baru yang ditetapkan saat dibuka kembali; selama dibuka kembali laporan itu tidak dihitung.' },
    en: { label: 'Answered on time', text: 'Share of answered reports whose answer went out no later than the response deadline in force when it was sent (answered_at <= response_due_at at that moment, after pauses and the extension up to then). Denominator: reports received in the period, answered or resolved, with a response deadline. For a re-opened report (reply or appeal) the last answer is judged against the new deadline set at re-opening; while re-opened it is not counted.' },
  },
  {
    key: 'respondedInTime', list: 'respondedInTime',
    id: { label: 'Tanggapan pertama tepat waktu', text: 'Laporan yang jawaban pertamanya (first_response_at) terkirim paling lambat pada tenggat tanggapan yang berlaku saat itu. Putusan dibekukan saat jawaban pertama terkirim; pembukaan kembali tidak mengubahnya.' },
    en: { label: 'First response on time', text: 'Reports whose first answer (first_response_at) went out no later than the response deadline in force then. The verdict is frozen when the first answer is sent; re-opening does not change it.' },
  },
  {
    key: 'firstResponseMedian', list: 'firstResponse',
    id: { label: 'Median waktu tanggapan pertama', text: 'Median (interpolasi, percentile_cont 0,5) hari kerja dari laporan masuk (submitted_at) sampai jawaban pertama terkirim (first_response_at), tanpa waktu perlu informasi, atas laporan yang diterima dalam periode dan sudah mendapat jawaban pertama. Sama dengan "hari kerja" di halaman publik.' },
    en: { label: 'Median time to first response', text: 'Median (interpolated, percentile_cont 0.5) of working days from submission (submitted_at) to the first answer sent (first_response_at), needs_info time left out, over the reports received in the period that have had a first answer. The same count as the public pages\' working days.' },
  },
  {
    key: 'firstResponseP90', list: 'firstResponse',
    id: { label: 'Persentil 90 waktu tanggapan pertama', text: 'Seperti median, dengan percentile_cont 0,9: 90% laporan mendapat jawaban pertama dalam waktu ini atau kurang.' },
    en: { label: '90th percentile time to first response', text: 'As the median, with percentile_cont 0.9: 90% of reports had their first answer within this time or less.' },
  },
  {
    key: 'answerMedian', list: 'answered',
    id: { label: 'Median waktu jawab', text: 'Median (percentile_cont 0,5) hari kerja dari laporan masuk sampai jawaban yang berlaku (jawaban terakhir, answered_at), tanpa waktu menunggu pelapor (perlu informasi, dan waktu jawaban sebelumnya berada di pelapor sebelum dibuka kembali), atas laporan yang diterima dalam periode dan sekarang berstatus dijawab atau selesai. Laporan tanpa pembukaan kembali: sama dengan waktu tanggapan pertama.' },
    en: { label: 'Median time to answer', text: 'Median (percentile_cont 0.5) of working days from submission to the answer that stands (the last one, answered_at), waits for the reporter left out (needs_info, and the time an earlier answer was with the reporter before re-opening), over the reports received in the period that are now answered or resolved. For a report never re-opened: the time to first response.' },
  },
  {
    key: 'answerP90', list: 'answered',
    id: { label: 'Persentil 90 waktu jawab', text: 'Seperti median waktu jawab, dengan percentile_cont 0,9.' },
    en: { label: '90th percentile time to answer', text: 'As the median time to answer, with percentile_cont 0.9.' },
  },
  {
    key: 'ratingAverage', list: 'rated',
    id: { label: 'Rata-rata penilaian', text: 'Rata-rata nilai 1-5 yang diberikan pelapor, atas laporan yang diterima dalam periode dan sudah dinilai (dua desimal).' },
    en: { label: 'Average rating', text: 'Mean of the 1-5 ratings reporters gave, over the reports received in the period that were rated (two decimals).' },
  },
  {
    key: 'appealed', list: 'appealed',
    id: { label: 'Banding', text: 'Laporan yang diterima dalam periode dan dibanding pelapor setelah dijawab, paling sedikit sekali (peristiwa appeal).' },
    en: { label: 'Appeals', text: 'Reports received in the period that the reporter appealed after an answer, at least once (appeal events).' },
  },
  {
    key: 'reopened', list: 'reopened',
    id: { label: 'Dibuka kembali', text: 'Laporan yang diterima dalam periode dan dibuka kembali oleh balasan pelapor setelah dijawab, paling sedikit sekali (peristiwa reopen; banding dihitung terpisah).' },
    en: { label: 'Re-opened', text: 'Reports received in the period that a reply of the reporter re-opened after an answer, at least once (reopen events; appeals are counted apart).' },
  },
  {
    key: 'answersSent', list: 'answersSent',
    id: { label: 'Mutu jawaban: jawaban terkirim', text: 'Angka mutu jawaban tidak dihitung atas laporan yang masuk dalam periode, tetapi atas jawaban yang dikirim ke pelapor dalam periode (tanggal kirim, sent_at), per OPD yang menulis jawaban itu (bukan OPD yang sekarang menangani laporannya). Saringan kategori, kecamatan dan kanal berlaku pada laporannya. Laporan yang dijawab dua kali (dibuka kembali lalu dijawab lagi) dihitung dua kali, sekali per jawaban. OPD dengan jawaban terkirim kurang dari N (angka yang sama dengan peringkat OPD, diatur admin di halaman SLA) ditandai: persentasenya belum dapat dibandingkan.' },
    en: { label: 'Answer quality: answers sent', text: 'The answer quality figures are not counted over the reports received in the period but over the answers sent to reporters in the period (the day sent, sent_at), per agency that wrote the answer (not the agency handling the report now). The category, kecamatan and channel filters apply to its report. A report answered twice (re-opened, then answered again) counts twice, once per answer. Agencies with fewer than N answers sent (the number the OPD ranking uses, set by an admin on the SLA page) are marked: their shares cannot be compared yet.' },
  },
  {
    key: 'answersComplete', list: 'answersComplete',
    id: { label: 'Lengkap 4 unsur', text: 'Bagian jawaban terkirim yang, menurut pemeriksa draf, memuat keempat unsur penjelasan: apa yang ditemukan (temuan), mengapa (alasan atau dasar aturan), apa yang akan dilakukan dan kapan (dengan tanggal), dan siapa yang dapat dihubungi (unit dan telepon atau surel). Yang dinilai adalah versi terakhir, yaitu yang dikirim. Penyebut: jawaban yang sudah diperiksa (lengkap + kurang unsur). Jawaban yang dikirim sebelum ada pemeriksa draf dihitung sebagai "belum diperiksa", bukan sebagai kurang unsur.' },
    en: { label: 'All 4 elements', text: 'Share of answers sent that, according to the draft checker, hold all four elements of an explanation: what was found, why (a reason or the rule), what will be done and by when (with a date), and whom to contact (unit and phone or e-mail). The version judged is the last one, the one sent. Denominator: the answers that were checked (complete + elements missing). Answers sent before the draft checker existed count as "not checked", not as missing elements.' },
  },
  {
    key: 'answersSentBack', list: 'answersSentBack',
    id: { label: 'Pernah dikembalikan atau ditolak', text: 'Bagian jawaban terkirim yang sebelum dikirim paling sedikit sekali dikembalikan Kepala OPD untuk diperbaiki atau ditolak Admin Koordinator saat validasi. Angka tinggi berarti draf pertama sering belum layak.' },
    en: { label: 'Returned or refused at least once', text: 'Share of answers sent that, before going out, were at least once returned by the Kepala OPD for revision or refused by the coordinator at validation. A high share means first drafts are often not good enough.' },
  },
  {
    key: 'answersReopened', list: 'answersReopened',
    id: { label: 'Dibuka kembali atau banding', text: 'Bagian jawaban terkirim yang sesudahnya dibalas pelapor sehingga laporan dibuka kembali, atau dibanding pelapor (sampai hari ini). Jawaban yang baru dikirim belum sempat ditanggapi, jadi angka periode terakhir dapat masih naik.' },
    en: { label: 'Re-opened or appealed', text: 'Share of answers sent after which the reporter replied, re-opening the report, or appealed (up to today). Answers sent lately have had little time for a reply, so the figure of a recent period may still rise.' },
  },
  {
    key: 'answersRated', list: 'answersRated',
    id: { label: 'Nilai rata-rata jawaban', text: 'Rata-rata nilai 1-5 yang diberikan pelapor atas jawaban yang dikirim dalam periode (dua desimal), dengan jumlah penilaian di belakangnya. Nilai diberikan pelapor selama jawaban itu berlaku: sesudah dikirim dan sebelum laporan dibuka kembali; penilaian yang lebih baru menggantikan yang lama.' },
    en: { label: 'Average rating of answers', text: 'Mean of the 1-5 ratings reporters gave to the answers sent in the period (two decimals), with the number of ratings it rests on. A rating belongs to the answer that stood when it was given: after it was sent and before the report was re-opened; a later rating replaces an earlier one.' },
  },
  {
    key: 'ranking', list: 'answered',
    id: { label: 'Peringkat OPD', text: 'Hanya OPD dengan paling sedikit N laporan terjawab dalam periode (N diatur admin di halaman SLA, bawaan 5). Urutan utama: dari bagian jawaban tepat waktu yang terendah (paling sering terlambat), lalu median waktu jawab yang terlama. Paling cepat dan paling lambat: menurut median waktu jawab, masing-masing paling banyak 5 OPD dan paling banyak separuh OPD yang diperingkat, sehingga tidak ada OPD di kedua daftar. Seri: lebih banyak terjawab dulu, lalu nama. Perubahan dibanding periode sebelumnya yang sama panjangnya (bulan penuh: bulan-bulan sebelumnya).' },
    en: { label: 'OPD ranking', text: 'Only agencies with at least N answered reports in the period (N set by an admin on the SLA page, 5 by default). Main order: lowest share answered on time first (most often late), then the longest median time to answer. Fastest and slowest: by median time to answer, each at most 5 agencies and at most half of those ranked, so no agency is in both lists. Ties: more answered first, then name. Changes against the period just before of the same length (whole months: the months before).' },
  },
  {
    key: 'trend', list: 'received',
    id: { label: 'Tren', text: 'Angka yang sama per minggu (mulai Senin) atau per bulan tanggal masuk laporan, waktu Asia/Jakarta.' },
    en: { label: 'Trend', text: 'The same figures per week (from Monday) or month of submission, Asia/Jakarta time.' },
  },
];
