/** The words of a report that every page uses: its kinds, statuses, channels and actors, and the reporter's hidden identity. */
export const reportsMessages = {
  id: {
    identity: {
      hidden: 'Identitas pelapor disembunyikan.',
      show: 'Tampilkan identitas pelapor',
      logged: 'Setiap kali identitas ditampilkan, nama Anda dicatat dalam log audit.',
    },
    kinds: { pengaduan: 'Pengaduan', aspirasi: 'Aspirasi', informasi: 'Permintaan informasi' },
    statuses: {
      submitted: 'Menunggu verifikasi', needs_info: 'Menunggu pelapor', assigned: 'Diteruskan', in_progress: 'Ditindaklanjuti',
      awaiting_approval: 'Menunggu persetujuan', answered: 'Dijawab', resolved: 'Selesai', rejected: 'Ditolak', merged: 'Digabung',
    },
    channels: { web: 'Web', email: 'E-mail', api: 'API', open311: 'Open311', staff: 'Petugas', whatsapp: 'WhatsApp' },
    actors: { citizen: 'pelapor', system: 'sistem', staff: 'petugas' },
    errors: {
      notAllowed: 'Tindakan ini tidak tersedia untuk status laporan saat ini.',
    },
  },
  en: {
    identity: {
      hidden: 'The reporter’s identity is hidden.',
      show: 'Show the reporter’s identity',
      logged: 'Each time the identity is shown, your name is recorded in the audit log.',
    },
    kinds: { pengaduan: 'Complaint', aspirasi: 'Aspiration', informasi: 'Information request' },
    statuses: {
      submitted: 'Waiting for verification', needs_info: 'Waiting for reporter', assigned: 'Forwarded', in_progress: 'In progress',
      awaiting_approval: 'Awaiting approval', answered: 'Answered', resolved: 'Resolved', rejected: 'Rejected', merged: 'Merged',
    },
    channels: { web: 'Web', email: 'E-mail', api: 'API', open311: 'Open311', staff: 'Staff', whatsapp: 'WhatsApp' },
    actors: { citizen: 'reporter', system: 'system', staff: 'staff' },
    errors: {
      notAllowed: 'This action is not available for the report’s current status.',
    },
  },
};
