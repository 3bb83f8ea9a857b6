import { jakartaDate } from '../shared/calendar.js';
import type { Context, Place } from './context.js';
import type { Rng } from './random.js';
import { ANSWERS, ANSWERS_GENERIC, MAIN_ROADS } from './texts.js';

/** Filling the text templates: place variables, dates in Indonesian, staff answers, titles. */

export function placeVars(r: Rng, place: Place, ctx: Context): Record<string, string> {
  const desaWord = place.level === 'kelurahan' ? 'Kelurahan' : 'Desa';
  const neighbour = r.pick(ctx.places.filter((p) => p.kecamatanCode === place.kecamatanCode && p.code !== place.code), place);
  const rt = `RT ${String(r.int(1, 9)).padStart(2, '0')} RW ${String(r.int(1, 6)).padStart(2, '0')}`;
  return {
    desa: place.name,
    kec: place.kecamatan,
    lokasi: `${desaWord} ${place.name}, Kecamatan ${place.kecamatan}`,
    rt,
    jalan: r.pick([
      `jalan poros ${desaWord.toLowerCase()} ${place.name}`,
      `jalan penghubung ${place.name}–${neighbour.name}`,
      `jalan lingkungan ${rt}`,
      r.pick(MAIN_ROADS),
      `jalan menuju balai ${desaWord.toLowerCase()} ${place.name}`,
    ]),
    durasi: r.pick(['sepekan', 'dua minggu', 'sebulan', 'hampir tiga bulan', 'lebih dari setengah tahun', 'setahun']),
    jumlah: String(r.int(2, 12)),
    panjang: String(r.int(5, 60) * 10),
    nominal: r.pick(['50.000', '100.000', '150.000', '200.000', '300.000']),
    rs: ['Kayen', 'Sukolilo', 'Tambakromo'].includes(place.kecamatan) ? 'RSUD Kayen' : 'RSUD RAA Soewondo',
    balai: place.level === 'kelurahan' ? `kantor Kelurahan ${place.name}` : `balai desa ${place.name}`,
    tetangga: neighbour.name,
  };
}

export function render(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, key: string) => vars[key] ?? m);
}

const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober',
  'November', 'Desember'];

function tanggal(at: Date): string {
  const [y, m, d] = jakartaDate(at).split('-').map(Number) as [number, number, number];
  return `${d} ${BULAN[m - 1]} ${y}`;
}

export function answerText(
  r: Rng, category: string, vars: Record<string, string>, agency: string, since: Date, at: Date,
): string {
  // The field visit the answer mentions happened while the report was being worked on.
  const visit = new Date(since.getTime() + (at.getTime() - since.getTime()) * r.next());
  const specific = render(r.pick(ANSWERS[category] ?? ANSWERS_GENERIC), { ...vars, agency, tgl: tanggal(visit) });
  return [
    'Terima kasih atas laporan Bapak/Ibu.',
    specific,
    'Apabila masih ada kendala, silakan balas melalui tautan pelacakan laporan ini.',
    `Hormat kami,\n${agency}`,
  ].join('\n\n');
}

/** What the citizen typed before a coordinator tidied the title. */
export function informalTitle(title: string): string {
  return title.length % 2 ? `TOLONG!!! ${title.toUpperCase()}` : `${title.toLowerCase()} pak mohon dibantu`;
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
