/**
 * Messages of the report form's offline side: the draft kept on the phone, the queue of
 * reports waiting for a signal, and the page the service worker shows when a send fails.
 * The browser script reads them from data- attributes (views/partials/offlineDraft.hbs).
 */
export const offlineMessages = {
  id: {
    status: {
      saved: 'Tersimpan di ponsel',
      savedHint: 'Isian dan foto disimpan di ponsel ini sampai laporan terkirim.',
      resizing: 'Memperkecil foto…',
      waiting: 'Menunggu sinyal',
      waitingHint: 'Laporan akan terkirim sendiri begitu ada sinyal. Halaman ini boleh ditutup.',
      queued: 'Antre: {{title}}',
      sent: 'Terkirim: kode {{code}}',
      sentLink: 'Lihat kode dan kunci rahasia',
      refused: 'Laporan "{{title}}" belum terkirim: ada isian yang perlu diperbaiki. Lanjutkan draf untuk memeriksanya.',
      untitled: 'laporan tanpa judul',
    },
    draft: {
      offer: 'Ada draf laporan yang belum terkirim di ponsel ini (disimpan {{time}}).',
      resume: 'Lanjutkan draf',
      discard: 'Buang draf',
      discarded: 'Draf dibuang dari ponsel ini.',
      restoredFiles: 'Lampiran dari draf: {{names}}',
    },
    queued: {
      title: 'Laporan Anda menunggu sinyal',
      lead: 'Laporan belum sampai ke kami karena koneksi terputus. Laporan tersimpan di ponsel ini dan akan terkirim sendiri dengan kunci yang sama begitu ada sinyal, tanpa terkirim dua kali.',
      keepOpen: 'Setelah terkirim, kode pelacakan muncul di sini dan di halaman Buat laporan.',
      another: 'Buat laporan lain',
      noScript: 'Halaman ini memerlukan JavaScript untuk mengirim ulang laporan.',
    },
    manifest: {
      description: 'Sampaikan pengaduan, aspirasi, atau permintaan informasi kepada Pemerintah Kabupaten.',
    },
  },
  en: {
    status: {
      saved: 'Saved on this phone',
      savedHint: 'Your text and photos are kept on this phone until the report is sent.',
      resizing: 'Making photos smaller…',
      waiting: 'Waiting for a signal',
      waitingHint: 'The report will be sent by itself as soon as there is a signal. You may close this page.',
      queued: 'Waiting: {{title}}',
      sent: 'Sent: code {{code}}',
      sentLink: 'See the code and secret key',
      refused: 'Report "{{title}}" was not sent: a field needs fixing. Continue the draft to check it.',
      untitled: 'untitled report',
    },
    draft: {
      offer: 'There is an unsent report draft on this phone (saved {{time}}).',
      resume: 'Continue draft',
      discard: 'Discard draft',
      discarded: 'The draft was removed from this phone.',
      restoredFiles: 'Attachments from the draft: {{names}}',
    },
    queued: {
      title: 'Your report is waiting for a signal',
      lead: 'Your report has not reached us because the connection dropped. It is kept on this phone and will be sent by itself, with the same key, as soon as there is a signal, never twice.',
      keepOpen: 'Once sent, the tracking code appears here and on the Send a report page.',
      another: 'Send another report',
      noScript: 'This page needs JavaScript to send the report again.',
    },
    manifest: {
      description: 'Send a complaint, a suggestion, or an information request to the regency government.',
    },
  },
};
