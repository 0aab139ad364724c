/* kg's page script. All article text is written with textContent, never as HTML. */
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var big = data.nodes.length > 400;

  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) x.textContent = String(text);
    if (cls) x.className = cls;
    return x;
  }
  function style(group) { return data.style[group] || data.style.Other; }
  var GLYPH = {dot: "●", diamond: "◆", square: "■", triangle: "▲", star: "★", triangleDown: "▼"};

  document.getElementById("heading").textContent = data.title;
  if (data.note) { var note = document.getElementById("note"); note.textContent = data.note; note.hidden = false; }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var s = style(n.group);
    var node = {id: n.id, label: n.label, shape: s.shape, value: n.value, x: n.x, y: n.y,
                color: {background: s.color, border: n.center ? "#000" : s.color, highlight: {background: s.color, border: "#000"}},
                borderWidth: n.center ? 3 : 1};
    /* hubs keep a label of the same size on screen at any zoom (see hubLabels) */
    if (n.hub) { node.scaling = {label: {enabled: false}}; node.font = {size: 14, strokeWidth: 4, strokeColor: "#ffffff"}; }
    return node;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return {id: e.id, from: e.from, to: e.to, label: e.label, value: e.value};
  }));
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  var neighbours = {};
  data.edges.forEach(function (e) {
    (neighbours[e.from] = neighbours[e.from] || []).push(e.to);
    (neighbours[e.to] = neighbours[e.to] || []).push(e.from);
  });

  /* ---------------------------------------------------------------- filters */
  var state = {hiddenGroups: {}, query: "", issue: ""};
  var groups = [];
  data.nodes.forEach(function (n) { if (groups.indexOf(n.group) < 0) groups.push(n.group); });
  groups.sort(function (a, b) { return data.groups.indexOf(a) - data.groups.indexOf(b); });
  var types = document.getElementById("types");
  groups.forEach(function (group) {
    var count = data.nodes.filter(function (n) { return n.group === group; }).length;
    var l = el("label"), c = el("input"), sw = el("span", GLYPH[style(group).shape] || "●", "swatch");
    c.type = "checkbox"; c.checked = true; c.dataset.group = group;
    c.addEventListener("change", function () { state.hiddenGroups[group] = !c.checked; refresh(); });
    sw.style.color = style(group).color;
    l.appendChild(c); l.appendChild(sw); l.appendChild(document.createTextNode(group + " (" + count + ")"));
    types.appendChild(l);
  });

  var issueOf = {};  /* issue label -> true, and per node / edge the issues it concerns */
  function issuesOfNode(n) { return (n.info && n.info.issues) || (n.group === "Issue" ? [n.label] : []); }
  function issuesOfEdge(e) {
    var out = [];
    ((e.info && e.info.meetings) || []).forEach(function (m) { out = out.concat(m.issues || []); });
    return out;
  }
  data.nodes.forEach(function (n) { issuesOfNode(n).forEach(function (i) { issueOf[i] = true; }); });
  data.edges.forEach(function (e) { issuesOfEdge(e).forEach(function (i) { issueOf[i] = true; }); });
  var select = document.getElementById("issue");
  Object.keys(issueOf).sort().forEach(function (i) { var o = el("option", i); o.value = i; select.appendChild(o); });
  select.addEventListener("change", function () { state.issue = select.value; refresh(); });

  /* A meeting's label lists its participants; it matches on its kind only, so that a name
     finds the actor (and, as neighbours, its meetings) rather than every meeting it was in. */
  function matches(n, q) {
    if (n.group === "Meeting") return (n.info.kind || "").toLowerCase().indexOf(q) >= 0;
    if (n.label.toLowerCase().indexOf(q) >= 0) return true;
    return ((n.info && n.info.aliases) || []).some(function (a) { return a.toLowerCase().indexOf(q) >= 0; });
  }

  /* Which nodes and edges the filters leave visible: type boxes, issue, and search (matches
     and their direct neighbours). */
  function visibleSets() {
    var showNode = {}, showEdge = {};
    var issueNodes = null, issueEdges = null;
    if (state.issue) {
      issueNodes = {}; issueEdges = {};
      data.nodes.forEach(function (n) {
        if (n.group === "Meeting" && issuesOfNode(n).indexOf(state.issue) >= 0) {
          issueNodes[n.id] = true;
          (neighbours[n.id] || []).forEach(function (m) {
            var o = byId[m]; if (o.group !== "Issue" || o.label === state.issue) issueNodes[m] = true;
          });
        }
      });
      data.edges.forEach(function (e) {
        if (issuesOfEdge(e).indexOf(state.issue) >= 0) { issueEdges[e.id] = true; issueNodes[e.from] = issueNodes[e.to] = true; }
      });
    }
    var searchNodes = null;
    if (state.query) {
      searchNodes = {};
      data.nodes.forEach(function (n) {
        if (matches(n, state.query)) {
          searchNodes[n.id] = true;
          (neighbours[n.id] || []).forEach(function (m) { searchNodes[m] = true; });
        }
      });
    }
    data.nodes.forEach(function (n) {
      showNode[n.id] = !state.hiddenGroups[n.group] && (!issueNodes || !!issueNodes[n.id]) && (!searchNodes || !!searchNodes[n.id]);
    });
    data.edges.forEach(function (e) {
      showEdge[e.id] = showNode[e.from] && showNode[e.to] && (!issueEdges || !isActorView() || !!issueEdges[e.id]);
    });
    return {nodes: showNode, edges: showEdge};
  }
  function isActorView() { return data.view === "actors" || data.view === "top"; }

  var status = document.getElementById("status");
  function refresh() {
    var v = visibleSets();
    nodes.update(data.nodes.map(function (n) { return {id: n.id, hidden: !v.nodes[n.id]}; }));
    edges.update(data.edges.map(function (e) { return {id: e.id, hidden: !v.edges[e.id]}; }));
    var nv = data.nodes.filter(function (n) { return v.nodes[n.id]; }).length;
    var ev = data.edges.filter(function (e) { return v.edges[e.id]; }).length;
    status.textContent = nv + " of " + data.nodes.length + " nodes, " + ev + " of " + data.edges.length + " edges shown";
    showResults();
  }

  var results = document.getElementById("results");
  function showResults() {
    results.replaceChildren();
    if (!state.query) return;
    var hits = data.nodes.filter(function (n) { return matches(n, state.query) && !state.hiddenGroups[n.group]; });
    hits.slice(0, 15).forEach(function (n) {
      var li = el("li", n.label + " · " + n.group);
      li.addEventListener("click", function () { pick(n.id); });
      results.appendChild(li);
    });
    if (hits.length > 15) results.appendChild(el("li", "… " + (hits.length - 15) + " more"));
    if (!hits.length) results.appendChild(el("li", "no match"));
  }
  var search = document.getElementById("search");
  search.addEventListener("input", function () { state.query = search.value.trim().toLowerCase(); refresh(); });
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" || !state.query) return;
    var hit = data.nodes.filter(function (n) { return matches(n, state.query); })[0];
    if (hit) pick(hit.id);
  });

  /* ---------------------------------------------------------------- details */
  var details = document.getElementById("details");
  function kv(name, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    var d = el("div", undefined, "kv");
    d.appendChild(el("b", name + ": "));
    d.appendChild(document.createTextNode(Array.isArray(value) ? value.join("; ") : String(value)));
    details.appendChild(d);
  }
  function evidence(e) {
    details.appendChild(el("blockquote", e.quote, "evidence"));
    var s = el("span", undefined, "source");
    if (e.url && /^https?:\/\//.test(e.url)) {
      var a = el("a", e.article); a.href = e.url; a.target = "_blank"; a.rel = "noopener noreferrer"; s.appendChild(a);
    } else {
      s.appendChild(el("i", e.article));
    }
    s.appendChild(document.createTextNode(" · " + e.file + (e.published ? " · " + e.published : "") + " · rule " + e.rule));
    details.appendChild(s);
  }
  function showNode(id) {
    var n = byId[id]; if (!n) return;
    var info = n.info || {};
    details.replaceChildren();
    details.appendChild(el("h2", n.label));
    kv("type", n.group === "Meeting" ? (info.kind || "meeting") : n.group);
    ["title", "roles", "country", "category", "status", "date", "place", "participants", "issues", "cameo",
     "confidence", "sources", "aliases", "iri"].forEach(function (k) { kv(k, info[k]); });
    kv("connections", n.degree);
    var meetings = (neighbours[id] || []).map(function (m) { return byId[m]; })
      .filter(function (m) { return m.group === "Meeting" && n.group !== "Meeting"; })
      .sort(function (a, b) { return (a.info.date || "").localeCompare(b.info.date || "") || a.label.localeCompare(b.label); });
    if (meetings.length) {
      details.appendChild(el("h3", "Meetings (" + meetings.length + ")"));
      var ul = el("ul", undefined, "meetings");
      meetings.forEach(function (m) {
        var li = el("li", (m.info.date ? m.info.date + " · " : "") + m.label);
        li.addEventListener("click", function () { pick(m.id); });
        ul.appendChild(li);
      });
      details.appendChild(ul);
    }
    if (info.evidence && info.evidence.length) {
      details.appendChild(el("h3", "Evidence"));
      info.evidence.forEach(evidence);
    }
  }
  function showEdge(id) {
    var e = edgeById[id]; if (!e) return;
    details.replaceChildren();
    details.appendChild(el("h2", byId[e.from].label + " — " + e.label + " — " + byId[e.to].label));
    kv("relation", e.label);
    kv("weight", e.value + (e.label === "met" ? " meeting(s)" : " report(s)"));
    ((e.info && e.info.meetings) || []).forEach(function (m) {
      details.appendChild(el("h3", m.label + (m.date ? " (" + m.date + ")" : "")));
      kv("issues", m.issues);
      if (m.quote) details.appendChild(el("blockquote", m.quote, "evidence"));
    });
    var meeting = byId[e.from].group === "Meeting" ? byId[e.from] : byId[e.to].group === "Meeting" ? byId[e.to] : null;
    if (meeting && meeting.info.evidence) { details.appendChild(el("h3", "Evidence for " + meeting.label)); meeting.info.evidence.forEach(evidence); }
  }

  /* ---------------------------------------------------------------- the network */
  var physics = !!data.physics;
  var network = new vis.Network(document.getElementById("graph"), {nodes: nodes, edges: edges}, {
    layout: {improvedLayout: false, randomSeed: 7},
    physics: physics ? {enabled: true, solver: "barnesHut", barnesHut: {gravitationalConstant: -3000, springLength: 120, avoidOverlap: 0.3},
                        stabilization: {enabled: true, iterations: 120, fit: true}} : {enabled: false},
    interaction: {hover: !big, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big},
    nodes: {scaling: {min: 6, max: 40, label: {enabled: true, min: 13, max: 18, drawThreshold: big ? 9 : 5}}, font: {size: 12}},
    edges: {smooth: false, color: {color: "#b8b8b8", highlight: "#e15759", hover: "#777"},
            scaling: {min: 1, max: 8, label: {enabled: false}},
            font: {size: 9, color: "#666", strokeWidth: 2, align: "middle"}}
  });
  /* data-drawn-at: the first frame; data-settled-at: the first frame drawn with physics off */
  var body = document.body, still = !physics;
  function settled() { if (!still) { still = true; network.setOptions({physics: {enabled: false}}); network.fit(); network.redraw(); } }
  network.on("afterDrawing", function () {
    var now = String(Math.round(performance.now()));
    if (!body.dataset.drawn) { body.dataset.drawn = "1"; body.dataset.drawnAt = now; }
    if (still && !body.dataset.settled) { body.dataset.settled = "1"; body.dataset.settledAt = now; }
  });
  if (physics) { network.once("stabilizationIterationsDone", settled); network.once("stabilized", settled); }
  network.fit();  /* the first frame shows the whole (precomputed) layout, before any physics settles it */
  var hubs = data.nodes.filter(function (n) { return n.hub; }).map(function (n) { return n.id; }), hubSize = 0;
  function hubLabels() {
    var size = Math.round(Math.max(14, 14 / network.getScale()));
    if (!hubs.length || size === hubSize) return;
    hubSize = size;
    nodes.update(hubs.map(function (id) { return {id: id, font: {size: size, strokeWidth: Math.max(3, size / 5), strokeColor: "#ffffff"}}; }));
  }
  network.on("zoom", hubLabels);
  network.once("afterDrawing", hubLabels);

  function pick(id) {
    network.selectNodes([id]);
    network.focus(id, {scale: Math.max(network.getScale(), 1), animation: false});
    showNode(id);
  }
  var tip = document.getElementById("tip");
  network.on("hoverNode", function (p) {
    var n = byId[p.node], info = n.info || {};
    tip.textContent = n.label + " · " + (n.group === "Meeting" ? [info.kind, info.date, info.place].filter(Boolean).join(", ")
                                                                  : [n.group, info.country].filter(Boolean).join(", "));
    var box = document.getElementById("graph").getBoundingClientRect();
    tip.style.left = (box.left + p.pointer.DOM.x + 12) + "px"; tip.style.top = (box.top + p.pointer.DOM.y + 12) + "px";
    tip.hidden = false;
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });

  refresh();
  window.kg = {
    network: network, data: data, state: state, refresh: refresh, pick: pick, showNode: showNode, showEdge: showEdge,
    visible: function () {
      var v = visibleSets();
      return {nodes: data.nodes.filter(function (n) { return v.nodes[n.id]; }).map(function (n) { return n.id; }),
              edges: data.edges.filter(function (e) { return v.edges[e.id]; }).map(function (e) { return e.id; })};
    },
    scriptMs: Math.round(performance.now() - t0)
  };
})();
