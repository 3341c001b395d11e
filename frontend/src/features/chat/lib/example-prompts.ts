/** Starting points offered on an empty chat. */
export const EXAMPLE_PROMPTS = [
  { title: 'Explain a concept', prompt: 'Explain keyset pagination in two sentences.' },
  {
    title: 'Write some code',
    prompt: 'Write a TypeScript function that debounces another function, with a short example.',
  },
  { title: 'Plan something', prompt: 'Plan a three-day trip to Lisbon in March.' },
  {
    title: 'Compare options',
    prompt: 'Compare Server-Sent Events and WebSockets for streaming chat replies, as a table.',
  },
] as const;
