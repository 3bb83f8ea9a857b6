import type { ReportKind } from '../db/schema.js';

/**
 * The Indonesian wording of the demo data (pure data): report templates by category, the
 * phrases of citizens and staff, staff answers, place and person names. Placeholders such as
 * {desa} or {lokasi} are filled by render.ts.
 */

export interface Template {
  kind: ReportKind;
  title: string;
  body: string;
}

export const MAIN_ROADS = [
  'Jl. Raya Pati–Tayu', 'Jl. Raya Pati–Gembong', 'Jl. Raya Kayen–Sukolilo', 'Jl. Raya Pati–Kayen',
  'Jl. Raya Juwana–Jakenan', 'Jl. Raya Tayu–Dukuhseti', 'Jl. Raya Pati–Tlogowungu', 'Jl. Raya Winong–Pucakwangi',
];

export const OPENERS = [
  'Selamat pagi Bapak/Ibu.', 'Assalamualaikum, mohon izin melapor.', 'Kepada Yth. Pemerintah Kabupaten Pati,',
  'Selamat siang, saya ingin menyampaikan keluhan.', 'Mohon maaf mengganggu waktunya.', 'Salam sejahtera.',
];
export const CLOSERS = [
  'Mohon segera ditindaklanjuti. Terima kasih.', 'Atas perhatiannya kami ucapkan terima kasih.',
  'Kami berharap ada tindakan nyata, bukan hanya dicatat.', 'Warga sudah melapor ke desa tetapi belum ada hasil.',
  'Mohon dicek langsung ke lokasi.', 'Terima kasih, semoga Pati makin maju.',
];
export const QUESTIONS = [
  'Mohon dilengkapi lokasi persisnya (nama dukuh, RT/RW atau titik peta) dan foto kondisi terbaru agar laporan dapat kami teruskan.',
  'Mohon informasi sejak kapan masalah ini terjadi dan apakah sudah pernah dilaporkan ke pemerintah desa.',
  'Mohon lampirkan nomor pendaftaran atau bukti pengajuan agar kami dapat menelusuri berkasnya.',
  'Mohon sebutkan nama sekolah/fasilitas yang dimaksud dan waktu kejadiannya.',
];
export const CITIZEN_INFO = [
  'Lokasinya di {rt}, dekat mushola, sekitar 200 meter dari {balai}. Foto sudah saya lampirkan.',
  'Masalah ini sudah terjadi sejak {durasi} yang lalu dan sudah kami sampaikan ke kepala desa.',
  'Nomor pendaftarannya sudah saya kirim lewat balasan ini. Terima kasih.',
];
export const INTERNAL_NOTES = [
  'Sudah koordinasi dengan petugas wilayah {kec}; pengecekan lapangan dijadwalkan minggu ini.',
  'Anggaran pemeliharaan triwulan ini terbatas, diprioritaskan lokasi dengan dampak terbesar.',
  'Sudah dicek ke lapangan, dokumentasi disimpan di berkas internal bidang.',
  'Mohon Kabid memeriksa draf jawaban sebelum diajukan ke Kepala.',
  'Lokasi sama dengan laporan bulan lalu; perlu penanganan permanen, bukan tambal sulam.',
];
/** Reasons a kecamatan office gives when a report sent to it belongs to a dinas. */
export const RETURN_REASONS = [
  'urusan tersebut kewenangan OPD teknis, bukan kecamatan',
  'kecamatan tidak memiliki anggaran maupun petugas untuk urusan ini, mohon diteruskan ke dinas terkait',
  'permasalahan menyangkut kewenangan dinas terkait',
];
export const DRAFT_RETURNS = [
  'Jawaban belum menyebutkan jadwal tindak lanjut yang jelas.',
  'Bahasa terlalu teknis, mohon disederhanakan agar mudah dipahami pelapor.',
  'Lengkapi dengan dasar aturan dan kontak petugas yang bisa dihubungi.',
];
export const REJECTIONS = [
  'Laporan tidak memuat lokasi dan uraian yang cukup untuk ditindaklanjuti.',
  'Bukan kewenangan Pemerintah Kabupaten Pati (urusan instansi vertikal); pelapor diarahkan ke kanal yang tepat.',
  'Laporan berisi ujaran kebencian dan tidak menyampaikan permasalahan layanan publik.',
  'Laporan uji coba / ganda dari pelapor yang sama.',
];
export const CITIZEN_THANKS = [
  'Terima kasih, sudah ditangani.', 'Sudah dicek, benar sudah diperbaiki. Matur nuwun.',
  'Penjelasannya bisa saya pahami, terima kasih.', 'Baik, saya tunggu jadwal yang disampaikan.',
];
export const RATINGS: [number, number][] = [[1, 5], [2, 8], [3, 17], [4, 35], [5, 35]];
export const RATING_COMMENTS: Record<number, string[]> = {
  1: ['Tidak ada perbaikan nyata.', 'Jawaban hanya formalitas.'],
  2: ['Terlalu lama prosesnya.', 'Belum sesuai harapan.'],
  3: ['Cukup, walau agak lama.', 'Jawaban jelas tapi belum ada tindakan.'],
  4: ['Respon cukup cepat, terima kasih.', 'Sudah ditangani dengan baik.'],
  5: ['Mantap, cepat sekali!', 'Terima kasih, pelayanan sangat baik.', 'Langsung diperbaiki, luar biasa.'],
};

export const FIRST_NAMES = [
  'Agus', 'Budi', 'Slamet', 'Joko', 'Sri', 'Siti', 'Dwi', 'Eko', 'Tri', 'Wahyu', 'Rini', 'Endang', 'Suparmi',
  'Sutrisno', 'Ahmad', 'Muhammad', 'Nur', 'Dewi', 'Lestari', 'Yuni', 'Rudi', 'Hendra', 'Fajar', 'Rizki', 'Putri',
  'Ayu', 'Bambang', 'Suharti', 'Kusnadi', 'Sumiyati', 'Ali', 'Imam', 'Zainal', 'Ngatini', 'Teguh', 'Anik', 'Heru',
  'Wulan', 'Indah', 'Sugeng', 'Khoirul', 'Nanik', 'Supriyadi', 'Umi', 'Arif', 'Fitri', 'Hadi', 'Yanto', 'Darmi',
];
export const LAST_NAMES = [
  'Santoso', 'Wibowo', 'Susanto', 'Prasetyo', 'Lestari', 'Rahayu', 'Hidayat', 'Setiawan', 'Nugroho', 'Saputra',
  'Kurniawan', 'Maulana', 'Fitriani', 'Purnomo', 'Hartono', 'Sulistyo', 'Wijaya', 'Utomo', 'Hasanah', 'Mustofa',
  'Rohman', 'Kholis', 'Anwar', 'Sholeh', 'Rahmawati', 'Ismail', 'Suryani', 'Handoko', 'Pratama', 'Yulianto',
];


const P = 'pengaduan' as const;
const A = 'aspirasi' as const;
const I = 'informasi' as const;
const t = (kind: ReportKind, title: string, body: string): Template => ({ kind, title, body });

export const TEMPLATES: Record<string, Template[]> = {
  'jalan-jembatan': [
    t(P, 'Jalan rusak parah di {desa}', 'Ruas {jalan} di {lokasi} rusak dan berlubang sepanjang kurang lebih {panjang} meter. Sudah {durasi} tidak ada perbaikan. Saat hujan lubang tergenang air dan tidak terlihat, sudah beberapa pengendara motor jatuh, terutama anak sekolah pada pagi hari.'),
    t(P, 'Jembatan retak di {desa}, mohon dicek', 'Jembatan penghubung antardukuh di {lokasi} retak di bagian tengah dan pagar pengamannya hilang. Jembatan ini dilewati truk pengangkut hasil panen setiap hari. Kami khawatir jembatan ambruk.'),
    t(A, 'Usulan betonisasi jalan {desa}', 'Kami warga {rt} {lokasi} mengusulkan agar jalan makadam menuju area persawahan diaspal atau dibeton. Jalan sepanjang {panjang} meter ini dipakai petani mengangkut gabah dan saat musim hujan sangat licin.'),
    t(P, 'Tambalan jalan cepat rusak lagi di {kec}', 'Ruas {jalan} di {lokasi} baru ditambal {durasi} lalu, tetapi tambalannya sudah terkelupas lagi. Mohon kualitas pekerjaan diperiksa.'),
    t(I, 'Kapan perbaikan {jalan}?', 'Mohon informasi jadwal perbaikan {jalan} di {lokasi}. Tahun lalu sudah diukur petugas tetapi sampai sekarang belum dikerjakan.'),
  ],
  'drainase-banjir': [
    t(P, 'Saluran air tersumbat di {desa}', 'Saluran air di pinggir {jalan}, {lokasi}, tersumbat sampah dan lumpur. Setiap hujan deras air meluap ke jalan dan masuk ke rumah warga {rt}.'),
    t(P, 'Banjir setiap hujan di {desa}', 'Sudah {durasi} setiap hujan lebat permukiman di {lokasi} tergenang setinggi lutut. Gorong-gorong di bawah jalan terlalu kecil. Mohon dinormalisasi.'),
    t(A, 'Usulan normalisasi sungai di {kec}', 'Sungai kecil yang melintasi {lokasi} dangkal dan penuh eceng gondok. Kami mengusulkan normalisasi sebelum musim hujan agar sawah di {tetangga} tidak ikut terendam.'),
  ],
  'air-bersih': [
    t(P, 'Air PDAM mati {durasi} di {desa}', 'Air PDAM di {rt}, {lokasi}, tidak mengalir sudah {durasi}. Kalau mengalir pun hanya tengah malam dan kecil. Tagihan tetap datang seperti biasa.'),
    t(P, 'Air PDAM keruh dan berbau di {kec}', 'Air dari PDAM di {lokasi} keruh kecokelatan dan berbau, tidak bisa dipakai memasak. Mohon kualitas airnya diperiksa.'),
    t(I, 'Cara pasang sambungan baru PDAM di {desa}', 'Saya warga {lokasi}, ingin memasang sambungan air PDAM baru. Mohon informasi syarat, biaya dan apakah jaringan pipa sudah sampai desa kami.'),
  ],
  'penerangan-jalan': [
    t(P, 'Lampu PJU mati di {desa}', 'Lampu penerangan jalan umum di {jalan}, {lokasi}, mati sekitar {jumlah} titik sudah {durasi}. Jalan menjadi gelap dan rawan kecelakaan serta pencurian.'),
    t(P, 'Lampu jalan menyala siang hari di {desa}', 'Lampu PJU di dekat perempatan {lokasi} menyala terus siang dan malam. Sayang listriknya terbuang.'),
    t(A, 'Usulan pemasangan PJU jalan {desa}–{tetangga}', 'Jalan antardesa dari {desa} menuju {tetangga} belum ada lampu sama sekali sepanjang kira-kira satu kilometer. Kami mohon dipasang PJU.'),
  ],
  sampah: [
    t(P, 'Sampah menumpuk di TPS {desa}', 'TPS di {lokasi} penuh dan sampah meluber ke jalan sudah {durasi}. Bau menyengat dan banyak lalat. Truk pengangkut jarang datang.'),
    t(P, 'Pembuangan sampah liar di pinggir jalan {kec}', 'Ada tumpukan sampah liar di pinggir {jalan}, {lokasi}, dibuang orang dari luar desa pada malam hari. Mohon dipasang papan larangan dan sampahnya diangkut.'),
    t(A, 'Usulan bank sampah di {desa}', 'Ibu-ibu PKK {lokasi} ingin membentuk bank sampah. Kami mengusulkan pendampingan dan bantuan alat pemilah dari Pemkab.'),
  ],
  lingkungan: [
    t(P, 'Limbah mencemari sungai di {desa}', 'Air sungai di {lokasi} berubah hitam dan berbau setiap malam. Diduga dari limbah usaha pengolahan di sekitar sungai. Ikan banyak yang mati.'),
    t(P, 'Galian C diduga tanpa izin di {kec}', 'Ada penambangan tanah uruk di {lokasi} yang diduga tidak berizin. Truk bermuatan tanah merusak jalan desa dan menimbulkan debu.'),
    t(P, 'Asap pembakaran mengganggu warga {desa}', 'Setiap sore ada pembakaran sampah plastik dalam jumlah besar di {lokasi}. Asapnya masuk ke rumah dan anak-anak batuk.'),
  ],
  kesehatan: [
    t(P, 'Pelayanan Puskesmas {kec} lambat', 'Saya berobat ke Puskesmas {kec}, antre sejak pukul 07.00 tetapi baru dilayani pukul 11.00. Petugas pendaftaran hanya satu orang.'),
    t(P, 'Kasus demam berdarah di {desa}, mohon fogging', 'Di {rt}, {lokasi}, sudah {jumlah} warga terkena demam berdarah dalam dua minggu terakhir. Mohon dilakukan fogging dan pemeriksaan jentik.'),
    t(I, 'Cara mendaftar BPJS yang dibiayai Pemkab', 'Mohon informasi cara mendaftar BPJS Kesehatan yang dibiayai Pemkab untuk keluarga tidak mampu. Saya warga {lokasi}.'),
  ],
  'rumah-sakit': [
    t(P, 'Antrean poli {rs} sangat lama', 'Antrean di poli penyakit dalam {rs} sangat panjang, pasien lansia menunggu lebih dari lima jam. Mohon ditambah dokter atau antrean online diperbaiki.'),
    t(P, 'Pasien BPJS diminta membeli obat sendiri di {rs}', 'Keluarga saya dari {lokasi} dirawat di {rs} dengan BPJS, tetapi diminta membeli sebagian obat di apotek luar. Apakah ini sesuai aturan?'),
    t(P, 'Sikap petugas IGD {rs} kurang ramah', 'Saat mengantar tetangga ke IGD {rs} malam hari, petugas membentak keluarga pasien yang bertanya. Mohon pembinaan petugas.'),
  ],
  pendidikan: [
    t(P, 'Atap ruang kelas SD di {desa} bocor', 'Atap dua ruang kelas di SD Negeri {desa}, Kecamatan {kec}, bocor dan plafonnya jebol. Saat hujan siswa dipindah ke perpustakaan. Mohon diperbaiki sebelum ambruk.'),
    t(P, 'Pungutan uang gedung di SMP negeri {kec}', 'Anak saya di SMP negeri di Kecamatan {kec} diminta membayar sumbangan gedung Rp{nominal} dengan jumlah yang ditentukan sekolah. Bukankah sekolah negeri tidak boleh memungut?'),
    t(I, 'Jadwal SPMB SD dan SMP tahun ini', 'Mohon informasi jadwal dan syarat pendaftaran murid baru SD dan SMP negeri di Kabupaten Pati, termasuk jalur domisili untuk warga {lokasi}.'),
  ],
  'bantuan-sosial': [
    t(P, 'Bantuan PKH salah sasaran di {desa}', 'Di {lokasi} ada penerima PKH yang rumahnya bagus dan punya mobil, sementara tetangga saya janda lansia tidak pernah dapat. Mohon verifikasi ulang data.'),
    t(P, 'BPNT tidak cair {durasi}', 'Saya penerima BPNT di {lokasi}, sudah {durasi} bantuan tidak masuk ke kartu. Pendamping belum bisa menjelaskan.'),
    t(P, 'Lansia sebatang kara perlu bantuan di {desa}', 'Ada lansia hidup sendiri di {rt}, {lokasi}, rumahnya hampir roboh dan tidak punya penghasilan. Mohon dibantu dan didata.'),
    t(I, 'Cara masuk data penerima bantuan (DTSEN)', 'Keluarga saya di {lokasi} tergolong tidak mampu tetapi belum terdata. Bagaimana cara mengusulkan masuk data penerima bantuan?'),
  ],
  'perlindungan-anak': [
    t(P, 'Dugaan kekerasan terhadap anak di {kec}', 'Saya sering mendengar seorang anak tetangga di {lokasi} dipukul orang tuanya hingga memar. Mohon ada pendampingan. Identitas saya mohon dirahasiakan.'),
  ],
  adminduk: [
    t(P, 'KTP-el belum jadi {durasi}', 'Saya sudah rekam KTP-el di Kecamatan {kec} {durasi} lalu, tetapi sampai sekarang belum dicetak dengan alasan blangko habis.'),
    t(P, 'Perbaikan akta kelahiran belum selesai', 'Akta kelahiran anak saya salah ejaan nama ibu. Sudah mengajukan perbaikan lewat {lokasi} tetapi belum ada kabar.'),
    t(P, 'Antrean Disdukcapil penuh sejak subuh', 'Untuk mengurus KK di kantor Disdukcapil harus antre sejak subuh dan kuota cepat habis. Saya dari {lokasi} sudah dua kali pulang tanpa hasil. Mohon layanan di kecamatan diperbanyak.'),
    t(I, 'Syarat pindah domisili keluar Pati', 'Mohon informasi syarat dan alur pindah domisili dari {lokasi} ke luar kabupaten, apakah bisa secara online.'),
  ],
  perizinan: [
    t(P, 'Pengurusan PBG tidak ada kejelasan', 'Saya mengajukan PBG untuk rumah toko di {lokasi} sejak {durasi} lalu, statusnya masih verifikasi. Mohon kejelasan.'),
    t(I, 'Izin usaha mikro lewat OSS', 'Saya pedagang kecil di {lokasi}. Mohon informasi cara membuat NIB lewat OSS dan apakah bisa dibantu di Mal Pelayanan Publik.'),
  ],
  'pajak-daerah': [
    t(P, 'SPPT PBB naik tidak wajar', 'SPPT PBB-P2 tanah dan rumah saya di {lokasi} tahun ini naik berkali lipat dibanding tahun lalu. Mohon penjelasan dasar perhitungannya.'),
    t(P, 'SPPT PBB ganda untuk satu bidang tanah', 'Satu bidang tanah saya di {lokasi} terbit dua SPPT dengan nama berbeda. Mohon dibetulkan agar tidak ditagih dua kali.'),
    t(I, 'Cara bayar PBB secara online', 'Mohon informasi kanal pembayaran PBB-P2 secara online dan sampai kapan jatuh temponya.'),
  ],
  'ketertiban-umum': [
    t(P, 'PKL memakai trotoar di {kec}', 'Pedagang kaki lima memakai trotoar dan sebagian badan jalan di {jalan}, {lokasi}, sehingga pejalan kaki terpaksa turun ke jalan.'),
    t(P, 'Karaoke buka sampai dini hari di {desa}', 'Tempat karaoke di {lokasi} buka sampai pukul 02.00 dan suaranya mengganggu warga. Diduga juga menjual minuman keras.'),
  ],
  transportasi: [
    t(P, 'Lampu lalu lintas mati di {kec}', 'Lampu lalu lintas di simpang empat {lokasi} mati sejak {durasi}. Kendaraan saling serobot dan hampir terjadi tabrakan.'),
    t(P, 'Parkir liar di depan pasar {kec}', 'Parkir liar di depan Pasar {kec} memakan separuh jalan dan juru parkirnya menarik tarif di atas ketentuan.'),
    t(A, 'Usulan rambu sekolah di {desa}', 'Di depan SD {desa} tidak ada rambu hati-hati dan zebra cross. Banyak kendaraan melaju kencang saat anak pulang sekolah.'),
  ],
  pertanian: [
    t(P, 'Pupuk bersubsidi langka di {desa}', 'Petani di {lokasi} kesulitan mendapat urea dan NPK bersubsidi. Kios mengatakan jatah sudah habis padahal alokasi kelompok tani kami belum diambil.'),
    t(P, 'Serangan hama tikus di sawah {desa}', 'Hama tikus menyerang sawah di {lokasi} sejak {durasi}, puluhan hektare padi rusak. Mohon bantuan gropyokan dan rodentisida.'),
    t(A, 'Usulan perbaikan saluran irigasi {desa}', 'Saluran irigasi tersier di {lokasi} jebol sehingga air tidak sampai ke sawah di ujung. Kami mengusulkan perbaikan sebelum musim tanam.'),
  ],
  perikanan: [
    t(P, 'Solar nelayan sulit didapat di {kec}', 'Nelayan di {lokasi} kesulitan membeli solar bersubsidi, antre berjam-jam dan sering kehabisan. Banyak yang batal melaut.'),
    t(P, 'Kartu KUSUKA belum terbit', 'Saya nelayan dari {lokasi}, sudah mendaftar kartu KUSUKA {durasi} lalu tetapi belum terbit.'),
  ],
  pasar: [
    t(P, 'Atap los Pasar {kec} bocor', 'Atap los di Pasar {kec} bocor di banyak titik, dagangan pedagang basah saat hujan. Retribusi tetap ditarik setiap hari.'),
    t(P, 'Harga minyak goreng di atas HET di {kec}', 'Di toko-toko sekitar {lokasi} minyak goreng kemasan sederhana dijual di atas harga eceran tertinggi. Mohon dilakukan pengawasan.'),
  ],
  umkm: [
    t(A, 'Pelatihan UMKM agar merata sampai desa', 'Pelatihan UMKM selama ini hanya di kota. Kami pelaku usaha di {lokasi} mengusulkan pelatihan pemasaran online diadakan di kecamatan.'),
  ],
  ketenagakerjaan: [
    t(P, 'Upah di bawah UMK di pabrik {kec}', 'Saya bekerja di pabrik di Kecamatan {kec}. Upah yang diterima masih di bawah UMK Pati dan karyawan tidak didaftarkan BPJS Ketenagakerjaan.'),
    t(I, 'Informasi pelatihan kerja di BLK', 'Mohon informasi jadwal pelatihan kerja gratis di BLK untuk lulusan SMA dari {lokasi}.'),
  ],
  pariwisata: [
    t(P, 'Fasilitas objek wisata di {kec} tidak terawat', 'Toilet dan gazebo di objek wisata dekat {lokasi} rusak dan kotor, padahal tiket masuk tetap ditarik.'),
  ],
  perumahan: [
    t(A, 'Usulan bantuan RTLH untuk warga {desa}', 'Ada {jumlah} rumah tidak layak huni di {rt}, {lokasi}, berdinding bambu dan atapnya bocor. Kami mohon diusulkan bantuan RTLH.'),
  ],
  bencana: [
    t(P, 'Tanah longsor menutup jalan di {desa}', 'Tebing di {lokasi} longsor semalam dan menutup separuh jalan. Masih ada retakan di atasnya. Mohon segera ditangani.'),
    t(P, 'Rumah rusak diterjang angin puting beliung di {desa}', 'Angin puting beliung sore tadi merusak atap {jumlah} rumah di {lokasi}. Warga butuh terpal dan bantuan perbaikan.'),
    t(P, 'Kekeringan, warga {desa} butuh air bersih', 'Sumur warga di {lokasi} kering sejak {durasi}. Warga harus membeli air. Mohon droping air bersih.'),
  ],
  kepegawaian: [
    t(P, 'Petugas tidak ada di tempat saat jam kerja', 'Pada hari kerja pukul 10.00 saya datang ke kantor Kecamatan {kec} untuk mengurus surat, tetapi ruang pelayanan kosong dan petugas tidak ada.'),
    t(P, 'Dugaan ASN berpolitik praktis di {kec}', 'Ada ASN di {lokasi} yang ikut membagikan atribut salah satu calon saat kampanye. Mohon ditindak sesuai aturan netralitas.'),
  ],
  pungli: [
    t(P, 'Dugaan pungli pengurusan surat di {desa}', 'Untuk mengurus surat pengantar di {balai} saya diminta membayar Rp{nominal} tanpa kuitansi.'),
  ],
  'pemerintahan-desa': [
    t(P, 'Pelayanan {balai} sering tutup', 'Kantor {lokasi} sering tutup pada jam kerja sehingga warga sulit mengurus surat.'),
    t(I, 'Transparansi dana desa {desa}', 'Kami warga {lokasi} ingin tahu penggunaan dana desa tahun ini; papan informasi APBDes tidak dipasang.'),
  ],
  'informasi-publik': [
    t(I, 'Permohonan data penerima bantuan per desa', 'Saya mahasiswa dari {lokasi}, memohon data jumlah penerima bantuan sosial per desa di Kecamatan {kec} untuk penelitian.'),
    t(P, 'Sinyal internet di {desa} sangat lemah', 'Sinyal seluler dan internet di {lokasi} sangat lemah, anak-anak kesulitan belajar daring. Mohon difasilitasi ke operator.'),
    t(P, 'Situs web Pemkab tidak bisa diakses', 'Beberapa hari ini situs web Pemkab Pati tidak bisa dibuka dari ponsel, sehingga saya tidak bisa mengunduh formulir.'),
  ],
  lainnya: [
    t(P, 'Anjing liar berkeliaran di {desa}', 'Banyak anjing liar berkeliaran di {lokasi} dan mengejar anak-anak. Mohon ditangani.'),
    t(A, 'Saran untuk pelayanan Pemkab Pati', 'Saran saya, layanan pengaduan dibuka juga lewat WhatsApp agar warga {kec} yang tidak terbiasa dengan internet bisa melapor.'),
  ],
};

export const ANSWERS_GENERIC = [
  '{agency} telah menindaklanjuti laporan ini. Petugas kami melakukan pengecekan ke {lokasi} pada {tgl} dan permasalahan sudah ditangani sesuai kewenangan kami.',
  'Laporan Bapak/Ibu telah kami kaji. Penanganan membutuhkan anggaran yang belum tersedia tahun ini, sehingga kami masukkan dalam usulan kegiatan tahun anggaran berikutnya. Perkembangannya dapat dipantau melalui laporan ini.',
];
export const ANSWERS: Record<string, string[]> = {
  'jalan-jembatan': [
    'Tim UPT Jalan dan Jembatan telah meninjau lokasi pada {tgl}. Penanganan darurat sudah kami lakukan agar aman dilalui, dan perbaikan permanen masuk usulan pemeliharaan berkala tahun anggaran berikutnya.',
    'Setelah kami cek pada {tgl}, ruas tersebut merupakan jalan provinsi sehingga perbaikannya menjadi kewenangan Pemerintah Provinsi Jawa Tengah. Laporan Bapak/Ibu sudah kami teruskan ke balai pengelola jalan provinsi dan akan kami pantau.',
  ],
  'drainase-banjir': [
    'Petugas kami bersama pemerintah desa melakukan pembersihan saluran di {lokasi} pada {tgl}. Untuk gorong-gorong yang terlalu kecil, kami jadwalkan penggantian dengan box culvert pada triwulan berikutnya.',
  ],
  'penerangan-jalan': [
    'Lampu PJU di lokasi tersebut sudah diganti petugas pada {tgl}. Bila masih ada titik yang padam, mohon sebutkan nomor tiangnya.',
  ],
  sampah: [
    'Sampah di TPS {desa} sudah diangkut pada {tgl}. Jadwal pengangkutan kami tambah menjadi dua kali seminggu, dan kami minta desa ikut mengawasi pembuangan dari luar wilayah.',
  ],
  kesehatan: [
    'Tim Puskesmas {kec} telah melakukan penyelidikan epidemiologi dan fogging fokus di {lokasi} pada {tgl}. Kami mohon warga tetap melakukan 3M Plus setiap minggu.',
    'Kami telah menegur Puskesmas terkait dan menambah petugas pendaftaran pada jam sibuk. Pendaftaran online juga sudah dapat digunakan mulai minggu ini.',
  ],
  adminduk: [
    'KTP-el atas nama pelapor sudah dicetak pada {tgl} dan dapat diambil di Kantor Kecamatan {kec} dengan membawa bukti perekaman.',
    'Permohonan perbaikan akta sudah kami proses; akta yang baru dapat diunduh dan dicetak mandiri melalui tautan yang kami kirimkan ke nomor pelapor.',
  ],
  'bantuan-sosial': [
    'Data penerima yang dilaporkan sudah kami verifikasi bersama pendamping dan pemerintah desa pada {tgl}. Penerima yang tidak memenuhi kriteria diusulkan keluar, dan warga yang layak kami usulkan masuk pada pemutakhiran data bulan depan.',
    'Penyaluran bantuan periode ini memang tertunda dari pusat. Berdasarkan informasi terbaru, dana akan masuk ke rekening penerima pada bulan ini.',
  ],
  'pajak-daerah': [
    'Kenaikan SPPT mengikuti penyesuaian NJOP. Bapak/Ibu dapat mengajukan keberatan atau pengurangan di loket BPKAD atau melalui kecamatan dengan membawa SPPT dan KTP; permohonan akan kami teliti dalam 30 hari.',
  ],
  ketenagakerjaan: [
    'Pengawasan norma ketenagakerjaan (upah dan BPJS) merupakan kewenangan Pemerintah Provinsi Jawa Tengah melalui pengawas ketenagakerjaan. Laporan ini telah kami teruskan, dan kami memfasilitasi mediasi bila Bapak/Ibu berkenan.',
  ],
  pendidikan: [
    'Tim kami meninjau sekolah tersebut pada {tgl}. Perbaikan atap masuk prioritas rehabilitasi tahun ini; sementara itu ruang kelas yang rusak tidak digunakan.',
    'Sekolah negeri tidak boleh memungut biaya yang ditentukan jumlah dan waktunya. Kepala sekolah telah kami panggil dan pungutan tersebut dibatalkan.',
  ],
  bencana: [
    'Tim reaksi cepat BPBD telah berada di lokasi pada {tgl} bersama relawan desa. Material longsor sudah dibersihkan dan bantuan logistik telah disalurkan.',
  ],
};
