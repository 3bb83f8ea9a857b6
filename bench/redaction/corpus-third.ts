import type { CorpusText } from './corpus.js';

/**
 * A private third person named in the text (neighbour, family member, a private
 * individual): at least flagged for the coordinator. The writer, when introduced, is a
 * name to redact as usual.
 */
export const THIRD: CorpusText[] = [
  {
    id: 'third-tetangga-01', cls: 'third',
    text: `Tetangga saya Pak Darto membakar sampah plastik setiap sore di belakang rumahnya, asapnya masuk ke rumah kami dan anak saya jadi sesak napas. Sudah ditegur tapi tidak digubris. Lokasi Desa Semampir, Pati.`,
    names: [],
    others: ['Darto'],
    keep: ['Semampir'],
  },
  {
    id: 'third-anak-01', cls: 'third',
    text: `Anak saya Rina, kelas 4 di SD Negeri Sukoharjo 01, dipukul gurunya pakai penggaris sampai memar. Saya sudah lapor ke kepala sekolah tapi hanya disuruh sabar. Mohon Dinas Pendidikan menindak.`,
    names: [],
    others: ['Rina'],
    keep: ['SD Negeri Sukoharjo 01', 'Dinas Pendidikan'],
  },
  {
    id: 'third-suami-01', cls: 'third',
    text: `saya lestiani, suami saya agus sulistyo kena phk dr pabrik di margorejo tp pesangon blm dibayar 4 bln. mohon disnaker bantu mediasi`,
    names: ['lestiani'],
    others: ['agus sulistyo'],
    keep: ['margorejo', 'disnaker'],
  },
  {
    id: 'third-pemilik-01', cls: 'third',
    text: `Pemilik toko bangunan bernama Koh Ahong menaruh pasir dan batu bata di bahu Jl. Diponegoro sampai memakan separuh jalan. Sudah seminggu, pengendara harus ke tengah. Mohon Satpol PP menertibkan.`,
    names: [],
    others: ['Ahong'],
    keep: ['Jl. Diponegoro', 'Satpol PP'],
  },
  {
    id: 'third-sopir-01', cls: 'third',
    text: `sopir truk itu namanya bejo, tiap hari ngebut di jalan desa tanjang gabus bawa tanah urug, sudah nabrak pagar sekolah. tolong dishub cek izinnya`,
    names: [],
    others: ['bejo'],
    keep: ['tanjang', 'gabus', 'dishub'],
  },
  {
    id: 'third-istri-01', cls: 'third',
    text: `Nama saya Joko Purnomo. Istri saya, Sulastri, melahirkan di RSUD RAA Soewondo dengan BPJS, tapi diminta membayar Rp 2 juta untuk kamar. Apakah itu benar? Mohon penjelasan Dinas Kesehatan.`,
    names: ['Joko Purnomo'],
    others: ['Sulastri'],
    keep: ['RSUD RAA Soewondo', 'BPJS', 'Dinas Kesehatan'],
    knownNames: ['Joko Purnomo'],
  },
  {
    id: 'third-ibu-01', cls: 'third',
    text: `MOHON BANTUAN, IBU SAYA MBAH SUKINEM (80 TH) TIDAK MASUK DATA BANSOS PADAHAL TINGGAL SENDIRI DI RUMAH BAMBU DI DESA SUMBERSARI, KAYEN. SUDAH SAYA LAPORKAN KE DINAS SOSIAL TAPI BELUM ADA SURVEI.`,
    names: [],
    others: ['SUKINEM'],
    keep: ['SUMBERSARI', 'KAYEN', 'DINAS SOSIAL'],
  },
  {
    id: 'third-tetangga-02', cls: 'third',
    text: `tetangga sebelah rumah, bu marni, pelihara ayam ratusan ekor di pekarangan tengah kampung, baunya minta ampun & lalat banyak. ds. ngawen cluwak. mohon dicek dinas peternakan`,
    names: [],
    others: ['marni'],
    keep: ['ngawen', 'cluwak'],
  },
  {
    id: 'third-pemilik-02', cls: 'third',
    text: `Saya Andreas Kurniawan, warga Kelurahan Pati Lor. Pemilik kafe di sebelah, Steven Gunadi, memutar musik keras sampai jam 2 malam setiap akhir pekan. Sudah ditegur RT tapi tetap. Mohon Satpol PP dan Camat Pati menindak.`,
    names: ['Andreas Kurniawan'],
    others: ['Steven Gunadi'],
    keep: ['Pati Lor', 'Satpol PP', 'Camat Pati'],
  },
  {
    id: 'third-keluarga-01', cls: 'third',
    text: `adik sy namanya putra ramadhani, 17 th, ditahan di polsek juwana krn dituduh mencuri hp, tanpa surat apapun dan kami tdk boleh jenguk. mohon bantuan hukum pemkab`,
    names: [],
    others: ['putra ramadhani'],
    keep: ['polsek juwana'],
  },
  {
    id: 'third-kontraktor-01', cls: 'third',
    text: `Proyek saluran di Desa Tompegunung, Sukolilo dikerjakan asal-asalan. Mandornya, seorang bernama Parjiman, bilang ke warga semen dikurangi "biar untung". Mohon Inspektorat dan Dinas PUPR memeriksa.`,
    names: [],
    others: ['Parjiman'],
    keep: ['Tompegunung', 'Sukolilo', 'Inspektorat', 'Dinas PUPR'],
  },
  {
    id: 'third-tetangga-03', cls: 'third',
    text: `ATAS NAMA WARSITO, WARGA DESA TEGALOMBO DUKUHSETI. TETANGGA SAYA, SAMIN HADI, MEMBANGUN KANDANG SAPI MENUTUP SALURAN AIR, RUMAH SAYA KEBANJIRAN. SUDAH LAPOR KADES TAPI DIDIAMKAN.`,
    names: ['WARSITO'],
    others: ['SAMIN HADI'],
    keep: ['TEGALOMBO', 'DUKUHSETI'],
  },
  {
    id: 'third-anak-02', cls: 'third',
    text: `Mohon pertimbangan beasiswa untuk anak saya Nurul Aini Fitriani yang lolos seleksi SMA Negeri 1 Pati tapi kami tidak mampu bayar seragam.\nTerima kasih,\nSupriyono`,
    names: ['Supriyono'],
    others: ['Nurul Aini Fitriani'],
    keep: ['SMA Negeri 1 Pati'],
  },
  {
    id: 'third-penjual-01', cls: 'third',
    text: `Ada penjual obat keras tanpa izin di Pasar Juwana, orangnya dipanggil Cak Mat, jualan pil koplo ke anak sekolah. Tolong BNN dan Dinas Kesehatan bertindak, anak-anak kami terancam.`,
    names: [],
    others: ['Mat'],
    keep: ['Pasar Juwana', 'BNN', 'Dinas Kesehatan'],
  },
  {
    id: 'third-suami-02', cls: 'third',
    text: `punten, abdi neng yayah rohayati, pindah ka pati ngiringan salaki. salaki abdi, dadang suherman, teu tiasa ngadamel ktp kusabab surat pindahna leungit. kumaha solusina?`,
    names: ['yayah rohayati'],
    others: ['dadang suherman'],
    keep: ['pati'],
  },
  {
    id: 'third-pemilik-03', cls: 'third',
    text: `Pabrik penggilingan padi milik Haji Mukhlis di Desa Sundoluhur, Kayen membuang sekam ke sungai sampai mampet. Warga takut menegur karena beliau orang berpengaruh. Mohon DLH turun.`,
    names: [],
    others: ['Mukhlis'],
    keep: ['Sundoluhur', 'Kayen', 'DLH'],
  },
  {
    id: 'third-keluarga-02', cls: 'third',
    text: `Kakek saya, Kasmadi bin Rasimin, meninggal bulan lalu. Saat mengurus akta kematian di desa diminta "uang lelah" Rp 200 ribu. Saya cucunya, Fitri Handayani, mohon ini ditertibkan.`,
    names: ['Fitri Handayani'],
    others: ['Kasmadi bin Rasimin'],
  },
  {
    id: 'third-tetangga-04', cls: 'third',
    text: `lapor min, ada rumah di gang mawar kel. kalidoro yg dipakai judi sabung ayam tiap minggu, yg punya namanya mas gendon. rame bgt, bikin resah warga`,
    names: [],
    others: ['gendon'],
    keep: ['kalidoro'],
  },
];
