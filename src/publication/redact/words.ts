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
  // regional forms of address: Chinese-Indonesian, Sundanese, Bugis, Minang, Bali, Batak, Javanese
  'Koh', 'Koko', 'Cik', 'Cici', 'Cece', 'Teh', 'Teteh', 'Aa', 'Daeng', 'Uda', 'Uni', 'Bli', 'Mbok',
  'Lae', 'Ito', 'Opung', 'Ompung', 'Pakde', 'Bude', 'Paklik', 'Bulik', 'Nyai', 'Jeng', 'Bung', 'Wak', 'Uwak', 'Gus', 'Ning',
  'Haji', 'Hajah', 'Hajjah',
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
  kajari kajati jaksa direktur dirut manajer manager direksi pj plt pjs staf staff petugas
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

/**
 * Given names that are also frequent words ("dewi", "made", "putri"): the frequency list
 * (lexicon.ts) would otherwise make them ordinary, and a name written in lower case or in
 * capitals after "atas nama" would stop before them.
 */
export const NAME_LIKE = set(`
  dewi made ayu rina nur nurul dian ahmad achmad akhmad muhammad mohammad muhamad moh mohamad maria andi johan
  yusuf hasan husin agung putra putri adi sari wati ani rini yani tuti tini sinta santi ratih intan mega wulan
  bintang fajar surya cahaya rahayu wahyu dwi tri eka indah lestari kartika citra kurnia rahmat hidayat iman
  ilham ikhsan ihsan taufik hidayah rizky rizki fitri fitria putu komang ketut wayan nyoman kadek gede luh
  budi bayu angga dimas galih guntur yoga arif arief teguh yudi yanto anto tono joko jaka slamet sugeng
  bagus dedi dodi hadi heru hendra hendro iwan irwan jaya rudi rudy sandi sigit toni tommy wawan yusuf
  sri ratna lia lina nina nia ria rosa sinta tika vina wina yuli yulia maya mira siska dina dini dita
  ali umar usman abu bakar daud musa isa yahya zakaria ismail ibrahim salim said karim latif aziz
  lie tan ming liem oey kwee go ong
`);

/** Chat spellings and fillers: never a name ("saya udh lapor", "sy blm dapat jawaban"). */
export const SLANG = set(`
  sy sya aq yg dg dgn utk tdk gak ga gk nggak ngga enggak udh udah sdh blm belom bgt banget lg jg aja sj
  tp tpi krn karna kmrn kemaren skrg skg bsk dr dri pd sm trs tlg mhn min mimin gan sob bro sis dll dsb dst
  tsb ttg hrs bs bkn ok oke hehe wkwk haha nih sih deh dong kok lho loh yuk gimana gmn knp kpn dmn spt sprt
  sanget nggih nggeh injih mboten sampun kulo kula panjenengan monggo mugi punten pisan abdi teu kumaha
  atuh mah euy wae
  call center customer service hotline helpdesk help desk admin official resmi
  msh kyk kayak gitu gini tuh pls please mksh makasih trims trimakasih thanks thx tks regards cp hub telp
  tlp kontak email surel wa hp ttd tertanda beralamat berdomisili domisili alamat selaku umur usia lengkap
  pekerjaan lapor laporan pengaduan aduan keluhan info informasi mohon tolong segera
`);

/** Religious words and greetings: "amin" at the end of a letter is a prayer, not a name. */
export const RELIGIOUS = set(`
  amin aamiin amiin aamin amien amiiin insyaallah insya insha inshaallah alhamdulillah bismillah subhanallah
  masyaallah mashaallah astaghfirullah astagfirullah assalamualaikum assalamu alaikum alaikum waalaikumsalam
  wassalamualaikum wassalam wr wb warahmatullahi wabarakatuh shalom syalom swastiastu namo buddhaya
  allah tuhan yesus gusti nabi rasul rasulullah
`);

/**
 * Words for a private third person, before the name: "tetangga saya Pak Darto", "anak saya
 * Rina", "pemilik toko bernama Koh Ahong", "sopir truk itu namanya Bejo".
 */
export const RELATIONS = [
  'tetangga', 'anak', 'suami', 'istri', 'isteri', 'adik', 'kakak', 'ayah', 'bapak', 'ibu', 'paman', 'bibi',
  'keponakan', 'cucu', 'mertua', 'menantu', 'ipar', 'sepupu', 'saudara', 'saudari', 'teman', 'kawan', 'rekan',
  'pemilik', 'sopir', 'supir', 'tukang', 'pedagang', 'penjual', 'karyawan', 'pekerja', 'oknum', 'pria',
  'wanita', 'perempuan', 'lelaki', 'laki-laki', 'pelaku', 'korban', 'pasien', 'orang', 'kenalan', 'pacar',
] as const;

/** Lower-case particles inside a name: "Rotua br. Siahaan", "Ahmad bin Salim". */
export const NAME_PARTICLES = set(`br br. boru bin binti bt bte al el van de der da dg`);

/** Abbreviated given names, with their dot inside a name: "Moh. Syaifudin", "Abd. Rahman". */
export const NAME_ABBREVIATIONS = set(`moh muh moch mochammad much mhd md abd ach akh sy st nur`);

/**
 * First words of a name that say nothing alone: Balinese birth-order and caste names, the
 * Buton "La"/"Wa Ode", the Bugis "Andi", the Aceh "Teuku"/"Cut", the Javanese "R." and "Ay.".
 */
export const NAME_PREFIXES = set(`i ni ida anak agung dewa gusti tjokorda cokorda desak luh ayu la wa ode andi teuku tengku cut raden r ay rr rara nyi`);
