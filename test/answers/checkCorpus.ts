import type { RuleName } from '../../src/answers/check/index.js';

/**
 * Answers to complaints as Indonesian regional governments write them, good and poor, in
 * the manner of SP4N-LAPOR! follow-ups and what the Ombudsman RI asks of them: say what was
 * found, why, what happens by when and whom to contact, in plain words. Each case names what
 * the checker must say about each rule it is there for (true: passed); a good answer passes
 * every rule. Names, places and numbers are made up.
 */
export interface Case {
  name: string;
  title: string;
  text: string;
  plannedAt?: string;
  good?: true;
  expect?: Partial<Record<RuleName, boolean>>;
}

export const CORPUS: Case[] = [
  // ---- Good answers: every rule passes. ----
  {
    name: 'road holes: inspected, why, when patched, whom to call',
    good: true,
    title: 'Jalan berlubang di Jl. Raya Pati–Juwana km 5',
    text:
      'Yth. Bapak/Ibu {nama_pelapor}, terima kasih atas laporan Anda. Petugas Unit Pelaksana Teknis (UPT) Jalan wilayah Juwana meninjau lokasi pada 20 November 2026. ' +
      'Kami menemukan tiga lubang sedalam kurang lebih 10 cm di lajur kiri. Lubang terjadi karena genangan air hujan merusak lapisan aspal yang sudah tua. ' +
      'Lubang akan kami tambal pada 2 Desember 2026, dan pelapisan ulang diusulkan dalam anggaran tahun 2027. ' +
      'Untuk pertanyaan lebih lanjut, hubungi UPT Jalan Juwana di 0295-381234.',
  },
  {
    name: 'street lights: checked, cause, replaced by a date, unit with phone and e-mail',
    good: true,
    title: 'Lampu PJU mati di Desa Growong',
    text:
      'Selamat siang Bapak/Ibu, terima kasih atas laporannya. Tim Bidang Penerangan Jalan Dinas Perhubungan sudah mengecek lampu penerangan jalan umum di Desa Growong pada 14 Maret. ' +
      'Hasil pengecekan menunjukkan dua lampu mati karena kabelnya putus tersambar petir. Kabel dan lampu akan diganti paling lambat 21 Maret. ' +
      'Bila setelah tanggal itu lampu masih mati, silakan hubungi Bidang Penerangan Jalan di nomor 0812-2800-1122 atau e-mail pju@dishub.patikab.go.id.',
  },
  {
    name: 'rubbish: abbreviation written out first, collection from a date',
    good: true,
    title: 'Sampah menumpuk di TPS Pasar Puri',
    text:
      'Yth. Bapak/Ibu, terima kasih telah melapor. Petugas Dinas Lingkungan Hidup mendatangi tempat penampungan sementara (TPS) Pasar Puri pada Senin pagi. ' +
      'Sampah memang menumpuk karena satu truk pengangkut sedang rusak sejak 3 Juni. Mulai 10 Juni sampah di TPS Pasar Puri akan diangkut dua kali sehari dengan truk pengganti. ' +
      'Keluhan tentang pengangkutan sampah dapat disampaikan ke Seksi Pengangkutan Sampah di 0295-385100.',
  },
  {
    name: 'village bridge: not our authority, explained by the regulation that says so',
    good: true,
    title: 'Permohonan perbaikan jembatan desa Kedungbang yang retak',
    text:
      'Yth. Bapak {nama_pelapor}, terima kasih atas laporannya. Bidang Bina Marga telah memeriksa jembatan Kedungbang pada 5 Agustus 2026. ' +
      'Retakan ada pada pelat lantai, tetapi jembatan masih aman dilalui sepeda motor. ' +
      'Jembatan itu jembatan desa, sehingga perbaikannya menjadi kewenangan pemerintah desa sesuai Peraturan Bupati Pati Nomor 34 Tahun 2021 tentang Kewenangan Desa. ' +
      'Kami sudah menyurati Pemerintah Desa Kedungbang agar perbaikan dianggarkan dalam Anggaran Pendapatan dan Belanja Desa (APBDes) tahun 2027. ' +
      'Perkembangannya dapat ditanyakan ke Bidang Bina Marga, telepon (0295) 381234.',
  },
  {
    name: 'ID card queue: figures found, cause, extra counters from a date',
    good: true,
    title: 'Antrean panjang pembuatan KTP di Disdukcapil',
    text:
      'Selamat pagi Ibu {nama_pelapor}, terima kasih atas laporannya. Kami mengecek catatan antrean Dinas Kependudukan dan Pencatatan Sipil: pada 2 sampai 6 Februari rata-rata 180 pemohon datang setiap hari. ' +
      'Padahal loket hanya dapat melayani 120 pemohon. Antrean memanjang karena mesin perekam sidik jari rusak dua hari. ' +
      'Mulai 16 Februari 2027 kami akan membuka dua loket tambahan dan pendaftaran antrean lewat internet. ' +
      'Bila ada kendala, hubungi Bidang Pelayanan Pendaftaran Penduduk di 0295-391000 atau pelayanan@disdukcapil.patikab.go.id.',
  },
  {
    name: 'social assistance: the ministerial rule named, a home visit on a date',
    good: true,
    title: 'Bantuan PKH tidak cair bulan ini',
    text:
      'Yth. Ibu {nama_pelapor}, terima kasih atas pengaduannya. Kami memeriksa data Ibu di Data Terpadu Kesejahteraan Sosial (DTKS) pada 4 Mei. ' +
      'Bantuan Program Keluarga Harapan (PKH) Ibu tertunda karena data anak sekolah belum diperbarui. ' +
      'Berdasarkan Peraturan Menteri Sosial Nomor 1 Tahun 2018, bantuan hanya cair bila data komponen keluarga sudah diperbarui. ' +
      'Pendamping akan mengunjungi rumah Ibu pada 12 Mei untuk memperbarui data. Bila ada pertanyaan, hubungi Seksi Jaminan Sosial Dinas Sosial di WhatsApp 0813-2555-7788.',
  },
  {
    name: 'blocked drain: the date is the draft’s planned date',
    good: true,
    title: 'Saluran air tersumbat di Perumahan Puri Indah',
    plannedAt: '2026-12-12',
    text:
      'Yth. Bapak/Ibu, terima kasih atas laporannya. Petugas Seksi Drainase sudah meninjau saluran di Perumahan Puri Indah. ' +
      'Saluran tersumbat lumpur dan sampah plastik sepanjang kurang lebih 50 meter, sehingga air meluap saat hujan. ' +
      'Penyebabnya, sebagian warga membuang sampah ke saluran dan tutup saluran yang rusak belum diganti. ' +
      'Pengerukan akan dilakukan bersama warga pada tanggal yang tercantum di bawah ini. Bila ada pertanyaan, hubungi Seksi Drainase di 0295-381240.',
  },
  {
    name: 'information request: the rule, what is missing, a deadline in working days',
    good: true,
    title: 'Syarat izin mendirikan bangunan rumah tinggal',
    text:
      'Selamat siang Bapak, terima kasih atas pertanyaannya. Sejak 2021 izin mendirikan bangunan diganti Persetujuan Bangunan Gedung (PBG) berdasarkan Peraturan Pemerintah Nomor 16 Tahun 2021. ' +
      'Kami sudah memeriksa berkas yang Bapak sebutkan: gambar denah dan bukti kepemilikan tanah sudah ada, tetapi perhitungan struktur belum. ' +
      'Setelah berkas lengkap diunggah, PBG akan diterbitkan dalam 28 hari kerja. Konsultasi dapat dilakukan di Bidang Tata Bangunan, telepon 0295-381260, setiap hari kerja.',
  },
  {
    name: 'fallen tree: done already, with the time, and what remains by when',
    good: true,
    title: 'Pohon tumbang menutup jalan di Desa Sukoharjo',
    text:
      'Assalamualaikum Bapak/Ibu. Terima kasih atas laporannya. Tim Badan Penanggulangan Bencana Daerah (BPBD) sudah turun ke lokasi 30 menit setelah laporan masuk. ' +
      'Pohon trembesi tumbang karena angin kencang dan akarnya keropos. Batang pohon telah dipotong dan jalan dibuka kembali pada 8 Januari pukul 16.00. ' +
      'Sisa ranting akan diangkut Dinas Lingkungan Hidup paling lambat 10 Januari. Untuk keadaan darurat, hubungi Pusat Pengendalian Operasi BPBD di 0295-4100112.',
  },
  {
    name: 'rude staff at the health centre: clarified, apology, staffing change',
    good: true,
    title: 'Pelayanan puskesmas lambat dan petugas tidak ramah',
    text:
      'Yth. Ibu {nama_pelapor}, terima kasih atas masukannya dan mohon maaf atas pengalaman kurang baik di Puskesmas Tayu I. ' +
      'Kami sudah mengklarifikasi kejadian 12 Juli dengan kepala puskesmas dan petugas loket. Antrean lambat karena hari itu dua petugas pendaftaran sedang mengikuti pelatihan. ' +
      'Petugas yang bersikap kurang ramah sudah mendapat pembinaan. Mulai 1 Agustus, puskesmas akan menambah satu petugas pendaftaran pada pagi hari. ' +
      'Bila Ibu mengalami hal serupa, hubungi Seksi Pelayanan Kesehatan Dinas Kesehatan di 0295-381700.',
  },
  {
    name: 'flooded road: survey result, cause, a quarter and working days',
    good: true,
    title: 'Banjir di jalan depan SD Negeri 2 Margorejo setiap hujan',
    text:
      'Yth. Bapak/Ibu, terima kasih atas laporan tentang genangan di depan SD Negeri 2 Margorejo. ' +
      'Hasil survei Bidang Sumber Daya Air pada 2 Februari: gorong-gorong di bawah jalan terlalu kecil dan tertimbun tanah. ' +
      'Karena itu air hujan tidak tertampung dan meluap ke jalan. Gorong-gorong akan diganti dengan ukuran lebih besar pada triwulan II tahun 2027. ' +
      'Sebelum itu, petugas akan membersihkan gorong-gorong dalam 7 hari kerja. Informasi lebih lanjut: Bidang Sumber Daya Air, 0295-381250.',
  },
  {
    name: 'school zoning: a refusal explained by the rule, with another way in',
    good: true,
    title: 'Anak saya ditolak masuk SMP negeri karena zonasi',
    text:
      'Yth. Bapak {nama_pelapor}, terima kasih atas pengaduannya. Kami sudah memeriksa data pendaftaran putra Bapak di SMP Negeri 3 Pati. ' +
      'Jarak rumah ke sekolah tercatat 3,4 km, sedangkan batas zonasi tahun ini 2,9 km. ' +
      'Penerimaan jalur zonasi diatur dalam Peraturan Menteri Pendidikan dan Kebudayaan Nomor 1 Tahun 2021, sehingga sekolah tidak dapat menerima di luar batas itu. ' +
      'Putra Bapak masih dapat mendaftar lewat jalur prestasi yang akan dibuka 3 Juli sampai 5 Juli. Bantuan pendaftaran tersedia di Bidang Pembinaan SMP, telepon 0295-381500.',
  },
  {
    name: 'market stalls: an abbreviation followed by its meaning in brackets',
    good: true,
    title: 'Kios pasar Kayen bocor saat hujan',
    text:
      'Yth. Bapak/Ibu pedagang, terima kasih atas laporannya. UPTD (Unit Pelaksana Teknis Daerah) Pasar Kayen memeriksa atap kios blok B pada 9 September. ' +
      'Ditemukan 14 lembar seng berkarat dan berlubang, karena atap itu belum diganti sejak 2010. ' +
      'Atap blok B akan diganti minggu depan, dan selama perbaikan pedagang dapat memakai los sementara di sisi timur. ' +
      'Hubungi Kantor UPTD Pasar Kayen di 0295-451122.',
  },

  // ---- Poor answers: what each lacks. ----
  {
    name: 'the one-liner: “akan segera ditindaklanjuti”',
    title: 'Jalan rusak di Desa Tlogowungu',
    text: 'Terima kasih, laporan akan segera ditindaklanjuti.',
    expect: { blanks: true, finding: false, reason: false, action: false, contact: false, length: false, phrases: false, greeting: false, relevance: false },
  },
  {
    name: 'the letter-office paragraph: one long sentence of phrases and abbreviations',
    title: 'Pungutan liar di kantor desa',
    text:
      'Sehubungan dengan hal tersebut di atas, dalam rangka menindaklanjuti laporan Saudara, bersama ini kami sampaikan bahwa OPD terkait telah melakukan koordinasi dengan pihak desa ' +
      'sesuai dengan ketentuan yang berlaku, dan hasilnya akan kami sampaikan lebih lanjut melalui kanal ini guna terwujudnya pelayanan prima kepada masyarakat.',
    expect: { longSentences: false, phrases: false, abbreviations: false, reason: false, action: false, contact: false, finding: false, relevance: false, greeting: true },
  },
  {
    name: 'a template sent with its blanks',
    title: 'Air PDAM tidak mengalir tiga hari',
    text:
      'Yth. Bapak/Ibu {nama_pelapor}, terima kasih atas laporannya. Berdasarkan hasil pengecekan tanggal ...., kami menemukan bahwa {isian}. ' +
      'Perbaikan akan dilakukan paling lambat [tanggal]. Untuk informasi lebih lanjut, hubungi ... di nomor .....',
    expect: { blanks: false, finding: true, contact: false },
  },
  {
    name: 'forwarded and forgotten: “telah kami teruskan kepada dinas terkait”',
    title: 'Parkir liar di depan RSUD',
    text:
      'Selamat siang, terima kasih atas laporan Saudara. Laporan Saudara telah kami teruskan kepada dinas terkait untuk ditindaklanjuti sesuai dengan ketentuan yang berlaku.',
    expect: { greeting: true, finding: false, reason: false, action: false, contact: false, length: false, phrases: false, relevance: false },
  },
  {
    name: 'good work, but nobody to call',
    title: 'Jalan berlubang depan Pasar Juwana',
    text:
      'Yth. Bapak/Ibu, terima kasih atas laporannya. Petugas kami meninjau jalan depan Pasar Juwana pada 3 Maret dan menemukan dua lubang besar. ' +
      'Lubang muncul karena truk bermuatan berat sering parkir di bahu jalan. Lubang akan ditambal pada 10 Maret 2027, dan rambu larangan parkir truk akan dipasang pada bulan yang sama.',
    expect: { finding: true, reason: true, action: true, contact: false, greeting: true, relevance: true },
  },
  {
    name: 'a phone number but no unit',
    title: 'Lampu jalan mati di Jl. Kolonel Sunandar',
    text:
      'Yth. Bapak/Ibu, terima kasih atas laporannya. Petugas sudah mengecek lampu jalan di Jl. Kolonel Sunandar pada 2 April. ' +
      'Lampu mati karena sensornya rusak. Sensor akan diganti paling lambat 9 April. Jika masih mati, telepon saja 0812-3456-7890.',
    expect: { contact: false, finding: true, reason: true, action: true },
  },
  {
    name: 'a unit but no phone or e-mail',
    title: 'Trotoar rusak di alun-alun',
    text:
      'Yth. Bapak/Ibu, terima kasih atas laporannya. Petugas sudah meninjau trotoar di sisi utara alun-alun pada 5 Mei. Beberapa ubin lepas karena akar pohon. ' +
      'Ubin akan dipasang kembali pada 19 Mei. Bila ada pertanyaan, silakan datang ke Bidang Cipta Karya.',
    expect: { contact: false, action: true },
  },
  {
    name: 'no reason given',
    title: 'Pengangkutan sampah tidak datang di Perumahan Griya Asri',
    text:
      'Yth. Bapak/Ibu, terima kasih atas laporannya. Kami sudah mengecek jadwal pengangkutan sampah di Perumahan Griya Asri. ' +
      'Truk tidak datang pada 4 dan 5 Juni. Mulai 8 Juni pengangkutan sampah akan kembali setiap Senin, Rabu, dan Jumat. ' +
      'Hubungi Seksi Pengangkutan Sampah di 0295-385100 bila truk tidak datang.',
    expect: { reason: false, finding: true, action: true, contact: true },
  },
  {
    name: 'no finding: only a promise',
    title: 'Pembagian air bersih tidak merata di Dukuh Ngemplak',
    text:
      'Yth. Bapak/Ibu, terima kasih atas laporannya. Pembagian air bersih dengan truk tangki diatur bergilir karena jumlah truk terbatas. ' +
      'Mulai 20 Agustus Dukuh Ngemplak akan mendapat giliran setiap Selasa dan Jumat. Hubungi Posko Air Bersih BPBD di 0295-4100112.',
    expect: { finding: false, reason: true, action: true, contact: true, abbreviations: false },
  },
  {
    name: 'a follow-up without a date',
    title: 'Jalan desa Bakaran rusak parah',
    text:
      'Yth. Bapak/Ibu, terima kasih atas laporannya. Petugas Bidang Bina Marga sudah meninjau jalan desa Bakaran dan menemukan kerusakan sepanjang 300 meter karena sering dilalui truk. ' +
      'Jalan tersebut akan segera kami perbaiki. Hubungi Bidang Bina Marga di 0295-381234.',
    expect: { action: false, finding: true, reason: true, contact: true, phrases: true },
  },
  {
    name: 'the same draft without its planned date',
    title: 'Saluran air tersumbat di Perumahan Puri Indah',
    text:
      'Yth. Bapak/Ibu, terima kasih atas laporannya. Petugas Seksi Drainase sudah meninjau saluran di Perumahan Puri Indah. ' +
      'Saluran tersumbat lumpur dan sampah plastik sepanjang kurang lebih 50 meter, sehingga air meluap saat hujan. ' +
      'Penyebabnya, sebagian warga membuang sampah ke saluran dan tutup saluran yang rusak belum diganti. ' +
      'Pengerukan akan dilakukan bersama warga pada tanggal yang tercantum di bawah ini. Bila ada pertanyaan, hubungi Seksi Drainase di 0295-381240.',
    expect: { action: false },
  },
  {
    name: 'insiders’ abbreviations: TL, DAK, Perbup',
    title: 'Jalan kabupaten ruas Gabus–Kayen rusak',
    text:
      'Yth. Bapak/Ibu, terima kasih atas laporannya. Tim kami sudah meninjau ruas Gabus–Kayen pada 12 Januari dan menemukan kerusakan sepanjang 2 km. ' +
      'Sesuai Perbup Nomor 8 Tahun 2023, ruas ini masuk prioritas karena jalurnya dilalui angkutan hasil panen. TL berupa peningkatan jalan diusulkan melalui DAK tahun 2027. ' +
      'Hubungi Bidang Bina Marga di 0295-381234.',
    expect: { abbreviations: false, reason: true, action: true },
  },
  {
    name: 'the long form of a listed abbreviation written before it explains it',
    title: 'Penerangan jalan di Desa Sidoharjo belum menyala',
    text:
      'Yth. Bapak/Ibu, terima kasih atas laporannya. Pemasangan lampu penerangan jalan umum di Desa Sidoharjo sudah kami periksa pada 2 Oktober. ' +
      'Lampu belum menyala karena sambungan listriknya belum disetujui PLN. Sambungan PJU itu dijadwalkan pada 16 Oktober. Hubungi Bidang Penerangan Jalan di 0295-381300.',
    expect: { abbreviations: true, action: true, relevance: true },
  },
  {
    name: 'an answer about something else (pasted from another report)',
    title: 'Anjing liar berkeliaran di sekitar taman kota',
    text:
      'Yth. Bapak/Ibu, terima kasih atas laporannya. Petugas kami meninjau ruas Jalan Sudirman pada 2 Maret dan menemukan dua lubang besar karena drainase tersumbat. ' +
      'Lubang akan ditambal pada 9 Maret. Hubungi UPT Jalan Pati di 0295-381234.',
    expect: { relevance: false, finding: true },
  },
  {
    name: 'no greeting: straight into the matter',
    title: 'Pipa PDAM bocor di Jl. Diponegoro',
    text:
      'Pipa bocor di Jl. Diponegoro sudah kami periksa pada 7 Juli dan ternyata sambungannya retak karena tekanan air terlalu tinggi. ' +
      'Sambungan pipa akan diganti pada 9 Juli dan aliran air dihentikan sementara pukul 09.00 sampai 13.00. Hubungi Bagian Distribusi di 0295-381900.',
    expect: { greeting: false, finding: true, reason: true, action: true, contact: true, relevance: true },
  },
  {
    name: 'a sentence that will not end',
    title: 'Pungutan biaya pindah sekolah di SD Sukolilo',
    text:
      'Yth. Bapak/Ibu, terima kasih atas laporannya. Kami sudah mengklarifikasi kepala sekolah dan komite pada 3 Agustus dan diketahui bahwa pungutan biaya pindah sekolah yang diminta ' +
      'kepada orang tua murid tersebut tidak memiliki dasar hukum karena sekolah negeri dilarang memungut biaya apa pun untuk mutasi siswa sehingga uang yang sudah dibayarkan akan dikembalikan ' +
      'paling lambat 10 Agustus melalui komite sekolah. Hubungi Bidang Pembinaan SD di 0295-381500.',
    expect: { longSentences: false, finding: true, reason: true, action: true, contact: true },
  },
  {
    name: 'short but complete is still too short to explain',
    title: 'Lubang di Jl. Pemuda',
    text: 'Yth. Bapak/Ibu, lubang di Jl. Pemuda kami tambal 3 Mei karena membahayakan. Hasil cek: dua lubang. Hubungi UPT Jalan di 0295-381234.',
    expect: { length: false, relevance: true },
  },
  {
    name: 'a rule named by its article is a reason',
    title: 'Permohonan informasi anggaran perbaikan jalan desa',
    text:
      'Yth. Bapak {nama_pelapor}, terima kasih atas permohonan informasinya. Kami sudah memeriksa dokumen anggaran tahun 2026. ' +
      'Anggaran perbaikan jalan desa Anda sebesar Rp 350 juta, dan rinciannya termasuk informasi yang wajib tersedia setiap saat menurut Pasal 11 Undang-Undang Nomor 14 Tahun 2008. ' +
      'Salinan rinciannya akan kami kirim ke e-mail Bapak dalam 10 hari kerja. Hubungi Pejabat Pengelola Informasi di Sekretariat Dinas, ppid@dpupr.patikab.go.id.',
    expect: { reason: true, action: true, contact: true },
  },
  {
    name: '“sesuai ketentuan yang berlaku” names no rule',
    title: 'Permohonan keringanan retribusi pasar',
    text:
      'Yth. Bapak/Ibu, terima kasih atas permohonannya. Kami sudah memeriksa tagihan retribusi kios Bapak/Ibu. ' +
      'Permohonan keringanan retribusi tidak dapat dikabulkan sesuai dengan ketentuan yang berlaku. Hubungi UPTD Pasar di 0295-451122.',
    expect: { reason: false, phrases: false, finding: true },
  },
  {
    name: '“dalam rangka” and “guna”: plainer words exist',
    title: 'Pengerukan sungai Juwana',
    text:
      'Yth. Bapak/Ibu, terima kasih atas laporannya. Dalam rangka mencegah banjir, kami sudah meninjau Sungai Juwana pada 4 Juni karena pendangkalan terlihat di hilir. ' +
      'Pengerukan akan dilakukan pada Agustus 2027 guna memperlancar aliran. Hubungi Bidang Sumber Daya Air di 0295-381250.',
    expect: { phrases: false, finding: true, reason: true, action: true, contact: true, relevance: true },
  },
];
