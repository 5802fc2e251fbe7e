// The as-of slider: its stops are the dates on which the verdict can change (statement
// dates and membership changes, computed by the server). It calls onChange(date) when
// the user settles on a stop; keyboard arrows, Home and End work as on any range input.

export function createSlider({ input, output, stops, first, last, event }, onChange) {
  let dates = [];
  let describe = () => "";
  let timer = null;

  function current() {
    return dates[Number(input.value)];
  }

  function show() {
    const d = current();
    output.value = d;
    output.textContent = d;
    input.setAttribute("aria-valuetext", d);
    event.textContent = describe(d);
  }

  input.addEventListener("input", () => {
    show();
    clearTimeout(timer);
    timer = setTimeout(() => onChange(current()), 120);
  });
  input.addEventListener("change", () => {
    clearTimeout(timer);
    onChange(current());
  });

  return {
    set(allDates, asOf, describer) {
      dates = [...new Set([...allDates, asOf])].sort();
      describe = describer;
      input.max = String(dates.length - 1);
      input.value = String(dates.indexOf(asOf));
      stops.replaceChildren(...dates.map((_, i) => Object.assign(document.createElement("option"), { value: String(i) })));
      first.textContent = dates[0];
      last.textContent = dates[dates.length - 1];
      show();
    },
  };
}
