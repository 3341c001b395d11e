const number = new Intl.NumberFormat(undefined);
const percent = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export const formatNumber = (n: number) => number.format(n);

/** "12.5%": the API keeps two decimals. */
export const formatPercent = (p: number) => `${percent.format(p)}%`;

/** "1 member", "3 members". */
export const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatNumber(n)} ${n === 1 ? one : many}`;
