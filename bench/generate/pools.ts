import { Rng } from '../../src/demo/random.js';
import { render } from '../../src/demo/render.js';
import {
  ANSWERS, ANSWERS_GENERIC, CLOSERS, FIRST_NAMES, LAST_NAMES, MAIN_ROADS, OPENERS, TEMPLATES,
} from '../../src/demo/texts.js';

/**
 * The texts and people of generated reports, made once in TypeScript from the demo data's
 * Indonesian wording (src/demo/texts.ts) and loaded into temporary tables that the
 * INSERT ... SELECT statements join by a hash of the report's number. Place names stay as
 * placeholders ({desa}, {kec}, {lokasi}, {balai}, {tetangga}) and are filled in SQL from
 * the report's own desa, so a title names the village the report is filed in.
 */
export const TEXT_VARIANTS = 48;
export const REPORTER_POOL = 4096;

export interface TextRow {
  cat: number;
  v: number;
  kind: string;
  title: string;
  body: string;
  answer: string;
}

export interface ReporterRow {
  i: number;
  name: string;
  email: string;
  phone: string;
  nik: string;
}

const SQL_PLACES = ['desa', 'kec', 'lokasi', 'balai', 'tetangga'];

/** Variables the templates use other than places; place keys map to themselves. */
function vars(r: Rng): Record<string, string> {
  const keep = Object.fromEntries(SQL_PLACES.map((k) => [k, `{${k}}`]));
  const rt = `RT ${String(r.int(1, 9)).padStart(2, '0')} RW ${String(r.int(1, 6)).padStart(2, '0')}`;
  return {
    ...keep,
    rt,
    jalan: r.pick(['jalan poros desa {desa}', 'jalan penghubung {desa}–{tetangga}', `jalan lingkungan ${rt}`, r.pick(MAIN_ROADS)]),
    durasi: r.pick(['sepekan', 'dua minggu', 'sebulan', 'hampir tiga bulan', 'lebih dari setengah tahun', 'setahun']),
    jumlah: String(r.int(2, 12)),
    panjang: String(r.int(5, 60) * 10),
    nominal: r.pick(['50.000', '100.000', '150.000', '200.000', '300.000']),
    rs: r.pick(['RSUD RAA Soewondo', 'RSUD Kayen']),
    tgl: `${r.int(1, 28)} ${r.pick(['Januari', 'Maret', 'Mei', 'Juli', 'September', 'November'])}`,
    agency: 'dinas terkait',
  };
}

/** TEXT_VARIANTS texts per category code, in the order of `categoryCodes`. */
export function textPool(categoryCodes: readonly string[], seed: number): TextRow[] {
  const r = new Rng(seed);
  const rows: TextRow[] = [];
  categoryCodes.forEach((code, cat) => {
    const templates = TEMPLATES[code] ?? Object.values(TEMPLATES).flat();
    for (let v = 0; v < TEXT_VARIANTS; v++) {
      const tpl = templates[v % templates.length]!;
      const x = vars(r);
      const body = [r.chance(0.5) ? r.pick(OPENERS) : '', render(tpl.body, x), r.chance(0.6) ? r.pick(CLOSERS) : '']
        .filter(Boolean).join(' ');
      const answer = [
        'Terima kasih atas laporan Bapak/Ibu.',
        render(r.pick(ANSWERS[code] ?? ANSWERS_GENERIC), x),
        'Apabila masih ada kendala, silakan balas melalui tautan pelacakan laporan ini.',
      ].join('\n\n');
      rows.push({ cat, v, kind: tpl.kind, title: render(tpl.title, x).slice(0, 150), body, answer });
    }
  });
  return rows;
}

/** Fictional reporters (example.* addresses, NIK-shaped numbers of Kabupaten Pati). */
export function reporterPool(seed: number): ReporterRow[] {
  const r = new Rng(seed + 1);
  const rows: ReporterRow[] = [];
  for (let i = 0; i < REPORTER_POOL; i++) {
    const first = r.pick(FIRST_NAMES);
    const last = r.chance(0.7) ? r.pick(LAST_NAMES) : null;
    const name = last ? `${first} ${last}` : first;
    const local = `${first}${last ? `.${last}` : ''}`.toLowerCase().replace(/[^a-z.]/g, '') + r.int(1, 999);
    rows.push({
      i,
      name,
      email: `${local}@${r.pick(['example.com', 'example.net', 'example.org'])}`,
      phone: `08${r.pick(['12', '13', '21', '52', '57', '77', '95'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`,
      nik: `3318${String(r.int(1, 21)).padStart(2, '0')}${String(r.int(1, 68)).padStart(2, '0')}` +
        `${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(60, 99)).padStart(2, '0')}${String(r.int(1, 9999)).padStart(4, '0')}`,
    });
  }
  return rows;
}
