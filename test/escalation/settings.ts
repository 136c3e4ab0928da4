// Escalation settings for tests, through the same schema punchlist.yaml goes through.
import { parseConfig } from '../../src/config/load.js';
import type { EscalationSettings } from '../../src/services/escalation.js';

export function settingsFrom(yaml: string): EscalationSettings {
  const { config } = parseConfig(yaml);
  return { escalation: config.escalation, calendar: config.calendar, timezone: config.timezone ?? 'UTC' };
}
