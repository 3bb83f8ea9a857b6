import { type Kysely, sql } from 'kysely';

/**
 * Answer templates, per category or for all (category null), with placeholders filled
 * for each report: {nama_pelapor}, {kode}, {opd}, {tanggal_laporan}, {hari_ini}. Three
 * general templates come with it; admins add their own per category.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table answer_templates (
      id          integer generated always as identity primary key,
      category_id integer references categories(id),
      name        text not null check (length(name) between 2 and 100),
      body        text not null check (length(body) between 20 and 10000),
      active      boolean not null default true,
      sort_order  integer not null default 0,
      created_at  timestamptz not null default now(),
      updated_at  timestamptz not null default now()
    )`.execute(db);
  await sql`create index answer_templates_category_idx on answer_templates (category_id) where active`.execute(db);
  await sql`
    insert into answer_templates (name, body, sort_order) values
    ('Akan ditindaklanjuti',
     'Yth. {nama_pelapor},' || chr(10) || chr(10) ||
     'Terima kasih atas laporan Anda ({kode}) tanggal {tanggal_laporan}. {opd} telah memeriksa lokasi dan menemukan bahwa ...' || chr(10) || chr(10) ||
     'Kami akan ... paling lambat tanggal .... Jika ada pertanyaan, silakan hubungi ... di nomor ....',
     1),
    ('Tidak dapat dipenuhi',
     'Yth. {nama_pelapor},' || chr(10) || chr(10) ||
     'Terima kasih atas laporan Anda ({kode}) tanggal {tanggal_laporan}. Setelah kami pelajari, permintaan ini belum dapat dipenuhi karena ....' || chr(10) || chr(10) ||
     'Sebagai gantinya, {opd} akan .... Untuk keterangan lebih lanjut silakan hubungi ....',
     2),
    ('Sudah selesai ditangani',
     'Yth. {nama_pelapor},' || chr(10) || chr(10) ||
     'Terima kasih atas laporan Anda ({kode}). Pada tanggal {hari_ini}, {opd} telah ... sehingga masalah yang Anda laporkan sudah tertangani.' || chr(10) || chr(10) ||
     'Jika masih ada kendala, silakan balas melalui halaman pelacakan laporan.',
     3)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists answer_templates`.execute(db);
}
