/** Today's local calendar date as an engine Day: the adapters' only clock (the engine has none). */
import { dayFromParts, type Day } from "../engine";

export function localToday(now: Date = new Date()): Day {
  return dayFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate()) ?? 0;
}
