import type { AgencyKind } from '../schema.js';

/**
 * The OPD (Organisasi Perangkat Daerah) of Kabupaten Pati, as seed data.
 *
 * Names follow what Pemkab Pati and the local press used in 2023-2026 (e.g. Bapperida
 * rather than Bappeda, one Dinas Perdagangan dan Perindustrian, one Dinas Sosial P3AKB,
 * BPKAD collecting PBB-P2). Regional reorganisations rename OPD every few years: admins
 * correct names in the app; codes stay stable because routing rules refer to them.
 *
 * The 21 kecamatan offices and the 5 kelurahan offices are not typed in here: they are
 * built from the Kemendagri area data (idn-area-data) by `kecamatanOffice` and
 * `kelurahanOffice`, so their names and region codes match the regions table.
 */
export interface AgencySeed {
  /** Short lowercase slug, unique, stable: routing rules and demo e-mails use it. */
  code: string;
  name: string;
  short_name: string | null;
  kind: AgencyKind;
  /** Code of the parent agency, which must come earlier in the list. */
  parent: string | null;
  /** Kemendagri region code, for kecamatan and kelurahan offices. */
  region_code?: string | null;
}

const SETDA = 'setda';

function bagian(code: string, name: string, short: string): AgencySeed {
  return { code: `setda-${code}`, name: `Bagian ${name}`, short_name: short, kind: 'bagian', parent: SETDA };
}

export const PATI_AGENCIES: readonly AgencySeed[] = [
  // Sekretariat Daerah and its bagian (under the three Asisten; the asisten level is not
  // an OPD of its own and is left out).
  { code: SETDA, name: 'Sekretariat Daerah', short_name: 'Setda', kind: 'sekretariat', parent: null },
  bagian('pemerintahan', 'Pemerintahan', 'Bag. Pemerintahan'),
  bagian('hukum', 'Hukum', 'Bag. Hukum'),
  bagian('kesra', 'Kesejahteraan Rakyat', 'Bag. Kesra'),
  bagian('perekonomian', 'Perekonomian dan Sumber Daya Alam', 'Bag. Perekonomian dan SDA'),
  bagian('adpem', 'Administrasi Pembangunan', 'Bag. Adpem'),
  bagian('pbj', 'Pengadaan Barang dan Jasa', 'Bag. PBJ'),
  bagian('umum', 'Umum', 'Bag. Umum'),
  bagian('organisasi', 'Organisasi', 'Bag. Organisasi'),
  bagian('prokompim', 'Protokol dan Komunikasi Pimpinan', 'Bag. Prokompim'),

  { code: 'setwan', name: 'Sekretariat DPRD', short_name: 'Setwan', kind: 'sekretariat', parent: null },
  { code: 'inspektorat', name: 'Inspektorat Daerah', short_name: 'Inspektorat', kind: 'inspektorat', parent: null },

  // Dinas.
  { code: 'disdikbud', name: 'Dinas Pendidikan dan Kebudayaan', short_name: 'Disdikbud', kind: 'dinas', parent: null },
  { code: 'dinkes', name: 'Dinas Kesehatan', short_name: 'Dinkes', kind: 'dinas', parent: null },
  { code: 'dpupr', name: 'Dinas Pekerjaan Umum dan Penataan Ruang', short_name: 'DPUPR', kind: 'dinas', parent: null },
  {
    code: 'disperkim', name: 'Dinas Perumahan dan Kawasan Permukiman', short_name: 'Disperkim', kind: 'dinas',
    parent: null,
  },
  { code: 'satpol-pp', name: 'Satuan Polisi Pamong Praja', short_name: 'Satpol PP', kind: 'satpol', parent: null },
  {
    code: 'dinsos-p3akb',
    name: 'Dinas Sosial, Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana',
    short_name: 'Dinsos P3AKB', kind: 'dinas', parent: null,
  },
  {
    code: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', short_name: 'Disdukcapil', kind: 'dinas',
    parent: null,
  },
  { code: 'dishub', name: 'Dinas Perhubungan', short_name: 'Dishub', kind: 'dinas', parent: null },
  {
    code: 'diskominfo', name: 'Dinas Komunikasi dan Informatika', short_name: 'Diskominfo', kind: 'dinas',
    parent: null,
  },
  { code: 'dlh', name: 'Dinas Lingkungan Hidup', short_name: 'DLH', kind: 'dinas', parent: null },
  { code: 'dispertan', name: 'Dinas Pertanian dan Peternakan', short_name: 'Dispertan', kind: 'dinas', parent: null },
  { code: 'disketapang', name: 'Dinas Ketahanan Pangan', short_name: 'Disketapang', kind: 'dinas', parent: null },
  { code: 'diskan', name: 'Dinas Perikanan', short_name: 'Diskan', kind: 'dinas', parent: null },
  {
    code: 'dinkop-umkm', name: 'Dinas Koperasi dan Usaha Kecil Menengah', short_name: 'Dinkop UKM', kind: 'dinas',
    parent: null,
  },
  {
    code: 'dpmptsp', name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', short_name: 'DPMPTSP',
    kind: 'dinas', parent: null,
  },
  { code: 'disnaker', name: 'Dinas Tenaga Kerja', short_name: 'Disnaker', kind: 'dinas', parent: null },
  {
    code: 'disdagperin', name: 'Dinas Perdagangan dan Perindustrian', short_name: 'Disdagperin', kind: 'dinas',
    parent: null,
  },
  {
    code: 'dinporapar', name: 'Dinas Kepemudaan, Olahraga dan Pariwisata', short_name: 'Dinporapar', kind: 'dinas',
    parent: null,
  },
  { code: 'disarpus', name: 'Dinas Kearsipan dan Perpustakaan', short_name: 'Disarpus', kind: 'dinas', parent: null },
  {
    code: 'dispermades', name: 'Dinas Pemberdayaan Masyarakat dan Desa', short_name: 'Dispermades', kind: 'dinas',
    parent: null,
  },

  // Badan.
  {
    code: 'bapperida', name: 'Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah', short_name: 'Bapperida',
    kind: 'badan', parent: null,
  },
  // Keuangan, aset and pendapatan (PBB-P2, BPHTB and the other pajak daerah) in one badan.
  { code: 'bpkad', name: 'Badan Pengelolaan Keuangan dan Aset Daerah', short_name: 'BPKAD', kind: 'badan', parent: null },
  {
    code: 'bkpsdm', name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', short_name: 'BKPSDM',
    kind: 'badan', parent: null,
  },
  { code: 'bpbd', name: 'Badan Penanggulangan Bencana Daerah', short_name: 'BPBD', kind: 'badan', parent: null },
  { code: 'kesbangpol', name: 'Badan Kesatuan Bangsa dan Politik', short_name: 'Kesbangpol', kind: 'badan', parent: null },

  // Rumah sakit umum daerah.
  { code: 'rsud-soewondo', name: 'RSUD RAA Soewondo', short_name: 'RSUD Soewondo', kind: 'rsud', parent: null },
  { code: 'rsud-kayen', name: 'RSUD Kayen', short_name: 'RSUD Kayen', kind: 'rsud', parent: null },
];

/** 'Gunungwungkal' -> 'gunungwungkal', 'Pati Wetan' -> 'pati-wetan'. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The office of one kecamatan (district) from the Kemendagri area data. */
export function kecamatanOffice(district: { code: string; name: string }): AgencySeed {
  return {
    code: `kec-${slugify(district.name)}`,
    name: `Kecamatan ${district.name}`,
    short_name: `Kec. ${district.name}`,
    kind: 'kecamatan',
    parent: SETDA,
    region_code: district.code,
  };
}

/** The office of one kelurahan (the urban villages that are part of the regency's
 * administration, unlike desa), under its kecamatan office. */
export function kelurahanOffice(village: { code: string; name: string }, kecamatanCode: string): AgencySeed {
  return {
    code: `kel-${slugify(village.name)}`,
    name: `Kelurahan ${village.name}`,
    short_name: `Kel. ${village.name}`,
    kind: 'kelurahan',
    parent: kecamatanCode,
    region_code: village.code,
  };
}
