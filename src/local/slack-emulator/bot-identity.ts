/** The bot's identity, as auth.test reports it and Bolt filters its own messages by. */
export const BOT = {
  userId: 'U0DEALFIT',
  botId: 'B0DEALFIT',
  teamId: 'T0DEALFIT',
  /** the display name a person types after @ to mention it */
  name: 'dealfit',
} as const;
