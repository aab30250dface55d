/**
 * A monitor with no channel and no escalation step alerts nobody: it goes down in silence. The CLI says so
 * after every create or edit, from the server's answer (the server may fill in the team's default channels).
 */

interface Alerting {
  name: string;
  channels: readonly string[];
  escalation: readonly { channels: readonly string[] }[];
}

export const alertsNobody = (monitor: Alerting): boolean =>
  monitor.channels.length === 0 && monitor.escalation.every((step) => step.channels.length === 0);

/** The warning line, with how to give it a channel where the monitor was made (a flag, a file). */
export const alertsNobodyWarning = (monitor: Alerting, remedy: string): string =>
  `warning: monitor "${monitor.name}" alerts nobody: it has no channel (${remedy}, or set the team's default_channels)`;
