export * from './types.js';
export { BigNum, parseDecimal, bigFromNumber } from './bignum.js';
