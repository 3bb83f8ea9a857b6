import Joi from 'joi';

/**
 * The draft checker's thresholds and word lists (src/answers/check/), which admins change
 * at /admin/jawaban/pemeriksa. One setting, so a save is one change with one audit entry.
 */
export interface AnswerCheckSettings {
  /** A sentence longer than this many words is hard to follow. */
  maxSentenceWords: number;
  /** An answer shorter than this many words is too short to explain. */
  minWords: number;
  /** How many key words of the report's title the answer must share to answer it. */
  minSharedKeywords: number;
  /** Abbreviations a citizen may not know, with their long form when known. */
  abbreviations: { short: string; long: string }[];
  /** Bureaucratic phrases, each with a plainer way to say it. */
  phrases: { phrase: string; plain: string }[];
  /** Words that say nothing about a report's subject ("mohon", "jalan" is not one). */
  stopWords: string[];
  /** How an answer may greet the citizen, read in its first words. */
  greetings: string[];
}

const abbreviation = (line: string) => {
  const [short, long = ''] = line.split('=').map((x) => x.trim());
  return { short: short!, long };
};
const phrase = (line: string) => {
  const [p, plain] = line.split('=>').map((x) => x.trim());
  return { phrase: p!, plain: plain! };
};

export const ANSWER_CHECK_DEFAULTS: AnswerCheckSettings = {
  maxSentenceWords: 30,
  minWords: 40,
  minSharedKeywords: 1,
  abbreviations: [
    'TL = tindak lanjut',
    'OPD = Organisasi Perangkat Daerah',
    'SKPD = Satuan Kerja Perangkat Daerah',
    'Perbup = Peraturan Bupati',
    'Perda = Peraturan Daerah',
    'DAK = Dana Alokasi Khusus',
    'DAU = Dana Alokasi Umum',
    'APBD = Anggaran Pendapatan dan Belanja Daerah',
    'APBDes = Anggaran Pendapatan dan Belanja Desa',
    'DPA = Dokumen Pelaksanaan Anggaran',
    'RKPD = Rencana Kerja Pemerintah Daerah',
    'Musrenbang = Musyawarah Perencanaan Pembangunan',
    'Juknis = petunjuk teknis',
    'Juklak = petunjuk pelaksanaan',
    'SOP = standar operasional prosedur',
    'UPT = Unit Pelaksana Teknis',
    'UPTD = Unit Pelaksana Teknis Daerah',
    'DPUPR = Dinas Pekerjaan Umum dan Penataan Ruang',
    'PJU = penerangan jalan umum',
    'RTLH = rumah tidak layak huni',
    'DTKS = Data Terpadu Kesejahteraan Sosial',
    'PKH = Program Keluarga Harapan',
    'BPNT = Bantuan Pangan Non Tunai',
    'SPJ = surat pertanggungjawaban',
    'HK = hari kerja',
    'Kadis = Kepala Dinas',
    'Disdukcapil = Dinas Kependudukan dan Pencatatan Sipil',
    'BPBD = Badan Penanggulangan Bencana Daerah',
    'DLH = Dinas Lingkungan Hidup',
    'TPS = tempat penampungan sementara',
    'Pemkab = Pemerintah Kabupaten',
  ].map(abbreviation),
  phrases: [
    'sehubungan dengan hal tersebut di atas => karena itu',
    'sehubungan dengan hal tersebut => karena itu',
    'sehubungan dengan => tentang, atau karena',
    'berkenaan dengan => tentang',
    'dalam rangka => untuk',
    'bersama ini kami sampaikan => langsung tuliskan isinya',
    'dengan ini kami sampaikan => langsung tuliskan isinya',
    'dapat kami sampaikan bahwa => langsung tuliskan isinya',
    'perlu kami sampaikan bahwa => langsung tuliskan isinya',
    'adapun => hapus, mulai dari pokoknya',
    'dikarenakan => karena',
    'guna => untuk',
    'merupakan => adalah',
    'melakukan perbaikan => memperbaiki',
    'melakukan pengecekan => mengecek',
    'melakukan koordinasi => berkoordinasi',
    'sesuai dengan ketentuan yang berlaku => sebutkan aturannya: nama, nomor, dan tahunnya',
    'akan segera ditindaklanjuti => tuliskan apa yang akan dilakukan dan kapan',
    'demikian kami sampaikan => terima kasih atas laporan Bapak/Ibu',
    'atas perhatiannya diucapkan terima kasih => terima kasih',
    'tersebut di atas => itu',
  ].map(phrase),
  stopWords: [...new Set((
    'yang dan di ke dari untuk pada dengan dalam atas oleh bagi ini itu tersebut adalah ada tidak tak belum sudah telah akan bisa dapat ' +
    'mohon tolong minta harap berharap diharapkan segera sangat sekali banyak kami saya aku kita mereka dia ia anda kamu ' +
    'bapak ibu pak bu mas mbak kak sdr warga masyarakat penduduk kabupaten kab kecamatan kec desa kelurahan kel dusun dukuh rt rw jl jln ' +
    'laporan lapor melapor keluhan mengeluh aduan pengaduan masalah permasalahan mengenai tentang terkait soal perihal hal ' +
    'karena agar supaya jika kalau bila sejak sampai hingga lagi masih juga saja pun ya para per setiap semua tiap ' +
    'bagaimana kapan kenapa mengapa apa siapa dimana mana berapa sering selalu hari bulan tahun minggu pekan pagi siang sore malam ' +
    'kemarin sekarang mulai sekitar depan belakang dekat samping sebelah wilayah daerah lokasi tempat pemerintah pemkab dinas ' +
    'terima kasih perlu harus mau ingin kok gimana nggak gak ga tdk sdh blm yg dgn utk dg krn tsb nya atau serta namun tetapi tapi ' +
    'lebih kurang paling cukup baru lama sedang seperti sebagai secara adanya terjadi menjadi membuat'
  ).split(' '))],
  greetings: [
    'yth',
    'kepada yth',
    'bapak/ibu',
    'bapak',
    'ibu',
    'saudara',
    'saudari',
    'sdr',
    '{nama_pelapor}',
    'selamat pagi',
    'selamat siang',
    'selamat sore',
    'selamat malam',
    'assalamualaikum',
    "assalamu'alaikum",
    'salam sejahtera',
    'terima kasih atas laporan',
    'terima kasih atas aduan',
    'terima kasih atas pengaduan',
    'terima kasih telah',
    'terima kasih sudah',
  ],
};

/** Limits that keep a list something a person can read, and the checker fast. */
export const LIMITS = { items: 300, itemLength: 120 } as const;

const text = (max: number = LIMITS.itemLength) => Joi.string().trim().min(1).max(max);

/** The stored shape; each field defaults on its own, so a row saved before a field existed still reads. */
export const answerCheckSchema = Joi.object<AnswerCheckSettings>({
  maxSentenceWords: Joi.number().integer().min(10).max(200).default(ANSWER_CHECK_DEFAULTS.maxSentenceWords),
  minWords: Joi.number().integer().min(0).max(2000).default(ANSWER_CHECK_DEFAULTS.minWords),
  minSharedKeywords: Joi.number().integer().min(0).max(10).default(ANSWER_CHECK_DEFAULTS.minSharedKeywords),
  abbreviations: Joi.array()
    .items(Joi.object({ short: text(30).pattern(/^[\p{L}\p{N}][\p{L}\p{N}.-]*$/u), long: Joi.string().trim().max(LIMITS.itemLength).allow('') }))
    .max(LIMITS.items)
    .default(ANSWER_CHECK_DEFAULTS.abbreviations),
  phrases: Joi.array()
    .items(Joi.object({ phrase: text(), plain: text() }))
    .max(LIMITS.items)
    .default(ANSWER_CHECK_DEFAULTS.phrases),
  stopWords: Joi.array().items(text(40)).max(LIMITS.items * 3).default(ANSWER_CHECK_DEFAULTS.stopWords),
  greetings: Joi.array().items(text()).max(LIMITS.items).default(ANSWER_CHECK_DEFAULTS.greetings),
});
