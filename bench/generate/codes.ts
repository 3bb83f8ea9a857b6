import { CODE_ALPHABET } from '../../src/reports/tracking.js';

/**
 * Tracking codes and secrets of generated reports, derived from the report's sequence
 * number g so that a benchmark can open any generated report as its citizen would (code
 * and secret) without storing secrets anywhere. The same derivation is written once in
 * TypeScript (for the benchmarks) and once in SQL (for INSERT ... SELECT); a test holds
 * the two together. BENCH DATA ONLY: these secrets are guessable by anyone who reads this
 * file, so the generator refuses a database that already has reports of its own.
 *
 * A code is 8 characters of the 32-letter alphabet = 40 bits: g times an odd multiplier
 * modulo 2^40 (a bijection, so distinct g give distinct codes that do not look sequential).
 * The secret is two such 40-bit numbers with other multipliers.
 */
const CODE_MULT = 0x9e3779b1n;
const SECRET_MULT_A = 0x85ebca6bn;
const SECRET_MULT_B = 0xc2b2ae35n;
const MASK40 = (1n << 40n) - 1n;

function base32(x: bigint): string {
  let out = '';
  for (let i = 7; i >= 0; i--) out += CODE_ALPHABET[Number((x >> BigInt(5 * i)) & 31n)];
  return out;
}

export function benchCode(g: number, salt: number): string {
  return base32(((BigInt(g) + BigInt(salt) * 1_000_000_007n) * CODE_MULT) & MASK40);
}

export function benchSecret(g: number, salt: number): string {
  const x = BigInt(g) + BigInt(salt) * 1_000_000_007n;
  return base32((x * SECRET_MULT_A) & MASK40) + base32((x * SECRET_MULT_B + 12345n) & MASK40);
}

/** The SQL of the same derivations over a bigint column expression `x` (already salted). */
function sqlBase32(x: string): string {
  const chars = [];
  for (let i = 7; i >= 0; i--) chars.push(`substr('${CODE_ALPHABET}', (((${x}) >> ${5 * i}) & 31)::int + 1, 1)`);
  return chars.join(' || ');
}

// Products overflow bigint, so the multiplication modulo 2^40 is done in numeric.
export function sqlSalted(g: string, salt: number): string {
  return `(${g}::bigint + ${salt}::bigint * 1000000007)`;
}

export function sqlCode(x: string): string {
  return sqlBase32(mulMod(x, CODE_MULT, 0n));
}

export function sqlSecret(x: string): string {
  return `${sqlBase32(mulMod(x, SECRET_MULT_A, 0n))} || ${sqlBase32(mulMod(x, SECRET_MULT_B, 12345n))}`;
}

function mulMod(x: string, mult: bigint, add: bigint): string {
  return `mod((${x})::numeric * ${mult} + ${add}, ${MASK40 + 1n})::bigint`;
}
