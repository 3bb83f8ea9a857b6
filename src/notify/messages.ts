/** Messages of the outbox pages, of the base shared by every e-mail, and of the mails about a report (reportMail). */
export const notifyMessages = {
  id: {
    whatsapp: {
      acknowledged: {
        text: 'Terima kasih, laporan Anda sudah kami terima dengan kode {{code}}. Diskominfo akan memeriksanya dan meneruskannya ke OPD yang berwenang. Pantau perkembangannya di {{link}} (tautan ini memuat kunci rahasia Anda, jangan dibagikan).',
        status: 'diterima dan akan diperiksa',
      },
      forwarded: {
        text: 'Laporan {{code}} telah diteruskan ke {{agency}} untuk ditindaklanjuti. Pantau di {{link}}',
        status: 'diteruskan ke {{agency}}',
      },
      question: {
        text: 'Petugas memerlukan keterangan tambahan tentang laporan {{code}}:\n{{question}}\nJawab melalui halaman pelacakan: {{link}}',
        status: 'memerlukan keterangan tambahan dari Anda',
      },
      answered: {
        text: 'Laporan {{code}} sudah dijawab oleh {{agency}}. Baca jawabannya di {{link}}',
        status: 'sudah dijawab oleh {{agency}}',
      },
      answeredMerged: {
        text: 'Laporan {{code}} digabung dengan laporan {{target}}, yang sudah dijawab oleh {{agency}}. Baca jawabannya di {{link}}',
        status: 'sudah dijawab oleh {{agency}} (bersama laporan {{target}})',
      },
      resolved: {
        text: 'Laporan {{code}} dinyatakan selesai. Terima kasih atas laporan Anda. {{link}}',
        status: 'selesai',
      },
      rejected: {
        text: 'Laporan {{code}} tidak dapat ditindaklanjuti. {{note}} {{link}}',
        status: 'tidak dapat ditindaklanjuti',
      },
      merged: {
        text: 'Laporan {{code}} digabung dengan laporan {{target}} yang membahas hal yang sama; tindak lanjutnya ada pada laporan itu. {{link}}',
        status: 'digabung dengan laporan {{target}}',
      },
      resendLink: {
        text: 'Tautan baru untuk laporan {{code}}: {{link}} (tautan lama tidak berlaku lagi; jangan bagikan tautan ini).',
        status: 'mendapat tautan pelacakan baru',
      },
    },
    reportMail: {
      forwarded: {
        subject: 'Laporan baru untuk {{agency}}: {{code}}',
        greeting: 'Yth. petugas {{agency}},',
        lines: ['Diskominfo meneruskan laporan "{{title}}" ({{code}}) kepada {{agency}} untuk ditindaklanjuti.', 'Buka laporan di e-Pengaduan:'],
      },
      question: {
        subject: 'Pertanyaan tentang laporan {{code}}',
        greeting: 'Yth. Pelapor,',
        lines: ['Petugas memerlukan keterangan tambahan tentang laporan Anda "{{title}}":', '{{question}}', 'Jawab melalui halaman pelacakan (masukkan kode dan kunci rahasia Anda):'],
      },
      rejected_unclear: {
        subject: 'Laporan {{code}} tidak dapat ditindaklanjuti',
        greeting: 'Yth. Pelapor,',
        lines: ['Laporan Anda "{{title}}" belum dapat ditindaklanjuti karena isinya kurang jelas.', '{{note}}', 'Silakan kirim laporan baru dengan keterangan yang lebih lengkap.'],
      },
      rejected_not_government: {
        subject: 'Laporan {{code}} bukan kewenangan pemerintah daerah',
        greeting: 'Yth. Pelapor,',
        lines: ['Laporan Anda "{{title}}" bukan kewenangan Pemerintah Kabupaten.', '{{note}}'],
      },
      draftSubmitted: {
        subject: 'Draf jawaban laporan {{code}} menunggu persetujuan',
        greeting: 'Yth. Kepala OPD,',
        lines: ['Draf jawaban untuk laporan "{{title}}" ({{code}}) menunggu persetujuan Anda.', 'Periksa dan setujui atau kembalikan di e-Pengaduan:'],
      },
      draftReturned: {
        subject: 'Draf jawaban laporan {{code}} dikembalikan',
        greeting: 'Yth. petugas,',
        lines: ['Kepala OPD mengembalikan draf jawaban untuk laporan "{{title}}" ({{code}}) dengan catatan:', '{{comment}}', 'Perbaiki drafnya di e-Pengaduan:'],
      },
      answerToValidate: {
        subject: 'Jawaban laporan {{code}} menunggu validasi',
        greeting: 'Yth. Admin Koordinator,',
        lines: ['Kepala OPD telah menyetujui jawaban untuk laporan "{{title}}" ({{code}}). Jawaban baru dikirim ke pelapor setelah Anda validasi.', 'Validasi atau tolak jawabannya di e-Pengaduan:'],
      },
      answerRefused: {
        subject: 'Jawaban laporan {{code}} ditolak koordinator',
        greeting: 'Yth. petugas dan Kepala OPD,',
        lines: ['Admin Koordinator menolak jawaban untuk laporan "{{title}}" ({{code}}) dengan catatan:', '{{comment}}', 'Perbaiki jawabannya, ajukan, dan setujui kembali di e-Pengaduan:'],
      },
      // The answer is a letter the OPD signs, with its own greeting: the frame only says
      // what the mail is, so the reporter is never greeted twice.
      answered: {
        subject: 'Jawaban atas laporan {{code}}',
        lines: ['Berikut jawaban {{agency}} atas laporan Anda "{{title}}" ({{code}}).', '{{answer}}', '{{files}}', 'Anda dapat membalas, mengajukan keberatan, atau menyatakan masalah selesai di halaman pelacakan (masukkan kode dan kunci rahasia Anda):'],
      },
      // To the reporter of a report merged into the one answered: their own report, the
      // one it joined, and the answer (addressed to them, never naming the other reporter).
      answeredMerged: {
        subject: 'Jawaban atas laporan {{code}}',
        lines: ['Laporan Anda "{{title}}" ({{code}}) digabung dengan laporan {{target}} yang membahas hal yang sama. Laporan tersebut sudah dijawab oleh {{agency}}:', '{{answer}}', 'Perkembangannya dapat Anda ikuti di halaman pelacakan laporan Anda (masukkan kode dan kunci rahasia Anda):'],
      },
      assigned: {
        subject: 'Laporan {{code}} ditugaskan kepada Anda',
        greeting: 'Yth. {{name}},',
        lines: ['Laporan "{{title}}" ({{code}}) ditugaskan kepada Anda untuk ditindaklanjuti.', 'Buka laporan di e-Pengaduan:'],
      },
      merged: {
        subject: 'Laporan {{code}} digabung dengan laporan lain',
        greeting: 'Yth. Pelapor,',
        lines: ['Laporan Anda "{{title}}" membahas hal yang sama dengan laporan {{target}} yang sedang ditangani, sehingga keduanya digabung.', 'Tindak lanjut dilakukan melalui laporan {{target}}.'],
      },
    },
    nav: { outbox: 'Kotak keluar' },
    list: {
      title: 'Kotak keluar e-mail',
      lead: 'Semua e-mail yang dikirim sistem kepada warga dan petugas, yang terbaru di atas.',
      devNotice:
        'Server SMTP belum diatur (SMTP_URL kosong). E-mail tidak dikirim ke mana pun; e-mail hanya disimpan di sini agar Anda dapat melihat apa yang akan diterima warga.',
      search: 'Cari penerima',
      anyStatus: 'Semua status',
      filter: 'Saring',
      empty: 'Tidak ada e-mail yang cocok.',
      previous: 'Sebelumnya',
      next: 'Berikutnya',
      page: 'Halaman {{page}}',
    },
    columns: {
      created: 'Dibuat',
      to: 'Penerima',
      subject: 'Subjek',
      status: 'Status',
      attempts: 'Percobaan',
      error: 'Kesalahan terakhir',
    },
    status: {
      pending: 'Menunggu',
      sending: 'Sedang dikirim',
      sent: 'Terkirim',
      failed: 'Gagal',
      dev: 'Tidak dikirim: server SMTP belum diatur',
      devWhatsapp: 'Tidak dikirim: WhatsApp belum diatur',
    },
    channel: { whatsapp: 'WhatsApp' },
    delivery: {
      label: 'Status WhatsApp',
      sent: 'Diterima WhatsApp',
      delivered: 'Sampai di ponsel',
      read: 'Dibaca',
      failed: 'Gagal disampaikan',
      providerMessageId: 'ID pesan WhatsApp',
    },
    detail: {
      title: 'E-mail #{{id}}',
      back: 'Kotak keluar',
      headers: 'Kepala e-mail',
      delivery: 'Pengiriman',
      from: 'Dari',
      to: 'Kepada',
      subject: 'Subjek',
      messageId: 'Message-ID',
      report: 'Laporan',
      attachments: 'Lampiran',
      createdAt: 'Dibuat',
      nextTry: 'Percobaan berikutnya',
      sentAt: 'Dikirim',
      transport: 'Jalur',
      attempts: 'Jumlah percobaan',
      lastError: 'Kesalahan terakhir',
      text: 'Isi (teks biasa)',
      html: 'Tampilan HTML',
      htmlNote: 'Ditampilkan dalam bingkai terkunci: tanpa skrip, tanpa gambar atau tautan dari luar.',
      htmlFrame: 'Tampilan HTML e-mail #{{id}}',
      noHtml: 'E-mail ini hanya berisi teks biasa.',
    },
    transport: { smtp: 'Server SMTP', devOutbox: 'Kotak keluar pengembangan (tidak dikirim)', whatsapp: 'WhatsApp Cloud API (Meta)' },
    retry: {
      button: 'Kirim ulang',
      hint: 'E-mail masuk antrean lagi dan dikirim pada putaran pengirim berikutnya.',
      interruptedWarning:
        'Pengiriman e-mail ini terputus, jadi mungkin sudah sampai ke penerima. Kirim ulang hanya bila Anda yakin belum.',
      done: 'E-mail #{{id}} masuk antrean untuk dikirim ulang.',
      notFailed: 'Hanya e-mail yang gagal yang dapat dikirim ulang.',
      secretGone: 'E-mail ini membawa kunci rahasia pelacakan, yang tidak disimpan setelah pengiriman gagal. E-mail ini tidak dapat dikirim ulang; pelapor dapat meminta tautan baru di halaman Lacak laporan (Kirim ulang tautan).',
    },
    errors: {
      interrupted:
        'Pengiriman terputus (pengirim berhenti atau kehilangan basis data) setelah e-mail diambil dari antrean: e-mail ini mungkin sudah atau belum terkirim.',
    },
    fields: { status: 'Status', q: 'Penerima', page: 'Halaman' },
    emails: {
      footer: { automatic: 'Pesan ini dikirim otomatis oleh {{app}}, {{org}}.' },
      testMessage: {
        subject: 'Uji coba e-mail {{site.appName}}',
        preheader: 'Jika Anda menerima pesan ini, pengiriman e-mail berjalan.',
        greeting: 'Halo {{name}},',
        closing: 'Terima kasih.',
      },
    },
  },
  en: {
    whatsapp: {
      acknowledged: {
        text: 'Thank you, we have received your report with code {{code}}. Diskominfo will check it and forward it to the agency in charge. Follow it at {{link}} (this link holds your secret key; do not share it).',
        status: 'received and being checked',
      },
      forwarded: {
        text: 'Report {{code}} was forwarded to {{agency}} for follow-up. Follow it at {{link}}',
        status: 'forwarded to {{agency}}',
      },
      question: {
        text: 'Staff need more information about report {{code}}:\n{{question}}\nAnswer on the tracking page: {{link}}',
        status: 'needs more information from you',
      },
      answered: {
        text: 'Report {{code}} was answered by {{agency}}. Read the answer at {{link}}',
        status: 'answered by {{agency}}',
      },
      answeredMerged: {
        text: 'Report {{code}} was merged with report {{target}}, which {{agency}} has answered. Read the answer at {{link}}',
        status: 'answered by {{agency}} (with report {{target}})',
      },
      resolved: {
        text: 'Report {{code}} is resolved. Thank you for your report. {{link}}',
        status: 'resolved',
      },
      rejected: {
        text: 'Report {{code}} cannot be followed up. {{note}} {{link}}',
        status: 'cannot be followed up',
      },
      merged: {
        text: 'Report {{code}} was merged with report {{target}}, which is about the same thing; the follow-up is on that report. {{link}}',
        status: 'merged with report {{target}}',
      },
      resendLink: {
        text: 'A new link for report {{code}}: {{link}} (the old link no longer works; do not share this one).',
        status: 'has a new tracking link',
      },
    },
    reportMail: {
      forwarded: {
        subject: 'New report for {{agency}}: {{code}}',
        greeting: 'Dear {{agency}} staff,',
        lines: ['Diskominfo forwards the report "{{title}}" ({{code}}) to {{agency}} for follow-up.', 'Open the report in e-Pengaduan:'],
      },
      question: {
        subject: 'A question about report {{code}}',
        greeting: 'Dear reporter,',
        lines: ['Staff need more information about your report "{{title}}":', '{{question}}', 'Answer on the tracking page (enter your code and secret key):'],
      },
      rejected_unclear: {
        subject: 'Report {{code}} cannot be followed up',
        greeting: 'Dear reporter,',
        lines: ['Your report "{{title}}" cannot be followed up because it is unclear.', '{{note}}', 'Please send a new report with more details.'],
      },
      rejected_not_government: {
        subject: 'Report {{code}} is not the regional government’s authority',
        greeting: 'Dear reporter,',
        lines: ['Your report "{{title}}" is not the authority of the regency government.', '{{note}}'],
      },
      draftSubmitted: {
        subject: 'Draft answer for report {{code}} awaits approval',
        greeting: 'Dear head of agency,',
        lines: ['The draft answer for the report "{{title}}" ({{code}}) awaits your approval.', 'Review it and approve or return it in e-Pengaduan:'],
      },
      draftReturned: {
        subject: 'Draft answer for report {{code}} returned',
        greeting: 'Dear staff member,',
        lines: ['The head of agency returned the draft answer for the report "{{title}}" ({{code}}) with this comment:', '{{comment}}', 'Revise the draft in e-Pengaduan:'],
      },
      answerToValidate: {
        subject: 'Answer to report {{code}} awaits validation',
        greeting: 'Dear coordinator,',
        lines: ['The head of agency approved the answer to the report "{{title}}" ({{code}}). It reaches the reporter once you validate it.', 'Validate or refuse it in e-Pengaduan:'],
      },
      answerRefused: {
        subject: 'Answer to report {{code}} refused by the coordinator',
        greeting: 'Dear staff and head of agency,',
        lines: ['The coordinator refused the answer to the report "{{title}}" ({{code}}) with this comment:', '{{comment}}', 'Revise it, submit it and approve it again in e-Pengaduan:'],
      },
      answered: {
        subject: 'Answer to report {{code}}',
        lines: ['Here is the answer of {{agency}} to your report "{{title}}" ({{code}}).', '{{answer}}', '{{files}}', 'You can reply, appeal, or confirm the problem is solved on the tracking page (enter your code and secret key):'],
      },
      answeredMerged: {
        subject: 'Answer to report {{code}}',
        lines: ['Your report "{{title}}" ({{code}}) was merged with report {{target}}, which is about the same thing. That report has been answered by {{agency}}:', '{{answer}}', 'You can follow it on the tracking page of your report (enter your code and secret key):'],
      },
      assigned: {
        subject: 'Report {{code}} assigned to you',
        greeting: 'Dear {{name}},',
        lines: ['The report "{{title}}" ({{code}}) is assigned to you for follow-up.', 'Open the report in e-Pengaduan:'],
      },
      merged: {
        subject: 'Report {{code}} merged with another report',
        greeting: 'Dear reporter,',
        lines: ['Your report "{{title}}" is about the same thing as report {{target}}, which is being handled, so they were merged.', 'The follow-up happens on report {{target}}.'],
      },
    },
    nav: { outbox: 'Outbox' },
    list: {
      title: 'E-mail outbox',
      lead: 'Every e-mail the system sends to citizens and staff, newest first.',
      devNotice:
        'No SMTP server is configured (SMTP_URL is empty). E-mails go nowhere; they are kept here so you can see what citizens would receive.',
      search: 'Search recipient',
      anyStatus: 'All statuses',
      filter: 'Filter',
      empty: 'No matching e-mails.',
      previous: 'Previous',
      next: 'Next',
      page: 'Page {{page}}',
    },
    columns: {
      created: 'Created',
      to: 'Recipient',
      subject: 'Subject',
      status: 'Status',
      attempts: 'Attempts',
      error: 'Last error',
    },
    status: {
      pending: 'Waiting',
      sending: 'Sending',
      sent: 'Sent',
      failed: 'Failed',
      dev: 'Not delivered: no SMTP server configured',
      devWhatsapp: 'Not delivered: WhatsApp not configured',
    },
    channel: { whatsapp: 'WhatsApp' },
    delivery: {
      label: 'WhatsApp status',
      sent: 'Accepted by WhatsApp',
      delivered: 'Delivered to the phone',
      read: 'Read',
      failed: 'Not delivered',
      providerMessageId: 'WhatsApp message id',
    },
    detail: {
      title: 'E-mail #{{id}}',
      back: 'Outbox',
      headers: 'Headers',
      delivery: 'Delivery',
      from: 'From',
      to: 'To',
      subject: 'Subject',
      messageId: 'Message-ID',
      report: 'Report',
      attachments: 'Attachments',
      createdAt: 'Created',
      nextTry: 'Next attempt',
      sentAt: 'Sent',
      transport: 'Route',
      attempts: 'Attempts',
      lastError: 'Last error',
      text: 'Body (plain text)',
      html: 'HTML view',
      htmlNote: 'Shown in a locked frame: no scripts, no outside images or links.',
      htmlFrame: 'HTML view of e-mail #{{id}}',
      noHtml: 'This e-mail has a plain-text body only.',
    },
    transport: { smtp: 'SMTP server', devOutbox: 'Development outbox (not delivered)', whatsapp: 'WhatsApp Cloud API (Meta)' },
    retry: {
      button: 'Send again',
      hint: 'The e-mail joins the queue again and goes out on the sender’s next round.',
      interruptedWarning:
        'Sending this e-mail was interrupted, so it may have reached the recipient. Send it again only if you are sure it did not.',
      done: 'E-mail #{{id}} is queued to be sent again.',
      notFailed: 'Only failed e-mails can be sent again.',
      secretGone: 'This e-mail carried a tracking secret, which is not kept once sending failed. It cannot be sent again; the reporter can ask for a new link on the Track a report page (Send the link again).',
    },
    errors: {
      interrupted:
        'Sending was interrupted (the sender stopped or lost the database) after the e-mail left the queue: it may or may not have been delivered.',
    },
    fields: { status: 'Status', q: 'Recipient', page: 'Page' },
    emails: {
      footer: { automatic: 'This is an automatic message from {{app}}, {{org}}.' },
      testMessage: {
        subject: '{{site.appName}} test e-mail',
        preheader: 'If you received this, sending e-mail works.',
        greeting: 'Hello {{name}},',
        closing: 'Thank you.',
      },
    },
  },
};
