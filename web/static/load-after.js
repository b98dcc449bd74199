// Parts of a page that take a search of their own (a case's similar cases), loaded after the
// page so that it does not wait for them. Each such part is an element with an id and
// data-src, the URL of a page holding an element with the same id; it starts with a link to
// that page (what a browser without JavaScript follows), and this replaces its content with the
// other page's element's. data-loading and data-failed are the words shown meanwhile and on
// failure (in the page's language).
(function () {
  "use strict";

  function load(holder) {
    const fallback = Array.from(holder.childNodes, (node) => node.cloneNode(true));
    holder.setAttribute("aria-busy", "true");
    holder.replaceChildren(message(holder.dataset.loading));
    fetch(holder.dataset.src, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then((html) => {
        // Parsed, not assigned to innerHTML: the part comes from our own page, inert until inserted.
        const part = new DOMParser().parseFromString(html, "text/html").getElementById(holder.id);
        if (!part) throw new Error("no #" + holder.id);
        holder.replaceChildren(...Array.from(part.childNodes, (node) => document.importNode(node, true)));
      })
      .catch(() => holder.replaceChildren(message(holder.dataset.failed), ...fallback))
      .finally(() => holder.removeAttribute("aria-busy"));
  }

  function message(text) {
    const paragraph = document.createElement("p");
    paragraph.className = "muted";
    paragraph.textContent = text || "";
    return paragraph;
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[id][data-src]").forEach(load);
  });
})();
