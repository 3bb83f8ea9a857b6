import type { CorpusText } from './corpus.js';

/**
 * No private person's name at all, full of what a detector must leave alone: religious
 * words and greetings, report codes, letter numbers and plates, places of Kabupaten Pati
 * (some look like given names), streets named after heroes, OPD names and officials'
 * titles, public places, months and days, brands, capitals for emphasis.
 */
export const NONE: CorpusText[] = [
  {
    id: 'none-religi-01', cls: 'none',
    text: `Assalamualaikum wr. wb. Mohon maaf sebelumnya. Jalan menuju Masjid Agung Baitunnur banyak lubang, jamaah lansia sering tersandung waktu Subuh. Semoga segera diperbaiki, amin. Wassalamualaikum.`,
    names: [],
    keep: ['Assalamualaikum', 'Masjid Agung Baitunnur', 'Subuh', 'amin', 'Wassalamualaikum'],
  },
  {
    id: 'none-kode-01', cls: 'none',
    text: `Menindaklanjuti laporan saya dengan kode 64GX-3L6Q, sampai hari ini status masih "diverifikasi". Sudah lewat 5 hari kerja. Mohon dipercepat.`,
    names: [],
    keep: ['64GX-3L6Q'],
  },
  {
    id: 'none-kode-02', cls: 'none',
    text: `min laporan K7XW-95D4 kok ditutup padahal lampu jalan di ds. puri belum diganti?? tlg dibuka lg`,
    names: [],
    keep: ['K7XW-95D4', 'puri'],
  },
  {
    id: 'none-plat-01', cls: 'none',
    text: `MOBIL PICK UP PLAT K 8745 RT SERING BUANG SAMPAH DI PINGGIR JALAN RAYA PATI - KUDUS DEKAT JEMBATAN, BIASANYA JAM 5 PAGI. MOHON DLH DAN SATPOL PP MENGINTAI. SANGAT MENGGANGGU!!`,
    names: [],
    keep: ['K 8745 RT', 'JALAN RAYA PATI - KUDUS', 'DLH', 'SATPOL PP', 'SANGAT MENGGANGGU'],
  },
  {
    id: 'none-plat-02', cls: 'none',
    text: `Bus dengan nopol K 1537 BH dan H 7021 OA sering ngetem di depan Pasar Puri sehingga macet. Mohon Dishub menertibkan.`,
    names: [],
    // A plate identifies its owner: by design (redact/numbers.ts) it is redacted, so it is no trap to keep.
    keep: ['Pasar Puri', 'Dishub'],
  },
  {
    id: 'none-surat-01', cls: 'none',
    text: `Menanggapi surat Dinas PUPR Nomor 600/1247/2025 tanggal 14 Agustus 2025 tentang penutupan jalan, kami warga Desa Winong, Kecamatan Pati keberatan karena tidak ada jalan alternatif untuk anak sekolah.`,
    names: [],
    keep: ['Dinas PUPR', '600/1247/2025', 'Agustus', 'Winong', 'Kecamatan Pati'],
  },
  {
    id: 'none-jalan-01', cls: 'none',
    text: `Trotoar di Jl. Kartini dan Jl. Diponegoro dipakai parkir motor dan PKL, pejalan kaki terpaksa turun ke jalan. Mohon Satpol PP menertibkan, terutama Sabtu malam.`,
    names: [],
    keep: ['Jl. Kartini', 'Jl. Diponegoro', 'Satpol PP', 'Sabtu'],
  },
  {
    id: 'none-opd-01', cls: 'none',
    text: `Kepada Yth. Kepala Dinas PUPR Kabupaten Pati. Jalan Juwana - Jakenan di Desa Bumirejo rusak parah sepanjang 2 km. Kami mohon Bapak Kepala Dinas berkenan meninjau langsung.`,
    names: [],
    keep: ['Kepala Dinas PUPR Kabupaten Pati', 'Juwana - Jakenan', 'Bumirejo', 'Bapak Kepala Dinas'],
  },
  {
    id: 'none-camat-01', cls: 'none',
    text: `pak camat juwana tolong dicek, kantor kecamatan jam 1 siang sdh kosong, sy datang jauh dr bakaran wetan mau legalisir tp tdk ada petugas`,
    names: [],
    keep: ['pak camat juwana', 'bakaran wetan'],
  },
  {
    id: 'none-kades-01', cls: 'none',
    text: `Bu Kades Sambiroto mohon dievaluasi, pembagian BLT di desa tidak transparan, nama penerima tidak diumumkan di balai desa. Kami minta daftar ditempel di papan pengumuman.`,
    names: [],
    keep: ['Bu Kades Sambiroto', 'BLT'],
  },
  {
    id: 'none-rsud-01', cls: 'none',
    text: `PELAYANAN IGD RSUD RAA SOEWONDO SANGAT LAMBAT, PASIEN KECELAKAAN MENUNGGU 2 JAM BARU DITANGANI DOKTER. TOLONG SEGERA DIEVALUASI DIREKTUR RSUD DAN DINAS KESEHATAN.`,
    names: [],
    keep: ['RSUD RAA SOEWONDO', 'SANGAT LAMBAT', 'TOLONG SEGERA', 'DIREKTUR RSUD', 'DINAS KESEHATAN'],
  },
  {
    id: 'none-puskesmas-01', cls: 'none',
    text: `Puskesmas Tayu kehabisan obat darah tinggi sejak awal bulan, pasien diminta beli di apotek luar. Mohon Dinas Kesehatan menambah stok. Alhamdulillah pelayanan petugas ramah.`,
    names: [],
    keep: ['Puskesmas Tayu', 'Dinas Kesehatan', 'Alhamdulillah'],
  },
  {
    id: 'none-sekolah-01', cls: 'none',
    text: `Wali murid SMA Negeri 1 Pati keberatan dengan pungutan perpisahan kelas XII sebesar Rp 1.500.000 di hotel. Mohon Cabang Dinas Pendidikan Wilayah III menegur sekolah.`,
    names: [],
    keep: ['SMA Negeri 1 Pati', 'XII', 'Cabang Dinas Pendidikan Wilayah III'],
  },
  {
    id: 'none-stadion-01', cls: 'none',
    text: `lampu stadion joyokusumo nyala sampai pagi padahal tdk ada pertandingan, boros listrik. sementara lampu jalan di kampung mati semua. mohon disbudparpora bijak`,
    names: [],
    keep: ['stadion joyokusumo', 'disbudparpora'],
  },
  {
    id: 'none-alunalun-01', cls: 'none',
    text: `Alun-alun Pati tiap malam Minggu penuh PKL sampai ke jalan, ambulans dari arah Jl. Tondonegoro susah lewat. Mohon Satpol PP mengatur, jangan digusur, cukup ditata.`,
    names: [],
    keep: ['Alun-alun Pati', 'Minggu', 'Jl. Tondonegoro', 'Satpol PP'],
  },
  {
    id: 'none-pasar-01', cls: 'none',
    text: `Pasar Puri Baru lantai 2 kosong melompong karena pembeli enggan naik, pedagang rugi. Mohon Dinas Perdagangan membuat program agar lantai atas ramai, misal pindahkan pusat kuliner ke atas.`,
    names: [],
    keep: ['Pasar Puri Baru', 'Dinas Perdagangan'],
  },
  {
    id: 'none-brand-01', cls: 'none',
    text: `minimarket baru (Indomaret & Alfamart) di jl. raya tayu - puncel berdiri berdekatan dan dekat pasar desa. warung kecil sepi. apa izinnya sudah sesuai perda? mohon dpmptsp jelaskan`,
    names: [],
    keep: ['Indomaret', 'Alfamart', 'jl. raya tayu - puncel', 'dpmptsp'],
  },
  {
    id: 'none-brand-02', cls: 'none',
    text: `Saya pesan lewat Shopee, kurir J&T bilang alamat di Desa Godo, Winong tidak ditemukan karena tidak ada papan nama jalan. Mohon pemasangan papan nama jalan dan nomor rumah.`,
    names: [],
    keep: ['Shopee', 'J&T', 'Godo', 'Winong'],
  },
  {
    id: 'none-desa-01', cls: 'none',
    text: `jembatan penghubung ds. ronggo dan ds. boto kec. jaken putus kena banjir kemarin, anak2 sekolah muter 7 km. tlg bpbd dan dinas pupr segera bikin jembatan darurat`,
    names: [],
    keep: ['ronggo', 'boto', 'jaken', 'bpbd', 'dinas pupr'],
  },
  {
    id: 'none-desa-02', cls: 'none',
    text: `JALAN DESA SENTUL - PAYAK KECAMATAN CLUWAK LONGSOR, TIDAK BISA DILEWATI MOBIL. HASIL PANEN KOPI WARGA TIDAK BISA DIANGKUT. TOLONG SEGERA!!!`,
    names: [],
    keep: ['SENTUL', 'PAYAK', 'KECAMATAN CLUWAK', 'TOLONG SEGERA'],
  },
  {
    id: 'none-desa-03', cls: 'none',
    text: `Air PDAM di Desa Sugiharjo dan Desa Widorokandang, Kecamatan Pati keruh kecokelatan sejak Selasa. Kami khawatir untuk masak. Mohon PDAM Tirta Bening menjelaskan penyebabnya.`,
    names: [],
    keep: ['Sugiharjo', 'Widorokandang', 'Kecamatan Pati', 'Selasa', 'PDAM Tirta Bening'],
  },
  {
    id: 'none-desa-04', cls: 'none',
    text: `mohon perbaikan jalan lingkar dari desa giling ke desa bancak, gunungwungkal. tiap musim hujan licin, sdh banyak yg jatuh. matur nuwun sanget`,
    names: [],
    keep: ['giling', 'bancak', 'gunungwungkal', 'matur nuwun'],
  },
  {
    id: 'none-desa-05', cls: 'none',
    text: `Banjir rob di Desa Dukutalit dan Bendar, Juwana makin tinggi. Kami mohon BPBD dan Dinas PUPR membangun tanggul permanen. Insya Allah warga siap kerja bakti.`,
    names: [],
    keep: ['Dukutalit', 'Bendar', 'Juwana', 'BPBD', 'Dinas PUPR', 'Insya Allah'],
  },
  {
    id: 'none-bupati-01', cls: 'none',
    text: `Yth. Bapak Bupati Pati dan Ibu Wakil Bupati, kami warga Kecamatan Pucakwangi memohon pembangunan SMA negeri, anak-anak kami harus ke Jakenan atau Pati yang jauhnya 20 km.`,
    names: [],
    keep: ['Bapak Bupati Pati', 'Ibu Wakil Bupati', 'Kecamatan Pucakwangi', 'Jakenan'],
  },
  {
    id: 'none-rtrw-01', cls: 'none',
    text: `pak rt dan pak rw sdh lapor ke kelurahan soal lampu jalan, kata pak lurah sudah diteruskan ke dishub. tp sdh 2 bulan gelap gulita. rawan maling. kel. kutoharjo`,
    names: [],
    keep: ['pak rt', 'pak rw', 'pak lurah', 'dishub', 'kutoharjo'],
  },
  {
    id: 'none-bulan-01', cls: 'none',
    text: `Mohon informasi kenapa pencairan insentif guru TPQ yang dijanjikan bulan Juni belum turun sampai Oktober. Mohon Bagian Kesra Setda Pati menjawab.`,
    names: [],
    keep: ['TPQ', 'Juni', 'Oktober', 'Bagian Kesra Setda Pati'],
  },
  {
    id: 'none-jawa-01', cls: 'none',
    text: `nyuwun sewu, dalan teng dukuh kulon ndeso tegalharjo trangkil rusak banget, nek udan dadi blethok. mugi enggal didandani. maturnuwun`,
    names: [],
    keep: ['nyuwun sewu', 'tegalharjo', 'trangkil', 'maturnuwun'],
  },
  {
    id: 'none-caps-01', cls: 'none',
    text: `SUDAH 3 BULAN JALAN DI DEPAN SD NEGERI MOJOAGUNG 01 TIDAK DIPERBAIKI!!! ANAK-ANAK JATUH TERUS. APA HARUS ADA KORBAN DULU BARU DIPERBAIKI??? MOHON PERHATIAN DINAS PUPR.`,
    names: [],
    keep: ['SD NEGERI MOJOAGUNG 01', 'DINAS PUPR'],
  },
  {
    id: 'none-wisata-01', cls: 'none',
    text: `Wisata Waduk Gunungrowo dan Goa Pancur di Kayen perlu toilet umum yang layak. Pengunjung banyak saat libur Lebaran. Mohon Disbudparpora menganggarkan.`,
    names: [],
    keep: ['Waduk Gunungrowo', 'Goa Pancur', 'Kayen', 'Lebaran', 'Disbudparpora'],
  },
  {
    id: 'none-religi-02', cls: 'none',
    text: `Bismillah. Mohon izin menyampaikan, pengeras suara di perempatan dekat Masjid Kauman Juwana sering dipakai iklan keliling saat azan Dzuhur. Mohon ditertibkan. Jazakallah khairan.`,
    names: [],
    keep: ['Bismillah', 'Masjid Kauman Juwana', 'Dzuhur', 'Jazakallah khairan'],
  },
  {
    id: 'none-gereja-01', cls: 'none',
    text: `Menjelang Natal, mohon bantuan pengamanan dan pengaturan lalu lintas di sekitar GKMI Pati dan Gereja Katolik Santo Yusup di Jl. Diponegoro. Terima kasih, Tuhan memberkati.`,
    names: [],
    keep: ['Natal', 'GKMI Pati', 'Gereja Katolik Santo Yusup', 'Jl. Diponegoro', 'Tuhan memberkati'],
  },
  {
    id: 'none-kode-03', cls: 'none',
    text: `Nomor tiket saya PTI-2025-000318, diteruskan ke Dinas Perkim tanggal 2 Mei. Hari Jumat petugas datang survei tapi tidak ada kelanjutan. Mohon update.`,
    names: [],
    keep: ['PTI-2025-000318', 'Dinas Perkim', 'Mei', 'Jumat'],
  },
  {
    id: 'none-mail-01', cls: 'none',
    text: `Yth. Admin e-Pengaduan,\n\nBerikut saya lampirkan foto genangan di Jl. Pemuda depan kantor BRI. Genangan muncul setiap hujan lebih dari 30 menit.\n\nSalam,\nWarga Pati\n\nDikirim dari iPhone saya`,
    names: [],
    keep: ['Jl. Pemuda', 'BRI', 'Warga Pati', 'iPhone'],
  },
  {
    id: 'none-signoff-01', cls: 'none',
    text: `Pohon besar di halaman SD Negeri Puri 01 rantingnya sudah rapuh dan menjuntai di atas ruang kelas. Mohon DLH memangkas sebelum musim angin.\n\nHormat kami,\nKomite Sekolah`,
    names: [],
    keep: ['SD Negeri Puri 01', 'DLH', 'Komite Sekolah'],
  },
  {
    id: 'none-signoff-02', cls: 'none',
    text: `tolong pak kades dan bpd kerjakan janji perbaikan balai desa wuwur, gabus. dana sdh turun kok gk dikerjakan.\n\nwarga rt 04`,
    names: [],
    keep: ['pak kades', 'bpd', 'wuwur', 'gabus', 'warga rt 04'],
  },
  {
    id: 'none-signoff-03', cls: 'none',
    text: `MOHON DIPERBAIKI LAMPU PJU DI RING ROAD PATI DEKAT SIMPANG LIMA, SUDAH GELAP 2 MINGGU.\nTERIMA KASIH\nPENGGUNA JALAN`,
    names: [],
    keep: ['PJU', 'RING ROAD PATI', 'SIMPANG LIMA', 'PENGGUNA JALAN'],
  },
];
