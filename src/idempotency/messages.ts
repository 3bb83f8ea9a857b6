/** Messages of idempotency keys: a key that is none, and a key used for another request. */
export const idempotencyMessages = {
  id: {
    errors: {
      badKey:
        'Idempotency-Key tidak sah: kirim 16–255 karakter berupa huruf, angka, atau - _ . : ~ + / =, sebagai String Structured Field (dalam tanda kutip), misalnya "8e03978e-40d5-43e8-bc93-6894a57f9324".',
      reused:
        'Idempotency-Key ini sudah dipakai untuk permintaan dengan isi yang berbeda (Idempotency-Key reused with a different payload). Tidak ada yang disimpan. Gunakan kunci baru untuk laporan baru.',
      formBadKey: 'Formulir ini tidak dapat dikirim karena kode pengirimannya rusak. Periksa isinya, lalu tekan "Kirim laporan" lagi.',
      formReused:
        'Formulir ini sudah pernah dikirim dengan isi yang berbeda, jadi perubahan Anda belum dikirim. Periksa isinya, lalu tekan "Kirim laporan" lagi untuk mengirimnya sebagai laporan baru.',
    },
  },
  en: {
    errors: {
      badKey:
        'Invalid Idempotency-Key: send 16–255 characters of letters, digits or - _ . : ~ + / =, as a Structured Field String (in double quotes), e.g. "8e03978e-40d5-43e8-bc93-6894a57f9324".',
      reused:
        'Idempotency-Key reused with a different payload: this key was already used for a different request. Nothing was saved. Use a new key for a new report.',
      formBadKey: 'This form could not be sent because its sending code is damaged. Check it, then press "Send report" again.',
      formReused:
        'This form was already sent with different content, so your changes have not been sent. Check them, then press "Send report" again to send them as a new report.',
    },
  },
};
