/**
 * Messages about attachments, for forms and the API alike. Limits come as parameters
 * (from policy.ts), so a changed UPLOAD_MAX_MB needs no new text.
 */
export const attachmentsMessages = {
  id: {
    fields: { files: 'Lampiran' },
    // Files a form held from an earlier try (heldForm.ts, views/partials/heldFiles.hbs).
    held: {
      title: 'Sudah terlampir',
      note: 'Berkas ini sudah kami terima dan akan ikut terkirim. Anda tidak perlu memilihnya lagi.',
      remove: 'Hapus',
      more: 'Tambah lampiran lain',
      room: 'Anda masih dapat menambah {{count}} berkas.',
      chooseAgain: 'Berkas lampiran yang Anda pilih belum tersimpan. Pilih lagi berkas Anda sebelum mengirim.',
      chooseAgainSome: 'Sebagian berkas lampiran belum tersimpan. Pilih lagi berkas yang tidak tercantum di bawah "Sudah terlampir" sebelum mengirim.',
    },
    hint: 'Maksimal {{maxFiles}} berkas, masing-masing {{maxMb, number}} MB: foto (JPEG, PNG, WebP), PDF atau video MP4.',
    errors: {
      tooLarge: 'Berkas "{{name}}" terlalu besar. Setiap berkas maksimal {{maxMb, number}} MB.',
      tooMany: 'Lampiran maksimal {{maxFiles}} berkas.',
      disabled: 'Saat ini lampiran tidak dapat diterima.',
      unexpectedField: 'Lampiran harus dikirim pada kolom "{{field}}".',
      type: 'Berkas "{{name}}" tidak dapat diterima. Jenis yang diterima: {{types}}.',
      empty: 'Berkas "{{name}}" kosong.',
      unreadable: 'Gambar "{{name}}" rusak atau tidak dapat dibaca. Kirim ulang foto aslinya.',
      tooManyPixels: 'Resolusi gambar "{{name}}" terlalu besar (maksimal {{maxMp, number}} megapiksel).',
      fieldTooLong: 'Isian terlalu panjang.',
      tooManyFields: 'Formulir berisi terlalu banyak isian.',
      heldGone: 'Lampiran yang tersimpan dari isian sebelumnya sudah tidak tersedia (kedaluwarsa atau sudah terkirim). Pilih lagi berkas Anda.',
    },
  },
  en: {
    fields: { files: 'Attachments' },
    held: {
      title: 'Already attached',
      note: 'We already have these files; they will be sent along. You do not need to choose them again.',
      remove: 'Remove',
      more: 'Add more attachments',
      room: 'You can add {{count}} more files.',
      chooseAgain: 'The files you chose were not kept. Please choose them again before sending.',
      chooseAgainSome: 'Some attachments were not kept. Choose again the files that are not listed under "Already attached" before sending.',
    },
    hint: 'Up to {{maxFiles}} files of {{maxMb, number}} MB each: photos (JPEG, PNG, WebP), PDF or MP4 video.',
    errors: {
      tooLarge: 'The file "{{name}}" is too large. Each file may be at most {{maxMb, number}} MB.',
      tooMany: 'At most {{maxFiles}} files can be attached.',
      disabled: 'Attachments cannot be accepted at the moment.',
      unexpectedField: 'Attachments must be sent in the field "{{field}}".',
      type: 'The file "{{name}}" cannot be accepted. Accepted types: {{types}}.',
      empty: 'The file "{{name}}" is empty.',
      unreadable: 'The image "{{name}}" is damaged or cannot be read. Please send the original photo again.',
      tooManyPixels: 'The image "{{name}}" has too many pixels (at most {{maxMp, number}} megapixels).',
      fieldTooLong: 'A field is too long.',
      tooManyFields: 'The form has too many fields.',
      heldGone: 'The attachments kept from your earlier try are no longer available (expired or already sent). Please choose your files again.',
    },
  },
};
