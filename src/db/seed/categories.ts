/**
 * Report categories as a Diskominfo coordinator would sort incoming reports, each with
 * the OPD that usually handles it. `auto_forward` is true only where the category alone
 * says who is responsible (KTP-el goes to Disdukcapil whatever the details); for the
 * rest a coordinator checks first, e.g. a road may be a national or provincial road, a
 * school may be a SMA (provincial) rather than a SD/SMP (regency).
 *
 * All categories use the 'default' SLA policy at first; admins can attach others.
 */
export interface CategorySeed {
  code: string;
  name: string;
  name_en: string;
  description: string;
  /** Code of the default agency (see pati-agencies.ts). */
  agency: string;
  auto_forward: boolean;
  sort_order: number;
}

type Row = [code: string, name: string, nameEn: string, description: string, agency: string, autoForward: boolean];

const ROWS: Row[] = [
  ['jalan-jembatan', 'Jalan dan Jembatan', 'Roads and bridges',
    'Jalan kabupaten rusak atau berlubang, jembatan retak atau putus, trotoar.', 'dpupr', false],
  ['drainase-banjir', 'Drainase dan Banjir', 'Drainage and flooding',
    'Saluran air tersumbat, genangan, banjir rutin, tanggul dan sungai kecil.', 'dpupr', false],
  ['air-bersih', 'Air Bersih dan PDAM', 'Clean water and the water utility',
    'Air PDAM mati atau keruh, tagihan air, sumur bor dan SPAM desa.', 'setda-perekonomian', false],
  ['penerangan-jalan', 'Penerangan Jalan Umum', 'Street lighting',
    'Lampu PJU mati, tiang miring, lampu menyala siang hari.', 'dishub', true],
  ['sampah', 'Sampah dan Kebersihan', 'Waste and cleanliness',
    'Sampah tidak diangkut, TPS penuh, pembuangan sampah liar.', 'dlh', true],
  ['lingkungan', 'Pencemaran Lingkungan', 'Environmental pollution',
    'Limbah pabrik atau tambak, bau, asap, pencemaran sungai, penambangan tanpa izin.', 'dlh', false],
  ['kesehatan', 'Kesehatan dan Puskesmas', 'Health services and community health centres',
    'Pelayanan puskesmas, BPJS Kesehatan/UHC, imunisasi, stunting, demam berdarah.', 'dinkes', false],
  ['rumah-sakit', 'Pelayanan Rumah Sakit Daerah', 'Regional hospital services',
    'Pelayanan RSUD: antrean, rujukan, kamar rawat inap, sikap petugas.', 'rsud-soewondo', false],
  ['pendidikan', 'Pendidikan dan Sekolah', 'Education and schools',
    'SD/SMP negeri, PAUD, PPDB/SPMB, pungutan sekolah, gedung sekolah rusak.', 'disdikbud', false],
  ['bantuan-sosial', 'Bantuan Sosial', 'Social assistance',
    'PKH, BPNT, DTKS/DTSEN, bantuan yang salah sasaran, penyandang disabilitas, ODGJ terlantar.', 'dinsos-p3akb', false],
  ['perlindungan-anak', 'Perlindungan Perempuan dan Anak', 'Protection of women and children',
    'Kekerasan dalam rumah tangga, kekerasan terhadap anak, perkawinan anak.', 'dinsos-p3akb', false],
  ['adminduk', 'Administrasi Kependudukan', 'Civil registration',
    'KTP-el, Kartu Keluarga, akta kelahiran dan kematian, KIA, pindah datang, IKD.', 'disdukcapil', true],
  ['perizinan', 'Perizinan dan Penanaman Modal', 'Permits and investment',
    'PBG, izin usaha melalui OSS, Mal Pelayanan Publik, layanan DPMPTSP.', 'dpmptsp', true],
  ['pajak-daerah', 'Pajak Daerah dan PBB-P2', 'Local taxes and property tax',
    'PBB-P2, BPHTB, SPPT salah atau ganda, pajak restoran, reklame dan hiburan.', 'bpkad', true],
  ['ketertiban-umum', 'Ketertiban Umum', 'Public order',
    'Pedagang kaki lima, bangunan liar, reklame tanpa izin, minuman keras, karaoke.', 'satpol-pp', false],
  ['transportasi', 'Transportasi dan Lalu Lintas', 'Transport and traffic',
    'Rambu, marka, lampu lalu lintas, parkir liar, angkutan umum, terminal, uji KIR.', 'dishub', false],
  ['pertanian', 'Pertanian dan Pupuk', 'Agriculture and fertiliser',
    'Pupuk bersubsidi, alsintan, irigasi tersier, hama, harga gabah, kesehatan ternak.', 'dispertan', false],
  ['perikanan', 'Perikanan dan Nelayan', 'Fisheries and fishers',
    'TPI, kartu nelayan (KUSUKA), tambak, solar nelayan, bantuan perikanan.', 'diskan', false],
  ['pasar', 'Pasar dan Perdagangan', 'Markets and trade',
    'Pasar daerah, kios dan retribusi pasar, harga bahan pokok, timbangan, minyak goreng.', 'disdagperin', false],
  ['umkm', 'Koperasi dan UMKM', 'Cooperatives and small businesses',
    'Pembinaan UMKM, koperasi bermasalah, pelatihan usaha, perizinan usaha mikro.', 'dinkop-umkm', false],
  ['ketenagakerjaan', 'Ketenagakerjaan', 'Employment',
    'Upah di bawah UMK, PHK, BPJS Ketenagakerjaan, pekerja migran, pelatihan kerja.', 'disnaker', false],
  ['pariwisata', 'Pariwisata, Kepemudaan dan Olahraga', 'Tourism, youth and sport',
    'Objek wisata, fasilitas GOR dan lapangan, event daerah, desa wisata.', 'dinporapar', false],
  ['perumahan', 'Perumahan dan Permukiman', 'Housing and settlements',
    'Rumah tidak layak huni (RTLH), perumahan kumuh, PSU perumahan, sanitasi.', 'disperkim', false],
  ['bencana', 'Bencana dan Kedaruratan', 'Disasters and emergencies',
    'Banjir bandang, tanah longsor, angin puting beliung, kekeringan, kebakaran.', 'bpbd', true],
  ['kepegawaian', 'Kepegawaian dan Disiplin ASN', 'Civil servants and their conduct',
    'Disiplin dan netralitas ASN, PPPK, pelayanan yang tidak ramah atau tidak hadir.', 'bkpsdm', false],
  ['pungli', 'Pungutan Liar dan Penyalahgunaan Wewenang', 'Illegal levies and abuse of office',
    'Pungli dalam pelayanan, gratifikasi, penyimpangan anggaran, dugaan korupsi.', 'inspektorat', false],
  ['pemerintahan-desa', 'Pelayanan Kecamatan dan Desa', 'District and village services',
    'Pelayanan kantor kecamatan atau desa, perangkat desa, dana desa, surat pengantar.', 'setda-pemerintahan', false],
  ['informasi-publik', 'Informasi Publik dan Layanan Digital', 'Public information and digital services',
    'Permohonan informasi publik (PPID), situs web dan aplikasi Pemkab, sinyal dan internet desa.', 'diskominfo', false],
  ['lainnya', 'Lainnya', 'Other',
    'Laporan yang belum jelas kategorinya; koordinator memilah dan meneruskan.', 'diskominfo', false],
];

export const CATEGORIES: readonly CategorySeed[] = ROWS.map(([code, name, name_en, description, agency, auto_forward], i) => ({
  code,
  name,
  name_en,
  description,
  agency,
  auto_forward,
  sort_order: (i + 1) * 10,
}));
