/** Messages of the citizen JSON API that the form and tracking pages do not already have. */
export const apiMessages = {
  id: {
    fields: {
      accepted: 'Pernyataan selesai (accepted)',
      parent: 'Wilayah induk (parent)',
      level: 'Tingkat wilayah (level)',
    },
    errors: {
      jsonOrMultipart: 'Kirim data dalam format JSON (application/json) atau multipart/form-data.',
      filesWithReply:
        'Lampiran tidak dapat dikirim bersama balasan atas jawaban. Kirim balasan tanpa lampiran; laporan akan dibuka kembali dan lampiran dapat ditambahkan sesudahnya.',
      appealComment: 'Keberatan memerlukan alasan: tulis alasannya pada comment.',
      ratingWithAppeal: 'Nilai hanya dapat diberikan bersama pernyataan selesai (accepted: true).',
      ratingForComment: 'Komentar disimpan bersama nilai: isi juga rating (1–5), atau kosongkan comment.',
      notAnswered: 'Laporan ini belum dijawab, jadi belum dapat dinyatakan selesai atau diajukan keberatan.',
      noLetter: 'Laporan ini belum dijawab, jadi belum ada surat jawaban.',
      letterWithdrawn: 'Berkas surat jawaban laporan ini ditarik karena data pribadi pelapor telah dihapus. Nomor dan sidiknya tetap dapat diperiksa di halaman verifikasi.',
    },
  },
  en: {
    fields: {
      accepted: 'Resolution (accepted)',
      parent: 'Parent area (parent)',
      level: 'Area level (level)',
    },
    errors: {
      jsonOrMultipart: 'Send the data as JSON (application/json) or multipart/form-data.',
      filesWithReply:
        'Attachments cannot be sent with a reply to an answer. Send the reply without them; the report is reopened and the files can be added afterwards.',
      appealComment: 'An appeal needs its reason: write it in comment.',
      ratingWithAppeal: 'A rating can only be given when confirming the report is resolved (accepted: true).',
      ratingForComment: 'A comment is kept with a rating: give a rating (1–5) too, or leave comment out.',
      notAnswered: 'This report has not been answered yet, so it cannot be resolved or appealed.',
      noLetter: 'This report has not been answered yet, so there is no answer letter.',
      letterWithdrawn: 'The file of this report’s answer letter was withdrawn when the reporter’s personal data was erased. Its number and fingerprint can still be checked on the verification page.',
    },
  },
};
