/**
 * What the WhatsApp conversation answers a citizen (src/whatsapp/inbound/). Plain text, as
 * WhatsApp shows it: *bold* is WhatsApp's own mark-up. The keywords (KIRIM, BARU, STOP,
 * MULAI) are the same in both languages: citizens type what the message shows them.
 */
export const whatsappMessages = {
  id: {
    draftStarted:
      'Terima kasih, laporan Anda sedang kami catat. Kirim juga foto, dokumen, pesan suara atau lokasi (Bagikan lokasi) bila ada. Laporan terkirim otomatis {{minutes}} menit setelah pesan terakhir Anda, atau ketik *KIRIM* untuk mengirimnya sekarang.',
    newStarted: 'Silakan tulis laporan baru Anda. Kirim foto atau lokasi bila ada, lalu ketik *KIRIM*.',
    nothingToSend: 'Belum ada laporan yang sedang Anda tulis. Tulis laporan Anda dalam satu pesan atau lebih, lalu ketik *KIRIM*.',
    tooShort: 'Laporan Anda terlalu singkat: ceritakan apa yang terjadi, di mana dan sejak kapan (paling sedikit {{min}} karakter). Kirim pesan tambahan, lalu ketik *KIRIM*.',
    submitted:
      'Laporan Anda sudah kami terima dengan kode *{{code}}*.\nPantau perkembangannya di {{link}} (tautan ini memuat kunci rahasia Anda, jangan dibagikan).\nDiskominfo memeriksa laporan Anda paling lambat {{due}}, lalu meneruskannya ke OPD yang berwenang; kabar berikutnya kami kirim ke nomor ini.\n{{tips}}',
    tips: 'Untuk menambah keterangan atau foto, balas saja pesan ini. Untuk laporan lain, ketik *BARU*. Untuk berhenti menerima pesan, ketik *STOP*.',
    duplicate: 'Laporan yang sama baru saja Anda kirim dengan kode *{{code}}*; kami tidak membuatnya dua kali.',
    skipped: 'Berkas berikut tidak kami terima: {{files}}.',
    infoAdded: 'Keterangan Anda sudah ditambahkan ke laporan *{{code}}*.',
    replyAdded: 'Tanggapan Anda atas jawaban laporan *{{code}}* sudah kami terima; laporan dibuka kembali untuk OPD.',
    closed: 'Laporan *{{code}}* sudah ditutup dan tidak dapat ditambah lagi. Ketik *BARU* untuk membuat laporan baru.',
    whichReport: 'Anda memiliki beberapa laporan yang masih berjalan: {{codes}}. Awali pesan Anda dengan kode laporannya (misalnya "{{example}} ada foto tambahan"), atau ketik *BARU* untuk laporan baru.',
    optedIn: 'Anda akan menerima kabar laporan lagi melalui WhatsApp. Ketik *STOP* untuk berhenti.',
    unsupported: 'Maaf, jenis pesan ini tidak dapat kami terima. Kirim teks, foto, dokumen, pesan suara atau lokasi.',
    refused: {
      tooLarge: 'Berkas "{{name}}" terlalu besar (paling besar {{maxMb}} MB) dan tidak kami terima.',
      type: 'Berkas "{{name}}" tidak dapat kami terima. Jenis yang diterima: {{types}}.',
      unreadable: 'Berkas "{{name}}" tidak dapat dibaca dan tidak kami terima.',
    },
    untitled: 'Laporan melalui WhatsApp',
    noText: '(Laporan WhatsApp tanpa teks; lihat lampiran dan lokasi.)',
    mediaOnly: '(Berkas dari WhatsApp tanpa keterangan.)',
    location: 'Lokasi yang dibagikan: {{place}} ({{latitude}}, {{longitude}})',
    file: 'berkas',
  },
  en: {
    draftStarted:
      'Thank you, we are taking down your report. Send photos, documents, voice notes or your location (Share location) too if you have them. The report is sent {{minutes}} minutes after your last message, or type *KIRIM* to send it now.',
    newStarted: 'Please write your new report. Send photos or your location if you have them, then type *KIRIM*.',
    nothingToSend: 'You are not writing a report. Write your report in one or more messages, then type *KIRIM*.',
    tooShort: 'Your report is too short: tell us what happened, where and since when (at least {{min}} characters). Send another message, then type *KIRIM*.',
    submitted:
      'We have received your report with the code *{{code}}*.\nFollow it at {{link}} (this link holds your secret key: do not share it).\nDiskominfo checks your report by {{due}} and forwards it to the agency in charge; we send further news to this number.\n{{tips}}',
    tips: 'To add details or photos, just reply to this message. For another report, type *BARU*. To stop receiving messages, type *STOP*.',
    duplicate: 'You just sent the same report with the code *{{code}}*; we did not make it twice.',
    skipped: 'We did not accept these files: {{files}}.',
    infoAdded: 'Your details were added to report *{{code}}*.',
    replyAdded: 'We received your response to the answer of report *{{code}}*; the report is reopened for the agency.',
    closed: 'Report *{{code}}* is closed and takes nothing more. Type *BARU* for a new report.',
    whichReport: 'You have several reports in progress: {{codes}}. Start your message with the report\'s code (e.g. "{{example}} one more photo"), or type *BARU* for a new report.',
    optedIn: 'You will receive news of your reports by WhatsApp again. Type *STOP* to stop.',
    unsupported: 'Sorry, we cannot take this kind of message. Send text, photos, documents, voice notes or a location.',
    refused: {
      tooLarge: 'The file "{{name}}" is too large (at most {{maxMb}} MB) and was not accepted.',
      type: 'The file "{{name}}" cannot be accepted. Accepted types: {{types}}.',
      unreadable: 'The file "{{name}}" cannot be read and was not accepted.',
    },
    untitled: 'Report by WhatsApp',
    noText: '(WhatsApp report without text; see the attachments and location.)',
    mediaOnly: '(File from WhatsApp without a caption.)',
    location: 'Shared location: {{place}} ({{latitude}}, {{longitude}})',
    file: 'file',
  },
};
