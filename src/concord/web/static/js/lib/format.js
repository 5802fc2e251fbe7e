// Small text helpers shared by the pages.

export function names(codes, nameOf) {
  return codes.map((c) => `${nameOf[c] || c}`);
}

export function listText(items, max = 8) {
  if (items.length === 0) return "none";
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

export function percent(p) {
  return `${(100 * p).toFixed(p < 0.1 ? 1 : 0)} %`;
}

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
