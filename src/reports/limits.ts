/**
 * How long a report's texts may be, whatever the channel (the web form, the API, Open311,
 * mail, a staff correction, a message on the report): one home for the numbers.
 */
export const LIMITS = {
  titleMin: 5,
  titleMax: 150,
  bodyMin: 20,
  bodyMax: 5000,
  addressMax: 200,
  nameMax: 100,
  messageMax: 3000,
} as const;
