/* hyosan report: draws a run's data (the JSON in #hyosan-data) into the page.
 *
 * Plain JavaScript, no libraries, nothing loaded from anywhere. User text (names, rooms,
 * scenario names) only ever reaches the page as text nodes or canvas text, never as HTML.
 *
 * Sections: summary, epidemic chart (SVG), map replay (canvas), people table, event log.
 * The chart, the replay, the tables and the person's story talk through `bus`.
 */
"use strict";

const STATE_COLOURS = {
  human: "#3b7dd8", bitten: "#e8a33d", zombie: "#5f9e3a", halfbie: "#9b59b6", dead: "#555555",
  escaped: "#17becf",
};
// Compartments of the science models, coloured like the agent states they stand for.
const SERIES_COLOURS = { S: "#3b7dd8", I: "#e8a33d", E: "#e8a33d", Z: "#5f9e3a", R: "#555555", Q: "#9b59b6" };
const PALETTE = ["#3b7dd8", "#5f9e3a", "#e8a33d", "#9b59b6", "#555555", "#17becf", "#c0392b", "#8c564b"];
const TERRAIN_COLOURS = {
  void: [228, 224, 214], wall: [52, 58, 64], floor: [238, 234, 226], door: [176, 125, 72],
  window: [156, 199, 230], exit: [224, 80, 80], stairs: [196, 178, 226], water: [142, 197, 232],
};
const SVG = "http://www.w3.org/2000/svg";
const FRAMES_PER_SECOND = 8; // replay frames shown per second at 1x

// --- small helpers ------------------------------------------------------------------------

/** An element with attributes and children; strings become text nodes (never HTML). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "style") node.style.cssText = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  return node;
}

const $ = (id) => document.getElementById(id);
const fmt = (n) => Number(n).toLocaleString("en-US", { maximumFractionDigits: 1 });

/** Axis labels: 1,500 / 25k / 3.2M / 1.1B. */
function compact(v) {
  const a = Math.abs(v);
  if (a >= 1e9) return `${+(v / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toFixed(1)}k`;
  return fmt(v);
}

/** Seconds as "hh:mm:ss", or "Nd hh:mm:ss" past a day. */
function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (v) => String(v).padStart(2, "0");
  const hms = `${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return s >= 86400 ? `${Math.floor(s / 86400)}d ${hms}` : hms;
}

function duration(seconds) {
  if (seconds >= 2 * 86400) return `${+(seconds / 86400).toFixed(1)} days`;
  if (seconds >= 7200) return `${+(seconds / 3600).toFixed(1)} hours`;
  if (seconds >= 120) return `${+(seconds / 60).toFixed(1)} minutes`;
  return `${+seconds.toFixed(1)} seconds`;
}

/** Index of the last element of a sorted array that is <= x (0 if none is). */
function floorIndex(sorted, x) {
  let lo = 0, hi = sorted.length - 1;
  if (hi < 0 || x < sorted[0]) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= x) lo = mid; else hi = mid - 1;
  }
  return lo;
}

function seriesColour(name, k) {
  return STATE_COLOURS[name] || SERIES_COLOURS[name] || PALETTE[k % PALETTE.length];
}

// --- unpacking: base64 -> inflate (DecompressionStream) -> typed array ---------------------

const TYPED = {
  uint8: Uint8Array, int8: Int8Array, uint16: Uint16Array, int16: Int16Array, uint32: Uint32Array,
  int32: Int32Array, float32: Float32Array, float64: Float64Array,
};

async function unpack(packed) {
  const text = atob(packed.data);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  const array = new TYPED[packed.packed](await new Response(stream).arrayBuffer());
  if (packed.delta) {
    // Undo the differences along the first axis; typed arrays wrap around as numpy did.
    const width = array.length / packed.shape[0];
    for (let i = width; i < array.length; i++) array[i] += array[i - width];
  }
  array.shape = packed.shape;
  return array;
}

/** The data with every packed array replaced by its typed array. */
async function unpackAll(node) {
  if (Array.isArray(node)) return Promise.all(node.map(unpackAll));
  if (node && typeof node === "object") {
    if (typeof node.packed === "string" && typeof node.data === "string") return unpack(node);
    const keys = Object.keys(node);
    const values = await Promise.all(keys.map((k) => unpackAll(node[k])));
    return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
  }
  return node;
}

// --- the model: people, events and what they say -------------------------------------------

class Run {
  constructor(data) {
    this.data = data;
    this.summary = data.summary;
    this.tickSeconds = data.summary.tick_s || 1;
    this.names = new Map(Object.entries(data.names || {}).map(([id, name]) => [Number(id), name]));
    this.events = data.events ? columns(data.events) : null;
    this.people = data.people ? columns(data.people) : null;
    this.rooms = data.map ? data.map.rooms.map((r) => r.name) : [];
    this.byPerson = this.events ? indexEvents(this.events) : new Map();
  }

  name(id) {
    if (id < 0) return null;
    return this.names.get(id) || `person #${id}`;
  }

  time(tick) {
    return clock(tick * this.tickSeconds);
  }

  /** A person's row in the people table, or null when the table leaves them out. */
  personRow(id) {
    if (!this.people) return null;
    const row = floorIndex(this.people.id, id);
    return this.people.id[row] === id ? row : null;
  }

  /** One event as a sentence, with people as clickable nodes. */
  sentence(i, link) {
    const e = this.events;
    const kind = e.kind(i);
    const a = e.actor[i], t = e.target[i];
    const who = (id) => (id >= 0 ? link(id) : "someone");
    const place = e.detail(i);
    const where = place ? ` in ${place}` : "";
    switch (kind) {
      case "start": return [who(a), ` carries the infection from the start${where}`];
      case "bite": return [who(a), " bites ", who(t), where];
      case "kill": return [who(a), " destroys ", who(t), where];
      case "turn": return [who(a), ` turns${where}`];
      case "halfbie": return [who(a), ` becomes a halfbie${where}`];
      case "escape": return [who(a), " escapes from the map"];
      case "door_closed": return [who(a), ` closes a door${place ? " of " + place : ""}`];
      case "door_broken": return [`A door${place ? " of " + place : ""} is broken down`];
      case "quarantine": return [`Quarantine begins${where}`];
      case "rescue": return [who(t), ` is rescued${where}`];
      case "bombing": return [who(t), ` dies in the bombing${where}`];
      case "decoy": return [who(a), ` draws the zombies away${where}`];
      case "hold_door": return [who(a), ` holds a door shut${place ? " of " + place : ""}`];
      case "barricade": return [who(a), ` barricades a door${place ? " of " + place : ""}`];
      default: {
        const parts = [kind.replace(/_/g, " "), ": "];
        if (a >= 0) parts.push(link(a));
        if (t >= 0) parts.push(" \u2192 ", link(t));
        parts.push(where);
        return parts;
      }
    }
  }
}

/** A packed table as columns: numbers as typed arrays, text as functions of the row. */
function columns(table) {
  const out = { total: table.total, shown: table.shown };
  for (const [name, col] of Object.entries(table.columns)) {
    if (col.categories) {
      const cats = col.categories, index = col.index;
      out[name] = (i) => cats[index[i]];
      out[name].categories = cats;
      out[name].index = index;
    } else {
      out[name] = col;
    }
  }
  return out;
}

function indexEvents(e) {
  const by = new Map();
  const add = (id, i) => {
    if (id < 0) return;
    if (!by.has(id)) by.set(id, []);
    by.get(id).push(i);
  };
  for (let i = 0; i < e.shown; i++) {
    add(e.actor[i], i);
    if (e.target[i] !== e.actor[i]) add(e.target[i], i);
  }
  return by;
}

// --- a tiny event bus ----------------------------------------------------------------------

const bus = {
  handlers: {},
  on(name, fn) { (this.handlers[name] ||= []).push(fn); },
  emit(name, ...args) { for (const fn of this.handlers[name] || []) fn(...args); },
};

// --- summary --------------------------------------------------------------------------------

function renderSummary(run) {
  const s = run.summary;
  document.title = `${s.name}, seed ${s.seed} — hyosan report`;
  $("title").textContent = s.name;
  $("description").textContent = s.description || "";
  const counts = s.final_counts || {};
  const outcome = $("outcome");
  for (const [state, n] of Object.entries(counts)) {
    outcome.append(el("div", { class: "stat", style: `--c:${seriesColour(state, 0)}` },
      el("div", { class: "n" }, fmt(n)), el("div", { class: "k" }, state)));
  }
  $("outcome-text").textContent = outcomeText(s, counts);
  const facts = [
    ["kind", s.kind], ["seed", s.seed], ["simulated", duration(s.duration_s || 0)],
    ["ticks", `${fmt(s.ticks)} of ${s.tick_s} s`], ["people", s.people != null ? fmt(s.people) : null],
    ["cells", s.cells != null ? fmt(s.cells) : null], ["wall time", s.wall_seconds != null ? `${s.wall_seconds} s` : null],
    ["status", s.status], ["hyosan", s.hyosan_version], ["written", s.written],
    ["scenario sha256", (s.sha256 || "").slice(0, 16)],
  ];
  for (const [k, v] of facts) {
    if (v === null || v === undefined || v === "") continue;
    $("facts").append(el("div", {}, el("dt", {}, k), el("dd", {}, String(v))));
  }
}

function outcomeText(s, c) {
  if (!("human" in c)) return `${s.name} after ${duration(s.duration_s || 0)}.`;
  const total = Object.values(c).reduce((a, b) => a + b, 0);
  const parts = [`After ${duration(s.duration_s || 0)}, ${fmt(c.human)} of ${fmt(total)} people are still human`];
  const infected = (c.bitten || 0) + (c.zombie || 0) + (c.halfbie || 0);
  if (infected) parts.push(`${fmt(infected)} carry the infection`);
  if (c.dead) parts.push(`${fmt(c.dead)} ${c.dead === 1 ? "is" : "are"} dead`);
  if (c.escaped) parts.push(`${fmt(c.escaped)} got away`);
  return parts.join("; ") + ".";
}

// --- the epidemic chart (SVG) ----------------------------------------------------------------

class Chart {
  constructor(run) {
    this.run = run;
    this.curves = run.data.curves;
    this.svg = $("chart");
    this.hidden = new Set();
    this.zone = 0;
    this.log = false;
    this.cursorTime = null;
    const c = this.curves;
    this.times = c.time_s;
    this.nz = c.zones.length;
    this.ns = c.series.length;
    for (const [i, z] of c.zones.entries()) $("chart-zone").append(el("option", { value: i }, z));
    $("chart-zone").parentElement.hidden = c.zones.length < 2;
    $("chart-zone").addEventListener("change", (e) => { this.zone = Number(e.target.value); this.draw(); });
    $("chart-log").addEventListener("change", (e) => { this.log = e.target.checked; this.draw(); });
    this.svg.addEventListener("mousemove", (e) => this.hover(e));
    this.svg.addEventListener("mouseleave", () => { $("chart-tip").hidden = true; this.hoverLine?.remove(); });
    this.svg.addEventListener("click", (e) => bus.emit("seek-time", this.timeAt(e)));
    new ResizeObserver(() => this.draw()).observe(this.svg);
    this.drawLegend();
    this.log = this.wantsLog();
    $("chart-log").checked = this.log;
  }

  /** A log scale when one curve dwarfs the others (a city of a million and a hundred zombies). */
  wantsLog() {
    const peaks = this.curves.series.map((_, s) => {
      let m = 0;
      for (let t = 0; t < this.times.length; t++) m = Math.max(m, this.value(t, s));
      return m;
    }).filter((m) => m > 0).sort((a, b) => b - a);
    return peaks.length > 1 && peaks[0] > 100 * peaks[1];
  }

  value(t, s, zone = this.zone) {
    return this.curves.values[(t * this.nz + zone) * this.ns + s];
  }

  /** Counts of every series at the last recorded tick <= tick, for the "all" zone. */
  countsAt(tick) {
    const t = floorIndex(this.curves.tick, tick);
    const out = {};
    this.curves.series.forEach((name, s) => { out[name] = this.value(t, s, 0); });
    return { tick: this.curves.tick[t], counts: out };
  }

  drawLegend() {
    const legend = $("legend");
    legend.replaceChildren();
    this.curves.series.forEach((name, s) => {
      const button = el("button", { type: "button", class: this.hidden.has(s) ? "off" : "",
        onclick: () => { this.hidden.has(s) ? this.hidden.delete(s) : this.hidden.add(s); this.drawLegend(); this.draw(); } },
      el("span", { class: "swatch", style: `--c:${seriesColour(name, s)}` }), name);
      legend.append(button);
    });
  }

  layout() {
    const box = this.svg.getBoundingClientRect();
    const w = Math.max(300, box.width), h = Math.max(200, box.height);
    return { w, h, left: 64, right: 14, top: 10, bottom: 34 };
  }

  draw() {
    const L = (this.L = this.layout());
    const svgEl = this.svg;
    svgEl.setAttribute("viewBox", `0 0 ${L.w} ${L.h}`);
    svgEl.replaceChildren();
    const T = this.times.length;
    const t0 = this.times[0], t1 = this.times[T - 1] || 1;
    let max = 1;
    const visible = [];
    for (let s = 0; s < this.ns; s++) {
      let any = false;
      for (let t = 0; t < T; t++) {
        const v = this.value(t, s);
        if (v) any = true;
        if (!this.hidden.has(s) && v > max) max = v;
      }
      if (any && !this.hidden.has(s)) visible.push(s);
    }
    const yv = (v) => (this.log ? Math.log10(1 + Math.max(0, v)) : v);
    const ymax = this.log ? Math.log10(1 + max) : niceMax(max);
    const x = (time) => L.left + ((time - t0) / Math.max(t1 - t0, 1e-9)) * (L.w - L.left - L.right);
    const y = (v) => L.h - L.bottom - (yv(v) / ymax) * (L.h - L.top - L.bottom);
    this.x = x;
    this.xInverse = (px) => t0 + ((px - L.left) / (L.w - L.left - L.right)) * (t1 - t0);

    const axes = svg("g", { class: "axis" });
    for (const v of this.log ? logTicks(max) : linearTicks(ymax)) {
      axes.append(svg("line", { x1: L.left, x2: L.w - L.right, y1: y(v), y2: y(v) }));
      const label = svg("text", { x: L.left - 8, y: y(v) + 4, "text-anchor": "end" });
      label.textContent = compact(v);
      axes.append(label);
    }
    const unit = timeUnit(t1 - t0);
    for (const v of linearTicks((t1 - t0) / unit.seconds, 8)) {
      const px = x(t0 + v * unit.seconds);
      const label = svg("text", { x: px, y: L.h - L.bottom + 18, "text-anchor": "middle" });
      label.textContent = `${+v.toFixed(2)}`;
      axes.append(svg("line", { x1: px, x2: px, y1: L.h - L.bottom, y2: L.h - L.bottom + 4 }), label);
    }
    const unitLabel = svg("text", { x: L.w - L.right, y: L.h - 2, "text-anchor": "end" });
    unitLabel.textContent = `time (${unit.name})`;
    axes.append(unitLabel);
    svgEl.append(axes);

    for (const [b, name] of (this.curves.bands || []).entries()) {
      const s = this.curves.series.indexOf(name);
      if (!visible.includes(s)) continue;
      const band = (array, t) => array[(t * this.nz + this.zone) * this.curves.bands.length + b];
      let d = "";
      for (let t = 0; t < T; t++) d += `${t ? "L" : "M"}${x(this.times[t]).toFixed(1)} ${y(band(this.curves.high, t)).toFixed(1)}`;
      for (let t = T - 1; t >= 0; t--) d += `L${x(this.times[t]).toFixed(1)} ${y(band(this.curves.low, t)).toFixed(1)}`;
      svgEl.append(svg("path", { d: d + "Z", class: "band", fill: seriesColour(name, s) }));
    }
    for (const s of visible) {
      let d = "";
      for (let t = 0; t < T; t++) d += `${t ? "L" : "M"}${x(this.times[t]).toFixed(1)} ${y(this.value(t, s)).toFixed(1)}`;
      svgEl.append(svg("path", { d, class: "series", stroke: seriesColour(this.curves.series[s], s) }));
    }
    this.cursor = svg("line", { class: "cursor", y1: L.top, y2: L.h - L.bottom, x1: -10, x2: -10 });
    svgEl.append(this.cursor);
    this.setCursor(this.cursorTime);
  }

  setCursor(time) {
    this.cursorTime = time;
    if (!this.cursor || time === null) return;
    const px = this.x(time);
    this.cursor.setAttribute("x1", px);
    this.cursor.setAttribute("x2", px);
  }

  timeAt(event) {
    const box = this.svg.getBoundingClientRect();
    return this.xInverse(((event.clientX - box.left) / box.width) * this.L.w);
  }

  hover(event) {
    const t = floorIndex(this.times, this.timeAt(event));
    const tip = $("chart-tip");
    const box = this.svg.getBoundingClientRect();
    tip.replaceChildren(el("b", {}, clock(this.times[t])), ` · tick ${fmt(this.curves.tick[t])}`);
    this.curves.series.forEach((name, s) => {
      if (this.hidden.has(s)) return;
      tip.append(el("div", {}, el("span", { class: "swatch", style: `--c:${seriesColour(name, s)}` }),
        `${name}: ${fmt(+this.value(t, s).toPrecision(6))}`));
    });
    tip.hidden = false;
    const px = event.clientX - box.left;
    tip.style.left = `${px + 14 + 180 > box.width ? px - 190 : px + 14}px`;
    tip.style.top = "10px";
    this.hoverLine?.remove();
    const hx = this.x(this.times[t]);
    this.hoverLine = svg("line", { class: "hover", x1: hx, x2: hx, y1: this.L.top, y2: this.L.h - this.L.bottom });
    this.svg.append(this.hoverLine);
  }
}

function niceStep(span, count) {
  const raw = span / Math.max(count, 1);
  const mag = Math.pow(10, Math.floor(Math.log10(raw || 1)));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

function niceMax(max) {
  const step = niceStep(max, 5);
  return Math.ceil(max / step) * step || 1;
}

function linearTicks(max, count = 5) {
  const step = niceStep(max, count);
  const out = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(v);
  return out;
}

function logTicks(max) {
  const out = [0];
  for (let v = 1; v <= max; v *= 10) out.push(v);
  return out;
}

function timeUnit(span) {
  if (span >= 3 * 86400) return { name: "days", seconds: 86400 };
  if (span >= 3 * 3600) return { name: "hours", seconds: 3600 };
  if (span >= 180) return { name: "minutes", seconds: 60 };
  return { name: "seconds", seconds: 1 };
}

// --- the map replay (canvas) -----------------------------------------------------------------

class Replay {
  constructor(run, chart) {
    this.run = run;
    this.chart = chart;
    this.map = run.data.map;
    this.frames = run.data.replay;
    this.density = !!this.frames.humans;
    this.ticks = this.frames.tick;
    this.count = this.ticks.length;
    this.pos = 0; // frame position; fractional while playing (people glide between frames)
    this.playing = false;
    this.speed = 1;
    this.floor = 0;
    this.selected = null;
    this.canvas = $("map");
    this.ctx = this.canvas.getContext("2d");
    this.view = null; // {scale, x0, y0}: screen px = (cell - x0) * scale
    this.backgrounds = this.map.floors.map((_, f) => this.background(f));
    this.doors = this.doorTimelines();
    if (this.density) this.prepareDensity();
    this.buildControls();
    this.bindPointer();
    new ResizeObserver(() => this.resize()).observe(this.canvas.parentElement);
    this.resize();
    this.seek(0);
  }

  // -- static layers

  /** One floor's terrain as an image of one pixel per cell; rooms get a pale tint of their own. */
  background(f) {
    const { rows, cols } = this.map;
    const canvas = document.createElement("canvas");
    canvas.width = cols;
    canvas.height = rows;
    const ctx = canvas.getContext("2d");
    const image = ctx.createImageData(cols, rows);
    const names = this.map.terrain_names;
    const colours = names.map((n) => TERRAIN_COLOURS[n] || [200, 200, 200]);
    const floorCode = names.indexOf("floor");
    const tints = this.map.rooms.map((room, k) => roomTint(k, room.shelter));
    const base = f * rows * cols;
    for (let i = 0; i < rows * cols; i++) {
      const code = this.map.terrain[base + i];
      const zone = this.map.zone[base + i];
      const c = code === floorCode && zone >= 0 ? tints[zone] : colours[code];
      image.data.set([c[0], c[1], c[2], 255], i * 4);
    }
    ctx.putImageData(image, 0, 0);
    canvas.bounds = this.floorBounds(f);
    return canvas;
  }

  /** The rows and columns of a floor that hold anything but void, with a cell of margin. */
  floorBounds(f) {
    const { rows, cols } = this.map;
    const voidCode = this.map.terrain_names.indexOf("void");
    let r0 = rows, r1 = -1, c0 = cols, c1 = -1;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (this.map.terrain[(f * rows + r) * cols + c] === voidCode) continue;
        if (r < r0) r0 = r;
        if (r > r1) r1 = r;
        if (c < c0) c0 = c;
        if (c > c1) c1 = c;
      }
    }
    if (r1 < 0) return { r0: 0, c0: 0, rows, cols };
    return { r0: r0 - 1, c0: c0 - 1, rows: r1 - r0 + 3, cols: c1 - c0 + 3 };
  }

  /** Door cells whose state changes during the run: floor, row, col and their events in time order. */
  doorTimelines() {
    const e = this.run.events;
    const doors = new Map();
    if (!e) return [];
    for (let i = 0; i < e.shown; i++) {
      const kind = e.kind(i);
      if (!kind.startsWith("door_") && !kind.includes("barricade")) continue;
      const key = `${e.floor[i]}:${e.cell[i]}`;
      if (!doors.has(key)) {
        doors.set(key, { floor: e.floor[i], row: Math.floor(e.cell[i] / this.map.cols),
          col: e.cell[i] % this.map.cols, ticks: [], kinds: [] });
      }
      doors.get(key).ticks.push(e.tick[i]);
      doors.get(key).kinds.push(kind);
    }
    return [...doors.values()];
  }

  prepareDensity() {
    const fr = this.frames;
    this.blockImage = document.createElement("canvas");
    this.blockImage.width = fr.block_cols;
    this.blockImage.height = fr.block_rows;
    let hmax = 1, zmax = 1;
    for (let i = 0; i < fr.humans.length; i++) {
      if (fr.humans[i] > hmax) hmax = fr.humans[i];
      if (fr.zombies[i] > zmax) zmax = fr.zombies[i];
    }
    this.hlog = Math.log(1 + hmax);
    this.zlog = Math.log(1 + zmax);
    this.hmax = hmax;
    this.zmax = zmax;
  }

  // -- controls

  buildControls() {
    const tabs = $("floors");
    this.tabs = this.map.floors.map((name, f) => {
      const button = el("button", { type: "button", role: "tab", "data-floor": f,
        onclick: () => this.setFloor(f) }, name, el("small", {}));
      tabs.append(button);
      return button;
    });
    if (this.map.floors.length < 2) tabs.hidden = true;
    const scrubber = $("scrubber");
    scrubber.max = this.count - 1;
    scrubber.addEventListener("input", () => this.seek(Number(scrubber.value)));
    $("play").addEventListener("click", () => this.toggle());
    $("speed").addEventListener("change", (e) => { this.speed = Number(e.target.value); });
    this.canvas.addEventListener("keydown", (e) => {
      if (e.key === " ") { this.toggle(); e.preventDefault(); }
      if (e.key === "ArrowRight") this.seek(Math.min(this.count - 1, Math.floor(this.pos) + 1));
      if (e.key === "ArrowLeft") this.seek(Math.max(0, Math.ceil(this.pos) - 1));
    });
    this.legend();
    this.setFloor(0);
  }

  legend() {
    const legend = $("map-legend");
    const item = (colour, text, square) => el("span", { class: "item" },
      el("span", { class: `swatch${square ? " sq" : ""}`, style: `--c:${colour}` }), text);
    if (this.density) {
      legend.append(item(STATE_COLOURS.human, `humans per block of ${this.frames.block}\u00d7${this.frames.block} cells (darker: more, up to ${fmt(this.hmax)})`, true),
        item(STATE_COLOURS.zombie, `blocks with zombies (larger: more, up to ${fmt(this.zmax)})`));
    } else {
      for (const s of ["human", "bitten", "zombie", "halfbie", "dead"]) legend.append(item(STATE_COLOURS[s], s));
      legend.append(el("span", { class: "item muted" }, "large dots: named people"));
    }
    const present = new Set(this.map.terrain);
    const has = (name) => present.has(this.map.terrain_names.indexOf(name));
    if (has("door")) {
      legend.append(item(rgb(TERRAIN_COLOURS.door), "open door", true), item("#5a3a1c", "closed door", true),
        item("#e23b2e", "broken door", true));
    }
    if (this.doors.some((d) => d.kinds.some((k) => k.includes("barricade")))) legend.append(item("#f39c12", "barricade", true));
    for (const name of ["exit", "stairs", "water"]) if (has(name)) legend.append(item(rgb(TERRAIN_COLOURS[name]), name, true));
    legend.append(el("span", { class: "item muted" }, "wheel: zoom · drag: pan · double-click: whole floor"));
  }

  toggle() {
    this.playing = !this.playing;
    $("play").textContent = this.playing ? "\u275a\u275a" : "\u25b6";
    $("play").setAttribute("aria-label", this.playing ? "pause" : "play");
    if (this.playing) {
      if (this.pos >= this.count - 1) this.pos = 0;
      this.last = performance.now();
      requestAnimationFrame((t) => this.step(t));
    }
  }

  step(now) {
    if (!this.playing) return;
    // A frame's time stamp may come before the performance.now() taken when play was pressed:
    // never step back (a frame before the first has no tick, and draws NaN).
    const dt = Math.max(0, Math.min(0.25, (now - this.last) / 1000));
    this.last = Math.max(now, this.last);
    this.pos = Math.min(this.count - 1, this.pos + dt * FRAMES_PER_SECOND * this.speed);
    if (this.pos >= this.count - 1) this.toggle();
    this.show();
    if (this.playing) requestAnimationFrame((t) => this.step(t));
  }

  /** Go to a frame (a whole number) and show it. */
  seek(frame) {
    this.pos = Math.max(0, Math.min(this.count - 1, frame));
    this.show();
  }

  seekTick(tick) {
    this.seek(floorIndex(this.ticks, tick));
  }

  setFloor(f) {
    this.floor = f;
    this.tabs.forEach((b, k) => b.setAttribute("aria-selected", String(k === f)));
    this.fit();
    this.draw();
  }

  get frame() {
    return Math.floor(this.pos + 1e-9);
  }

  get tick() {
    return this.ticks[this.frame];
  }

  /** Update everything that follows the time: scrubber, clock, counts, chart cursor, canvas. */
  show() {
    const k = this.frame;
    const tick = this.ticks[k];
    $("scrubber").value = k;
    const total = this.run.summary.ticks || this.ticks[this.count - 1];
    $("clock").textContent = `${this.run.time(tick)} / ${this.run.time(total)} · tick ${fmt(tick)}`;
    this.showCounts(tick);
    this.chart?.setCursor(tick * this.run.tickSeconds);
    this.updateTabs(k);
    if (this.selected !== null && !this.density && this.follow) {
      const f = this.personFloor(this.selected, k);
      if (f !== this.floor) this.setFloor(f);
    }
    this.draw();
    bus.emit("time", tick);
  }

  showCounts(tick) {
    const box = $("counts");
    box.replaceChildren();
    if (!this.chart) return;
    const { tick: at, counts } = this.chart.countsAt(tick);
    box.dataset.tick = at;
    for (const [name, n] of Object.entries(counts)) {
      box.append(el("span", { class: "chip", "data-state": name, "data-count": n },
        el("span", { class: "swatch", style: `--c:${seriesColour(name, 0)}` }), `${name} ${fmt(n)}`));
    }
    $("counts-label").textContent = at === tick ? `at tick ${fmt(at)}` : `at tick ${fmt(at)} (last recorded)`;
  }

  /** Live people (humans, zombies) on each floor in frame k, shown on the floor tabs. */
  updateTabs(k) {
    if (this.tabs.length < 2) return;
    const live = this.map.floors.map(() => 0);
    if (this.density) {
      const per = this.frames.block_rows * this.frames.block_cols;
      for (let b = 0; b < per * this.frames.floors; b++) {
        live[Math.floor(b / per)] += this.frames.humans[k * per * this.frames.floors + b] + this.frames.zombies[k * per * this.frames.floors + b];
      }
    } else {
      const n = this.frames.people, base = k * n;
      const dead = this.run.data.states.indexOf("dead"), escaped = this.run.data.states.indexOf("escaped");
      for (let i = 0; i < n; i++) {
        const s = this.frames.state[base + i];
        if (s !== dead && s !== escaped) live[this.frames.floor[base + i]] += 1;
      }
    }
    this.tabs.forEach((b, f) => { b.querySelector("small").textContent = fmt(live[f]); });
  }

  // -- geometry: cells <-> canvas pixels

  resize() {
    const box = this.canvas.parentElement.getBoundingClientRect();
    const ratio = this.map.rows / this.map.cols;
    const height = Math.round(Math.max(220, Math.min(760, box.width * ratio)));
    const dpr = window.devicePixelRatio || 1;
    this.width = box.width;
    this.height = height;
    this.canvas.style.height = `${height}px`;
    this.canvas.width = Math.round(box.width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.fit();
    this.draw();
  }

  /** Show the whole floor (what of it is not void). */
  fit() {
    const b = this.backgrounds[this.floor].bounds;
    const scale = Math.min(this.width / b.cols, this.height / b.rows);
    this.view = { scale, x0: b.c0 + (b.cols - this.width / scale) / 2, y0: b.r0 + (b.rows - this.height / scale) / 2 };
  }

  toScreen(col, row) {
    const v = this.view;
    return [(col - v.x0) * v.scale, (row - v.y0) * v.scale];
  }

  bindPointer() {
    const c = this.canvas;
    let drag = null;
    c.addEventListener("wheel", (e) => {
      e.preventDefault();
      const v = this.view, box = c.getBoundingClientRect();
      const mx = e.clientX - box.left, my = e.clientY - box.top;
      const factor = Math.exp(-e.deltaY * 0.0015);
      const scale = Math.max(0.2, Math.min(80, v.scale * factor));
      const cx = v.x0 + mx / v.scale, cy = v.y0 + my / v.scale;
      this.view = { scale, x0: cx - mx / scale, y0: cy - my / scale };
      this.draw();
    }, { passive: false });
    c.addEventListener("mousedown", (e) => { drag = { x: e.clientX, y: e.clientY, view: { ...this.view }, moved: false }; });
    window.addEventListener("mousemove", (e) => {
      if (!drag) return this.hover(e);
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; c.classList.add("dragging"); }
      this.view = { ...drag.view, x0: drag.view.x0 - dx / drag.view.scale, y0: drag.view.y0 - dy / drag.view.scale };
      if (drag.moved) this.draw();
    });
    window.addEventListener("mouseup", (e) => {
      if (drag && !drag.moved && e.target === c) this.click(e);
      drag = null;
      c.classList.remove("dragging");
    });
    c.addEventListener("dblclick", () => { this.fit(); this.draw(); });
  }

  /** The person drawn nearest to a mouse event, within a few pixels, or null. */
  hit(e) {
    if (!this.drawn) return null;
    const box = this.canvas.getBoundingClientRect();
    const mx = e.clientX - box.left, my = e.clientY - box.top;
    const reach = Math.max(7, this.radius + 4) ** 2;
    // The nearest named person within reach (they are drawn large, on top), else the nearest anyone.
    const nearest = [null, null], distance = [reach, reach];
    const { ids, xs, ys, n } = this.drawn;
    for (let j = 0; j < n; j++) {
      const d = (xs[j] - mx) ** 2 + (ys[j] - my) ** 2;
      const k = this.run.names.has(ids[j]) ? 0 : 1;
      if (d <= distance[k]) { nearest[k] = ids[j]; distance[k] = d; }
    }
    return nearest[0] ?? nearest[1];
  }

  hover(e) {
    const tip = $("map-tip");
    if (e.target !== this.canvas) { tip.hidden = true; return; }
    const box = this.canvas.getBoundingClientRect();
    let text = null;
    if (this.density) {
      const cell = this.cellAt(e);
      if (cell) {
        const b = this.blockAt(cell);
        if (b !== null) {
          const k = this.frame, stride = this.frames.humans.length / this.count;
          text = `${fmt(this.frames.humans[k * stride + b])} humans, ${fmt(this.frames.zombies[k * stride + b])} zombies here`;
        }
      }
    } else {
      const id = this.hit(e);
      if (id !== null) text = `${this.run.name(id)} · ${this.run.data.states[this.frames.state[this.frame * this.frames.people + id]]}`;
    }
    if (!text) { tip.hidden = true; this.canvas.style.cursor = ""; return; }
    tip.textContent = text;
    tip.hidden = false;
    tip.style.left = `${Math.min(e.clientX - box.left + 12, box.width - 200)}px`;
    tip.style.top = `${e.clientY - box.top + 12}px`;
    if (!this.density) this.canvas.style.cursor = "pointer";
  }

  cellAt(e) {
    const box = this.canvas.getBoundingClientRect();
    const col = Math.floor(this.view.x0 + (e.clientX - box.left) / this.view.scale);
    const row = Math.floor(this.view.y0 + (e.clientY - box.top) / this.view.scale);
    if (row < 0 || col < 0 || row >= this.map.rows || col >= this.map.cols) return null;
    return { row, col };
  }

  blockAt({ row, col }) {
    const fr = this.frames;
    if (this.floor >= fr.floors) return null;
    return (this.floor * fr.block_rows + Math.floor(row / fr.block)) * fr.block_cols + Math.floor(col / fr.block);
  }

  click(e) {
    if (this.density) return;
    const id = this.hit(e);
    if (id !== null) bus.emit("select", id, { from: "map" });
  }

  personFloor(id, k) {
    return this.frames.floor[k * this.frames.people + id];
  }

  /** Select a person: ring them on the map, and follow them across floors while playing. */
  select(id) {
    this.selected = id;
    this.follow = true;
    if (!this.density && id < this.frames.people) {
      const f = this.personFloor(id, this.frame);
      if (f !== this.floor) this.setFloor(f);
    }
    this.draw();
  }

  /** Where a person is drawn now, in page coordinates (for tests and for scrolling to them). */
  personOnScreen(id) {
    if (!this.drawn) return null;
    const box = this.canvas.getBoundingClientRect();
    for (let j = 0; j < this.drawn.n; j++) {
      if (this.drawn.ids[j] === id) return { x: box.left + this.drawn.xs[j], y: box.top + this.drawn.ys[j] };
    }
    return null;
  }

  // -- drawing

  draw() {
    if (!this.view) return;
    const ctx = this.ctx, { rows, cols } = this.map;
    const [x0, y0] = this.toScreen(0, 0);
    const s = this.view.scale;
    ctx.fillStyle = "#e4e0d6";
    ctx.fillRect(0, 0, this.width, this.height);
    ctx.imageSmoothingEnabled = s < 1; // cells smaller than pixels: average them, no moire
    ctx.drawImage(this.backgrounds[this.floor], x0, y0, cols * s, rows * s);
    this.drawDoors();
    if (this.density) this.drawDensity();
    else this.drawPeople();
    this.drawLabels();
  }

  drawDoors() {
    const ctx = this.ctx, s = this.view.scale, tick = this.tick;
    for (const door of this.doors) {
      if (door.floor !== this.floor || door.ticks[0] > tick) continue;
      const kind = door.kinds[floorIndex(door.ticks, tick)];
      const [x, y] = this.toScreen(door.col, door.row);
      if (kind === "door_broken") {
        ctx.fillStyle = "#e23b2e";
        ctx.fillRect(x, y, s, s);
        if (s > 5) {
          ctx.strokeStyle = "#fff";
          ctx.lineWidth = 1.2;
          ctx.beginPath();
          ctx.moveTo(x + s * 0.2, y + s * 0.2); ctx.lineTo(x + s * 0.8, y + s * 0.8);
          ctx.moveTo(x + s * 0.8, y + s * 0.2); ctx.lineTo(x + s * 0.2, y + s * 0.8);
          ctx.stroke();
        }
      } else if (kind.includes("barricade")) {
        ctx.fillStyle = "#f39c12";
        ctx.fillRect(x - s * 0.15, y - s * 0.15, s * 1.3, s * 1.3);
      } else if (kind === "door_closed") {
        ctx.fillStyle = "#5a3a1c";
        ctx.fillRect(x, y, s, s);
      }
    }
  }

  drawPeople() {
    const fr = this.frames, n = fr.people, ctx = this.ctx, s = this.view.scale;
    const k = this.frame, next = Math.min(k + 1, this.count - 1), u = this.pos - k;
    const states = this.run.data.states;
    const DEAD = states.indexOf("dead"), ESCAPED = states.indexOf("escaped");
    const radius = (this.radius = Math.max(1.6, Math.min(6, s * 0.36)));
    this.drawn = this.drawn && this.drawn.xs.length >= n ? this.drawn
      : { ids: new Int32Array(n), xs: new Float32Array(n), ys: new Float32Array(n), n: 0 };
    this.drawn.n = 0;
    const named = [];
    const layers = [[], [], []]; // the dead, the living, named people
    for (let i = 0; i < n; i++) {
      const a = k * n + i;
      if (fr.floor[a] !== this.floor) continue;
      const state = fr.state[a];
      if (state === ESCAPED) continue;
      let row = fr.row[a], col = fr.col[a];
      const b = next * n + i;
      if (u > 0 && fr.floor[b] === this.floor && fr.state[b] !== ESCAPED) {
        row += (fr.row[b] - row) * u;
        col += (fr.col[b] - col) * u;
      }
      const [jx, jy] = jitter(i);
      const [x, y] = this.toScreen(col + 0.5 + jx, row + 0.5 + jy);
      if (x < -10 || y < -10 || x > this.width + 10 || y > this.height + 10) continue;
      const layer = this.run.names.has(i) ? 2 : state === DEAD ? 0 : 1;
      layers[layer].push(i, x, y, state);
    }
    for (let layer = 0; layer < 3; layer++) {
      const list = layers[layer];
      for (let j = 0; j < list.length; j += 4) {
        const [i, x, y, state] = [list[j], list[j + 1], list[j + 2], list[j + 3]];
        const name = states[state];
        const r = layer === 2 ? radius * 1.5 + 1 : layer === 0 ? radius * 0.8 : radius;
        ctx.beginPath();
        ctx.arc(x, y, r, 0, Math.PI * 2);
        ctx.fillStyle = STATE_COLOURS[name] || "#999";
        ctx.globalAlpha = layer === 0 ? 0.55 : 1;
        ctx.fill();
        ctx.globalAlpha = 1;
        if (layer === 2) {
          ctx.lineWidth = 1.5;
          ctx.strokeStyle = "#fff";
          ctx.stroke();
          named.push([i, x, y, r]);
        }
        const d = this.drawn;
        d.ids[d.n] = i; d.xs[d.n] = x; d.ys[d.n] = y; d.n += 1;
        if (i === this.selected) this.ring(x, y, r);
      }
    }
    this.drawNames(named);
  }

  /** Names beside the named people's dots, where they do not cover another name (the
   * selected person's first); a name with no free place is left to the hover tip. */
  drawNames(named) {
    const ctx = this.ctx, taken = [], h = 13;
    ctx.font = "600 11px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    named.sort((a, b) => (b[0] === this.selected) - (a[0] === this.selected));
    for (const [i, x, y, r] of named) {
      const name = this.run.names.get(i);
      const w = ctx.measureText(name).width;
      const places = [[x + r + 3, y], [x - r - 3 - w, y], [x - w / 2, y - r - h / 2 - 1], [x - w / 2, y + r + h / 2 + 1]];
      const free = places.find(([px, py]) => px >= 2 && px + w <= this.width - 2 &&
        !taken.some((t) => px < t.x + t.w && t.x < px + w && Math.abs(py - t.y) < h));
      if (!free) continue;
      taken.push({ x: free[0], y: free[1], w });
      haloText(ctx, name, free[0], free[1], i === this.selected);
    }
  }

  ring(x, y, r) {
    const ctx = this.ctx;
    ctx.beginPath();
    ctx.arc(x, y, r + 5, 0, Math.PI * 2);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = "#c0392b";
    ctx.stroke();
  }

  drawDensity() {
    const fr = this.frames, per = fr.block_rows * fr.block_cols;
    if (this.floor >= fr.floors) return;
    const k = this.frame, base = k * per * fr.floors + this.floor * per;
    const ctx2 = this.blockImage.getContext("2d");
    const image = ctx2.createImageData(fr.block_cols, fr.block_rows);
    const human = hexRgb(STATE_COLOURS.human), zombie = hexRgb(STATE_COLOURS.zombie);
    let zombies = [];
    for (let b = 0; b < per; b++) {
      const h = fr.humans[base + b], z = fr.zombies[base + b];
      if (h > 0) image.data.set([...human, Math.round((0.06 + 0.5 * Math.log(1 + h) / this.hlog) * 255)], b * 4);
      if (z > 0) zombies.push(b);
    }
    if (zombies.length > 3000) {
      // Zombies everywhere: shade their blocks instead of a dot each.
      for (const b of zombies) {
        image.data.set([...zombie, Math.round((0.35 + 0.65 * Math.log(1 + fr.zombies[base + b]) / this.zlog) * 255)], b * 4);
      }
      zombies = [];
    }
    ctx2.putImageData(image, 0, 0);
    const [x0, y0] = this.toScreen(0, 0), s = this.view.scale * fr.block;
    const ctx = this.ctx;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.blockImage, x0, y0, fr.block_cols * s, fr.block_rows * s);
    // Zombies are few and matter most: a dot per block that has any, sized by how many.
    ctx.fillStyle = STATE_COLOURS.zombie;
    ctx.strokeStyle = "rgba(20, 40, 10, 0.8)";
    ctx.lineWidth = 0.8;
    for (const b of zombies) {
      const z = fr.zombies[base + b];
      const r = Math.max(2.6, Math.min(s * 1.5, s * 0.5 * (0.6 + Math.log(1 + z) / this.zlog)));
      const [x, y] = [x0 + ((b % fr.block_cols) + 0.5) * s, y0 + (Math.floor(b / fr.block_cols) + 0.5) * s];
      if (x < -r || y < -r || x > this.width + r || y > this.height + r) continue;
      ctx.beginPath();
      ctx.arc(x, y, r, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
    }
  }

  drawLabels() {
    const ctx = this.ctx, s = this.view.scale;
    ctx.font = "500 11px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    const taken = [];
    for (const label of this.map.labels) {
      if (label.floor !== this.floor) continue;
      const sizePx = Math.sqrt(label.cells) * s;
      if (sizePx < 40) continue; // too small to carry a name at this zoom
      const [x, y] = this.toScreen(label.col + 0.5, label.row + 0.5);
      const name = this.map.rooms[label.room].name;
      const w = ctx.measureText(name).width;
      if (taken.some((t) => Math.abs(t.x - x) < (t.w + w) / 2 && Math.abs(t.y - y) < 13)) continue;
      taken.push({ x, y, w });
      ctx.fillStyle = "rgba(40, 46, 52, 0.55)";
      ctx.fillText(name, x, y);
    }
    ctx.textAlign = "left";
  }
}

function jitter(i) {
  // Several people share a cell: spread them over it, the same way in every frame.
  const h = Math.imul(i + 1, 2654435761) >>> 0;
  return [((h & 1023) / 1023 - 0.5) * 0.6, (((h >>> 10) & 1023) / 1023 - 0.5) * 0.6];
}

function haloText(ctx, text, x, y, strong) {
  ctx.lineWidth = 3;
  ctx.strokeStyle = "rgba(255, 255, 255, 0.9)";
  ctx.strokeText(text, x, y);
  ctx.fillStyle = strong ? "#c0392b" : "#1d2328";
  ctx.fillText(text, x, y);
}

function roomTint(k, shelter) {
  // Pale colours that tell neighbouring rooms apart: hues a golden angle apart.
  const hue = (k * 137.508) % 360;
  return hslRgb(hue, shelter ? 0.38 : 0.18, shelter ? 0.88 : 0.91);
}

function hslRgb(h, s, l) {
  const a = s * Math.min(l, 1 - l);
  const f = (n) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

function hexRgb(hex) {
  const v = parseInt(hex.slice(1), 16);
  return [v >> 16, (v >> 8) & 255, v & 255];
}

const rgb = (c) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

// --- a person's story --------------------------------------------------------------------------

class Story {
  constructor(run, replay) {
    this.run = run;
    this.replay = replay;
    this.body = $("story-body");
    this.body.append(el("p", { class: "muted" }, replay && !replay.density
      ? "Click a person on the map, in the tables or below to read their story."
      : "Pick a person in the tables or below to read their story."));
    const list = $("named");
    this.namedButtons = new Map();
    const ids = [...run.names.keys()].sort((a, b) => a - b);
    if (!ids.length) list.append(el("li", { class: "muted" }, "This run has no named people."));
    for (const id of ids) {
      const button = el("button", { type: "button", "data-person": id, onclick: () => bus.emit("select", id, { from: "list" }) },
        el("span", { class: "swatch" }), run.names.get(id));
      this.namedButtons.set(id, button);
      list.append(el("li", {}, button));
    }
    bus.on("time", () => this.colourNamed());
    this.colourNamed();
  }

  /** The named people's dots take their state at the replay's current frame. */
  colourNamed() {
    const r = this.replay, states = this.run.data.states;
    for (const [id, button] of this.namedButtons) {
      let state = null;
      if (r && !r.density && id < r.frames.people) state = states[r.frames.state[r.frame * r.frames.people + id]];
      else if (this.run.people) {
        const row = this.run.personRow(id);
        if (row !== null) state = this.run.people.state(row);
      }
      button.firstChild.style.setProperty("--c", STATE_COLOURS[state] || "#bbb");
      button.title = state || "";
      button.classList.toggle("on", id === this.selectedId);
    }
  }

  link(id) {
    return el("span", { class: "person-link", "data-person": id, onclick: (e) => { e.stopPropagation(); bus.emit("select", id, { from: "story" }); } },
      this.run.name(id));
  }

  show(id) {
    this.selectedId = id;
    const run = this.run;
    const body = this.body;
    body.replaceChildren();
    body.append(el("h3", { id: "story-name" }, run.name(id)));
    const row = run.personRow(id);
    const p = run.people;
    const facts = [`person #${id}`];
    if (row !== null) {
      facts.push(`ends ${p.state(row)}`);
      if (p.cause(row)) facts.push(p.cause(row));
    }
    body.append(el("p", { class: "who" }, facts.join(" · ")));
    const events = run.byPerson.get(id) || [];
    if (!events.length) body.append(el("p", { class: "muted" }, "No events involve them."));
    const list = el("ol", { id: "story-events" });
    for (const i of events) {
      list.append(el("li", { "data-tick": run.events.tick[i], onclick: () => bus.emit("seek-tick", run.events.tick[i]) },
        el("time", {}, `${run.time(run.events.tick[i])} · tick ${fmt(run.events.tick[i])}`),
        run.sentence(i, (other) => (other === id ? el("b", {}, run.name(other)) : this.link(other)))));
    }
    body.append(list);
    if (run.events && run.events.shown < run.events.total) {
      body.append(el("p", { class: "muted small" }, "The event log in this page is a sample; their story may miss some events."));
    }
    this.colourNamed();
  }
}

// --- tables: people and events ------------------------------------------------------------------

/** A sortable, filterable table that renders its rows a page at a time. */
class Table {
  constructor({ table, more, columns, count, matches, onRow, page = 100 }) {
    Object.assign(this, { table, more, columns, count, matches, onRow, page });
    this.sortBy = null;
    this.desc = false;
    this.limit = page;
    const head = el("tr");
    columns.forEach((c, k) => head.append(el("th", { "data-col": c.key, onclick: () => this.sort(k) }, c.title)));
    table.tHead.replaceChildren(head);
    more.addEventListener("click", () => { this.limit += page; this.render(); });
    this.refresh();
  }

  sort(k) {
    this.desc = this.sortBy === k ? !this.desc : false;
    this.sortBy = k;
    [...this.table.tHead.rows[0].cells].forEach((th, j) => {
      th.classList.toggle("sorted", j === k);
      th.classList.toggle("desc", j === k && this.desc);
    });
    this.refresh();
  }

  /** Filter and sort again (after a change of filter or order). */
  refresh() {
    const rows = [];
    for (let i = 0; i < this.count; i++) if (this.matches(i)) rows.push(i);
    if (this.sortBy !== null) {
      const key = this.columns[this.sortBy].sort;
      const sign = this.desc ? -1 : 1;
      const keys = new Map(rows.map((i) => [i, key(i)]));
      rows.sort((a, b) => {
        const ka = keys.get(a), kb = keys.get(b);
        if (ka === kb) return a - b;
        if (ka === null) return 1; // blanks last either way
        if (kb === null) return -1;
        return (ka < kb ? -1 : 1) * sign;
      });
    }
    this.rows = rows;
    this.limit = this.page;
    this.render();
  }

  render() {
    const body = el("tbody");
    for (const i of this.rows.slice(0, this.limit)) {
      const tr = el("tr", { onclick: () => this.onRow(i) });
      for (const c of this.columns) tr.append(el("td", { class: c.num ? "num" : "" }, c.cell(i)));
      body.append(tr);
    }
    this.table.tBodies[0].replaceWith(body);
    this.more.hidden = this.rows.length <= this.limit;
    this.more.textContent = `show more (${fmt(this.rows.length - this.limit)} left)`;
  }
}

function peopleTable(run) {
  const p = run.people;
  if (!p) return hideSection("people");
  $("people-note").textContent = p.shown < p.total
    ? `Showing ${fmt(p.shown)} of ${fmt(p.total)} people: every named person and an even sample of the rest.`
    : `${fmt(p.total)} people. Click a column to sort, a row to read their story.`;
  const tickCell = (col) => (i) => (p[col][i] >= 0 ? run.time(p[col][i]) : "");
  const tickSort = (col) => (i) => (p[col][i] >= 0 ? p[col][i] : null);
  const personCell = (col) => (i) => (p[col][i] >= 0 ? run.name(p[col][i]) : "");
  const nameOf = (i) => run.names.get(p.id[i]) || "";
  let text = "", namedOnly = false;
  const table = new Table({
    table: $("people-table"), more: $("people-more"), count: p.shown,
    columns: [
      { key: "id", title: "id", cell: (i) => p.id[i], sort: (i) => p.id[i], num: true },
      { key: "name", title: "name", cell: nameOf, sort: (i) => nameOf(i) || null },
      { key: "state", title: "final state", cell: (i) => el("span", {}, el("span", { class: "swatch", style: `--c:${STATE_COLOURS[p.state(i)] || "#999"}` }), p.state(i)), sort: (i) => p.state(i) },
      { key: "cause", title: "cause", cell: (i) => p.cause(i), sort: (i) => p.cause(i) || null },
      { key: "infected_tick", title: "infected at", cell: tickCell("infected_tick"), sort: tickSort("infected_tick"), num: true },
      { key: "infected_by", title: "infected by", cell: personCell("infected_by"), sort: (i) => (p.infected_by[i] >= 0 ? p.infected_by[i] : null) },
      { key: "died_tick", title: "died at", cell: tickCell("died_tick"), sort: tickSort("died_tick"), num: true },
      { key: "killed_by", title: "killed by", cell: personCell("killed_by"), sort: (i) => (p.killed_by[i] >= 0 ? p.killed_by[i] : null) },
    ],
    matches: (i) => {
      if (namedOnly && !run.names.has(p.id[i])) return false;
      if (!text) return true;
      return `${p.id[i]} ${nameOf(i)} ${p.state(i)} ${p.cause(i)}`.toLowerCase().includes(text);
    },
    onRow: (i) => bus.emit("select", p.id[i], { from: "table" }),
  });
  // Named people first, until the reader sorts otherwise.
  table.rows.sort((a, b) => (run.names.has(p.id[b]) - run.names.has(p.id[a])) || a - b);
  table.render();
  $("people-filter").addEventListener("input", (e) => { text = e.target.value.trim().toLowerCase(); table.refresh(); });
  $("people-named").addEventListener("change", (e) => { namedOnly = e.target.checked; table.refresh(); });
}

function eventLog(run) {
  const e = run.events;
  if (!e) return hideSection("events");
  $("events-note").textContent = e.shown < e.total
    ? `Showing ${fmt(e.shown)} of ${fmt(e.total)} events: every event of a named person, of a door or of the authorities, and an even sample of the rest.`
    : `${fmt(e.total)} events. Click a row to take the replay there.`;
  const kinds = e.kind.categories;
  const perKind = kinds.map(() => 0);
  for (let i = 0; i < e.shown; i++) perKind[e.kind.index[i]] += 1;
  const select = $("events-kind");
  select.append(el("option", { value: "" }, `all kinds (${fmt(e.shown)})`));
  kinds.forEach((k, j) => select.append(el("option", { value: k }, `${k.replace(/_/g, " ")} (${fmt(perKind[j])})`)));
  let kind = "", text = "", namedOnly = false;
  const named = (id) => run.names.has(id);
  const who = (col) => (i) => (e[col][i] >= 0 ? run.name(e[col][i]) : "");
  const floors = run.data.map ? run.data.map.floors : [];
  const table = new Table({
    table: $("events-table"), more: $("events-more"), count: e.shown,
    columns: [
      { key: "tick", title: "time", cell: (i) => `${run.time(e.tick[i])}`, sort: (i) => e.tick[i], num: true },
      { key: "tick", title: "tick", cell: (i) => fmt(e.tick[i]), sort: (i) => e.tick[i], num: true },
      { key: "kind", title: "event", cell: (i) => e.kind(i).replace(/_/g, " "), sort: (i) => e.kind(i) },
      { key: "actor", title: "who", cell: who("actor"), sort: (i) => (e.actor[i] >= 0 ? run.name(e.actor[i]) : null) },
      { key: "target", title: "to whom", cell: who("target"), sort: (i) => (e.target[i] >= 0 ? run.name(e.target[i]) : null) },
      { key: "detail", title: "where", cell: (i) => [e.detail(i), floors.length > 1 ? floors[e.floor[i]] ?? e.floor[i] : ""].filter((v) => v !== "").join(" · "), sort: (i) => e.detail(i) || null },
    ],
    matches: (i) => {
      if (kind && e.kind(i) !== kind) return false;
      if (namedOnly && !named(e.actor[i]) && !named(e.target[i])) return false;
      if (!text) return true;
      return `${who("actor")(i)} ${who("target")(i)} ${e.detail(i)} ${e.kind(i)}`.toLowerCase().includes(text);
    },
    onRow: (i) => {
      bus.emit("seek-tick", e.tick[i], e.floor[i]);
      const id = e.actor[i] >= 0 ? e.actor[i] : e.target[i];
      if (id >= 0) bus.emit("select", id, { from: "events" });
    },
  });
  select.addEventListener("change", (ev) => { kind = ev.target.value; table.refresh(); });
  $("events-filter").addEventListener("input", (ev) => { text = ev.target.value.trim().toLowerCase(); table.refresh(); });
  $("events-named").addEventListener("change", (ev) => { namedOnly = ev.target.checked; table.refresh(); });
}

/** Runs of the science kinds have no people, events or (but for lattices) map: no section. */
function hideSection(id) {
  $(id).hidden = true;
  document.querySelector(`.jump a[href="#${id}"]`).hidden = true;
}

// --- putting it together ---------------------------------------------------------------------------

async function main() {
  const raw = JSON.parse($("hyosan-data").textContent);
  const data = await unpackAll(raw);
  const run = new Run(data);
  renderSummary(run);

  let chart = null;
  if (data.curves) {
    chart = new Chart(run);
    chart.draw();
  } else {
    $("epidemic").append(el("p", { class: "muted" }, "This run has no time series."));
  }

  let replay = null;
  if (data.replay && data.map) {
    replay = new Replay(run, chart);
  } else {
    hideSection("replay");
  }

  const story = new Story(run, replay);
  if (!run.people) $("story").hidden = true; // a science run: nobody to tell the story of
  if (!replay && !run.people) hideSection("replay"); // no one to tell the story of either
  peopleTable(run);
  eventLog(run);

  bus.on("seek-time", (seconds) => replay?.seekTick(seconds / run.tickSeconds));
  bus.on("seek-tick", (tick, floor) => {
    if (!replay) return;
    replay.seekTick(tick);
    if (floor !== undefined && !replay.density && replay.selected === null && floor < data.map.floors.length) replay.setFloor(floor);
  });
  bus.on("select", (id, how) => {
    story.show(id);
    replay?.select(id);
    if (how && how.from !== "map" && how.from !== "story") $("replay").scrollIntoView({ behavior: "smooth", block: "start" });
  });

  // A small handle for scripts and tests: where people are, and the replay's controls.
  window.hyosanReport = {
    run, chart, replay, story,
    personOnScreen: (id) => replay?.personOnScreen(id) ?? null,
  };
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  const box = $("error");
  box.hidden = false;
  box.textContent = `This report could not be drawn: ${error && error.message ? error.message : error}`;
  console.error(error);
});
