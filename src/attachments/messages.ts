/**
 * Messages about attachments, for forms and the API alike. Limits come as parameters
 * (from policy.ts), so a changed UPLOAD_MAX_MB needs no new text.
 */
export const attachmentsMessages = {
  id: {
    fields: { files: 'Lampiran' },
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
    },
  },
  en: {
    fields: { files: 'Attachments' },
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
    },
  },
};
