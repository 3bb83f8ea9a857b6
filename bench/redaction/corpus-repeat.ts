import type { CorpusText } from './corpus.js';

/**
 * A name introduced once and coming back alone later (first or last word, sometimes in
 * another letter case): removing the introduced form only leaves the later mention.
 */
export const REPEAT: CorpusText[] = [
  {
    id: 'repeat-bernama-01', cls: 'repeat',
    text: `Saya bernama Zaki Syahrian, warga Desa Ngurensiti, Wedarijaksa. Tanggal 12 kemarin air PDAM mati total. Pukul 18.30 Zaki menelpon call center tapi tidak diangkat, besok paginya juga sama. Mohon perbaikan pelayanan.`,
    names: ['Zaki Syahrian'],
    keep: ['Ngurensiti', 'Wedarijaksa', 'PDAM'],
  },
  {
    id: 'repeat-namasaya-01', cls: 'repeat',
    text: `Nama saya Ratna Kusumaningtyas, pedagang kain di Pasar Puri. Kemarin petugas retribusi menagih dua kali. Waktu ditanya, dia bilang "Bu Ratna belum bayar yang kemarin", padahal karcis saya ada. ratna minta petugas itu ditegur.`,
    names: ['Ratna Kusumaningtyas'],
    keep: ['Pasar Puri'],
  },
  {
    id: 'repeat-saya-01', cls: 'repeat',
    text: `saya slamet widodo dr desa jontro wedarijaksa. sy sdh 3x ke kantor desa utk urus surat tanah, selalu dijawab "pak widodo besok saja". sampai kapan?`,
    names: ['slamet widodo'],
    keep: ['jontro', 'wedarijaksa'],
  },
  {
    id: 'repeat-atasnama-01', cls: 'repeat',
    text: `ATAS NAMA GUNAWAN SAPUTRO, RT 01 RW 06 DESA PURWOREJO. TANGGAL 3 SAYA MELAPOR KE KELURAHAN SOAL SAMPAH. PETUGAS MENCATAT "PELAPOR GUNAWAN" TAPI SAMPAI SEKARANG TIDAK ADA TINDAK LANJUT.`,
    names: ['GUNAWAN SAPUTRO'],
    keep: ['PURWOREJO'],
  },
  {
    id: 'repeat-namacolon-01', cls: 'repeat',
    text: `Nama : Heri Setiawan\nKeluhan : Pengurusan SIM di Satpas Polres Pati lancar, tapi di loket kesehatan dipungut biaya tambahan. Waktu saya protes, petugas bilang "Mas Heri mau cepat apa tidak?".`,
    names: ['Heri Setiawan'],
    keep: ['Satpas Polres Pati'],
    knownNames: ['Heri Setiawan'],
  },
  {
    id: 'repeat-laporandari-01', cls: 'repeat',
    text: `Laporan dari Dwi Handayani, orang tua murid SD Negeri Puri 02.\nAnak saya dipungut uang study tour Rp 750.000. Handayani (saya) sudah tanya ke komite, katanya wajib. Mohon Dinas Pendidikan menjelaskan apakah boleh.`,
    names: ['Dwi Handayani'],
    keep: ['SD Negeri Puri 02', 'Dinas Pendidikan'],
  },
  {
    id: 'repeat-an-01', cls: 'repeat',
    text: `an. yusuf maulana. tgl 5 sy lapor lampu jalan mati di ds. langse margorejo lewat wa admin, dibalas "baik pak yusuf akan diteruskan". sdh 3 minggu msh mati`,
    names: ['yusuf maulana'],
    keep: ['langse', 'margorejo'],
  },
  {
    id: 'repeat-signoff-01', cls: 'repeat',
    text: `Mohon tindak lanjut aduan saya minggu lalu soal jalan rusak di Desa Gadu. Kemarin saya telepon, operator menjawab: "Iya Bu Wulan, sudah diteruskan ke Dinas PUPR." Tapi belum ada yang datang.\n\nHormat saya,\nWulan Sekarsari`,
    names: ['Wulan Sekarsari'],
    keep: ['Gadu', 'Dinas PUPR'],
  },
  {
    id: 'repeat-pelapor-01', cls: 'repeat',
    text: `PELAPOR: TOMMY HUTAPEA\nSAYA SUDAH MELAPOR 3 KALI. TIAP KALI DITELEPON BALIK CUMA DITANYA "BENAR INI PAK HUTAPEA?" LALU DITUTUP. TOLONG SERIUS, JALAN DI DEPAN SMK NEGERI 2 PATI BERLUBANG BESAR.`,
    names: ['TOMMY HUTAPEA'],
    keep: ['SMK NEGERI 2 PATI'],
  },
  {
    id: 'repeat-dari-01', cls: 'repeat',
    text: `dari mbak nining suryani, penjual nasi di dekat terminal. tiap pagi preman minta jatah, bilang "nining, setor dulu". sy takut, mohon aparat bertindak`,
    names: ['nining suryani'],
  },
  {
    id: 'repeat-namasaya-02', cls: 'repeat',
    text: `Nama saya Hendrik Lumban Tobing. Saya ditilang di Jl. Ahmad Yani karena parkir, padahal tidak ada rambu. Petugas Dishub menulis di surat "a/n Tobing" dan menahan STNK saya. Apa prosedurnya benar?`,
    names: ['Hendrik Lumban Tobing'],
    keep: ['Jl. Ahmad Yani', 'Dishub', 'STNK'],
  },
  {
    id: 'repeat-saya-02', cls: 'repeat',
    text: `Saya Agustina Rumbewas, perantau dari Manokwari, tinggal di Kayen. Saat mengurus surat domisili, perangkat desa memanggil saya "Agustina orang jauh" dan meminta biaya. Saya keberatan.`,
    names: ['Agustina Rumbewas'],
    keep: ['Manokwari', 'Kayen'],
  },
  {
    id: 'repeat-bernama-02', cls: 'repeat',
    text: `Ibu saya bernama Sumarni Wulandari, 67 tahun, peserta BPJS PBI. Di RSUD RAA Soewondo beliau diminta bayar obat. Keesokan harinya Sumarni (ibu saya) dipulangkan sebelum sembuh. Mohon Dinas Kesehatan memeriksa.`,
    names: ['Sumarni Wulandari'],
    keep: ['BPJS', 'RSUD RAA Soewondo', 'Dinas Kesehatan'],
  },
  {
    id: 'repeat-aslash-01', cls: 'repeat',
    text: `MOHON DICEK REKENING AIR A/N BAMBANG TRIYONO NO. PELANGGAN 0412xxxx. SURAT TAGIHAN TERTULIS "BPK. TRIYONO" TAPI ALAMATNYA SALAH, DI JL. KARTINI PADAHAL RUMAH DI JL. SUDIRMAN.`,
    names: ['BAMBANG TRIYONO'],
    keep: ['JL. KARTINI', 'JL. SUDIRMAN'],
  },
  {
    id: 'repeat-namacolon-02', cls: 'repeat',
    text: `nama: kartika sari dewi\nanak sy sakit demam, dibawa ke puskesmas tayu jam 9 malam, satpam bilang tutup. sy tunjukin kartu bpjs, dia tetap bilang "bu kartika, besok pagi aja". apa puskesmas rawat inap tdk 24 jam?`,
    names: ['kartika sari dewi'],
    keep: ['puskesmas tayu', 'bpjs'],
  },
  {
    id: 'repeat-cp-01', cls: 'repeat',
    text: `Lampu PJU di jalan Desa Sukoagung, Batangan mati. Kata operator, laporan atas nama Fajar sudah masuk bulan lalu, tapi belum ada perbaikan. Mohon dipercepat. CP. Fajar Nugraha 0812 7788 9900`,
    names: ['Fajar Nugraha'],
    keep: ['PJU', 'Sukoagung', 'Batangan'],
  },
  {
    id: 'repeat-intro-01', cls: 'repeat',
    text: `Laporan dari Iwan Kurniadi. Saya pengemudi ambulans desa. Tanggal 20 lalu ambulans tertahan 40 menit karena jalan ditutup untuk hajatan tanpa izin. Iwan sudah minta dibuka, tetapi tidak digubris. Mohon Satpol PP dan Pak Camat Tayu menertibkan.`,
    names: ['Iwan Kurniadi'],
    keep: ['Satpol PP', 'Pak Camat Tayu'],
  },
  {
    id: 'repeat-lastline-01', cls: 'repeat',
    text: `Kepada admin, saya Rahmat Hidayat. Sudah dua minggu sampah tidak diangkut di Perumahan Sinoman Indah. Petugas DLH menjawab "Pak Rahmat, armada rusak." Mohon armada cadangan.\n\nRahmat H.`,
    names: ['Rahmat Hidayat'],
    keep: ['Sinoman', 'DLH'],
  },
];
