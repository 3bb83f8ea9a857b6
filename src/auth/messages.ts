/** Messages of sign-in and sign-out. */
export const authMessages = {
  id: {
    login: {
      title: 'Masuk petugas',
      lead: 'Halaman ini untuk petugas Diskominfo, OPD dan pimpinan. Warga tidak perlu akun untuk melapor.',
      email: 'Alamat e-mail',
      password: 'Kata sandi',
      submit: 'Masuk',
      failed:
        'E-mail atau kata sandi salah. Setelah {{max}} kali gagal berturut-turut, akun dikunci sementara selama {{minutes}} menit.',
      forgot: 'Lupa kata sandi? Hubungi administrator sistem di Diskominfo untuk mengatur ulang.',
    },
    logout: { done: 'Anda telah keluar.' },
    fields: { email: 'Alamat e-mail', password: 'Kata sandi' },
  },
  en: {
    login: {
      title: 'Staff sign in',
      lead: 'This page is for staff of Diskominfo, the agencies and leadership. Citizens need no account to report.',
      email: 'E-mail address',
      password: 'Password',
      submit: 'Sign in',
      failed:
        'Wrong e-mail or password. After {{max}} failures in a row the account is locked for {{minutes}} minutes.',
      forgot: 'Forgot your password? Ask the system administrator at Diskominfo to reset it.',
    },
    logout: { done: 'You have signed out.' },
    fields: { email: 'E-mail address', password: 'Password' },
  },
};
