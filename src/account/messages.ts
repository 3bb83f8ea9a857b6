import { createRequire } from 'node:module';
import type * as ZxcvbnEn from '@zxcvbn-ts/language-en';

// zxcvbn's advice texts alone: its packages' index files also unpack their dictionaries
// (a tenth of a second of every start), which only the first password check needs.
const require = createRequire(import.meta.url);
type Translations = typeof ZxcvbnEn.translations;
const en = require('@zxcvbn-ts/language-en/dist/translations.cjs') as Translations;
const id = require('@zxcvbn-ts/language-id/dist/translations.cjs') as Translations;

/**
 * Messages of sign-in and sign-out, and of choosing a password. The password checker's
 * advice ("simpleRepeat") is in the words its own language packages ship
 * (auth/passwordStrength.ts).
 */
export const accountMessages = {
  id: {
    passwordAdvice: id.warnings,
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
    fields: {
      email: 'Alamat e-mail',
      password: 'Kata sandi',
      currentPassword: 'Kata sandi saat ini',
      newPassword: 'Kata sandi baru',
      confirmPassword: 'Ulangi kata sandi baru',
    },
    password: {
      title: 'Ganti kata sandi',
      lead: 'Gunakan kata sandi yang hanya Anda ketahui, minimal 10 karakter. Kalimat pendek yang mudah diingat lebih aman daripada kata yang rumit.',
      submit: 'Simpan kata sandi',
      changed: 'Kata sandi diganti. Sesi Anda di perangkat lain telah berakhir.',
      wrongCurrent: 'Kata sandi saat ini salah.',
      mismatch: 'Kedua kata sandi baru tidak sama.',
      weak: 'Pilih kata sandi yang berbeda dari e-mail dan dari kata sandi lama.',
      tooShort: 'Kata sandi minimal {{min}} karakter.',
      leaked: 'Kata sandi ini ada dalam daftar kata sandi yang pernah bocor, yang dicoba penyerang lebih dulu. Pilih yang lain, misalnya tiga atau empat kata yang tidak berhubungan.',
      guessable: 'Kata sandi ini terlalu mudah ditebak. Pilih yang lebih panjang, misalnya tiga atau empat kata yang tidak berhubungan.',
      guessableBecause: 'Kata sandi ini terlalu mudah ditebak: $t(account:passwordAdvice.{{warning}}) Pilih yang lebih panjang, misalnya tiga atau empat kata yang tidak berhubungan.',
    },
  },
  en: {
    passwordAdvice: en.warnings,
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
    fields: {
      email: 'E-mail address',
      password: 'Password',
      currentPassword: 'Current password',
      newPassword: 'New password',
      confirmPassword: 'Repeat the new password',
    },
    password: {
      title: 'Change password',
      lead: 'Use a password only you know, at least 10 characters. A short sentence you remember is safer than a complicated word.',
      submit: 'Save password',
      changed: 'Password changed. Your sessions on other devices have ended.',
      wrongCurrent: 'The current password is wrong.',
      mismatch: 'The two new passwords are not the same.',
      weak: 'Choose a password different from your e-mail and your old password.',
      tooShort: 'A password needs at least {{min}} characters.',
      leaked: 'This password is on the list of passwords leaked in past breaches, which attackers try first. Choose another, for example three or four unrelated words.',
      guessable: 'This password is too easy to guess. Choose a longer one, for example three or four unrelated words.',
      guessableBecause: 'This password is too easy to guess: $t(account:passwordAdvice.{{warning}}) Choose a longer one, for example three or four unrelated words.',
    },
  },
};
