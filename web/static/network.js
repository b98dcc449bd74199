// Draws an entity's network with Cytoscape.js from the page's JSON data block
// (<script type="application/json" id="network-data">): no inline script, so the pages can
// run under a Content-Security-Policy without 'unsafe-inline'.
//
// The server decides what is drawn (web/network.py): neighbours one by one, and counted groups
// (hubs, or many neighbours of one kind and link type). A tap on a group draws a page of its
// members; a tap on a person, agency or election draws its own network in place, and the next tap
// opens its page. The filter form redraws the drawing and the links table without reloading; the
// buttons download the drawing as PNG or SVG. Colours are the CSS custom properties of netra.css,
// which the legend shows too. The links table below the drawing lists every link for keyboard,
// screen-reader and no-JavaScript users.
(function () {
  "use strict";

  var EXPANDABLE = ["Person", "Agency", "Election"];
  var GROUP_PAGE = 50;  // members asked for per tap on a group (the server's default page size)
  var MAX_FIT_ZOOM = 1.3;
  var COLOURS = ["person", "agency", "case", "election", "other", "centre", "group", "hub",
                 "proven", "alleged", "not_proven", "none"];

  function start() {
    var container = document.getElementById("network");
    var block = document.getElementById("network-data");
    if (!container || !block || typeof window.cytoscape !== "function") {
      return;
    }
    var view = { container: container, maxNodes: Number(container.getAttribute("data-max-nodes")) || 400 };
    view.cy = window.cytoscape({
      container: container,
      elements: toElements(JSON.parse(block.textContent), null, null),
      style: styles(colours(container)),
      wheelSensitivity: 0.2
    });
    container.cy = view.cy;  // for scripts and the browser tests
    arrange(view, true);
    view.cy.on("tap", "node.group", function (event) { openGroup(view, event.target); });
    view.cy.on("tap", "node[url]", function (event) { expandOrOpen(view, event.target); });
    filterInPlace(view, document.getElementById("network-filter"));
    exportButtons(view);
    ["network-tools", "network-legend"].forEach(function (id) {
      var element = document.getElementById(id);
      if (element) { element.hidden = false; }
    });
  }

  // -- drawing -----------------------------------------------------------------------------------

  // The colours netra.css gives .network-view (--node-person, --edge-proven, ...).
  function colours(container) {
    var computed = window.getComputedStyle(container);
    var found = {};
    COLOURS.forEach(function (name) {
      var prefix = ["proven", "alleged", "not_proven", "none"].indexOf(name) < 0 ? "--node-" : "--edge-";
      found[name] = computed.getPropertyValue(prefix + name).trim() || "#5b6b80";
    });
    return found;
  }

  function styles(c) {
    var edgeStatus = function (status, extra) {
      return { selector: "edge.status-" + status,
               style: Object.assign({ "line-color": c[status], "target-arrow-color": c[status] }, extra) };
    };
    return [
      // Labels smaller than min-zoomed-font-size on screen are not drawn: a zoomed-out drawing of a
      // hundred nodes shows their shapes, zooming in shows their names.
      { selector: "node", style: { label: "data(name)", "font-size": 10, "text-wrap": "wrap", "text-max-width": 120,
                                   "min-zoomed-font-size": 8,
                                   "text-valign": "bottom", "text-margin-y": 3, "background-color": c.other,
                                   width: 18, height: 18 } },
      { selector: "node.person", style: { "background-color": c.person } },
      { selector: "node.agency", style: { shape: "diamond", "background-color": c.agency } },
      { selector: "node.case", style: { shape: "round-rectangle", "background-color": c["case"] } },
      { selector: "node.election", style: { shape: "hexagon", "background-color": c.election } },
      { selector: "node.hub", style: { width: 26, height: 26, "border-width": 4, "border-style": "double",
                                       "border-color": c.hub } },
      { selector: "node.group", style: { shape: "round-rectangle", "background-color": c.group,
                                         "border-width": 2, "border-style": "dashed", "border-color": c.centre,
                                         width: "mapData(size, 2, 1000, 30, 70)",
                                         height: "mapData(size, 2, 1000, 22, 44)", "font-weight": "bold" } },
      { selector: "node.centre", style: { "background-color": c.centre, width: 30, height: 30,
                                          "font-weight": "bold" } },
      { selector: "node[url]", style: { "border-width": 1, "border-color": c.centre } },
      { selector: "edge", style: { label: "data(label)", "font-size": 8, "min-zoomed-font-size": 8, "curve-style": "bezier",
                                   "target-arrow-shape": "triangle", width: "mapData(count, 1, 500, 1.5, 6)",
                                   "line-color": c.none, "target-arrow-color": c.none } },
      edgeStatus("proven", {}),
      edgeStatus("alleged", { "line-style": "dashed" }),
      edgeStatus("not_proven", { "line-style": "dotted" })
    ];
  }

  // The nodes and edges of a network answer not yet drawn, new nodes placed around `near` (the node
  // tapped) so that the layout moves them little; an edge is known by its ends and type (ids
  // differ per answer).
  function toElements(network, cy, near) {
    var absent = function (id) { return !cy || cy.getElementById(id).empty(); };
    var nodes = network.nodes.filter(function (node) { return absent(node.id); }).map(function (node, index) {
      var element = { group: "nodes", data: node, classes: classesOf(node, !cy) };
      if (near) {
        var angle = index * 2.4;  // a spiral: no two new nodes on the same spot
        var radius = 40 + 4 * index;
        element.position = { x: near.x + radius * Math.cos(angle), y: near.y + radius * Math.sin(angle) };
      }
      return element;
    });
    var edges = network.edges.map(function (edge) {
      var data = Object.assign({}, edge, { id: edge.source + "|" + edge.type + "|" + edge.target });
      return { group: "edges", data: data, classes: "status-" + edge.status };
    }).filter(function (edge) { return absent(edge.data.id); });
    return nodes.concat(edges);
  }

  function classesOf(node, first) {
    var classes = [node.label === "Group" ? "group" : node.label.toLowerCase()];
    if (node.hub && node.label !== "Group") { classes.push("hub"); }
    if (node.centre && first) { classes.push("centre"); }
    return classes.join(" ");
  }

  // fcose (vendored) when it registered itself, else Cytoscape's own cose; `fresh`: place every
  // node anew, else start from where the nodes are (after a tap only the new ones move much).
  function arrange(view, fresh) {
    var fcose = typeof window.cytoscape("layout", "fcose") === "function";
    var options = fcose
      ? { name: "fcose", animate: false, randomize: fresh, quality: "default", nodeDimensionsIncludeLabels: true,
          idealEdgeLength: 90, nodeRepulsion: 9000, packComponents: true }
      : { name: "cose", animate: false, randomize: fresh, nodeDimensionsIncludeLabels: true };
    view.cy.layout(options).run();
    if (view.cy.zoom() > MAX_FIT_ZOOM) {  // a drawing of two nodes is not blown up to fill the box
      view.cy.zoom(MAX_FIT_ZOOM);
      view.cy.center();
    }
    view.container.setAttribute("data-layout", options.name);
    view.container.setAttribute("data-rendered-nodes", String(view.cy.nodes().length));
    view.container.setAttribute("data-rendered-groups", String(view.cy.nodes(".group").length));
  }

  // -- taps --------------------------------------------------------------------------------------

  // A group: its next page of members; once all are drawn the group gives way to them.
  function openGroup(view, group) {
    if (group.data("loading")) {
      return;
    }
    if (view.cy.nodes().length + GROUP_PAGE > view.maxNodes) {
      say(text(view, "data-full", { n: view.cy.nodes().length }));
      return;
    }
    var page = (group.data("page") || 0) + 1;
    var query = currentFilter();
    query.set("group", group.data("group"));
    query.set("page", String(page));
    query.set("page_size", String(GROUP_PAGE));
    group.data("loading", true);
    say(text(view, "data-loading"));
    getJson(networkUrl(view, group.data("of"), query))
      .then(function (members) {
        view.cy.add(toElements(members, view.cy, group.position()));
        if (members.more > 0) {
          group.data({ page: page, name: members.rest_name, size: members.more });
        } else {
          group.remove();
        }
        arrange(view, false);
        say("");
      })
      .catch(function (reason) { say(text(view, "data-failed", { reason: reason })); })
      .then(function () { if (group.inside()) { group.data("loading", false); } });
  }

  // A person, agency or election: the first tap draws its network, the next opens its page;
  // anything else with a page (a case) opens it.
  function expandOrOpen(view, node) {
    if (node.data("expanded") || EXPANDABLE.indexOf(node.data("label")) < 0) {
      window.location.assign(node.data("url"));
      return;
    }
    node.data("expanded", true);
    getJson(networkUrl(view, node.id(), currentFilter()))
      .then(function (more) {
        if (view.cy.nodes().length + more.nodes.length > view.maxNodes) {
          say(text(view, "data-full", { n: view.cy.nodes().length }));
          return;
        }
        view.cy.add(toElements(more, view.cy, node.position()));
        arrange(view, false);
      })
      .catch(function () { window.location.assign(node.data("url")); });
  }

  // The filter the page was asked with (kept in the address bar by filterInPlace), for the API,
  // which answers in the page's language when asked: names and labels read like the page's.
  function currentFilter() {
    var query = new URLSearchParams(window.location.search);
    query.set("lang", document.documentElement.lang || "id");
    return query;
  }

  function networkUrl(view, id, query) {
    return view.container.getAttribute("data-api-prefix") + encodeURIComponent(id) + "/network?" + query.toString();
  }

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          return response.ok ? body : Promise.reject((body.error && body.error.message) || response.status);
        });
      });
  }

  // -- filters -----------------------------------------------------------------------------------

  // The form asks the page itself with its parameters (what a browser without JavaScript gets)
  // and takes the drawing's data and the links table from the answer, so the two always agree.
  function filterInPlace(view, form) {
    if (!form) {
      return;
    }
    var apply = function (event) {
      if (event) { event.preventDefault(); }
      refilter(view, form);
    };
    form.addEventListener("submit", apply);
    form.addEventListener("change", function () { apply(null); });
  }

  function refilter(view, form) {
    var query = new URLSearchParams();
    new FormData(form).forEach(function (value, name) { if (value) { query.append(name, value); } });
    var url = form.getAttribute("action") + (query.toString() ? "?" + query.toString() : "");
    if (view.pending) { view.pending.abort(); }
    view.pending = new AbortController();
    say(text(view, "data-loading"));
    fetch(url, { credentials: "same-origin", signal: view.pending.signal, headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.text().then(function (html) {
          return { ok: response.ok, page: new DOMParser().parseFromString(html, "text/html") };
        });
      })
      .then(function (answer) {
        if (!answer.ok) {
          var alert = answer.page.querySelector("[role=alert]");
          say(text(view, "data-failed", { reason: alert ? alert.textContent : "" }));
          return;
        }
        redraw(view, answer.page);
        window.history.replaceState(null, "", url);
        say("");
      })
      .catch(function (error) {
        if (error.name !== "AbortError") { say(text(view, "data-failed", { reason: error.message })); }
      });
  }

  function redraw(view, page) {
    ["links", "network-json"].forEach(function (id) {
      var fresh = page.getElementById(id);
      var old = document.getElementById(id);
      if (fresh && old) { old.replaceWith(document.importNode(fresh, true)); }
    });
    var network = JSON.parse(page.getElementById("network-data").textContent);
    view.cy.elements().remove();
    view.cy.add(toElements(network, null, null));
    arrange(view, true);
  }

  // -- export ------------------------------------------------------------------------------------

  function exportButtons(view) {
    var name = fileName(view.container.getAttribute("data-export-name"));
    var png = document.getElementById("network-png");
    var svg = document.getElementById("network-svg");
    if (png) {
      png.addEventListener("click", function () {
        var box = view.cy.elements().boundingBox();
        var scale = Math.min(2, 4000 / Math.max(box.w, box.h, 1));  // sharp, but never a giant canvas
        download(view.cy.png({ output: "blob", full: true, bg: "#ffffff", scale: scale }), name + ".png");
      });
    }
    if (svg) {
      svg.addEventListener("click", function () {
        download(new Blob([toSvg(view.cy)], { type: "image/svg+xml" }), name + ".svg");
      });
    }
  }

  // "Bawaslu Kabupaten Pesisir Selatan" -> "bawaslu-kabupaten-pesisir-selatan".
  function fileName(name) {
    var slug = (name || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80);
    return slug || "jaringan";
  }

  function download(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // The drawing as SVG, from Cytoscape's public API (positions and computed styles): straight
  // edges with their dash style and arrow, nodes in their shape and colours, labels under them.
  // (cytoscape-svg, the extension that redraws through the canvas renderer, is GPL-3.0: not
  // for this MIT project.)
  function toSvg(cy) {
    var box = cy.elements().boundingBox({ includeLabels: true });
    var pad = 12;
    var x = box.x1 - pad, y = box.y1 - pad, width = box.w + 2 * pad, height = box.h + 2 * pad;
    var parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="' + round(width) + '" height="' + round(height) +
                 '" viewBox="' + [x, y, width, height].map(round).join(" ") + '" font-family="sans-serif">',
                 '<rect x="' + round(x) + '" y="' + round(y) + '" width="' + round(width) + '" height="' +
                 round(height) + '" fill="#ffffff"/>'];
    cy.edges().forEach(function (edge) { parts.push(svgEdge(edge)); });
    cy.nodes().forEach(function (node) { parts.push(svgNode(node)); });
    parts.push("</svg>");
    return parts.join("\n");
  }

  function svgEdge(edge) {
    var a = edge.sourceEndpoint(), b = edge.targetEndpoint(), middle = edge.midpoint();
    var colour = edge.style("line-color"), width = parseFloat(edge.style("width"));
    var dash = { dashed: ' stroke-dasharray="6 3"', dotted: ' stroke-dasharray="1.5 3"' }[edge.style("line-style")] || "";
    var angle = Math.atan2(b.y - a.y, b.x - a.x), size = 5 + width;
    var arrow = [b, along(b, angle + Math.PI - 0.4, size), along(b, angle + Math.PI + 0.4, size)];
    return '<line x1="' + round(a.x) + '" y1="' + round(a.y) + '" x2="' + round(b.x) + '" y2="' + round(b.y) +
      '" stroke="' + colour + '" stroke-width="' + round(width) + '"' + dash + '/>' +
      '<polygon points="' + arrow.map(function (p) { return round(p.x) + "," + round(p.y); }).join(" ") +
      '" fill="' + colour + '"/>' + svgText(edge.data("label"), middle.x, middle.y, 8, "#333333", false);
  }

  function svgNode(node) {
    var p = node.position(), w = node.width(), h = node.height();
    var paint = ' fill="' + node.style("background-color") + '" stroke="' + node.style("border-color") +
      '" stroke-width="' + parseFloat(node.style("border-width")) + '"' +
      (node.style("border-style") === "dashed" ? ' stroke-dasharray="4 2"' : "");
    var shape = node.style("shape"), outline;
    if (shape === "ellipse") {
      outline = '<ellipse cx="' + round(p.x) + '" cy="' + round(p.y) + '" rx="' + w / 2 + '" ry="' + h / 2 + '"' + paint + "/>";
    } else if (shape === "diamond" || shape === "hexagon") {
      var corners = shape === "diamond" ? [[0, -1], [1, 0], [0, 1], [-1, 0]]
        : [[-0.5, -1], [0.5, -1], [1, 0], [0.5, 1], [-0.5, 1], [-1, 0]];
      outline = '<polygon points="' + corners.map(function (c) {
        return round(p.x + c[0] * w / 2) + "," + round(p.y + c[1] * h / 2);
      }).join(" ") + '"' + paint + "/>";
    } else {
      outline = '<rect x="' + round(p.x - w / 2) + '" y="' + round(p.y - h / 2) + '" width="' + w + '" height="' + h +
        '" rx="4"' + paint + "/>";
    }
    var bold = node.style("font-weight") === "bold";
    return outline + svgText(node.data("name"), p.x, p.y + h / 2 + 12, 10, "#000000", bold);
  }

  // A label in lines of about 24 characters, as the drawing wraps it.
  function svgText(value, x, y, size, colour, bold) {
    if (!value) {
      return "";
    }
    var lines = [], line = "";
    String(value).split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > 24) { lines.push(line); line = word; } else { line = line ? line + " " + word : word; }
    });
    lines.push(line);
    return '<text x="' + round(x) + '" y="' + round(y) + '" font-size="' + size + '" fill="' + colour +
      '" text-anchor="middle"' + (bold ? ' font-weight="bold"' : "") + ">" + lines.map(function (text, index) {
        return '<tspan x="' + round(x) + '" dy="' + (index ? size * 1.2 : 0) + '">' + escapeXml(text) + "</tspan>";
      }).join("") + "</text>";
  }

  function along(point, angle, length) {
    return { x: point.x + length * Math.cos(angle), y: point.y + length * Math.sin(angle) };
  }

  function round(value) {
    return Math.round(value * 10) / 10;
  }

  function escapeXml(value) {
    return value.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" }[c];
    });
  }

  // -- messages ----------------------------------------------------------------------------------

  // A message of the page's language, from the drawing's data-* attribute, {name}s filled in.
  function text(view, attribute, values) {
    return (view.container.getAttribute(attribute) || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return values && name in values ? String(values[name]) : whole;
    });
  }

  function say(message) {
    var status = document.getElementById("network-status");
    if (status) { status.textContent = message; }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
