/**
 * Word lists of the redaction, all lower case. Kept apart from the rules so that a
 * coordinator's complaint ("this common word was blanked", "this title was kept") is
 * fixed by editing one list.
 */

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/u));

/**
 * Given names that are also ordinary Indonesian words, or words of place names and
 * dates. A part of a known name that is in this list is redacted only in the full name
 * ("Indah Permatasari") or right after an honorific ("Bu Indah"), never on its own:
 * "jalan", "terima kasih", "Griya Asri Indah", "bulan Juni" stay readable.
 */
export const COMMON_NAME_WORDS = set(`
  jalan gang raya jaya agung utama baru besar kecil tengah barat timur utara selatan
  bunga kembang indah asri permai lestari makmur mulia sentosa abadi mandiri sejahtera
  harapan bakti bhakti karya dharma darma maju lancar aman adil setia suci murni sejati
  kasih cinta sayang rindu manis cantik ayu bagus sehat sabar syukur ikhlas berkah rahmat
  hidayah iman amal amin salam saleh soleh nur puji rezeki rejeki rizki selamat untung
  rahayu tentrem cahaya bintang surya fajar senja embun pelangi mega bulan matahari bumi
  langit angin hujan awan intan permata mutiara berlian emas kencana mawar melati kenanga
  cempaka anggrek teratai dahlia delima wangi harum tegar kuat sakti perkasa pertiwi
  putri putra puteri putera ratu raja dewa sari tirta kali pasar desa kota negeri
  januari februari maret april mei juni juli agustus september oktober november desember
  senin selasa rabu kamis jumat sabtu minggu pon wage kliwon legi pahing
`);

/**
 * Honorifics and forms of address: "<honorific> <Capitalised Name>" is a private
 * person's name, redacted while the honorific stays ("Pak [nama disamarkan]").
 */
export const HONORIFICS = [
  'Bapak', 'Bpk', 'Bp', 'Pak', 'Ibu', 'Ibuk', 'Bu', 'Saudara', 'Saudari', 'Sdr', 'Sdri', 'Sdra',
  'Mas', 'Mbak', 'Mba', 'Kak', 'Kakak', 'Dik', 'Adik', 'Om', 'Tante', 'Mbah', 'Eyang', 'Bang', 'Abang',
  'Cak', 'Kang', 'Akang', 'Neng', 'Ustadz', 'Ustaz', 'Ustadzah', 'Ustazah', 'Kyai', 'Kiai', 'Tuan',
  'Nyonya', 'Ny', 'Tn', 'Nona', 'Almarhum', 'Almarhumah', 'Alm', 'Almh',
] as const;

/**
 * Titles that may sit between the honorific and the name ("Bapak H. Slamet",
 * "Ibu Hj. Ani", "Pak Drs. Sutrisno"): kept, like the honorific.
 */
export const TITLES = ['H', 'Hj', 'Haji', 'Hajjah', 'Dr', 'dr', 'Drs', 'Dra', 'Ir', 'Prof', 'KH', 'R', 'Rr', 'Raden', 'Ns', 'Bd', 'drg'] as const;

/**
 * Words that, right after an honorific or inside a run of capitalised words, are not
 * (part of) a person's name: offices and roles (so "Pak Camat", "Bu Kades", "Pak RT",
 * "Bapak Kepala Dinas" stay), places and institutions (a name stops before "Desa"),
 * pronouns and the words that start a sentence in a chat ("terima kasih Pak Saya ...").
 * An official named with the office ("Pak Kades Sutrisno") acts in public and is kept.
 */
export const NOT_A_NAME = set(`
  camat kades lurah rt rw kadus kasun bupati wabup walikota wali wakil gubernur wagub presiden
  menteri dewan ketua wakil sekretaris sekdes sekda sekcam kasi kaur kabid kabag kasubag kasubbag
  kadis kadin kepala kapolsek kapolres kapolda polisi polantas danramil dandim babinsa bhabinkamtibmas
  kajari kajati hakim jaksa direktur dirut manajer manager direksi pj plt pjs staf staff petugas
  pegawai pejabat guru dosen kepsek bidan dokter mantri perawat satpam sopir supir kurir tukang
  modin carik bayan kamituwo bekel jagabaya kebayan ulu dukuh kamitua kadus pamong perangkat
  ketua pengurus pembina koordinator admin min mimin operator pelapor warga penduduk masyarakat
  tani nelayan pedagang sopir ojek haji
  desa kelurahan kecamatan kec kel kab kabupaten kota provinsi dusun dukuh kampung kp jalan jl jln gang gg
  dinas badan kantor pasar sekolah sd smp sma smk mi mts ma puskesmas rs rsud rumah masjid musala
  mushola balai warung toko bank pt cv ud koperasi polsek polres kodim koramil pemkab pemda pemkot
  dpu dpupr pupr dishub disdik dinkes bpbd pln pdam bpjs telkom kua samsat
  saya kami kita anda dia beliau mereka kamu engkau aku
  yang dan atau di ke dari untuk pada dengan oleh karena tetapi namun jadi maka agar supaya
  ini itu tersebut sudah belum tidak bukan akan bisa dapat mohon tolong minta harap terima kasih
  selamat pagi siang sore malam apakah bagaimana kapan mengapa kenapa dimana apa siapa
  mau ingin sebagai atas sejak setelah sebelum sebelumnya kalau jika apabila hari tanggal jam pukul
  bulan tahun minggu senin selasa rabu kamis jumat sabtu
  januari februari maret april mei juni juli agustus september oktober november desember
  assalamualaikum wassalam salam hormat yth kepada perihal lampiran hal nomor no
  bapak pak bpk bp ibu bu ibuk saudara saudari sdr sdri mas mbak mba kak dik om tante mbah
  kota negara pertiwi hamil menyusui rumah tangga kandung mertua muda tua lansia rt/rw
  allah tuhan nabi rp idr
`);

/** Labels after which the rest of the phrase is a name: "Nama: ...", "a.n. ...". */
export const NAME_LABELS_SOURCE = String.raw`(?:nama(?:\s+lengkap|\s+pelapor|\s+pemohon)?\s*:|pelapor\s*:|pemohon\s*:|atas\s+nama|a\.\s?n\.|an\.|nama\s+saya|saya\s+bernama|bernama)`;
