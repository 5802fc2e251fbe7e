// The stance map: Natural Earth shapes (world-atlas) drawn with d3-geo, members filled by
// stance, non-members who reacted hatched. Colours come from CSS via data attributes, so
// tests and styles read the same thing: path[data-code][data-role][data-stance].
import { clear, h, svg } from "../lib/dom.js";
import { STANCES, stanceKey } from "../lib/stances.js";

const WIDTH = 960;
const HEIGHT = 480;

function libraries() {
  const { d3, topojson } = window;
  if (!d3 || !d3.geoPath || !topojson) {
    throw new Error("the map libraries did not load: run `make setup` (it copies them from npm)");
  }
  return { d3, topojson };
}

function hatchPatterns() {
  return svg(
    "defs",
    {},
    STANCES.map((s) =>
      svg(
        "pattern",
        { id: `hatch-${s.key}`, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
        svg("rect", { width: 6, height: 6, class: "hatch-bg" }),
        svg("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: `hatch-line stance-${s.key}` }),
      ),
    ),
  );
}

// A point inside the country's largest polygon (France's bounding box centre is in the
// Atlantic, because of French Guiana): where its tooltip points on keyboard focus.
function labelPoint(path, feature) {
  const g = feature.geometry;
  let part = feature;
  if (g && g.type === "MultiPolygon") {
    let best = -1;
    for (const coordinates of g.coordinates) {
      const polygon = { type: "Polygon", coordinates };
      const area = path.area(polygon);
      if (area > best) [best, part] = [area, polygon];
    }
  }
  return path.centroid(part).map((n) => (Number.isFinite(n) ? n.toFixed(1) : "0"));
}

export function createMap(container, { onHover } = {}) {
  const atlases = new Map();
  let state = null; // {url, paths: Map(numeric -> path), projection, marker}

  async function loadAtlas(url) {
    const early = window.concordAtlas; // started by the page's head script
    if (early && early.url === url && !atlases.has(url)) atlases.set(url, early.data);
    if (!atlases.has(url)) {
      atlases.set(
        url,
        fetch(url).then((r) => {
          if (!r.ok) throw new Error(`map data ${url}: HTTP ${r.status}`);
          return r.json();
        }),
      );
    }
    return atlases.get(url);
  }

  function draw(topo, page, url) {
    const { d3, topojson } = libraries();
    const countries = topojson.feature(topo, topo.objects.countries).features;
    const involved = new Set([...page.members, ...page.non_members].map((r) => r.numeric).filter(Boolean));
    const focus = countries.filter((f) => involved.has(String(f.id)));
    const loc = page.proposal.location;
    const place = loc && typeof loc.lat === "number" && typeof loc.lon === "number" ? [loc.lon, loc.lat] : null;
    const target = {
      type: "FeatureCollection",
      features: [
        ...(focus.length ? focus : countries),
        ...(place ? [{ type: "Feature", geometry: { type: "Point", coordinates: place } }] : []),
      ],
    };
    // Fit the members, the reactors and the place, then crop the view to what they cover.
    const projection = d3.geoNaturalEarth1().fitExtent([[0, 0], [WIDTH, HEIGHT]], target);
    const path = d3.geoPath(projection);
    let [[x0, y0], [x1, y1]] = path.bounds(target);
    if (place) {
      const [px, py] = projection(place);
      const labelEnd = px + 12 + 8 * (loc.name || "").length; // room for the place's label
      [x0, y0, x1, y1] = [Math.min(x0, px), Math.min(y0, py), Math.max(x1, labelEnd), Math.max(y1, py)];
    }
    const pad = 14;
    const view = [x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad].map((n) => n.toFixed(1));
    const paths = new Map();
    const features = new Map();
    const root = svg(
      "svg",
      { viewBox: view.join(" "), role: "img", "aria-labelledby": "map-title", class: "world" },
      svg("title", { id: "map-title" }, "Map of members coloured by stance; the member table below lists the same."),
      hatchPatterns(),
      svg("path", { class: "sphere", d: path({ type: "Sphere" }) }),
      svg("path", { class: "graticule", d: path(d3.geoGraticule10()) }),
    );
    const layer = svg("g", { class: "countries" });
    for (const f of countries) {
      const d = path(f);
      if (!d) continue;
      const el = svg("path", { class: "country", d, dataset: { numeric: String(f.id ?? "") } });
      if (f.id !== undefined) paths.set(String(f.id), el);
      features.set(el, f);
      layer.append(el);
    }
    root.append(layer);
    const markers = svg("g", { class: "markers" });
    if (place) {
      const xy = projection(place);
      if (xy) {
        markers.append(
          svg("circle", { class: "place", cx: xy[0], cy: xy[1], r: 5 }),
          svg("text", { class: "place-label", x: xy[0] + 8, y: xy[1] + 4 }, loc.name || ""),
        );
      }
    }
    root.append(markers);
    root.addEventListener("pointermove", (ev) => {
      const el = ev.target.closest && ev.target.closest("path[data-code]");
      if (onHover) onHover(el ? el.dataset.code : null, ev);
    });
    root.addEventListener("pointerleave", () => onHover && onHover(null, null));
    clear(container).append(root);
    state = { url, paths, root, path, features };
  }

  function colour(page) {
    for (const el of state.paths.values()) {
      for (const key of ["code", "role", "stance"]) delete el.dataset[key];
      el.classList.remove("focus");
    }
    const unmapped = [];
    const mark = (row, role) => {
      const el = row.numeric && state.paths.get(row.numeric);
      if (!el) {
        unmapped.push(row.name);
        return;
      }
      if (!el.dataset.cx) [el.dataset.cx, el.dataset.cy] = labelPoint(state.path, state.features.get(el));
      el.dataset.code = row.code;
      el.dataset.role = role;
      el.dataset.stance = stanceKey(row.stance);
      el.parentNode.append(el); // members on top, so their outlines are not hidden
    };
    page.non_members.forEach((r) => mark(r, "reactor"));
    page.members.forEach((r) => mark(r, "member"));
    return unmapped;
  }

  return {
    async update(page) {
      const url = page.map.atlas;
      if (!state || state.url !== url) draw(await loadAtlas(url), page, url);
      return colour(page);
    },
    focus(code) {
      if (!state) return null;
      let found = null;
      for (const el of state.paths.values()) {
        const on = code !== null && el.dataset.code === code;
        el.classList.toggle("focus", on);
        if (on) found = el;
      }
      if (!found) return null;
      found.parentNode.append(found);
      const at = new DOMPoint(Number(found.dataset.cx), Number(found.dataset.cy)).matrixTransform(found.getScreenCTM());
      return { x: at.x, y: at.y };
    },
  };
}

export function renderLegend(el) {
  const item = (cls, label) => h("li", {}, h("span", { class: `key ${cls}`, "aria-hidden": "true" }), label);
  clear(el).append(
    h(
      "ul",
      { "aria-label": "Legend" },
      STANCES.map((s) => item(`stance-${s.key}`, s.label)),
      item("reactor", "Non-member who reacted (hatched, no vote)"),
      item("other", "Not a member"),
    ),
  );
}
