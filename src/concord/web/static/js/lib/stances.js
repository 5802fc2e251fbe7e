// Stances, their labels and their colours. The palette is Okabe & Ito's colour-blind-safe
// set; the colours themselves live in app.css (--stance-*) so map, legend and table agree.

export const STANCES = [
  { key: "support", label: "Support" },
  { key: "conditional", label: "Conditional" },
  { key: "neutral", label: "Neutral / abstain" },
  { key: "unclear", label: "Unclear" },
  { key: "oppose", label: "Oppose" },
  { key: "none", label: "No statement" },
];

const LABELS = Object.fromEntries(STANCES.map((s) => [s.key, s.label]));

export function stanceKey(stance) {
  return stance || "none";
}

export function stanceLabel(stance) {
  return LABELS[stanceKey(stance)] || stance;
}
