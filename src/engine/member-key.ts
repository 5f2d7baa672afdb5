/**
 * How member IDs are compared: without invisible characters and surrounding spaces, in upper case,
 * and an ID of digits only without its leading zeros. Excel reads a column of digit IDs as
 * numbers and drops their leading zeros (000123456 becomes 123456: Microsoft, "Keeping leading
 * zeros and large numbers"), while a plan's members list or a pasted line keeps them as text; both
 * are the same member. A run of zeros stays as it is (a placeholder, see placeholders.ts).
 *
 * Digits followed by a decimal point and zeros are those digits: pandas keeps a column of whole
 * numbers that has an empty cell as floats, and DataFrame.to_csv writes member ID 12345678 as
 * "12345678.0" (fixture pandas-float-member-ids.csv), while the members list says 12345678.
 */
import { cleanText } from "./values";

const WHOLE_FLOAT = /^(\d+)\.0+$/;

export function memberKey(text: string): string {
  let key = cleanText(text).toUpperCase();
  if (key.charCodeAt(key.length - 1) === 48 && key.length <= 64) key = WHOLE_FLOAT.exec(key)?.[1] ?? key; // "12345678.0"
  if (key.charCodeAt(0) !== 48 || key.length > 64) return key; // no leading zero (or no ID at all)
  let k = 0;
  while (k < key.length && key.charCodeAt(k) === 48) k++;
  if (k === key.length) return key; // only zeros
  for (let j = k; j < key.length; j++) {
    const c = key.charCodeAt(j);
    if (c < 48 || c > 57) return key; // not digits only: "0123A" keeps its zero
  }
  return key.slice(k);
}
