import { expect } from 'chai';
import { scrubCitizenText, scrubJson, scrubKnown } from '../../src/privacy/scrub.js';

describe('personal data erasure: what is replaced inside texts', () => {
  const siti = { names: ['Siti Aminah'], emails: ['siti@contoh.id'], phones: ['+6281234567890'], niks: ['3318012345678901'] };

  it('replaces the reporter’s own name, e-mail, phone in any spelling and NIK in staff texts', () => {
    expect(scrubKnown('Hubungi Siti Aminah di 0812-3456-7890, +62 812 3456 7890, 6281234567890 atau (0812) 34567890', siti)).to.equal(
      'Hubungi [nama disamarkan] di [nomor telepon disamarkan], [nomor telepon disamarkan], [nomor telepon disamarkan] atau [nomor telepon disamarkan]',
    );
    expect(scrubKnown('SITI  AMINAH menulis ke Siti@Contoh.ID; NIK 3318 0123 4567 8901.', siti)).to.equal(
      '[nama disamarkan] menulis ke [e-mail disamarkan]; NIK [NIK disamarkan].',
    );
  });

  it('leaves what is not the reporter’s: an office number, other words, longer numbers', () => {
    const text = 'Kantor kami di 0295-381234, Pak Sitianto, Aminahku. Nomor 081234567890123 bukan nomornya.';
    expect(scrubKnown(text, siti)).to.equal(text);
  });

  it('applies the publication’s redaction to what the citizen wrote, so the complaint stays readable', () => {
    expect(scrubCitizenText('Saya Siti Aminah, rumah di Jl. Kenanga No. 12, jalan rusak depan balai desa.', siti)).to.equal(
      'Saya [nama disamarkan], rumah di Jl. Kenanga [alamat disamarkan], jalan rusak depan balai desa.',
    );
    expect(scrubCitizenText('x'.repeat(50) + ' Siti Aminah', siti, 40)).to.have.length(40);
  });

  it('walks event data and scrubs every string in it', () => {
    expect(scrubJson({ recipients: ['siti@contoh.id', 'kepala@patikab.go.id'], outboxId: 7 }, siti)).to.deep.equal({
      recipients: ['[e-mail disamarkan]', 'kepala@patikab.go.id'], outboxId: 7,
    });
  });
});
