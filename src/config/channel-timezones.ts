/**
 * DEALFIT_CHANNEL_TIMEZONES: `C123=America/New_York,C456=Asia/Kolkata`. A channel's posts
 * (the Monday digest, the monthly audit) follow its zone; a channel not listed follows
 * DEALFIT_TIMEZONE. Every bad entry is its own issue line, naming the field and the channel.
 */
import { commaList, isIanaTimezone } from './env-values.js';

const FIELD = 'DEALFIT_CHANNEL_TIMEZONES';
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

export function readChannelTimezones(raw: string | undefined): {
  map: Record<string, string>;
  issues: string[];
} {
  const map: Record<string, string> = {};
  const issues: string[] = [];
  for (const entry of commaList(raw)) {
    const eq = entry.indexOf('=');
    const channel = (eq < 0 ? entry : entry.slice(0, eq)).trim();
    const zone = eq < 0 ? '' : entry.slice(eq + 1).trim();
    if (eq < 0 || zone === '') {
      issues.push(
        `${FIELD}: "${entry}" must be <channel id>=<IANA timezone>, such as C0123ABC=America/New_York`,
      );
    } else if (!CHANNEL_ID.test(channel)) {
      issues.push(
        `${FIELD}: "${channel}" must be a Slack channel id such as C0123456789 (not a #name)`,
      );
    } else if (!isIanaTimezone(zone)) {
      issues.push(
        `${FIELD}: channel ${channel}: "${zone}" is not an IANA timezone such as Europe/Paris or Asia/Kolkata`,
      );
    } else if (map[channel] !== undefined && map[channel] !== zone) {
      issues.push(`${FIELD}: channel ${channel} is given two zones (${map[channel]} and ${zone})`);
    } else {
      map[channel] = zone;
    }
  }
  return { map, issues };
}
