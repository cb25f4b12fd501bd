// Kubernetes resource quantities ("500m", "1", "384Mi", "2G") as numbers, to compare requests with limits.

const SUFFIXES = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1,
  k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The quantity's value in base units (cores, bytes); throws on a malformed quantity. */
export function parseQuantity(quantity) {
  if (typeof quantity === 'number') return quantity;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(String(quantity));
  if (!match) throw new Error(`not a quantity: ${quantity}`);
  return Number(match[1]) * SUFFIXES[match[2] ?? ''];
}
