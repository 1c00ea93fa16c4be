/** The settings `inferSetup` writes; everything else keeps its default. */
export interface SetupConfig {
  name: string;
  template: string;
  label: string;
  schedule: { weekday: string; time?: string; timezone: string; every: number; anchor?: string };
  /** A comment for the time zone line (why UTC). */
  zoneComment?: string;
  carryOver: string[];
  agendaSection?: string;
  location?: string;
  meetings: number;
}

/** `.github/meeting-bot.yml` as `meeting-bot init` writes it: the inferred settings, commented. */
export function formatSetupConfig(config: SetupConfig): string {
  const { schedule } = config;
  const lines = [
    `# meeting-bot settings, inferred from ${config.meetings === 0 ? "the issue template" : `${config.meetings} meeting issue${config.meetings === 1 ? "" : "s"}`} (meeting-bot init).`,
    "# Review them before committing; every setting is in meeting-bot's README, under Configuration.",
    "series:",
    "  - id: meeting           # names the series in hidden markers: never change it once used",
    `    name: ${scalar(config.name)}`,
    `    template: ${scalar(config.template)}`,
    `    labels: [${scalar(config.label)}]`,
    "    schedule:",
    `      weekday: ${schedule.weekday}`,
    ...(schedule.time ? [`      time: "${schedule.time}"`] : []),
    `      timezone: ${schedule.timezone}${config.zoneComment ? `     # ${config.zoneComment}` : ""}`,
    ...(schedule.every > 1 ? [`      every: ${schedule.every}`] : []),
    ...(schedule.anchor ? [`      anchor: ${schedule.anchor}`] : []),
    `    carryOver: [${config.carryOver.map(scalar).join(", ")}]`,
    ...(config.agendaSection ? ["    agenda:", `      section: ${scalar(config.agendaSection)}`] : []),
    ...(config.location ? ["    location:", `      default: ${scalar(config.location)}`] : []),
  ];
  return `${lines.join("\n")}\n`;
}

const PLAIN = /^[A-Za-z.][A-Za-z0-9 _./-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|y|n)$/i;

/** A YAML scalar: plain when that is unambiguous, else double-quoted (JSON strings are YAML). */
export function scalar(value: string): string {
  return PLAIN.test(value) && !RESERVED.test(value) && !value.endsWith(" ") ? value : JSON.stringify(value);
}
