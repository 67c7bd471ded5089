import { mulberry32 } from "./rng";

const TWO_53 = 2n ** 53n;

/** Integers around and far beyond 2^53, both signs, as decimal text (some just below 2^53, so still safe). */
export function bigIntegers(seed: number, count: number): string[] {
  const random = mulberry32(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const around = TWO_53 + BigInt(Math.floor(random() * 2000) - 1000);
    const beyond = BigInt(Math.floor(random() * 2 ** 30)) * 2n ** BigInt(33 + Math.floor(random() * 40)) + 1n;
    const value = random() < 0.5 ? around : beyond;
    out.push(String(random() < 0.3 ? -value : value));
  }
  return out;
}

/** Integers a double cannot hold: every one of them would be rounded by JSON.parse. */
export function unsafeIntegers(seed: number, count: number): string[] {
  return bigIntegers(seed, count * 3)
    .filter((d) => String(Number(d)) !== d && !Number.isSafeInteger(Number(d)))
    .slice(0, count);
}
