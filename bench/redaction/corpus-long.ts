import type { CorpusText } from './corpus.js';

/**
 * Three- and four-word names after the introducing and sign-off forms: removing only the
 * first two words leaves the rest of the name readable.
 */
export const LONG: CorpusText[] = [
  {
    id: 'long-atasnama-01', cls: 'long',
    text: `SAYA MENGAJUKAN KEBERATAN ATAS TAGIHAN PBB ATAS NAMA MUHAMMAD RIZKI RAMADAN, OBJEK PAJAK DI DESA TANJUNGANOM KEC. GABUS. LUAS BANGUNAN TERCATAT 250 M2 PADAHAL HANYA 70 M2.`,
    names: ['MUHAMMAD RIZKI RAMADAN'],
    keep: ['PBB', 'TANJUNGANOM', 'GABUS'],
  },
  {
    id: 'long-bernama-01', cls: 'long',
    text: `Anak kami yang bernama Ni Kadek Ayu Lestari belum menerima ijazah dari SMP Negeri 1 Juwana karena masih ada tunggakan uang komite. Apakah ijazah boleh ditahan? Mohon Dinas Pendidikan menjelaskan.`,
    names: ['Ni Kadek Ayu Lestari'],
    keep: ['SMP Negeri 1 Juwana', 'Dinas Pendidikan'],
  },
  {
    id: 'long-namacolon-01', cls: 'long',
    text: `Nama : Ni Luh Putu Ayu\nAlamat : Jl. Pemuda gang Melati, Pati\nKeluhan : Penjual petasan di dekat rumah tiap malam menyalakan petasan besar, bayi saya kaget terus. Mohon ditertibkan.`,
    names: ['Ni Luh Putu Ayu'],
    keep: ['Jl. Pemuda'],
  },
  {
    id: 'long-namasaya-01', cls: 'long',
    text: `nama saya andi muhammad rafli pawellangi, perantau dari bone, kerja di pabrik garmen di margorejo. mau tanya apa pendatang bisa ikut program jkn gratis pemkab?`,
    names: ['andi muhammad rafli pawellangi'],
    keep: ['bone', 'margorejo', 'jkn'],
  },
  {
    id: 'long-saya-01', cls: 'long',
    text: `Saya Anak Agung Gede Ngurah, pemilik homestay di dekat Pantai Banyutowo. Akses jalan ke pantai rusak dan tidak ada penerangan, wisatawan banyak yang batal datang. Mohon Disbudparpora memperhatikan.`,
    names: ['Anak Agung Gede Ngurah'],
    keep: ['Pantai Banyutowo', 'Disbudparpora'],
  },
  {
    id: 'long-aslash-01', cls: 'long',
    text: `mhn dicek sertifikat tanah wakaf a/n tengku muhammad iqbal daud di desa pasucen trangkil, sdh diukur bpn 2 thn lalu tp blm terbit`,
    names: ['tengku muhammad iqbal daud'],
    keep: ['pasucen', 'trangkil', 'bpn'],
  },
  {
    id: 'long-laporandari-01', cls: 'long',
    text: `LAPORAN DARI MARIA GORETTI DWI ASTUTI, GURU SD DI KECAMATAN CLUWAK. TUNJANGAN SERTIFIKASI TRIWULAN II BELUM DITERIMA, SEMENTARA SEKOLAH LAIN SUDAH.`,
    names: ['MARIA GORETTI DWI ASTUTI'],
    keep: ['KECAMATAN CLUWAK'],
  },
  {
    id: 'long-pelapor-01', cls: 'long',
    text: `Pelapor: Sitti Rahmawati Daeng Caya\nLokasi: Desa Bajomulyo, Juwana\nTambak saya tergenang rob setiap bulan purnama karena tanggul pantai jebol. Mohon Dinas Perikanan dan BPBD.`,
    names: ['Sitti Rahmawati Daeng Caya'],
    keep: ['Bajomulyo', 'Juwana', 'Dinas Perikanan', 'BPBD'],
  },
  {
    id: 'long-saya-02', cls: 'long',
    text: `Saya Raden Mas Bagus Prakoso, anggota kelompok tani di Desa Sugihrejo, Gabus. Bantuan traktor a.n. kelompok kami malah disewakan pengurus ke desa lain. Mohon Dinas Pertanian menelusuri.`,
    names: ['Raden Mas Bagus Prakoso'],
    keep: ['Sugihrejo', 'Gabus', 'Dinas Pertanian'],
  },
  {
    id: 'long-dari-01', cls: 'long',
    text: `dari yohanes don bosco making, warga perumahan dekat rsud raa soewondo.\nsy keberatan dgn suara genset proyek gedung baru yg bunyi sampai malam, mohon dibatasi jam kerjanya`,
    names: ['yohanes don bosco making'],
    keep: ['rsud raa soewondo'],
  },
  {
    id: 'long-namalengkap-01', cls: 'long',
    text: `NAMA LENGKAP : LA ODE MUHAMMAD ARIF\nALAMAT : KOS DI KELURAHAN PATI KIDUL\nSAYA MAHASISWA, MAU MELAPORKAN PENCEMARAN SUNGAI OLEH LIMBAH PABRIK TAHU DI BELAKANG KOS.`,
    names: ['LA ODE MUHAMMAD ARIF'],
    keep: ['PATI KIDUL'],
  },
  {
    id: 'long-hormat-01', cls: 'long',
    text: `Dengan hormat, kami mohon perbaikan atap ruang kelas SD Negeri Kajar 01 Trangkil yang nyaris ambruk. Anak-anak terpaksa belajar di teras.\n\nHormat kami,\nEko Budi Prasetyo Utomo\nKomite Sekolah`,
    names: ['Eko Budi Prasetyo Utomo'],
    keep: ['SD Negeri Kajar 01 Trangkil'],
  },
  {
    id: 'long-salam-01', cls: 'long',
    text: `mohon perhatian, kabel fiber optik menjuntai rendah di jl. dr. wahidin, sering nyangkut truk. salam, dewa ayu made sriani`,
    names: ['dewa ayu made sriani'],
    keep: ['jl. dr. wahidin'],
  },
  {
    id: 'long-cp-01', cls: 'long',
    text: `MOHON PENGECEKAN JEMBATAN PENGHUBUNG DESA KEBOWAN - DESA KUDUR YANG AMBLES. CP. MOH. SYAIFUL ANAM AL-FARISI 0821 3344 5566`,
    names: ['MOH. SYAIFUL ANAM AL-FARISI'],
    keep: ['KEBOWAN', 'KUDUR'],
  },
  {
    id: 'long-namacolon-02', cls: 'long',
    text: `Nama: R. Ay. Kusumawardhani Setyaningrum\nAlamat: Kelurahan Parenggan, Pati\nLaporan: Pohon asam besar di depan rumah sudah lapuk dan condong ke jalan. Mohon DLH memangkas sebelum tumbang.`,
    names: ['R. Ay. Kusumawardhani Setyaningrum'],
    keep: ['Parenggan', 'DLH'],
  },
  {
    id: 'long-atasnama-02', cls: 'long',
    text: `kartu kis atas nama rotua maria br simatupang tidak bisa dipakai di puskesmas juwana, katanya nonaktif. padahal bulan lalu masih bisa. tolong dibantu`,
    names: ['rotua maria br simatupang'],
    keep: ['puskesmas juwana'],
  },
  {
    id: 'long-terimakasih-01', cls: 'long',
    text: `Mohon informasi jadwal vaksinasi rabies gratis untuk kucing di Kecamatan Tlogowungu. Terima kasih.\nWa Ode Siti Marwah`,
    names: ['Wa Ode Siti Marwah'],
    keep: ['Kecamatan Tlogowungu'],
  },
  {
    id: 'long-bernama-02', cls: 'long',
    text: `SEORANG WARGA BERNAMA AHMAD FIKRI HIDAYATULLAH (SAYA SENDIRI) SUDAH 3 KALI MENGAJUKAN PERMOHONAN SAMBUNGAN PDAM KE RUMAH DI DESA SIDOMULYO JAKENAN, TIDAK PERNAH DISURVEI.`,
    names: ['AHMAD FIKRI HIDAYATULLAH'],
    keep: ['PDAM', 'SIDOMULYO', 'JAKENAN'],
    knownNames: ['Ahmad Fikri Hidayatullah'],
  },
];
