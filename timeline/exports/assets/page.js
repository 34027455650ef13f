// timeline export page: filters by type, status and text; state kept in the URL hash
// (e.g. page.html#type=stock_price,guidance&status=planned&q=buyback) so a view can be shared.
(function () {
  "use strict";
  var events = Array.prototype.slice.call(document.querySelectorAll("article.ev"));
  var years = Array.prototype.slice.call(document.querySelectorAll("section.year"));
  var marks = Array.prototype.slice.call(document.querySelectorAll(".mark"));
  var typeChips = Array.prototype.slice.call(document.querySelectorAll(".chip[data-type]"));
  var statusChips = Array.prototype.slice.call(document.querySelectorAll(".chip[data-status]"));
  var search = document.getElementById("q");
  var count = document.getElementById("count");
  var reset = document.getElementById("reset");
  var allTypes = typeChips.map(function (c) { return c.getAttribute("data-type"); });
  var allStatuses = statusChips.map(function (c) { return c.getAttribute("data-status"); });
  var texts = events.map(function (e) { return e.textContent.toLowerCase(); });
  var types, statuses, query;

  function defaults() {
    types = new Set(allTypes);
    statuses = new Set(allStatuses);
    query = "";
  }

  function pick(value, allowed) {
    var wanted = value.split(",").filter(function (v) { return allowed.indexOf(v) >= 0; });
    return new Set(wanted.length ? wanted : allowed);
  }

  function readLocation() {
    defaults();
    var params = new URLSearchParams(location.search);
    var hash = location.hash.slice(1);
    if (hash.indexOf("=") >= 0) {
      new URLSearchParams(hash).forEach(function (v, k) { params.set(k, v); });
    }
    if (params.get("type")) types = pick(params.get("type"), allTypes);
    if (params.get("status")) statuses = pick(params.get("status"), allStatuses);
    if (params.get("q")) query = params.get("q").toLowerCase();
    if (search) search.value = query;
  }

  function writeLocation() {
    var params = [];
    if (types.size !== allTypes.length) params.push("type=" + Array.from(types).join(","));
    if (statuses.size !== allStatuses.length) params.push("status=" + Array.from(statuses).join(","));
    if (query) params.push("q=" + encodeURIComponent(query));
    var url = location.pathname + location.search + (params.length ? "#" + params.join("&") : "");
    try { history.replaceState(null, "", url); } catch (e) { /* file: URLs in some browsers */ }
  }

  function visible(type, status, i) {
    return types.has(type) && statuses.has(status) && (i < 0 || !query || texts[i].indexOf(query) >= 0);
  }

  function apply() {
    var shown = 0;
    events.forEach(function (el, i) {
      var on = visible(el.getAttribute("data-type"), el.getAttribute("data-status"), i);
      el.hidden = !on;
      if (on) shown += 1;
    });
    years.forEach(function (y) { y.hidden = !y.querySelector("article.ev:not([hidden])"); });
    marks.forEach(function (m) {
      var on = visible(m.getAttribute("data-type"), m.getAttribute("data-status"), -1);
      m.classList.toggle("off", !on);
    });
    typeChips.forEach(function (c) { c.setAttribute("aria-pressed", String(types.has(c.getAttribute("data-type")))); });
    statusChips.forEach(function (c) { c.setAttribute("aria-pressed", String(statuses.has(c.getAttribute("data-status")))); });
    if (count) count.textContent = shown + " of " + events.length + " events shown";
    document.body.setAttribute("data-shown", String(shown));
  }

  // First click on a type while all are shown shows that type alone; later clicks add or
  // remove types; emptying the selection shows everything again.
  function toggle(set, all, value) {
    if (set.size === all.length) return new Set([value]);
    if (set.has(value)) set.delete(value); else set.add(value);
    return set.size ? set : new Set(all);
  }

  typeChips.forEach(function (c) {
    c.addEventListener("click", function () {
      types = toggle(types, allTypes, c.getAttribute("data-type"));
      writeLocation(); apply();
    });
  });
  statusChips.forEach(function (c) {
    c.addEventListener("click", function () {
      statuses = toggle(statuses, allStatuses, c.getAttribute("data-status"));
      writeLocation(); apply();
    });
  });
  if (search) {
    search.addEventListener("input", function () {
      query = search.value.trim().toLowerCase();
      writeLocation(); apply();
    });
  }
  if (reset) {
    reset.addEventListener("click", function () { defaults(); if (search) search.value = ""; writeLocation(); apply(); });
  }
  window.addEventListener("hashchange", function () {
    if (location.hash.indexOf("=") >= 0 || !location.hash) { readLocation(); apply(); }
  });

  readLocation();
  apply();
  document.body.setAttribute("data-ready", "1");
})();
